//! The bank's details, its topics and its sources, as forms.

use std::rc::Rc;

use quiz_core::Bank;
use yew::prelude::*;

use super::doc::Field as Value;
use super::fields::{at, Check, Control, Field, FieldProblems, Pick};
use super::studio::{field_id, Action, At, Studio};

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub studio: Rc<Studio>,
    pub bank: Rc<Bank>,
    pub dispatch: Callback<Action>,
}

/// A callback writing `key` of `at` as text (or removing it when empty and
/// `optional`).
fn text(
    dispatch: &Callback<Action>,
    at: At,
    key: &'static str,
    optional: bool,
) -> Callback<String> {
    dispatch.reform(move |v: String| Action::Set {
        at,
        key,
        field: if optional && v.trim().is_empty() {
            Value::Absent
        } else {
            Value::Text(v)
        },
    })
}

/// A callback writing a whole number (empty: removed when `optional`).
fn number(
    dispatch: &Callback<Action>,
    at: At,
    key: &'static str,
    optional: bool,
) -> Callback<String> {
    let dispatch = dispatch.clone();
    Callback::from(move |v: String| {
        let field = match v.trim().parse::<i64>() {
            Ok(n) => Value::Int(n),
            Err(_) if optional && v.trim().is_empty() => Value::Absent,
            Err(_) => return,
        };
        dispatch.emit(Action::Set { at, key, field });
    })
}

#[component]
pub fn BankForm(props: &FormProps) -> Html {
    let (s, m, d) = (&props.studio, &props.bank.meta, &props.dispatch);
    let p = |key| at(&s.problems_at(&At::Bank.path(key)));
    let opt = |v: &Option<String>| AttrValue::from(v.clone().unwrap_or_default());
    let draw = m.draw.map(|n| n.to_string()).unwrap_or_default();
    html! {
        <section class="form-section" aria-labelledby="bank-details-title" id={field_id(&At::Bank.base())} tabindex="-1">
            <h2 id="bank-details-title">{ "Bank details" }</h2>
            <FieldProblems id="bank-problems" problems={at(&s.problems_at(&At::Bank.base()))} />
            <div class="grid">
                <Field path={At::Bank.path("title")} label="Title" value={m.title.clone()} problems={p("title")}
                    oninput={text(d, At::Bank, "title", false)} required=true />
                <Field path={At::Bank.path("id")} label="Bank id" value={m.id.clone()} problems={p("id")}
                    hint="Letters, digits and dashes. It names the bank in saved progress and in the events clinics listen to."
                    oninput={text(d, At::Bank, "id", false)} required=true />
                <Field path={At::Bank.path("language")} label="Language code" value={m.language.clone()} problems={p("language")}
                    hint="For example en, fr or fr-CA: the quiz shows its buttons in this language."
                    oninput={text(d, At::Bank, "language", false)} required=true />
                <Field path={At::Bank.path("version")} label="Version" value={m.version.clone()} problems={p("version")}
                    oninput={text(d, At::Bank, "version", false)} required=true />
                <Field path={At::Bank.path("pass_mark")} label="Pass mark (%)" control={Control::Number}
                    value={m.pass_mark.to_string()} problems={p("pass_mark")}
                    oninput={number(d, At::Bank, "pass_mark", false)} />
                <Field path={At::Bank.path("draw")} label="Questions per visit" control={Control::Number}
                    value={draw} problems={p("draw")}
                    hint="Leave empty to ask every question. Questions are drawn evenly from every topic."
                    oninput={number(d, At::Bank, "draw", true)} />
            </div>
            <Field path={At::Bank.path("description")} label="Description" control={Control::Area}
                value={m.description.clone()} problems={p("description")}
                oninput={text(d, At::Bank, "description", false)} required=true />
            <Field path={At::Bank.path("disclaimer")} label="Disclaimer shown to patients" control={Control::Area}
                value={m.disclaimer.clone()} problems={p("disclaimer")}
                hint="For example: this quiz is for education only and is not medical advice."
                oninput={text(d, At::Bank, "disclaimer", false)} required=true />
            <Pick path={At::Bank.path("scoring")} label="Scoring of questions with several answers"
                value={if m.scoring == quiz_core::bank::Scoring::AllOrNothing { "all_or_nothing" } else { "partial" }}
                options={vec![("partial".into(), "Partial credit for each right pick".into()),
                              ("all_or_nothing".into(), "All or nothing".into())]}
                problems={p("scoring")}
                onchange={d.reform(|v: String| Action::Set { at: At::Bank, key: "scoring", field: Value::Text(v) })} />
            <Check path={At::Bank.path("pass_requires_essential")} label="Pass only with every essential question right"
                checked={m.pass_requires_essential}
                hint="Questions marked \"Always ask this question\" must all be answered right to pass, whatever the score."
                problems={p("pass_requires_essential")}
                onchange={d.reform(|on: bool| Action::Set { at: At::Bank, key: "pass_requires_essential",
                    field: if on { Value::Bool(true) } else { Value::Absent } })} />
            <fieldset class="review">
                <legend>{ "Medical review" }</legend>
                <p class="field-hint">{ "The quiz says it was medically reviewed only when a named clinician and the date of the review are filled in." }</p>
                <div class="grid">
                    <Field path={At::Bank.path("reviewer")} label="Reviewer's name" value={opt(&m.reviewer)} problems={p("reviewer")}
                        oninput={text(d, At::Bank, "reviewer", true)} />
                    <Field path={At::Bank.path("reviewer_credentials")} label="Reviewer's credentials" value={opt(&m.reviewer_credentials)}
                        placeholder="MD, FAAD" problems={p("reviewer_credentials")}
                        oninput={text(d, At::Bank, "reviewer_credentials", true)} />
                    <Field path={At::Bank.path("reviewed")} label="Date of the review" control={Control::Date} value={opt(&m.reviewed)}
                        problems={p("reviewed")} oninput={text(d, At::Bank, "reviewed", true)} />
                    <Field path={At::Bank.path("sources_checked")} label="Date the citations were checked" control={Control::Date}
                        value={opt(&m.sources_checked)} problems={p("sources_checked")}
                        oninput={text(d, At::Bank, "sources_checked", true)} />
                </div>
            </fieldset>
        </section>
    }
}

