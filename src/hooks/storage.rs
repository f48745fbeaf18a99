//! `localStorage`, treating every failure (missing, blocked, full) as a value.

/// Storage could not be used: missing, blocked by the browser, or full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

fn local_storage() -> Result<web_sys::Storage, Unavailable> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(Unavailable)
}

pub fn read(key: &str) -> Result<Option<String>, Unavailable> {
    local_storage()?.get_item(key).map_err(|_| Unavailable)
}

pub fn write(key: &str, value: &str) -> Result<(), Unavailable> {
    local_storage()?
        .set_item(key, value)
        .map_err(|_| Unavailable)
}

pub fn remove(key: &str) -> Result<(), Unavailable> {
    local_storage()?.remove_item(key).map_err(|_| Unavailable)
}

/// Every key in storage that starts with `prefix`.
pub fn keys_starting(prefix: &str) -> Result<Vec<String>, Unavailable> {
    let storage = local_storage()?;
    let n = storage.length().map_err(|_| Unavailable)?;
    Ok((0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect())
}

/// The progress store of a SCORM package's LMS adapter (`embed/scorm.js`
/// defines `window.quizProgressStore` when it found an LMS): progress then
/// lives in the LMS (`cmi.suspend_data`), not in this browser.
#[derive(Clone, PartialEq)]
pub struct LmsStore(wasm_bindgen::JsValue);

pub fn lms_store() -> Option<LmsStore> {
    let window = web_sys::window()?;
    let store = js_sys::Reflect::get(&window, &"quizProgressStore".into()).ok()?;
    store.is_object().then_some(LmsStore(store))
}

impl LmsStore {
    fn method(&self, name: &str) -> Option<js_sys::Function> {
        use wasm_bindgen::JsCast;
        js_sys::Reflect::get(&self.0, &name.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    }

    /// What the LMS kept of an earlier session, if it resumes one.
    pub fn load(&self) -> Option<String> {
        self.method("load")?.call0(&self.0).ok()?.as_string()
    }

    pub fn save(&self, text: &str) {
        if let Some(save) = self.method("save") {
            let _ = save.call1(&self.0, &text.into());
        }
    }
}
