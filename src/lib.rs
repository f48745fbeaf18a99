#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! The microneedling quiz: a Yew app over the pure `quiz-core` engine.
//! `main.rs` only calls [`mount`]; render tests use the components directly.

#[cfg(feature = "author")]
pub mod author;
pub mod components;
pub mod config;
pub mod events;
pub mod hooks;
pub mod i18n;
pub mod panic;
pub mod state;

use yew::prelude::*;

use components::{BankError, Loading, Quiz};
use hooks::{
    browser_languages, scheme_attribute, use_auto_resize, use_bank, use_document, use_theme,
    BankState,
};
use i18n::Lang;

/// The compiled-in default bank (validated at build time by `build.rs`).
pub const DEFAULT_BANK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/default_bank.json"));

#[component]
pub fn App() -> Html {
    let config = use_memo((), |_| config::Config::from_page());
    let (bank, retry) = use_bank(config.bank.clone());
    let root = use_node_ref();
    use_theme(root.clone(), config.theme.clone());
    use_auto_resize(config.clone());
    let browser = use_memo((), |_| browser_languages());
    let (bank_lang, title) = match &*bank {
        BankState::Ready(loaded) => (
            Some(loaded.bank.meta.language.clone()),
            Some(loaded.bank.meta.title.clone()),
        ),
        _ => (None, None),
    };
    // ?lang= first, then the bank's own language, then the browser's.
    let lang = Lang::pick(
        config
            .lang
            .iter()
            .chain(bank_lang.iter())
            .chain(browser.iter())
            .map(String::as_str),
    );
    use_document(lang.code(), title);
    let seed = *use_memo((), |_| hooks::random_seed());
    // The bank as this page uses it (pass-mark override applied), made once.
    let ready = use_memo(
        ((*bank).clone(), config.pass_mark),
        |(state, pass_mark)| match state {
            BankState::Ready(loaded) => Some(with_pass_mark(loaded, *pass_mark)),
            _ => None,
        },
    );
    let content = match (&*bank, (*ready).clone()) {
        (BankState::Failed(err), _) => html! { <BankError error={err.clone()} on_retry={retry} /> },
        (_, Some(bank)) => html! { <Quiz {bank} {seed} storage={true} config={config.clone()} /> },
        _ => html! { <Loading /> },
    };
    frame(lang, scheme_attribute(config.theme.scheme), root, content)
}

/// The page's outer markup around the quiz: the live app and the card
/// prerendered into index.html share it, so one takes the other's place exactly.
fn frame(lang: Lang, scheme: Option<&'static str>, root: NodeRef, content: Html) -> Html {
    html! {
        <ContextProvider<Lang> context={lang}>
            <main class="quiz" id="quiz-main" ref={root} data-scheme={scheme}>
                { content }
            </main>
        </ContextProvider<Lang>>
    }
}

#[derive(Properties, PartialEq)]
pub struct PrerenderProps {
    pub bank: std::rc::Rc<quiz_core::Loaded>,
}

/// What `App` shows first for the default bank with no page options, with
/// its start button not ready yet: rendered into index.html at build time
/// (`src/bin/prerender.rs`) so the card paints before the WebAssembly runs.
#[component]
pub fn Prerendered(props: &PrerenderProps) -> Html {
    let lang = Lang::pick([props.bank.bank.meta.language.as_str()]);
    let content =
        html! { <Quiz bank={props.bank.clone()} seed={0} storage={false} booting={true} /> };
    frame(lang, None, NodeRef::default(), content)
}

/// The bank with the page's pass-mark override applied.
fn with_pass_mark(
    loaded: &std::rc::Rc<quiz_core::Loaded>,
    pass_mark: Option<u32>,
) -> std::rc::Rc<quiz_core::Loaded> {
    match pass_mark {
        Some(p) if p != loaded.bank.meta.pass_mark => {
            let mut l = (**loaded).clone();
            l.bank.meta.pass_mark = p;
            std::rc::Rc::new(l)
        }
        _ => loaded.clone(),
    }
}

/// Mounts the app into `#quiz-root` when the page has one, else into `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("quiz-root"));
    match root {
        Some(el) => {
            // Replace the "loading / could not start" message of index.html.
            el.set_text_content(None);
            hooks::register_service_worker();
            yew::Renderer::<App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {
    eprintln!("The quiz runs in a browser: build it with `trunk build --release`.");
}
