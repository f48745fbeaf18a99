//! Interface languages. Catalogues are `i18n/LANG.txt`, compiled by build.rs;
//! English is the reference and the fallback for any missing key.

use yew::prelude::*;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// An interface language: an index into [`CATALOGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(usize);

impl Default for Lang {
    fn default() -> Self {
        Lang::english()
    }
}

impl Lang {
    pub fn english() -> Lang {
        Lang(CATALOGS.iter().position(|(c, _)| *c == "en").unwrap_or(0))
    }

    /// The first candidate (BCP 47 tags, best first) with a catalogue, else English.
    pub fn pick<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Lang {
        candidates
            .into_iter()
            .filter_map(|tag| {
                let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
                CATALOGS.iter().position(|(c, _)| *c == primary)
            })
            .map(Lang)
            .next()
            .unwrap_or_else(Lang::english)
    }

    /// Every language with a catalogue, by code.
    pub fn all() -> impl Iterator<Item = (&'static str, Lang)> {
        CATALOGS.iter().enumerate().map(|(i, (c, _))| (*c, Lang(i)))
    }

    pub fn code(self) -> &'static str {
        CATALOGS.get(self.0).map_or("en", |(c, _)| c)
    }

    fn lookup(self, key: &str) -> Option<&'static str> {
        let (_, entries) = CATALOGS.get(self.0)?;
        let i = entries.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        Some(entries[i].1)
    }

    /// The text for `key` (English if this catalogue lacks it; the key itself
    /// if English lacks it too, which a test forbids).
    pub fn t(self, key: &str) -> &'static str {
        self.lookup(key)
            .or_else(|| Lang::english().lookup(key))
            .unwrap_or("")
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        quiz_core::card::fill(self.t(key), args)
    }

    /// A number with at most one decimal, in this language's style.
    pub fn number(self, x: f64) -> String {
        // Integer arithmetic: float formatting would add kilobytes to the wasm.
        let tenths = (x * 10.0).round().max(0.0) as u64;
        let whole = tenths / 10;
        match tenths % 10 {
            0 => whole.to_string(),
            d => format!("{whole}{}{d}", self.t("decimal")),
        }
    }

    pub fn percent(self, n: u32) -> String {
        self.f("percent", &[("n", &n.to_string())])
    }

    /// `YYYY-MM-DD` written out (`20 June 2022`); other forms are kept as given.
    pub fn date(self, iso: &str) -> String {
        quiz_core::card::date(iso, |key| self.t(key))
    }

    pub fn points(self, earned: f64, max: f64) -> String {
        self.f(
            "points_of",
            &[("earned", &self.number(earned)), ("max", &self.number(max))],
        )
    }
}

/// Every catalogue as JSON (`{"en": {"key": "text", …}, …}`), written to
/// the build's `i18n.json` for packaging (`quiz_core::card`).
pub fn catalogues_json() -> String {
    let mut out = String::from("{");
    for (i, (code, entries)) in CATALOGS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quiz_core::json::quote(code, &mut out);
        out.push_str(":{");
        for (j, (key, text)) in entries.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            quiz_core::json::quote(key, &mut out);
            out.push(':');
            quiz_core::json::quote(text, &mut out);
        }
        out.push('}');
    }
    out.push('}');
    out
}

/// The interface language of the nearest provider (English without one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_has_every_english_key() {
        let en = Lang::english();
        let (_, english) = CATALOGS[en.0];
        assert!(english.len() > 50);
        for (code, entries) in CATALOGS {
            for (key, _) in english {
                assert!(
                    entries.iter().any(|(k, v)| k == key && !v.is_empty()),
                    "i18n/{code}.txt has no \"{key}\""
                );
            }
            for (key, _) in *entries {
                assert!(
                    english.iter().any(|(k, _)| k == key),
                    "i18n/{code}.txt has \"{key}\", which English does not"
                );
            }
        }
    }

    #[test]
    fn languages_are_picked_by_primary_subtag_with_english_fallback() {
        assert_eq!(Lang::pick(["fr-CA", "en"]).code(), "fr");
        assert_eq!(Lang::pick(["de", "FR"]).code(), "fr");
        assert_eq!(Lang::pick(["de", "es"]).code(), "en");
        assert_eq!(Lang::pick([]).code(), "en");
    }

    #[test]
    fn numbers_percentages_and_dates_follow_the_language() {
        let fr = Lang::pick(["fr"]);
        let en = Lang::english();
        assert_eq!(en.number(0.5), "0.5");
        assert_eq!(fr.number(0.5), "0,5");
        assert_eq!(fr.number(2.0), "2");
        assert_eq!(en.percent(67), "67%");
        assert_eq!(fr.percent(67), "67\u{202f}%");
        assert_eq!(en.date("2022-06-20"), "20 June 2022");
        assert_eq!(fr.date("2018-02-16"), "16 février 2018");
        assert_eq!(en.date("2017"), "2017");
        assert_eq!(
            en.f("question_of", &[("n", "3"), ("total", "12")]),
            "Question 3 of 12"
        );
    }
}
