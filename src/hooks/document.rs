//! Keeps `<html lang>` and the page title in step with the quiz.

use yew::prelude::*;

#[hook]
pub fn use_document(lang: &'static str, title: Option<String>) {
    use_effect_with((lang, title), |(lang, title)| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang);
            }
            if let Some(title) = title {
                doc.set_title(title);
            }
        }
    });
}

/// The browser's preferred languages, best first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}
