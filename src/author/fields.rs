//! Form controls that show their problems: a labelled input, text area or
//! list box, its messages below it, tied to it for screen readers
//! (`aria-describedby`, `aria-invalid`).

use quiz_core::diagnostic::Seg;
use quiz_core::Diagnostic;
use yew::prelude::*;

use super::studio::field_id;

/// The messages shown under a field.
#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub id: AttrValue,
    pub problems: Vec<Diagnostic>,
}

#[component]
pub fn FieldProblems(props: &ProblemsProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field-problems" id={props.id.clone()}>
            { for props.problems.iter().map(|p| {
                let (class, word) = if p.is_error() { ("error", "Error") } else { ("warning", "Warning") };
                html! { <li class={class}><strong>{ format!("{word}: ") }</strong>{ &p.message }</li> }
            }) }
        </ul>
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum Control {
    #[default]
    Line,
    Area,
    Number,
    Date,
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub path: Vec<Seg>,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub control: Control,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub problems: Vec<Diagnostic>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    pub oninput: Callback<String>,
}

/// A labelled text field, written on every keystroke.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let id = field_id(&props.path);
    let hint_id = format!("{id}-hint");
    let problems_id = format!("{id}-problems");
    let described: Vec<&str> = [
        props.hint.as_ref().map(|_| hint_id.as_str()),
        (!props.problems.is_empty()).then_some(problems_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = props
        .problems
        .iter()
        .any(Diagnostic::is_error)
        .then_some("true");
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                cb.emit(input.value());
            } else if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                cb.emit(area.value());
            }
        })
    };
    let control = match props.control {
        Control::Area => html! {
            <textarea id={id.clone()} value={props.value.clone()} rows="3" {oninput}
                aria-describedby={described} aria-invalid={invalid} required={props.required}
                placeholder={props.placeholder.clone()} />
        },
        kind => {
            let ty = match kind {
                Control::Number => "number",
                Control::Date => "date",
                _ => "text",
            };
            html! {
                <input id={id.clone()} type={ty} value={props.value.clone()} {oninput}
                    aria-describedby={described} aria-invalid={invalid} required={props.required}
                    placeholder={props.placeholder.clone()} />
            }
        }
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }</label>
            if let Some(h) = &props.hint {
                <p class="field-hint" id={hint_id}>{ h }</p>
            }
            { control }
            <FieldProblems id={problems_id} problems={props.problems.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub path: Vec<Seg>,
    pub label: AttrValue,
    pub checked: bool,
    /// One line on what ticking it does.
    pub hint: AttrValue,
    #[prop_or_default]
    pub problems: Vec<Diagnostic>,
    pub onchange: Callback<bool>,
}

/// A labelled checkbox with a hint under it.
#[component]
pub fn Check(props: &CheckProps) -> Html {
    let id = field_id(&props.path);
    let hint_id = format!("{id}-hint");
    let problems_id = format!("{id}-problems");
    let mut described = hint_id.clone();
    if !props.problems.is_empty() {
        described.push(' ');
        described.push_str(&problems_id);
    }
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                cb.emit(input.checked());
            }
        })
    };
    html! {
        <div class="field check">
            <div class="tick">
                <input id={id.clone()} type="checkbox" checked={props.checked} {onchange}
                    aria-describedby={described}
                    aria-invalid={props.problems.iter().any(Diagnostic::is_error).then_some("true")} />
                <label for={id}>{ &props.label }</label>
            </div>
            <p class="field-hint" id={hint_id}>{ &props.hint }</p>
            <FieldProblems id={problems_id} problems={props.problems.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PickProps {
    pub path: Vec<Seg>,
    pub label: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    #[prop_or_default]
    pub problems: Vec<Diagnostic>,
    pub onchange: Callback<String>,
}

/// A labelled list box.
#[component]
pub fn Pick(props: &PickProps) -> Html {
    let id = field_id(&props.path);
    let problems_id = format!("{id}-problems");
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                cb.emit(select.value());
            }
        })
    };
    let known = props.options.iter().any(|(v, _)| *v == props.value);
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }</label>
            <select id={id} {onchange}
                aria-describedby={(!props.problems.is_empty()).then(|| problems_id.clone())}
                aria-invalid={props.problems.iter().any(Diagnostic::is_error).then_some("true")}>
                if !known {
                    <option value={props.value.clone()} selected=true>{ format!("{} (not in the list)", props.value) }</option>
                }
                { for props.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ l }</option>
                }) }
            </select>
            <FieldProblems id={problems_id} problems={props.problems.clone()} />
        </div>
    }
}

/// Problems of `path`, owned (for props).
pub fn at(problems: &[&Diagnostic]) -> Vec<Diagnostic> {
    problems.iter().map(|d| (*d).clone()).collect()
}

/// A bank's sources as choices for a picker: (id, "Title (id)").
pub fn source_options(bank: &quiz_core::Bank) -> Vec<(AttrValue, AttrValue)> {
    bank.sources
        .iter()
        .map(|x| {
            let label = if x.title.is_empty() {
                x.id.clone()
            } else {
                format!("{} ({})", x.title, x.id)
            };
            (x.id.clone().into(), label.into())
        })
        .collect()
}
