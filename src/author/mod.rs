//! The instructor page (author.html): open or drop a bank file (TOML, JSON,
//! Moodle GIFT or Aiken), see every problem with its line and column next to
//! the text, fix it in place, try the quiz, and download the compiled JSON to
//! deploy. Everything happens in the browser; nothing is uploaded.

pub mod convert;

use std::rc::Rc;

use yew::prelude::*;

use crate::components::Quiz;
use crate::i18n::Lang;
use convert::{offset, Draft};

/// Offers `text` as a file download, without any server.
fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement =
        wasm_bindgen::JsCast::dyn_into(doc.create_element("a").ok()?).ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

#[component]
pub fn Author() -> Html {
    let draft = use_state(|| None::<Rc<Draft>>);
    let reader = use_state(|| None::<gloo::file::callbacks::FileReader>);
    let preview = use_state(|| false);
    let editor = use_node_ref();

    let open_file = {
        let draft = draft.clone();
        let reader = reader.clone();
        let preview = preview.clone();
        Callback::from(move |file: web_sys::File| {
            let name = file.name();
            let draft = draft.clone();
            let preview = preview.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| {
                    let text = result.unwrap_or_default();
                    preview.set(false);
                    draft.set(Some(Rc::new(Draft::open(&name, &text))));
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
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let area: Option<web_sys::HtmlTextAreaElement> = e.target_dyn_into();
            if let (Some(area), Some(d)) = (area, draft.as_ref()) {
                draft.set(Some(Rc::new(Draft::check(
                    &d.name,
                    d.format,
                    area.value(),
                    d.notes.clone(),
                ))));
            }
        })
    };

    let body = match draft.as_ref() {
        None => html! {},
        Some(d) => {
            let go_to = |line: usize, column: usize| {
                let editor = editor.clone();
                let text = d.text.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(area) = editor.cast::<web_sys::HtmlTextAreaElement>() {
                        let at = offset(&text, line, column) as u32;
                        let _ = area.focus();
                        let _ = area.set_selection_range(at, at);
                    }
                })
            };
            let problems = d.problems.iter().map(|p| {
                let (line, column) = p.pos.map_or((1, 1), |p| (p.line, p.column));
                let kind = if p.is_error() { "error" } else { "warning" };
                html! {
                    <li class={kind}>
                        <button type="button" class="link" onclick={go_to(line, column)}>
                            { format!("Line {line}, column {column}") }
                        </button>
                        { format!(" — {kind}: {}", p.message) }
                    </li>
                }
            });
            let notes = d.notes.iter().map(|n| {
                let line = n.pos.map_or(1, |p| p.line);
                html! { <li>{ format!("Line {line} of the original file: {}", n.message) }</li> }
            });
            let compiled = d.compiled();
            let json_name = format!("{}.json", d.name);
            let download_json = {
                let (name, json) = (json_name.clone(), compiled.clone().unwrap_or_default());
                Callback::from(move |_: MouseEvent| {
                    let _ = download(&name, "application/json", &json);
                })
            };
            let download_source = {
                let ext = if d.format == convert::Format::Json {
                    "json"
                } else {
                    "toml"
                };
                let (name, text) = (format!("{}.{ext}", d.name), d.text.clone());
                Callback::from(move |_: MouseEvent| {
                    let _ = download(&name, "text/plain", &text);
                })
            };
            // Built on demand: the pack is large and the draft changes with every keystroke.
            let download_review = {
                let (name, draft) = (format!("{}-review.html", d.name), d.clone());
                Callback::from(move |_: MouseEvent| {
                    if let Some(l) = &draft.loaded {
                        let _ =
                            download(&name, "text/html", &quiz_core::review::review_html(&l.bank));
                    }
                })
            };
            let toggle = {
                let preview = preview.clone();
                Callback::from(move |_: MouseEvent| preview.set(!*preview))
            };
            let summary = match (d.errors(), d.problems.len() - d.errors()) {
                (0, 0) => "No problems: this bank is ready.".to_string(),
                (0, w) => format!("No errors; {w} warnings to consider."),
                (e, w) => {
                    format!("{e} errors and {w} warnings to fix before the bank can be used.")
                }
            };
            html! {
                <>
                    <div class="workbench">
                        <div class="source">
                            <label for="bank-text">{ format!("{} ({})", d.name, if d.format == convert::Format::Json { "JSON" } else { "TOML" }) }</label>
                            <textarea id="bank-text" ref={editor.clone()} spellcheck="false" value={d.text.clone()} {oninput} rows="28" />
                        </div>
                        <section class="problems" aria-labelledby="problems-title">
                            <h2 id="problems-title">{ "Problems" }</h2>
                            <p role="status" class="summary">{ summary }</p>
                            <ul>{ for problems }</ul>
                            if !d.notes.is_empty() {
                                <h3>{ "Left out of the import" }</h3>
                                <ul class="notes">{ for notes }</ul>
                            }
                        </section>
                    </div>
                    <div class="actions">
                        <button type="button" class="primary" disabled={compiled.is_none()} onclick={toggle}>
                            { if *preview { "Close the preview" } else { "Try the quiz" } }
                        </button>
                        <button type="button" disabled={compiled.is_none()} onclick={download_json}>
                            { format!("Download {json_name} to deploy") }
                        </button>
                        <button type="button" onclick={download_source}>{ "Download the edited source" }</button>
                        <button type="button" disabled={d.loaded.is_none()} onclick={download_review}>
                            { "Download the review pack for a clinician" }
                        </button>
                    </div>
                    if compiled.is_some() {
                        <p class="hint">{ format!("To deploy: copy {json_name} into the quiz's banks/ folder and open the quiz at ?bank=banks/{json_name}. No rebuild is needed.") }</p>
                    }
                    if *preview {
                        if let Some(loaded) = d.loaded.clone() {
                            <section class="preview" aria-label="Preview of the quiz">
                                <ContextProvider<Lang> context={Lang::pick([loaded.bank.meta.language.as_str()])}>
                                    <Quiz bank={Rc::new(loaded)} seed={crate::hooks::random_seed()} storage={false} />
                                </ContextProvider<Lang>>
                            </section>
                        }
                    }
                </>
            }
        }
    };

    html! {
        <main class="quiz author">
            <h1>{ "Question bank editor" }</h1>
            <p>{ "Open a bank (TOML or JSON) or a Moodle export (GIFT or Aiken). Every problem is listed with its line and column; fix it in the text, try the quiz, then download the JSON to deploy. Your file stays on this computer: nothing is uploaded." }</p>
            <div class="dropzone" {ondrop} {ondragover}>
                <label for="bank-file">{ "Open a bank file, or drop it here" }</label>
                <input id="bank-file" type="file" accept=".toml,.json,.gift,.txt" {onchange} />
            </div>
            { body }
        </main>
    }
}

/// Mounts the editor into `#author-root`.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    crate::panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("author-root"));
    if let Some(el) = root {
        el.set_text_content(None);
        // The editor's own worker (author/sw.js): it works offline once visited.
        crate::hooks::register_service_worker();
        yew::Renderer::<Author>::with_root(el).render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {}
