//! Recognising what a file is: the shipped examples and banks, by content.

use quiz_core::detect::{detect, detect_content, sniff, Format};

fn read(path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_example_and_bank_is_recognised_by_its_content() {
    for (path, format) in [
        ("questions/examples/aftercare.moodle.xml", Format::MoodleXml),
        ("questions/examples/skin-care.gift", Format::Gift),
        ("questions/examples/skin-care.aiken.txt", Format::Aiken),
        ("questions/microneedling.toml", Format::Toml),
        ("questions/microneedling.fr.toml", Format::Toml),
    ] {
        let text = read(path);
        assert_eq!(sniff(&text), Some(format), "{path}");
        assert_eq!(detect_content(path, &text), Ok(format), "{path}");
        // Renamed to say nothing, it is still recognised.
        assert_eq!(detect("export.txt", &text), Ok(format), "{path}");
    }
    let bank = quiz_core::toml_source::from_toml(&read("questions/microneedling.toml"))
        .map(|l| l.bank)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let json = serde_json::to_string(&bank).unwrap_or_default();
    assert_eq!(sniff(&json), Some(Format::Json));
}

#[test]
fn nonsense_is_refused_naming_every_format_tried() {
    let message =
        detect_content("notes.txt", "Shopping: eggs, milk.\nCall Sam at 5.").expect_err("nonsense");
    for format in [
        Format::MoodleXml,
        Format::Json,
        Format::Toml,
        Format::Aiken,
        Format::Gift,
    ] {
        let name = match format {
            Format::MoodleXml => "Moodle XML",
            Format::Json => "JSON bank",
            Format::Toml => "TOML bank",
            Format::Aiken => "Aiken",
            Format::Gift => "GIFT",
        };
        assert!(message.contains(name), "{name}: {message}");
        assert!(message.contains(format.flag()), "{message}");
    }
}
