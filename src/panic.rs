//! If the app ever panics, the visitor sees a plain "something went wrong"
//! message with the error to copy, instead of a silent, dead page. Built with
//! DOM calls and text nodes only.

/// The message shown, in English and French (the catalogue may be unusable
/// after a panic, so the text is fixed).
pub const MESSAGE: &str = "Something went wrong and the quiz stopped. Please reload the page. / Une erreur a interrompu le quiz. Veuillez recharger la page.";

#[cfg(target_arch = "wasm32")]
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.clone().into());
        let _ = show(&detail);
    }));
}

#[cfg(target_arch = "wasm32")]
fn show(detail: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let root = doc
        .get_element_by_id("quiz-root")
        .or_else(|| doc.body().map(Into::into))?;
    let card = doc.create_element("section").ok()?;
    card.set_class_name("card error crashed");
    card.set_attribute("role", "alert").ok()?;
    let p = doc.create_element("p").ok()?;
    p.set_text_content(Some(MESSAGE));
    let label = doc.create_element("label").ok()?;
    label.set_text_content(Some(
        "Error details (to copy) / Détails de l'erreur (à copier)",
    ));
    label.set_attribute("for", "quiz-crash-detail").ok()?;
    let text = doc.create_element("textarea").ok()?;
    text.set_id("quiz-crash-detail");
    text.set_attribute("readonly", "").ok()?;
    text.set_attribute("rows", "4").ok()?;
    text.set_text_content(Some(detail));
    for child in [&p, &label, &text] {
        card.append_child(child).ok()?;
    }
    root.set_text_content(None);
    root.append_child(&card).ok()?;
    Some(())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn install() {}
