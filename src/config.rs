//! Page configuration from the URL. Parsing and checks are pure; only
//! `from_location` reads the browser.

/// Where the quiz takes its bank from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSource {
    /// The bank compiled into the app.
    Default,
    /// A same-origin path or an https URL to a JSON bank.
    Url(String),
    /// The `bank` parameter was given but is not acceptable.
    Invalid(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub bank: BankSource,
    /// Interface language asked for with `?lang=` (a BCP 47 tag).
    pub lang: Option<String>,
}

impl Config {
    /// Reads `?bank=` from the page address.
    pub fn from_location() -> Config {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&query).ok();
        let get = |name: &str| params.as_ref().and_then(|p| p.get(name));
        Config {
            bank: bank_source(get("bank").as_deref()),
            lang: get("lang").filter(|l| is_lang_tag(l)),
        }
    }
}

/// Accepts a same-origin path (`banks/x.json`, `/banks/x.json`) or an https
/// URL; refuses other schemes and protocol-relative addresses.
pub fn bank_source(param: Option<&str>) -> BankSource {
    let Some(raw) = param.map(str::trim) else {
        return BankSource::Default;
    };
    if raw.is_empty() {
        return BankSource::Default;
    }
    let lower = raw.to_ascii_lowercase();
    let has_scheme = lower
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty());
    if lower.starts_with("https://") {
        match quiz_core::validate::check_url(raw) {
            Ok(()) => BankSource::Url(raw.to_string()),
            Err(why) => BankSource::Invalid(why),
        }
    } else if has_scheme || raw.starts_with("//") || raw.starts_with("\\\\") || raw.contains('\\') {
        BankSource::Invalid(format!(
            "\"{raw}\" is not allowed: give a path on this site or an https:// address"
        ))
    } else {
        BankSource::Url(raw.to_string())
    }
}

/// A plausible language tag: letters, digits and hyphens, 2 to 35 characters.
pub fn is_lang_tag(tag: &str) -> bool {
    (2..=35).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parameter_must_look_like_a_tag() {
        assert!(is_lang_tag("fr"));
        assert!(is_lang_tag("fr-CA"));
        assert!(!is_lang_tag("<script>"));
        assert!(!is_lang_tag("x"));
    }

    #[test]
    fn bank_parameter_accepts_paths_and_https_only() {
        assert_eq!(bank_source(None), BankSource::Default);
        assert_eq!(bank_source(Some("  ")), BankSource::Default);
        assert_eq!(
            bank_source(Some("banks/fr.json")),
            BankSource::Url("banks/fr.json".into())
        );
        assert_eq!(
            bank_source(Some("https://example.org/b.json")),
            BankSource::Url("https://example.org/b.json".into())
        );
        for bad in [
            "http://example.org/b.json",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:application/json,{}",
            "//evil.example/b.json",
            "https://",
            "\\\\evil\\b.json",
        ] {
            assert!(
                matches!(bank_source(Some(bad)), BankSource::Invalid(_)),
                "{bad} should be refused"
            );
        }
    }
}