#[component]
pub fn TopicsForm(props: &FormProps) -> Html {
    let (s, d) = (&props.studio, &props.dispatch);
    let rows = props.bank.topics.iter().enumerate().map(|(i, t)| {
        let used = props.bank.questions.iter().filter(|q| q.topic == t.id).count();
        let p = |key| at(&s.problems_at(&At::Topic(i).path(key)));
        html! {
            <li class="row" id={field_id(&At::Topic(i).base())} tabindex="-1">
                <Field path={At::Topic(i).path("label")} label={format!("Topic {} name", i + 1)} value={t.label.clone()}
                    problems={p("label")} oninput={text(d, At::Topic(i), "label", false)} />
                <Field path={At::Topic(i).path("id")} label={format!("Topic {} id", i + 1)} value={t.id.clone()}
                    problems={p("id")} oninput={text(d, At::Topic(i), "id", false)} />
                <p class="count">{ match used { 1 => "1 question".to_string(), n => format!("{n} questions") } }</p>
                <button type="button" class="quiet" onclick={d.reform(move |_| Action::RemoveTopic(i))}
                    aria-label={format!("Remove topic {}", i + 1)}>{ "Remove" }</button>
            </li>
        }
    });
    html! {
        <section class="form-section" aria-labelledby="topics-title" id="f-topics" tabindex="-1">
            <h2 id="topics-title">{ "Topics" }</h2>
            <p class="field-hint">{ "Results show a score per topic. Renaming a topic id renames it in every question." }</p>
            <FieldProblems id="topics-problems" problems={at(&s.problems_at(&[quiz_core::diagnostic::Seg::Key("topics")]))} />
            <ol class="rows">{ for rows }</ol>
            <button type="button" onclick={d.reform(|_| Action::AddTopic)}>{ "Add a topic" }</button>
        </section>
    }
}

