//! The live preview: the question being edited, or the whole quiz, as a
//! visitor will see it. It follows every edit; while the bank still has
//! errors it plays the draft (placeholders for what is missing) under a
//! banner that says it is not ready to publish.

use std::rc::Rc;

use quiz_core::{Loaded, Options};
use yew::prelude::*;

use crate::components::{QuestionView, Quiz};
use crate::i18n::Lang;
use crate::state::{Action as QuizAction, QuizState, Screen};

use super::studio::Studio;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub studio: Rc<Studio>,
}

#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    let whole = use_state(|| false);
    let s = &props.studio;
    let Some(bank) = s.draft.clone() else {
        return html! {
            <section class="preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{ "Preview" }</h2>
                <p>{ s.why_no_preview().unwrap_or_default() }</p>
            </section>
        };
    };
    let is_draft = s.loaded.is_none();
    let lang = Lang::pick([bank.bank.meta.language.as_str()]);
    let selected_id = s
        .bank
        .as_ref()
        .and_then(|b| b.questions.get(s.selected))
        .map(|q| q.id.clone())
        .unwrap_or_default();
    let playable = bank.bank.questions.iter().any(|q| q.id == selected_id);
    let toggle = {
        let whole = whole.clone();
        Callback::from(move |_: MouseEvent| whole.set(!*whole))
    };
    // A new preview for every checked edit (a large bank's when typing
    // pauses): the key changes with it.
    let key = format!("{}-{}-{}", s.checked, s.selected, *whole);
    html! {
        <section class="preview" aria-labelledby="preview-title">
            <div class="preview-head">
                <h2 id="preview-title">{ if *whole { "Preview: the whole quiz" } else { "Preview: this question" } }</h2>
                <button type="button" onclick={toggle}>
                    { if *whole { "Preview this question only" } else { "Preview the whole quiz" } }
                </button>
            </div>
            if is_draft {
                <div class="draft-banner" role="note">
                    <strong>{ "Draft, not ready to publish." }</strong>
                    { format!(" {} to fix. Placeholders stand in for missing citations, explanations and details.",
                        match s.errors() { 1 => "1 error".to_string(), n => format!("{n} errors") }) }
                    if !s.left_out.is_empty() {
                        { format!(" Not playable yet, so left out: {}.", named(&s.left_out)) }
                    }
                </div>
            }
            <div class="preview-frame quiz">
                <ContextProvider<Lang> context={lang}>
                    if *whole {
                        <Quiz key={key} bank={bank.clone()} seed={crate::hooks::random_seed()} storage={false} />
                    } else if playable {
                        <OneQuestion key={key} bank={bank.clone()} id={selected_id} />
                    } else {
                        <p>{ "This question cannot be played yet: it needs at least two choices and a right answer." }</p>
                    }
                </ContextProvider<Lang>>
            </div>
        </section>
    }
}

/// The first questions left out by id, and how many more.
fn named(ids: &[String]) -> String {
    const SHOWN: usize = 20;
    let first = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match ids.len().saturating_sub(SHOWN) {
        0 => first,
        more => format!("{first} and {} more", quiz_core::validate::thousands(more)),
    }
}

#[derive(Properties, PartialEq)]
struct OneProps {
    bank: Rc<Loaded>,
    id: String,
}

/// One question, answerable, without a start page or results.
#[component]
fn OneQuestion(props: &OneProps) -> Html {
    let state = {
        let (bank, id) = (props.bank.clone(), props.id.clone());
        use_reducer(move || {
            // A bank of this one question: a visit of the whole bank (even
            // with `only`) would also ask its essential questions.
            let mut one = (*bank).clone();
            one.bank.questions.retain(|q| q.id == id);
            let options = Options {
                shuffle: Some(false),
                ..Options::default()
            };
            let mut s = QuizState::new(Rc::new(one), 1, options);
            s.started = true;
            s
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: QuizAction| state.dispatch(a))
    };
    match (state.screen(), state.session.slot()) {
        (Screen::Question, Some(slot)) => html! {
            <QuestionView bank={state.bank.clone()} slot={slot.clone()} index={0} total={1}
                instant={true} dispatch={dispatch} focus_on_show={false} />
        },
        _ => html! {
            <div>
                <p>{ "That was the only question of this preview." }</p>
                <button type="button" onclick={dispatch.reform(|_| QuizAction::Retry(1))}>{ "Answer it again" }</button>
            </div>
        },
    }
}
