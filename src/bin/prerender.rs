#![deny(clippy::unwrap_used, clippy::expect_used)]
//! Build step: puts the default bank's start card into `dist/index.html`, so
//! it paints before the WebAssembly has loaded.
//!
//!   prerender dist/index.html
//!
//! The card is rendered with the app's own components (`Prerendered`, yew's
//! server renderer), with its start button disabled and saying the quiz is
//! not ready yet. The step also adds a small inline script (allowed by its
//! hash in the CSP) that runs before the page paints and hides the card (showing the plain loading
//! message instead) when the app would not show this card first: page options
//! that change it, or saved progress. When the app mounts, it replaces both.

use std::path::Path;
use std::process::ExitCode;

use microneedling_quiz::config::PARAMETERS;
use microneedling_quiz::i18n::catalogues_json;
use microneedling_quiz::{PrerenderProps, Prerendered, DEFAULT_BANK_JSON};
use quiz_core::package::{CARD_END, CARD_START};

/// Page options that do not change the start card.
const HARMLESS: &[&str] = &[
    "seed", "shuffle", "feedback", "cta-text", "cta-url", "origin", "embed",
];

fn main() -> ExitCode {
    let Some(index) = std::env::args().nth(1) else {
        eprintln!("usage: prerender dist/index.html");
        return ExitCode::from(2);
    };
    match run(Path::new(&index)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(index: &Path) -> Result<(), String> {
    let page = std::fs::read_to_string(index).map_err(|e| format!("{}: {e}", index.display()))?;
    let loaded = quiz_core::from_json(DEFAULT_BANK_JSON)
        .map_err(|_| "the default bank does not load".to_string())?;
    let meta = loaded.bank.meta.clone();
    let card = render(std::rc::Rc::new(loaded))?;
    let script = boot_script();
    let page = replace_marker(
        &page,
        "template",
        "quiz-prerendered",
        &format!(
            "{CARD_START}{card}{CARD_END}If the start button does not become available, this browser could not start the quiz. It needs a recent browser with JavaScript and WebAssembly turned on.</p></div>"
        ),
    )?;
    let page = replace_marker(
        &page,
        "meta",
        "quiz-boot-script",
        // Inline, so it costs no round trip before the first paint; the CSP
        // allows it by its hash (scripts/csp.mjs), as it does Trunk's loader.
        &format!(
            "<meta name=\"quiz-boot\" content=\"{} {}\"><script>{script}</script>",
            quiz_core::review::esc(&meta.id),
            quiz_core::review::esc(&meta.language)
        ),
    )?;
    // The interface texts, for packages that render another bank's card.
    let dir = index.parent().unwrap_or(Path::new("."));
    let i18n = dir.join("i18n.json");
    std::fs::write(&i18n, catalogues_json()).map_err(|e| format!("{}: {e}", i18n.display()))?;
    std::fs::write(index, page).map_err(|e| format!("{}: {e}", index.display()))?;
    println!(
        "prerender: start card of \"{}\" in {} ({} bytes), boot script {} bytes",
        meta.title,
        index.display(),
        card.len(),
        script.len()
    );
    Ok(())
}

fn render(bank: std::rc::Rc<quiz_core::Loaded>) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("no runtime: {e}"))?;
    Ok(runtime.block_on(
        yew::LocalServerRenderer::<Prerendered>::with_props(PrerenderProps { bank })
            .hydratable(false)
            .render(),
    ))
}

/// Replaces the placeholder element `<TAG … NAME …>` (and its `</TAG>` when it
/// has one) of index.html; its attributes may have lost their quotes to
/// Trunk's HTML minifier.
fn replace_marker(page: &str, tag: &str, name: &str, with: &str) -> Result<String, String> {
    let missing = || {
        format!("index.html has no <{tag}> placeholder \"{name}\" (was it already prerendered?)")
    };
    let open = format!("<{tag} ");
    let mut from = 0;
    while let Some(i) = page[from..].find(&open).map(|i| i + from) {
        let end = page[i..].find('>').map(|e| i + e + 1).ok_or_else(missing)?;
        if page[i..end].contains(name) {
            let close = format!("</{tag}>");
            let end = if page[end..].starts_with(&close) {
                end + close.len()
            } else {
                end
            };
            return Ok(format!("{}{with}{}", &page[..i], &page[end..]));
        }
        from = end;
    }
    Err(missing())
}

/// The script that decides, before the first paint, whether the card in the
/// HTML is the one the app will show. It reads the bank id and language from
/// `<meta name="quiz-boot">`, so it is the same for every bank and a package
/// (`quiz_core::package`) keeps the build's CSP hash for it.
fn boot_script() -> String {
    let changing: Vec<&str> = PARAMETERS
        .iter()
        .copied()
        .filter(|p| !HARMLESS.contains(p))
        .collect();
    format!(
        "// Generated by src/bin/prerender.rs. Hides the start card of index.html when the\n\
         // quiz would not show it first: page options that change it, or saved progress.\n\
         (function () {{\n\
         \x20 var changing = {changing:?}, live = false;\n\
         \x20 try {{\n\
         \x20   var boot = document.querySelector('meta[name=\"quiz-boot\"]').content.split(' ');\n\
         \x20   var key = {base:?} + boot[0];\n\
         \x20   new URLSearchParams(location.search).forEach(function (value, name) {{\n\
         \x20     if (name === 'lang' ? value.split('-')[0].toLowerCase() !== boot[1] : changing.indexOf(name) >= 0) live = true;\n\
         \x20   }});\n\
         \x20   for (var i = 0; i < localStorage.length; i++) {{\n\
         \x20     var k = localStorage.key(i);\n\
         \x20     if (k === key || k.indexOf(key + ':') === 0) live = true;\n\
         \x20   }}\n\
         \x20 }} catch (e) {{\n\
         \x20   live = true;\n\
         \x20 }}\n\
         \x20 if (live) document.documentElement.classList.add('quiz-boot-live');\n\
         }})();\n",
        // Any saved progress for this bank, this version or another, changes
        // the first screen (a resumed question, or a notice).
        base = quiz_core::progress::legacy_key(""),
    )
}
