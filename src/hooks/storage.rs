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

/// Progress kept by an LMS: a SCORM package's adapter (`embed/scorm.js`)
/// marks `#quiz-root` with `data-progress="lms"` when it found an LMS, and
/// `data-resume` with what the LMS kept of an earlier session. `Some` (with
/// that text, if any) means progress goes to the LMS, not this browser: the
/// quiz sends each change as a `quiz:progress` event.
pub fn lms_progress() -> Option<Option<String>> {
    let root = web_sys::window()?
        .document()?
        .get_element_by_id("quiz-root")?;
    (root.get_attribute("data-progress").as_deref() == Some("lms"))
        .then(|| root.get_attribute("data-resume"))
}
