//! The start card of a packaged quiz, as HTML text, so a package's first
//! screen paints at once with its own bank's card (as `/` does with the
//! default bank's). It is the markup the app's `Start` component renders
//! (a render test compares the two), filled with interface texts that the
//! build writes to `i18n.json`; every bank text is escaped.

use crate::bank::Bank;
use crate::json::{self, Value};

/// Text content escaped as the app's renderer does (`&`, `<`, `>`).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `{name}` placeholders of `template` filled in.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// `YYYY-MM-DD` written out with the language's `date` pattern and month
/// names (`20 June 2022`); other forms are kept as given.
pub fn date<'a>(iso: &str, t: impl Fn(&str) -> &'a str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (m.parse::<u8>(), d.parse::<u8>()) {
            (Ok(m @ 1..=12), Ok(d @ 1..=31)) => fill(
                t("date"),
                &[
                    ("day", &d.to_string()),
                    ("month", t(&format!("month_{m}"))),
                    ("year", y),
                ],
            ),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// One language's interface texts, read from the build's `i18n.json`
/// (`{"en": {"key": "text", …}, "fr": {…}}`).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub code: String,
    entries: Vec<(String, String)>,
}

impl Texts {
    /// The catalogue for `language` (its primary subtag), else English.
    pub fn pick(i18n_json: &str, language: &str) -> Result<Texts, String> {
        let root = json::parse(i18n_json, 4).map_err(|e| format!("i18n.json: {}", e.message))?;
        let Value::Object(catalogues) = root.value else {
            return Err("i18n.json is not an object of catalogues".into());
        };
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let read = |code: &str| {
            catalogues.iter().find(|(c, _)| c == code).map(|(c, node)| {
                let entries = match &node.value {
                    Value::Object(members) => members
                        .iter()
                        .filter_map(|(k, v)| match &v.value {
                            Value::String(s) => Some((k.to_string(), s.to_string())),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Texts {
                    code: c.to_string(),
                    entries,
                }
            })
        };
        // English stands in for any key the language lacks, as in the app.
        let english = read("en").ok_or_else(|| "i18n.json has no English catalogue".to_string())?;
        Ok(match read(&primary) {
            Some(mut texts) if texts.code != "en" => {
                texts.entries.extend(english.entries);
                texts
            }
            _ => english,
        })
    }

    pub fn t(&self, key: &str) -> &str {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

/// The card `App` shows first for `bank` (a visit of `count` questions),
/// with its start button not ready yet, inside the page's `<main>`.
pub fn start_card(bank: &Bank, count: usize, texts: &Texts) -> String {
    let meta = &bank.meta;
    let date = |iso: &str| date(iso, |k| texts.t(k));
    let review = meta.medical_review().map(|r| match r.credentials {
        Some(credentials) => texts.f(
            "start_reviewed_by",
            &[
                ("name", r.reviewer),
                ("credentials", credentials),
                ("date", &date(r.date)),
            ],
        ),
        None => texts.f(
            "start_reviewed_by_name",
            &[("name", r.reviewer), ("date", &date(r.date))],
        ),
    });
    let review_item = match (review, &meta.sources_checked) {
        (Some(text), _) => format!("<li class=\"reviewed\">{}</li>", esc(&text)),
        (None, Some(checked)) => format!(
            "<li>{}</li>",
            esc(&texts.f("start_sources_checked", &[("date", &date(checked))]))
        ),
        (None, None) => String::new(),
    };
    let percent = texts.f("percent", &[("n", &meta.pass_mark.to_string())]);
    format!(
        "<main id=\"quiz-main\" class=\"quiz\">\
         <section aria-labelledby=\"quiz-title\" class=\"card start\">\
         <h1 id=\"quiz-title\">{title}</h1><p>{description}</p>\
         <ul class=\"facts\"><li>{questions}</li><li>{pass}</li><li>{sources}</li>{review_item}</ul>\
         <p class=\"disclaimer\"><strong>{note}</strong> {disclaimer}</p>\
         <button type=\"button\" disabled=\"disabled\" class=\"primary start-button\">{preparing}</button>\
         </section>\
         <div role=\"status\" aria-live=\"polite\" class=\"visually-hidden\"></div>\
         </main>",
        title = esc(&meta.title),
        description = esc(&meta.description),
        questions = esc(&texts.f("start_questions", &[("n", &count.to_string())])),
        pass = esc(&texts.f("start_pass_mark", &[("n", &percent)])),
        sources = esc(texts.t("start_sources")),
        note = esc(texts.t("please_note")),
        disclaimer = esc(&meta.disclaimer),
        preparing = esc(texts.t("start_preparing")),
    )
}
