//! Talking to the page that embeds the quiz in an iframe: height changes and
//! quiz events, posted to the parent's exact origin (never "*"). The quiz
//! accepts no messages from the host, so nothing the host sends can change it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::config::Config;
use crate::events::{events_between, Field, HostEvent, EVENTS_VERSION};
use crate::state::QuizState;

fn to_js(field: &Field) -> JsValue {
    match field {
        Field::Text(s) => JsValue::from_str(s),
        Field::Number(n) => JsValue::from_f64(*n),
        Field::Flag(b) => JsValue::from_bool(*b),
        Field::Null => JsValue::NULL,
        Field::List(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Field::Object(fields) => {
            let object = js_sys::Object::new();
            for (key, value) in fields {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
    }
}

/// The parent's origin when the quiz is framed by an allowed page, else None.
fn parent_origin(config: &Config) -> Option<String> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None; // not framed
    }
    let claimed = config.parent_origin.clone()?;
    // Where the browser says who the parent is (location.ancestorOrigins,
    // Chromium and Safari), it must agree with the claim.
    let actual = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|v| v.as_string());
    if actual.is_some_and(|a| a != claimed) {
        return None;
    }
    allowed_by_page(&claimed).then_some(claimed)
}

/// `<meta name="quiz-parent-origins" content="https://a.example https://b.example">`
/// in index.html restricts which pages may receive events; absent, any.
fn allowed_by_page(origin: &str) -> bool {
    let meta = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=\"quiz-parent-origins\"]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    match meta {
        None => true,
        Some(list) => list.split_whitespace().any(|o| o == origin),
    }
}

/// Posts `event` to the embedding page, if there is an allowed one.
pub fn post(config: &Config, event: &HostEvent) {
    post_js(config, &to_js(&event.to_field()));
}

fn post_js(config: &Config, event: &JsValue) {
    let Some(origin) = parent_origin(config) else {
        return;
    };
    let envelope = Field::Object(vec![
        ("source", Field::Text("microneedling-quiz".into())),
        ("version", Field::Number(f64::from(EVENTS_VERSION))),
        (
            "id",
            config
                .embed_id
                .as_ref()
                .map_or(Field::Null, |id| Field::Text(id.clone())),
        ),
    ]);
    let value = to_js(&envelope);
    let _ = js_sys::Reflect::set(&value, &"event".into(), event);
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(&value, &origin);
    }
}

/// Dispatches a DOM `CustomEvent` `quiz:KIND` (bubbling) on `#quiz-root`,
/// for scripts of the quiz's own page: a page that mounts it directly, or
/// the LMS adapter of a SCORM package.
pub fn dispatch(kind: &str, detail: &JsValue) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("quiz-root"));
    let Some(root) = root else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(&format!("quiz:{kind}"), &init) {
        let _ = root.dispatch_event(&e);
    }
}

/// Posts quiz events as the state changes.
#[hook]
pub fn use_host_events(config: Rc<Config>, state: Rc<QuizState>) {
    let previous: Rc<RefCell<Option<Rc<QuizState>>>> = use_mut_ref(|| None);
    use_effect_with(state, move |state| {
        let before = previous.borrow().clone();
        let ready = before.is_none().then(|| HostEvent::Ready {
            bank: state.bank.bank.meta.id.clone(),
            questions: state.session.len(),
        });
        for event in ready
            .into_iter()
            .chain(events_between(before.as_deref(), state))
        {
            let js = to_js(&event.to_field());
            post_js(&config, &js);
            if !matches!(event, HostEvent::Resize { .. }) {
                // The same object as `detail`, with the format's version.
                let _ = js_sys::Reflect::set(&js, &"version".into(), &EVENTS_VERSION.into());
                dispatch(event.kind(), &js);
            }
        }
        *previous.borrow_mut() = Some(state.clone());
    });
}

/// Reports the document height to the embedding page whenever it changes.
#[hook]
pub fn use_auto_resize(config: Rc<Config>) {
    use_effect_with((), move |_| {
        let observer = make_observer(config);
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
        }
    });
}

fn make_observer(config: Rc<Config>) -> Option<web_sys::ResizeObserver> {
    parent_origin(&config)?;
    let last = Rc::new(RefCell::new(0u32));
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map_or(0, |e| e.scroll_height().max(0) as u32);
        if height != *last.borrow() {
            *last.borrow_mut() = height;
            post(&config, &HostEvent::Resize { height });
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    callback.forget();
    let body = web_sys::window()?.document()?.body()?;
    observer.observe(&body);
    Some(observer)
}

/// Tells the host that the call to action was followed.
pub fn cta_clicked(config: &Config, url: &str) {
    post(
        config,
        &HostEvent::CtaClicked {
            url: url.to_string(),
        },
    );
}
