//! `localStorage`, treating every failure (missing, blocked, full) as a value.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `Err` when storage cannot be used at all.
pub fn read(key: &str) -> Result<Option<String>, ()> {
    local_storage().ok_or(())?.get_item(key).map_err(|_| ())
}

/// `Err` when the value could not be kept (blocked or full).
pub fn write(key: &str, value: &str) -> Result<(), ()> {
    local_storage()
        .ok_or(())?
        .set_item(key, value)
        .map_err(|_| ())
}
