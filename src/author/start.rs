//! The studio's first page: start a blank bank, customise the built-in one,
//! open or drop a file, or continue a draft saved in this browser.

use std::rc::Rc;

use quiz_core::validate::{limits::MAX_QUESTIONS, thousands};
use yew::prelude::*;

use super::convert::{self, Category};
use super::drafts::{self, Saved};
use super::studio::{Studio, BLANK_TOML, DEFAULT_TOML};

/// A large Moodle export read, waiting for its categories to be chosen.
#[derive(Clone, PartialEq)]
struct Choosing {
    name: String,
    text: Rc<str>,
    categories: Vec<Category>,
    /// Whether each category is to be imported.
    chosen: Vec<bool>,
}

fn questions(n: usize) -> String {
    quiz_core::gift::questions(n)
}

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub on_open: Callback<Rc<Studio>>,
}

/// "2 December 2026, 14:05" in the browser's time zone.
fn when(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    d.to_locale_string("en-GB", &options).into()
}

#[component]
pub fn StartPage(props: &StartProps) -> Html {
    let refused = use_state(|| None::<String>);
    let reader = use_state(|| None::<gloo::file::callbacks::FileReader>);
    let drafts = use_state(drafts::list);
    let choosing = use_state(|| None::<Choosing>);
    let opening = use_state(|| None::<String>);

    // Opens a file, or the chosen categories of a large export. The work
    // waits for the next frame, so "Opening…" shows first.
    let open_only = {
        let (on_open, refused, opening) = (props.on_open.clone(), refused.clone(), opening.clone());
        Callback::from(
            move |(name, text, only): (String, Rc<str>, Option<Vec<String>>)| {
                opening.set(Some(match &only {
                    Some(o) => format!(
                        "Opening {name}: importing {}…",
                        match o.len() {
                            1 => "1 category".to_string(),
                            n => format!("{n} categories"),
                        }
                    ),
                    None => format!("Opening {name}…"),
                }));
                let (on_open, refused, opening) =
                    (on_open.clone(), refused.clone(), opening.clone());
                gloo::timers::callback::Timeout::new(20, move || {
                    match convert::open_only(&name, &text, only.as_deref()) {
                        Ok(o) => {
                            refused.set(None);
                            let mut s = Studio::new(&o.stem, &drafts::new_id(), o.toml, o.notes);
                            // An opened TOML file is already on disk: nothing to lose yet.
                            if o.format == convert::Format::Toml {
                                s.apply(super::studio::Action::Downloaded);
                            }
                            on_open.emit(Rc::new(s));
                        }
                        Err(why) => refused.set(Some(why)),
                    }
                    opening.set(None);
                })
                .forget();
            },
        )
    };
    let open_text = {
        let (refused, choosing, open_only) = (refused.clone(), choosing.clone(), open_only.clone());
        Callback::from(move |(name, text): (String, String)| {
            match convert::categories(&name, &text) {
                Ok(Some(categories)) => {
                    refused.set(None);
                    choosing.set(Some(Choosing {
                        chosen: vec![true; categories.len()],
                        name,
                        text: text.into(),
                        categories,
                    }));
                }
                Ok(None) => open_only.emit((name, text.into(), None)),
                Err(why) => refused.set(Some(why)),
            }
        })
    };
    let open_file = {
        let (reader, open_text) = (reader.clone(), open_text.clone());
        Callback::from(move |file: web_sys::File| {
            let name = file.name();
            let open_text = open_text.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| {
                    open_text.emit((name, result.unwrap_or_default()));
                });
            reader.set(Some(task));
        })
    };
    let onchange = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let input: Option<web_sys::HtmlInputElement> = e.target_dyn_into();
            if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
                open_file.emit(file);
            }
        })
    };
    let ondrop = {
        let open_file = open_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                open_file.emit(file);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let blank = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            on_open.emit(Rc::new(Studio::new(
                "my-bank",
                &drafts::new_id(),
                BLANK_TOML.to_string(),
                vec![],
            )));
        })
    };
    let default = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            // Its own id at once, so the copy's visitors keep their own progress.
            let text =
                DEFAULT_TOML.replacen("id = \"microneedling\"", "id = \"microneedling-custom\"", 1);
            let mut s = Studio::new("microneedling-custom", &drafts::new_id(), text, vec![]);
            s.status = "A copy of the built-in bank, with its own id (microneedling-custom) so that visitors' progress on the two quizzes stays apart.".to_string();
            on_open.emit(Rc::new(s));
        })
    };
    let draft_rows = drafts.iter().map(|d| {
        let open = {
            let (on_open, d) = (props.on_open.clone(), d.clone());
            Callback::from(move |_: MouseEvent| on_open.emit(reopen(&d)))
        };
        let delete = {
            let (drafts, id) = (drafts.clone(), d.id.clone());
            Callback::from(move |_: MouseEvent| {
                drafts::remove(&id);
                drafts.set(drafts::list());
            })
        };
        let questions = match d.questions() {
            1 => "1 question".to_string(),
            n => format!("{n} questions"),
        };
        html! {
            <li>
                <span class="draft-name">{ format!("{}.toml", d.stem) }</span>
                <span class="meta">{ format!(" — {questions}, saved {}{}", when(d.updated),
                    if d.downloaded { "" } else { ", not downloaded" }) }</span>
                <button type="button" onclick={open} aria-label={format!("Continue {}.toml", d.stem)}>{ "Continue" }</button>
                <button type="button" class="quiet" onclick={delete} aria-label={format!("Delete the draft {}.toml", d.stem)}>{ "Delete" }</button>
            </li>
        }
    });
    if let Some(c) = &*choosing {
        return html! {
            <ChooseCategories choosing={c.clone()}
                onchange={{ let choosing = choosing.clone(); Callback::from(move |c: Choosing| choosing.set(Some(c))) }}
                onopen={{
                    let (open_only, c) = (open_only.clone(), c.clone());
                    Callback::from(move |()| {
                        let all = c.chosen.iter().all(|x| *x);
                        let only = (!all).then(|| c.categories.iter().zip(&c.chosen)
                            .filter(|(_, on)| **on).map(|(cat, _)| cat.label.clone()).collect());
                        open_only.emit((c.name.clone(), c.text.clone(), only));
                    })
                }}
                oncancel={{ let choosing = choosing.clone(); Callback::from(move |()| choosing.set(None)) }}
                opening={(*opening).clone()} refused={(*refused).clone()} />
        };
    }
    html! {
        <>
            <p>{ "Write questions in forms, see them as patients will, and download a bank to deploy. Everything stays in this browser: nothing is uploaded." }</p>
            <section class="starts" aria-labelledby="start-title">
                <h2 id="start-title">{ "Start" }</h2>
                <div class="start-options">
                    <button type="button" class="primary" onclick={default}>{ "Customise the built-in microneedling bank" }</button>
                    <button type="button" onclick={blank}>{ "Start a blank bank" }</button>
                </div>
                <div class="dropzone" {ondrop} {ondragover}>
                    <label for="bank-file">{ "Open a file, or drop it here" }</label>
                    <p class="field-hint" id="bank-file-hint">{ "A bank (.toml or .json), or an export from Moodle: Moodle XML (.xml), GIFT (.gift or .txt) or Aiken (.txt). Moodle formatting is cleaned to plain text, and the import report says what was changed or left out." }</p>
                    <input id="bank-file" type="file" accept=".toml,.json,.gift,.txt,.xml" aria-describedby="bank-file-hint" {onchange} />
                </div>
                if let Some(why) = &*refused {
                    <p class="refused" role="alert">{ why }</p>
                }
                if let Some(what) = &*opening {
                    <p class="status" role="status">{ what }</p>
                }
            </section>
            if !drafts.is_empty() {
                <section class="drafts" aria-labelledby="drafts-title">
                    <h2 id="drafts-title">{ "Drafts saved in this browser" }</h2>
                    <ul>{ for draft_rows }</ul>
                </section>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ChooseProps {
    choosing: Choosing,
    onchange: Callback<Choosing>,
    onopen: Callback<()>,
    oncancel: Callback<()>,
    opening: Option<String>,
    refused: Option<String>,
}

/// The categories of a large Moodle export, with their question counts,
/// to import all or some of them.
#[component]
fn ChooseCategories(props: &ChooseProps) -> Html {
    let c = &props.choosing;
    let total: usize = c.categories.iter().map(|x| x.questions).sum();
    let picked: usize = c
        .categories
        .iter()
        .zip(&c.chosen)
        .filter(|(_, on)| **on)
        .map(|(x, _)| x.questions)
        .sum();
    let picked_categories = c.chosen.iter().filter(|on| **on).count();
    let set_all = |on: bool| {
        let (c, onchange) = (c.clone(), props.onchange.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = c.clone();
            next.chosen = vec![on; next.categories.len()];
            onchange.emit(next);
        })
    };
    let rows = c.categories.iter().enumerate().map(|(i, cat)| {
        let id = format!("category-{i}");
        let onchange = {
            let (c, onchange) = (c.clone(), props.onchange.clone());
            Callback::from(move |e: Event| {
                let on = e
                    .target_dyn_into::<web_sys::HtmlInputElement>()
                    .is_some_and(|x| x.checked());
                let mut next = c.clone();
                next.chosen[i] = on;
                onchange.emit(next);
            })
        };
        let other = match cat.other {
            0 => String::new(),
            1 => "; 1 of a kind the quiz cannot take is left out".to_string(),
            n => format!("; {} of kinds the quiz cannot take are left out", thousands(n)),
        };
        html! {
            <li>
                <input type="checkbox" id={id.clone()} checked={c.chosen[i]} {onchange} />
                <label for={id}>{ format!("{} ({}{other})", cat.label, questions(cat.questions)) }</label>
            </li>
        }
    });
    let too_many = picked > MAX_QUESTIONS;
    let busy = props.opening.is_some();
    html! {
        <section class="choose" aria-labelledby="choose-title">
            <h2 id="choose-title">{ format!("Choose what to import from {}", c.name) }</h2>
            <p>{ format!(
                "This export holds {} in {} categories. Import all of them, or only the categories this bank is about: a bank per topic is quicker to review and to publish, and a bank holds at most {}. Each category becomes a topic.",
                questions(total), c.categories.len(), questions(MAX_QUESTIONS)) }</p>
            <fieldset>
                <legend>{ "Categories to import" }</legend>
                <div class="toolbar">
                    <button type="button" class="quiet" onclick={set_all(true)}>{ "Select all" }</button>
                    <button type="button" class="quiet" onclick={set_all(false)}>{ "Select none" }</button>
                </div>
                <ul class="categories">{ for rows }</ul>
            </fieldset>
            <p class="summary" role="status">{
                if too_many {
                    format!("{} chosen: more than a bank may hold ({}). Choose fewer categories, and import the others as another bank.",
                        questions(picked), thousands(MAX_QUESTIONS))
                } else {
                    format!("{} chosen, in {} of {} categories.", questions(picked), picked_categories, c.categories.len())
                }
            }</p>
            <div class="actions">
                <button type="button" class="primary" disabled={picked == 0 || too_many || busy}
                    onclick={props.onopen.reform(|_| ())}>{ format!("Open {}", questions(picked)) }</button>
                <button type="button" disabled={busy} onclick={props.oncancel.reform(|_| ())}>{ "Choose another file" }</button>
            </div>
            if let Some(what) = &props.opening {
                <p class="status" role="status">{ what }</p>
            }
            if let Some(why) = &props.refused {
                <p class="refused" role="alert">{ why }</p>
            }
        </section>
    }
}

/// A draft as the studio opens it.
pub fn reopen(d: &Saved) -> Rc<Studio> {
    let mut s = Studio::new(&d.stem, &d.id, d.text.clone(), d.notes.clone());
    if d.downloaded {
        s.apply(super::studio::Action::Downloaded);
    }
    Rc::new(s)
}
