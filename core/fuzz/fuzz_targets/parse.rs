//! Any bytes, read as a JSON bank and as a TOML bank: no panic, ever.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = quiz_core::from_json(text);
        let _ = quiz_core::toml_source::from_toml(text);
    }
});
