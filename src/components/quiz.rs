use std::rc::Rc;

use quiz_core::score::score_question;
use quiz_core::{report, Loaded, Options};
use yew::prelude::*;

use super::question::verdict;
use super::{QuestionView, Results, Start};
use crate::config::{Config, FeedbackMode};
use crate::hooks::{host, use_host_events, use_quiz};
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
    /// Page options: draw, feedback mode, brand, call to action, host.
    #[prop_or_default]
    pub config: Rc<Config>,
    /// Rendered into index.html at build time, before the app can run: the
    /// start button shows that the quiz is not ready yet.
    #[prop_or_default]
    pub booting: bool,
}

/// What the polite live region says for this state: the verdict after a
/// check, the score on the results page, otherwise nothing.
pub fn announcement(state: &QuizState, lang: Lang, instant: bool) -> String {
    let bank = &state.bank.bank;
    match state.screen() {
        Screen::Question if !instant => state
            .session
            .slot()
            .filter(|slot| slot.checked)
            .map(|_| lang.t("answer_saved").to_string())
            .unwrap_or_default(),
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
    let config = props.config.clone();
    let options = Options {
        count: config.count,
        per_topic: config.per_topic,
        shuffle: config.shuffle,
        only: None,
    };
    let seed = config.seed.unwrap_or(props.seed);
    let (state, notice) = use_quiz(props.bank.clone(), seed, options, props.storage);
    use_host_events(config.clone(), Rc::new((*state).clone()));
    let instant = config.feedback == FeedbackMode::Each;
    // For the load benchmark: the first screen a visitor can act on is up.
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("quiz-ready");
        }
    });
    let logo = config
        .theme
        .logo
        .as_ref()
        .map(|src| html! { <img class="logo" src={src.clone()} alt="" /> });
    let on_cta = {
        let config = config.clone();
        Callback::from(move |url: String| host::cta_clicked(&config, &url))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let bank = state.bank.clone();
    let body = match state.screen() {
        Screen::Start => html! {
            <Start bank={bank.clone()} count={state.session.len()} logo={logo.clone()}
                booting={props.booting} on_start={dispatch.reform(|()| Action::Start)} />
        },
        Screen::Question => match state.session.slot() {
            Some(slot) => html! {
                <QuestionView bank={bank.clone()} slot={slot.clone()}
                    index={state.session.current} total={state.session.len()}
                    {instant} dispatch={dispatch.clone()} />
            },
            None => html! {},
        },
        Screen::Results => html! {
            <Results bank={bank.clone()} session={state.session.clone()} dispatch={dispatch.clone()}
                cta={config.cta.clone()} {on_cta} date={crate::hooks::today()} />
        },
    };
    html! {
        <>
            if state.screen() != Screen::Start {
                <header class="bank-header">{ logo }<h1 class="bank-title">{ &bank.bank.meta.title }</h1></header>
            }
            if let Some(n) = notice {
                <p class="notice" role="status">{ lang.t(n.key()) }</p>
            }
            { body }
            <div class="visually-hidden" role="status" aria-live="polite">{ announcement(&state, lang, instant) }</div>
        </>
    }
}
