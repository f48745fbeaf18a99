use std::rc::Rc;

use quiz_core::Loaded;
use yew::prelude::*;

use super::{QuestionView, Results, Start};
use crate::hooks::use_quiz;
use crate::state::{Action, Screen};

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub bank: Rc<Loaded>,
    /// Seed for a new attempt (a saved attempt keeps its own).
    pub seed: u64,
    /// Restore and save progress in browser storage.
    #[prop_or(true)]
    pub storage: bool,
}

/// The quiz for one loaded bank: start screen, questions, results.
#[component]
pub fn Quiz(props: &QuizProps) -> Html {
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
                <header class="bank-header"><p class="bank-title">{ &bank.bank.meta.title }</p></header>
            }
            if let Some(n) = notice {
                <p class="notice" role="status">{ n.text() }</p>
            }
            { body }
        </>
    }
}
