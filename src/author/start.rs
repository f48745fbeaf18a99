//! The studio's first page: start a blank bank, customise the built-in one,
//! open or drop a file, or continue a draft saved in this browser.

use std::rc::Rc;

use yew::prelude::*;

use super::convert;
use super::drafts::{self, Saved};
use super::studio::{Studio, BLANK_TOML, DEFAULT_TOML};

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

    let open_text = {
        let (on_open, refused) = (props.on_open.clone(), refused.clone());
        Callback::from(
            move |(name, text): (String, String)| match convert::open(&name, &text) {
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
            },
        )
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

/// A draft as the studio opens it.
pub fn reopen(d: &Saved) -> Rc<Studio> {
    let mut s = Studio::new(&d.stem, &d.id, d.text.clone(), d.notes.clone());
    if d.downloaded {
        s.apply(super::studio::Action::Downloaded);
    }
    Rc::new(s)
}
