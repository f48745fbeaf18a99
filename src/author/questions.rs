//! The question list (select, reorder with buttons or Alt+arrow keys) and
//! the form for the selected question.

use std::rc::Rc;

use quiz_core::bank::Difficulty;
use quiz_core::validate::thousands;
use quiz_core::{Bank, Kind};
use yew::prelude::*;

use super::doc::Field as Value;
use super::fields::{at, Check, Control, Field, FieldProblems, Pick};
use super::forms::FormProps;
use super::studio::{field_id, Action, At, PAGE};

fn excerpt(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return "(no prompt yet)".to_string();
    }
    let cut: String = t.chars().take(70).collect();
    if cut.len() < t.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The questions the list shows for `filter`: every one, or those whose
/// number, id, prompt or topic contains it (case aside).
pub fn matching(bank: &Bank, filter: &str) -> Vec<usize> {
    let f = filter.trim().to_lowercase();
    if f.is_empty() {
        return (0..bank.questions.len()).collect();
    }
    let number = f.trim_start_matches('#');
    bank.questions
        .iter()
        .enumerate()
        .filter(|(i, q)| {
            (i + 1).to_string() == number
                || q.id.to_lowercase().contains(&f)
                || q.prompt.to_lowercase().contains(&f)
                || bank
                    .topics
                    .iter()
                    .find(|t| t.id == q.topic)
                    .is_some_and(|t| t.label.to_lowercase().contains(&f))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The question list: a page of [`PAGE`] questions at a time (the page of
/// the selected one, unless another was chosen), and for a long list a
/// filter and the buttons to the other pages. Only the page is rendered,
/// so a bank of thousands of questions moves as quickly as a short one.
#[component]
pub fn QuestionList(props: &FormProps) -> Html {
    let (s, d, bank) = (&props.studio, &props.dispatch, &props.bank);
    let n = bank.questions.len();
    let shown = matching(bank, &s.filter);
    let pages = shown.len().div_ceil(PAGE).max(1);
    let page = s
        .list_page
        .unwrap_or_else(|| {
            shown
                .iter()
                .position(|&i| i == s.selected)
                .map_or(0, |k| k / PAGE)
        })
        .min(pages - 1);
    let on_page = &shown[(page * PAGE).min(shown.len())..((page + 1) * PAGE).min(shown.len())];
    let items = on_page.iter().map(|&i| {
        let q = &bank.questions[i];
        let problems = s.problems_in_question(i);
        let topic = bank
            .topics
            .iter()
            .find(|t| t.id == q.topic)
            .map_or(q.topic.as_str(), |t| t.label.as_str());
        let selected = i == s.selected;
        // Alt+Up / Alt+Down move the question; focus stays on it.
        let onkeydown = {
            let d = d.clone();
            Callback::from(move |e: KeyboardEvent| {
                let to = match e.key().as_str() {
                    "ArrowUp" if e.alt_key() && i > 0 => i - 1,
                    "ArrowDown" if e.alt_key() && i + 1 < n => i + 1,
                    _ => return,
                };
                e.prevent_default();
                d.emit(Action::MoveQuestion { from: i, to });
                d.emit(Action::Reveal(vec![
                    quiz_core::diagnostic::Seg::Key("pick"),
                    quiz_core::diagnostic::Seg::Index(to),
                ]));
            })
        };
        html! {
            <li class={classes!("pick", selected.then_some("selected"))}>
                <button type="button" id={format!("f-pick-{i}")} aria-current={selected.then_some("true")}
                    onclick={d.reform(move |_| Action::Select(i))} {onkeydown}>
                    <span class="number">{ format!("{}.", i + 1) }</span>
                    <span class="prompt">{ excerpt(&q.prompt) }</span>
                    <span class="meta">
                        { topic }
                        if problems > 0 {
                            <span class="badge">{ match problems { 1 => " · 1 problem".to_string(), n => format!(" · {n} problems") } }</span>
                        }
                    </span>
                </button>
            </li>
        }
    });
    let filtering = !s.filter.trim().is_empty();
    let where_ = match (on_page.first(), on_page.last()) {
        _ if filtering && shown.is_empty() => "No question matches.".to_string(),
        (Some(a), Some(b)) if filtering => format!(
            "{} match; showing {} to {}.",
            match shown.len() {
                1 => "1 question".to_string(),
                m => format!("{} questions", thousands(m)),
            },
            a + 1,
            b + 1
        ),
        (Some(a), Some(b)) => format!("Questions {} to {} of {}.", a + 1, b + 1, thousands(n)),
        _ => String::new(),
    };
    let on_filter = d.reform(|e: InputEvent| {
        Action::Filter(
            e.target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default(),
        )
    });
    html! {
        <nav class="question-list" aria-labelledby="questions-title">
            <h2 id="questions-title">{ format!("Questions ({})", thousands(n)) }</h2>
            if n > PAGE || filtering {
                <div class="list-tools">
                    <label for="question-filter">{ "Find questions" }</label>
                    <input id="question-filter" type="search" value={s.filter.clone()} oninput={on_filter}
                        aria-describedby="question-pages" placeholder="Words of the prompt, an id, a topic or a number" />
                    <p class="field-hint" id="question-pages">{ where_ }</p>
                    if pages > 1 {
                        <div class="toolbar" role="group" aria-label="Pages of the list">
                            <button type="button" disabled={page == 0}
                                onclick={d.reform(move |_| Action::Page(page.saturating_sub(1)))}>{ format!("Previous {PAGE} questions") }</button>
                            <button type="button" disabled={page + 1 >= pages}
                                onclick={d.reform(move |_| Action::Page(page + 1))}>{ format!("Next {PAGE} questions") }</button>
                        </div>
                    }
                </div>
            }
            <p class="field-hint" id="reorder-hint">{ "Alt+Up and Alt+Down move the selected question." }</p>
            <ol aria-describedby="reorder-hint">{ for items }</ol>
            <button type="button" onclick={d.reform(|_| Action::AddQuestion)}>{ "Add a question" }</button>
        </nav>
    }
}

fn kind_value(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "single",
        Kind::Multiple => "multiple",
        Kind::TrueFalse => "true_false",
    }
}

#[component]
pub fn QuestionForm(props: &FormProps) -> Html {
    let (s, d, bank) = (&props.studio, &props.dispatch, &props.bank);
    let i = s.selected;
    let Some(q) = bank.questions.get(i) else {
        return html! {
            <section class="form-section question-form" aria-label="Question">
                <p>{ "This bank has no questions yet." }</p>
                <button type="button" class="primary" onclick={d.reform(|_| Action::AddQuestion)}>{ "Add the first question" }</button>
            </section>
        };
    };
    let n = bank.questions.len();
    let here = At::Question(i);
    let p = |key| at(&s.problems_at(&here.path(key)));
    let set = |key: &'static str| {
        d.reform(move |v: String| Action::Set {
            at: here,
            key,
            field: Value::Text(v),
        })
    };
    let topics: Vec<(AttrValue, AttrValue)> = bank
        .topics
        .iter()
        .map(|t| {
            (
                t.id.clone().into(),
                if t.label.is_empty() {
                    t.id.clone().into()
                } else {
                    t.label.clone().into()
                },
            )
        })
        .collect();
    let difficulty = match q.difficulty {
        None => "",
        Some(Difficulty::Easy) => "easy",
        Some(Difficulty::Medium) => "medium",
        Some(Difficulty::Hard) => "hard",
    };
    let kind = q.kind;
    let points = {
        let d = d.clone();
        Callback::from(move |v: String| {
            if let Ok(n) = v.trim().parse::<i64>() {
                d.emit(Action::Set {
                    at: here,
                    key: "points",
                    field: Value::Int(n),
                });
            }
        })
    };
    html! {
        <section class="form-section question-form" aria-labelledby="question-title" id={field_id(&here.base())} tabindex="-1">
            <div class="question-head">
                <h2 id="question-title">{ format!("Question {} of {}", i + 1, thousands(n)) }</h2>
                <div class="toolbar" role="group" aria-label="Question actions">
                    <button type="button" disabled={i == 0} onclick={d.reform(move |_| Action::MoveQuestion { from: i, to: i - 1 })}>{ "Move up" }</button>
                    <button type="button" disabled={i + 1 >= n} onclick={d.reform(move |_| Action::MoveQuestion { from: i, to: i + 1 })}>{ "Move down" }</button>
                    <button type="button" onclick={d.reform(move |_| Action::DuplicateQuestion(i))}>{ "Duplicate" }</button>
                    <button type="button" class="danger" onclick={d.reform(move |_| Action::DeleteQuestion(i))}>{ "Delete" }</button>
                </div>
            </div>
            <FieldProblems id="question-problems" problems={at(&s.problems_at(&here.base()))} />
            <Field path={here.path("prompt")} label="Question" control={Control::Area} value={q.prompt.clone()}
                problems={p("prompt")} oninput={set("prompt")} required=true />
            <div class="grid">
                <Pick path={here.path("topic")} label="Topic" value={q.topic.clone()} options={topics} problems={p("topic")}
                    onchange={set("topic")} />
                <Pick path={here.path("kind")} label="Kind" value={kind_value(kind)} problems={p("kind")}
                    options={vec![("single".into(), "One right answer".into()),
                                  ("multiple".into(), "Several right answers".into()),
                                  ("true_false".into(), "True or false".into())]}
                    onchange={d.reform(move |v: String| Action::SetKind { q: i, kind: match v.as_str() {
                        "multiple" => Kind::Multiple, "true_false" => Kind::TrueFalse, _ => Kind::Single } })} />
                <Pick path={here.path("difficulty")} label="Difficulty" value={difficulty} problems={p("difficulty")}
                    options={vec![("".into(), "Not set".into()), ("easy".into(), "Easy".into()),
                                  ("medium".into(), "Medium".into()), ("hard".into(), "Hard".into())]}
                    onchange={d.reform(move |v: String| Action::Set { at: here, key: "difficulty",
                        field: if v.is_empty() { Value::Absent } else { Value::Text(v) } })} />
                <Field path={here.path("points")} label="Points" control={Control::Number} value={q.points.to_string()}
                    problems={p("points")} oninput={points} />
                <Field path={here.path("id")} label="Question id" value={q.id.clone()} problems={p("id")}
                    hint="Used in saved progress and events; keep it once the quiz is live."
                    oninput={set("id")} />
            </div>
            <Check path={here.path("essential")} label="Always ask this question" checked={q.essential}
                hint="For the few facts every patient must know: every visit asks it, and a visitor who misses it sees it first on the results page."
                problems={p("essential")}
                onchange={d.reform(move |on: bool| Action::Set { at: here, key: "essential",
                    field: if on { Value::Bool(true) } else { Value::Absent } })} />
            <Choices bank={bank.clone()} studio={s.clone()} dispatch={d.clone()} />
            <Field path={here.path("explanation")} label="Explanation shown after the answer" control={Control::Area}
                value={q.explanation.clone()} problems={p("explanation")} oninput={set("explanation")} required=true />
            <Cites bank={bank.clone()} studio={s.clone()} dispatch={d.clone()} />
        </section>
    }
}

#[component]
fn Choices(props: &FormProps) -> Html {
    let (s, d) = (&props.studio, &props.dispatch);
    let i = s.selected;
    let Some(q) = props.bank.questions.get(i) else {
        return html! {};
    };
    let multiple = q.kind == Kind::Multiple;
    let fixed = q.kind == Kind::TrueFalse;
    let group = format!("correct-{i}");
    let count = q.choices.len();
    let rows = q.choices.iter().enumerate().map(|(j, c)| {
        let here = At::Choice(i, j);
        let p = |key| at(&s.problems_at(&here.path(key)));
        let tick_id = format!("{}-correct", field_id(&here.base()));
        let onchange = d.reform(move |e: Event| {
            let on = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|x| x.checked());
            Action::SetCorrect { q: i, c: j, on }
        });
        html! {
            <li class="choice-row" id={field_id(&here.base())} tabindex="-1">
                <FieldProblems id={format!("{}-problems", field_id(&here.base()))} problems={at(&s.problems_at(&here.base()))} />
                <div class="tick">
                    <input id={tick_id.clone()} type={if multiple { "checkbox" } else { "radio" }} name={group.clone()}
                        checked={c.correct} {onchange} />
                    <label for={tick_id}>{ format!("Choice {} is correct", j + 1) }</label>
                </div>
                <Field path={here.path("text")} label={format!("Choice {}", j + 1)} value={c.text.clone()}
                    problems={p("text")} oninput={d.reform(move |v: String| Action::Set { at: here, key: "text", field: Value::Text(v) })} />
                <Field path={here.path("feedback")} label={format!("Feedback when choice {} is picked (optional)", j + 1)}
                    value={c.feedback.clone().unwrap_or_default()} problems={p("feedback")}
                    oninput={d.reform(move |v: String| Action::Set { at: here, key: "feedback",
                        field: if v.trim().is_empty() { Value::Absent } else { Value::Text(v) } })} />
                <div class="toolbar" role="group" aria-label={format!("Choice {} actions", j + 1)}>
                    <button type="button" class="quiet" disabled={j == 0}
                        onclick={d.reform(move |_| Action::MoveChoice { q: i, from: j, to: j - 1 })}>
                        { "Move up" }<span class="visually-hidden">{ format!(" choice {}", j + 1) }</span>
                    </button>
                    <button type="button" class="quiet" disabled={j + 1 >= count}
                        onclick={d.reform(move |_| Action::MoveChoice { q: i, from: j, to: j + 1 })}>
                        { "Move down" }<span class="visually-hidden">{ format!(" choice {}", j + 1) }</span>
                    </button>
                    if !fixed {
                        <button type="button" class="quiet" onclick={d.reform(move |_| Action::RemoveChoice(i, j))}>
                            { "Remove" }<span class="visually-hidden">{ format!(" choice {}", j + 1) }</span>
                        </button>
                    }
                </div>
            </li>
        }
    });
    let base = At::Question(i).path("choices");
    html! {
        <fieldset class="choices" id={field_id(&base)} tabindex="-1">
            <legend>{ if multiple { "Choices: tick every right answer" } else { "Choices: tick the right answer" } }</legend>
            <FieldProblems id="choices-problems" problems={at(&s.problems_at(&base))} />
            <ol class="rows">{ for rows }</ol>
            if !fixed {
                <button type="button" onclick={d.reform(move |_| Action::AddChoice(i))}>{ "Add a choice" }</button>
            }
        </fieldset>
    }
}

#[component]
fn Cites(props: &FormProps) -> Html {
    let (s, d, bank): (_, _, &Rc<Bank>) = (&props.studio, &props.dispatch, &props.bank);
    let i = s.selected;
    let Some(q) = bank.questions.get(i) else {
        return html! {};
    };
    let sources = super::fields::source_options(bank);
    let rows = q.cites.iter().enumerate().map(|(j, c)| {
        let here = At::Cite(i, j);
        let p = |key| at(&s.problems_at(&here.path(key)));
        html! {
            <li class="row" id={field_id(&here.base())} tabindex="-1">
                <Pick path={here.path("source")} label={format!("Citation {}: source", j + 1)} value={c.source.clone()}
                    options={sources.clone()} problems={p("source")}
                    onchange={d.reform(move |v: String| Action::Set { at: here, key: "source", field: Value::Text(v) })} />
                <Field path={here.path("locator")} label={format!("Citation {}: where in the source", j + 1)}
                    value={c.locator.clone()} placeholder="Section, page or paragraph" problems={p("locator")}
                    oninput={d.reform(move |v: String| Action::Set { at: here, key: "locator", field: Value::Text(v) })} />
                <button type="button" class="quiet" onclick={d.reform(move |_| Action::RemoveCite(i, j))}>
                    { format!("Remove citation {}", j + 1) }
                </button>
            </li>
        }
    });
    let base = At::Question(i).path("cites");
    html! {
        <fieldset class="cites" id={field_id(&base)} tabindex="-1">
            <legend>{ "Sources that support the explanation" }</legend>
            <FieldProblems id="cites-problems" problems={at(&s.problems_at(&base))} />
            if bank.sources.is_empty() {
                <p class="field-hint">{ "Add the sources you rely on under Sources first; then cite them here." }</p>
            }
            <ol class="rows">{ for rows }</ol>
            <button type="button" disabled={bank.sources.is_empty()} onclick={d.reform(move |_| Action::AddCite(i))}>{ "Add a citation" }</button>
        </fieldset>
    }
}
