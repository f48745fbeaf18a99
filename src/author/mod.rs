//! The bank studio (author.html): instructors start a bank (blank, a copy of
//! the built-in one, or an opened file: TOML, JSON, Moodle XML, GIFT or
//! Aiken), edit it in forms or as TOML, see every problem next to its field,
//! preview it as patients will, and download the JSON to deploy. Drafts are
//! saved in the browser as they type. Nothing is uploaded.
//!
//! Pure parts, tested natively: [`convert`] (opening files), [`doc`]
//! (TOML edits that keep comments), [`studio`] (the one reducer).

pub mod convert;
pub mod doc;
pub mod drafts;
mod fields;
mod forms;
mod preview;
pub mod problems;
mod publish;
mod questions;
mod start;
pub mod studio;
mod workspace;

use std::rc::Rc;

use yew::prelude::*;

use studio::Studio;

/// Offers `text` as a file download, without any server.
fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    offer(name, mime, &text.into())
}

/// Offers `bytes` (a zip) as a file download.
fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    offer(name, mime, &js_sys::Uint8Array::from(bytes).into())
}

fn offer(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options).ok()?;
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
    // A reload reopens the draft this tab was editing.
    let open = use_state(|| drafts::current().map(|d| start::reopen(&d)));
    let on_open = {
        let open = open.clone();
        Callback::from(move |s: Rc<Studio>| open.set(Some(s)))
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| {
            drafts::set_current(None);
            open.set(None);
        })
    };
    html! {
        <main class="quiz author">
            <h1>{ "Question bank studio" }</h1>
            { match &*open {
                Some(s) => html! { <workspace::Workspace key={s.draft_id.clone()} initial={s.clone()} {on_close} /> },
                None => html! { <start::StartPage {on_open} /> },
            } }
        </main>
    }
}

/// Mounts the studio into `#author-root`.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    crate::panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("author-root"));
    if let Some(el) = root {
        el.set_text_content(None);
        // The studio's own worker (author/sw.js): it works offline once visited.
        crate::hooks::register_service_worker();
        yew::Renderer::<Author>::with_root(el).render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {}
