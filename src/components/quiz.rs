use std::rc::Rc;

use quiz_core::score::score_question;
use quiz_core::{report, Loaded};
use yew::prelude::*;

use super::question::verdict;
use super::{QuestionView, Results, Start};
use crate::hooks::use_quiz;
use crate::i18n::{use_lang, Lang};
use crate::state::{Action, QuizState, Screen};

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub bank: Rc<Loaded>,
    /// Seed for a new attempt (a saved attempt keeps its own).
    pub seed: u64,
    /// Restore and save progress in browser storage.
    #[prop_or(true)]
    pub storage: bool,
}

/// What the polite live region says for this state: the verdict after a
/// check, the score on the results page, otherwise nothing.
pub fn announcement(state: &QuizState, lang: Lang) -> String {
    let bank = &state.bank.bank;
    match state.screen() {
        Screen::Question => state
            .session
            .slot()
            .filter(|slot| slot.checked)
            .and_then(|slot| {
                let q = bank.question(&slot.question)?;
                let earned = score_question(q, &slot.selected, bank.meta.scoring);
                let max = f64::from(q.points);
                Some(format!(
                    "{}. {}",
                    lang.t(verdict(earned, max).0),
                    lang.points(earned, max)
                ))
            })
            .unwrap_or_default(),
        Screen::Results => {
            let r = report(bank, &state.session);
            let outcome = lang.t(if r.passed {
                "results_passed"
            } else {
                "results_not_passed"
            });
            lang.f(
                "announce_score",
                &[("percent", &lang.percent(r.percent)), ("outcome", outcome)],
            )
        }
        Screen::Start => String::new(),
    }
}

/// The quiz for one loaded bank: start screen, questions, results.
#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let lang = use_lang();
    let (state, notice) = use_quiz(props.bank.clone(), props.seed, props.storage);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let bank = state.bank.clone();
    let body = match state.screen() {
        Screen::Start => html! {
            <Start bank={bank.clone()} count={state.session.len()}
                on_start={dispatch.reform(|()| Action::Start)} />
        },
        Screen::Question => match state.session.slot() {
            Some(slot) => html! {
                <QuestionView bank={bank.clone()} slot={slot.clone()}
                    index={state.session.current} total={state.session.len()}
                    dispatch={dispatch.clone()} />
            },
            None => html! {},
        },
        Screen::Results => html! {
            <Results bank={bank.clone()} session={state.session.clone()} dispatch={dispatch.clone()} />
        },
    };
    html! {
        <>
            if state.screen() != Screen::Start {
                <header class="bank-header"><h1 class="bank-title">{ &bank.bank.meta.title }</h1></header>
            }
            if let Some(n) = notice {
                <p class="notice" role="status">{ lang.t(n.key()) }</p>
            }
            { body }
            <div class="visually-hidden" role="status" aria-live="polite">{ announcement(&state, lang) }</div>
        </>
    }
}
