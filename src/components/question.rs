use std::rc::Rc;

use quiz_core::score::score_question;
use quiz_core::session::Slot;
use quiz_core::{Kind, Loaded};
use yew::prelude::*;

use super::Citations;
use crate::i18n::use_lang;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub bank: Rc<Loaded>,
    pub slot: Slot,
    /// 0-based position in the session.
    pub index: usize,
    pub total: usize,
    /// Judge each answer right away (false: only on the results page).
    #[prop_or(true)]
    pub instant: bool,
    pub dispatch: Callback<Action>,
    /// Move focus to the question when it appears (off in the editor's
    /// preview, which must not take focus from the field being typed in).
    #[prop_or(true)]
    pub focus_on_show: bool,
}

/// How an answer was judged: a catalogue key and a CSS class (words, never
/// colour alone).
pub fn verdict(earned: f64, max: f64) -> (&'static str, &'static str) {
    if earned + 1e-9 >= max {
        ("verdict_correct", "correct")
    } else if earned > 0.0 {
        ("verdict_partly", "partly-correct")
    } else {
        ("verdict_incorrect", "incorrect")
    }
}

#[component]
pub fn QuestionView(props: &QuestionProps) -> Html {
    let lang = use_lang();
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        let focus = props.focus_on_show;
        use_effect_with(props.slot.question.clone(), move |_| {
            if let Some(el) = heading.cast::<web_sys::HtmlElement>().filter(|_| focus) {
                let _ = el.focus();
            }
        });
    }
    let bank = &props.bank.bank;
    let slot = &props.slot;
    let Some(q) = bank.question(&slot.question) else {
        return html! {};
    };
    let multiple = q.kind == Kind::Multiple;
    let earned = score_question(q, &slot.selected, bank.meta.scoring);
    let max = f64::from(q.points);
    let (verdict_key, verdict_class) = verdict(earned, max);

    let choices = slot.order.iter().filter_map(|cid| {
        let c = q.choice(cid)?;
        let chosen = slot.selected.contains(cid);
        let input_id = format!("choice-{}-{}", q.id, c.id);
        let onchange = {
            let dispatch = props.dispatch.clone();
            let choice = c.id.clone();
            // Controlled input: a checkbox toggles, a radio turns on.
            let on = !(multiple && chosen);
            Callback::from(move |_: Event| dispatch.emit(Action::Select { choice: choice.clone(), on }))
        };
        let marks = (slot.checked && props.instant).then(|| {
            let mut parts = Vec::new();
            if c.correct {
                parts.push(lang.t("mark_correct"));
            } else if chosen {
                parts.push(lang.t("mark_wrong"));
            }
            if chosen {
                parts.push(lang.t("mark_yours"));
            }
            html! {
                <>
                    if !parts.is_empty() {
                        <span class="mark">{ parts.join(" · ") }</span>
                    }
                    { for c.feedback.as_ref().map(|f| html! { <span class="choice-feedback">{ f }</span> }) }
                </>
            }
        });
        let class = classes!(
            "choice",
            chosen.then_some("chosen"),
            (slot.checked && props.instant && c.correct).then_some("is-correct"),
            (slot.checked && props.instant && chosen && !c.correct).then_some("is-wrong"),
        );
        Some(html! {
            <div {class}>
                <input
                    type={if multiple { "checkbox" } else { "radio" }}
                    id={input_id.clone()}
                    name={format!("q-{}", q.id)}
                    value={c.id.clone()}
                    checked={chosen}
                    disabled={slot.checked}
                    {onchange}
                />
                <label for={input_id}>{ &c.text }</label>
                { for marks }
            </div>
        })
    });

    // The check runs on the button's click: Enter in a choice clicks the
    // default button too, and a sandboxed iframe without allow-forms never
    // delivers the form's submit event.
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let check = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            dispatch.emit(Action::Check);
        })
    };
    let go = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let last = props.index + 1 >= props.total;
    let hint = match q.kind {
        Kind::Multiple => "hint_multiple",
        Kind::TrueFalse => "hint_true_false",
        Kind::Single => "hint_single",
    };
    let icon = match verdict_class {
        "correct" => "✓ ",
        "incorrect" => "✗ ",
        _ => "◐ ",
    };

    html! {
        <section class="card question" aria-labelledby="question-heading">
            <div class="progress-row">
                <h2 id="question-heading" tabindex="-1" ref={heading}>
                    { lang.f("question_of", &[("n", &(props.index + 1).to_string()), ("total", &props.total.to_string())]) }
                </h2>
                <progress max={props.total.to_string()} value={(props.index + 1).to_string()}
                    aria-label={lang.t("progress_label")}></progress>
            </div>
            <form {onsubmit}>
                <fieldset>
                    <legend>{ &q.prompt }</legend>
                    <p class="hint">{ lang.t(hint) }</p>
                    <div class="choices">{ for choices }</div>
                </fieldset>
                if !slot.checked {
                    <button type="submit" class="primary" disabled={slot.selected.is_empty()} onclick={check}>
                        { lang.t(if props.instant { "check" } else { "save_answer" }) }
                    </button>
                }
            </form>
            if slot.checked && !props.instant {
                <p class="saved">{ lang.t("answer_saved") }</p>
            }
            if slot.checked && props.instant {
                <div class={classes!("feedback", verdict_class)}>
                    <p class="verdict">
                        <span aria-hidden="true">{ icon }</span>
                        <strong>{ lang.t(verdict_key) }</strong>{ format!(" — {}", lang.points(earned, max)) }
                    </p>
                    <h3>{ lang.t("explanation") }</h3>
                    <p class="explanation">{ &q.explanation }</p>
                    <Citations bank={props.bank.clone()} cites={q.cites.clone()} />
                </div>
            }
            <nav class="actions" aria-label={lang.t("question_nav")}>
                if props.index > 0 {
                    <button type="button" onclick={go(Action::Prev)}>{ lang.t("previous") }</button>
                }
                if last {
                    <button type="button" class="primary" onclick={go(Action::Finish)}>{ lang.t("see_results") }</button>
                } else {
                    <button type="button" onclick={go(Action::Next)}>{ lang.t("next") }</button>
                }
            </nav>
        </section>
    }
}