#[component]
pub fn SourcesForm(props: &FormProps) -> Html {
    let (s, d) = (&props.studio, &props.dispatch);
    let uncited = props
        .bank
        .questions
        .iter()
        .filter(|q| q.cites.is_empty())
        .count();
    let rows = props.bank.sources.iter().enumerate().map(|(i, src)| {
        let p = |key| at(&s.problems_at(&At::Source(i).path(key)));
        let authors_path = At::Source(i).path("authors");
        let author_problems: Vec<_> = s
            .problems
            .iter()
            .filter(|x| x.path.starts_with(&authors_path))
            .cloned()
            .collect();
        let opt = |v: &Option<String>| AttrValue::from(v.clone().unwrap_or_default());
        let authors = d.reform(move |v: String| Action::Set {
            at: At::Source(i),
            key: "authors",
            field: Value::Texts(v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()),
        });
        html! {
            <li class="source" id={field_id(&At::Source(i).base())} tabindex="-1">
                <h3>{ format!("Source {}", i + 1) }{ if src.title.is_empty() { String::new() } else { format!(": {}", src.title) } }</h3>
                <div class="grid">
                    <Field path={At::Source(i).path("title")} label="Title" value={src.title.clone()} problems={p("title")}
                        oninput={text(d, At::Source(i), "title", false)} />
                    <Field path={At::Source(i).path("id")} label="Source id" value={src.id.clone()} problems={p("id")}
                        hint="How questions cite it. Renaming it renames every citation."
                        oninput={text(d, At::Source(i), "id", false)} />
                    <Field path={At::Source(i).path("url")} label="Address (https only)" value={src.url.clone()} problems={p("url")}
                        oninput={text(d, At::Source(i), "url", false)} />
                    <Field path={At::Source(i).path("publisher")} label="Publisher, journal or website" value={src.publisher.clone()}
                        problems={p("publisher")} oninput={text(d, At::Source(i), "publisher", false)} />
                    <Field path={At::Source(i).path("date")} label="Date as the source gives it" value={src.date.clone()}
                        placeholder="2024-05-01, 2019, or undated" problems={p("date")}
                        oninput={text(d, At::Source(i), "date", false)} />
                    <Field path={authors_path.clone()} label="Authors (one per line; a person or the organisation)"
                        control={Control::Area} value={src.authors.join("\n")} problems={author_problems} oninput={authors} />
                    <Field path={At::Source(i).path("doi")} label="DOI (optional)" value={opt(&src.doi)} problems={p("doi")}
                        oninput={text(d, At::Source(i), "doi", true)} />
                    <Field path={At::Source(i).path("pmid")} label="PubMed id (optional)" value={opt(&src.pmid)} problems={p("pmid")}
                        oninput={text(d, At::Source(i), "pmid", true)} />
                </div>
                <CiteEverywhere source={src.id.clone()} {uncited} index={i} dispatch={d.clone()} />
                <button type="button" class="quiet" onclick={d.reform(move |_| Action::RemoveSource(i))}>
                    { format!("Remove source {}", i + 1) }
                </button>
            </li>
        }
    });
    html! {
        <section class="form-section" aria-labelledby="sources-title" id="f-sources" tabindex="-1">
            <h2 id="sources-title">{ "Sources" }</h2>
            <p class="field-hint">{ "Every question cites at least one source; visitors can follow the link to read it." }</p>
            <FieldProblems id="sources-problems" problems={at(&s.problems_at(&[quiz_core::diagnostic::Seg::Key("sources")]))} />
            <ol class="rows">{ for rows }</ol>
            <button type="button" onclick={d.reform(|_| Action::AddSource)}>{ "Add a source" }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CiteEverywhereProps {
    source: AttrValue,
    uncited: usize,
    index: usize,
    dispatch: Callback<Action>,
}

/// "Cite this source for every question without a citation", with the
/// place in the source to cite.
#[component]
fn CiteEverywhere(props: &CiteEverywhereProps) -> Html {
    let locator = use_state(String::new);
    if props.uncited == 0 {
        return html! {};
    }
    let id = format!("cite-all-{}", props.index);
    let oninput = {
        let locator = locator.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                locator.set(i.value());
            }
        })
    };
    let onclick = {
        let (source, locator) = (props.source.to_string(), locator.clone());
        props.dispatch.reform(move |_| Action::CiteEverywhere {
            source: source.clone(),
            locator: (*locator).clone(),
        })
    };
    html! {
        <div class="cite-all">
            <label for={id.clone()}>{ format!("Where in {} (section, page or paragraph)", props.source) }</label>
            <input id={id} type="text" value={(*locator).clone()} {oninput} placeholder="Aftercare, page 2" />
            <button type="button" {onclick}>
                { match props.uncited {
                    1 => format!("Cite {} for the 1 question without a citation", props.source),
                    n => format!("Cite {} for the {} questions without a citation", props.source, quiz_core::validate::thousands(n)),
                } }
            </button>
        </div>
    }
}
