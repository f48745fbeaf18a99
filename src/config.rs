//! Page configuration from URL parameters (the iframe) or the root element's
//! `data-` attributes (direct mount). Parsing and checks are pure: every bad
//! value is dropped with a warning, never a crash; only `from_page` reads the
//! browser.

use quiz_core::validate::check_url;

/// Where the quiz takes its bank from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BankSource {
    /// The bank compiled into the app.
    #[default]
    Default,
    /// A same-origin path or an https URL to a JSON bank.
    Url(String),
    /// The `bank` parameter was given but is not acceptable.
    Invalid(String),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// When answers are judged: after each question, or only on the results page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FeedbackMode {
    #[default]
    Each,
    End,
}

/// An sRGB colour from `#rgb` or `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Color(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
            6 => Some(Color(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
            _ => None,
        }
    }

    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio, 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// White or near-black, whichever reads better on this colour.
    pub fn readable_text(self) -> Color {
        let (white, ink) = (Color(255, 255, 255), Color(17, 17, 17));
        if self.contrast(white) >= self.contrast(ink) {
            white
        } else {
            ink
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    pub primary: Option<Color>,
    pub background: Option<Color>,
    pub surface: Option<Color>,
    pub text: Option<Color>,
    pub font: Option<String>,
    /// Corner radius in CSS pixels.
    pub radius: Option<u8>,
    pub scheme: Scheme,
    /// https URL of the clinic's logo.
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cta {
    pub text: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub bank: BankSource,
    /// Interface language asked for (a BCP 47 tag).
    pub lang: Option<String>,
    pub count: Option<usize>,
    pub per_topic: Option<usize>,
    pub shuffle: Option<bool>,
    pub seed: Option<u64>,
    pub feedback: FeedbackMode,
    pub pass_mark: Option<u32>,
    pub theme: Theme,
    pub cta: Option<Cta>,
    /// Origin of the page embedding the quiz (sent by the loader).
    pub parent_origin: Option<String>,
    /// Id the loader gave this embed, echoed in every message.
    pub embed_id: Option<String>,
}

/// Every parameter name the quiz understands (URL `?name=` or `data-name`).
pub const PARAMETERS: &[&str] = &[
    "bank",
    "lang",
    "count",
    "per-topic",
    "shuffle",
    "seed",
    "feedback",
    "pass-mark",
    "theme-primary",
    "theme-background",
    "theme-surface",
    "theme-text",
    "font",
    "radius",
    "scheme",
    "logo",
    "cta-text",
    "cta-url",
    "origin",
    "embed",
];

impl Config {
    /// Reads the page address, then `data-` attributes of `#quiz-root`
    /// (which win), and logs a console warning for each value ignored.
    pub fn from_page() -> Config {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(w) = web_sys::window() {
            let query = w.location().search().unwrap_or_default();
            if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&query) {
                for name in PARAMETERS {
                    if let Some(v) = params.get(name) {
                        pairs.push((name.to_string(), v));
                    }
                }
            }
            if let Some(root) = w.document().and_then(|d| d.get_element_by_id("quiz-root")) {
                for name in PARAMETERS {
                    if let Some(v) = root.get_attribute(&format!("data-{name}")) {
                        pairs.push((name.to_string(), v));
                    }
                }
            }
        }
        let (config, warnings) = Config::parse(pairs);
        for w in warnings {
            web_sys::console::warn_1(&format!("microneedling quiz: {w}").into());
        }
        config
    }

    /// Builds a configuration from name/value pairs (later pairs win).
    /// Returns the warnings for every value that was ignored.
    pub fn parse(pairs: impl IntoIterator<Item = (String, String)>) -> (Config, Vec<String>) {
        let mut c = Config::default();
        let mut warnings = Vec::new();
        let (mut cta_text, mut cta_url) = (None, None);
        for (name, raw) in pairs {
            let value = raw.trim();
            let ok = match name.as_str() {
                "bank" => {
                    c.bank = bank_source(Some(value));
                    true
                }
                "lang" => put(&mut c.lang, is_lang_tag(value).then(|| value.to_string())),
                // "all" asks every question, whatever the bank's own draw.
                "count" => put(
                    &mut c.count,
                    match value {
                        "all" => Some(quiz_core::validate::limits::MAX_QUESTIONS),
                        _ => number(value, 1, 5000),
                    },
                ),
                "per-topic" => put(&mut c.per_topic, number(value, 1, 5000)),
                "shuffle" => put(&mut c.shuffle, switch(value)),
                "seed" => put(&mut c.seed, value.parse().ok()),
                "feedback" => set(
                    &mut c.feedback,
                    match value {
                        "each" => Some(FeedbackMode::Each),
                        "end" => Some(FeedbackMode::End),
                        _ => None,
                    },
                ),
                "pass-mark" => put(&mut c.pass_mark, number(value, 0, 100).map(|n| n as u32)),
                "theme-primary" => put(&mut c.theme.primary, Color::parse(value)),
                "theme-background" => put(&mut c.theme.background, Color::parse(value)),
                "theme-surface" => put(&mut c.theme.surface, Color::parse(value)),
                "theme-text" => put(&mut c.theme.text, Color::parse(value)),
                "font" => put(&mut c.theme.font, font_family(value)),
                "radius" => put(&mut c.theme.radius, number(value, 0, 40).map(|n| n as u8)),
                "scheme" => set(
                    &mut c.theme.scheme,
                    match value {
                        "auto" => Some(Scheme::Auto),
                        "light" => Some(Scheme::Light),
                        "dark" => Some(Scheme::Dark),
                        _ => None,
                    },
                ),
                "logo" => put(&mut c.theme.logo, https(value)),
                "cta-text" => put(
                    &mut cta_text,
                    (!value.is_empty() && value.chars().count() <= 80).then(|| value.to_string()),
                ),
                "cta-url" => put(&mut cta_url, https(value)),
                "origin" => put(&mut c.parent_origin, origin(value)),
                "embed" => put(
                    &mut c.embed_id,
                    (!value.is_empty()
                        && value.len() <= 40
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                    .then(|| value.to_string()),
                ),
                _ => true,
            };
            if !ok {
                warnings.push(format!(
                    "ignored {name}=\"{}\": not a valid value",
                    clip(value)
                ));
            }
        }
        match (cta_text, cta_url) {
            (Some(text), Some(url)) => c.cta = Some(Cta { text, url }),
            (None, None) => {}
            _ => {
                warnings.push("the call to action needs both cta-text and an https cta-url".into())
            }
        }
        warnings.extend(contrast_warnings(&c.theme));
        (c, warnings)
    }
}

/// Stores a valid value; `false` (ignored) when there is none.
fn set<T>(slot: &mut T, value: Option<T>) -> bool {
    match value {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// [`set`] for optional settings.
fn put<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    set(slot, value.map(Some))
}

fn number(value: &str, min: usize, max: usize) -> Option<usize> {
    value.parse().ok().filter(|n| (min..=max).contains(n))
}

fn switch(value: &str) -> Option<bool> {
    match value {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

fn https(value: &str) -> Option<String> {
    check_url(value).ok().map(|()| value.to_string())
}

/// `https://host[:port]` or `http://localhost|127.0.0.1[:port]` (for local testing).
fn origin(value: &str) -> Option<String> {
    let rest = value.strip_prefix("https://").or_else(|| {
        value
            .strip_prefix("http://")
            .filter(|r| r.starts_with("localhost") || r.starts_with("127.0.0.1"))
    })?;
    let ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':');
    ok.then(|| value.to_string())
}

/// Font family names: ASCII letters, digits, spaces, commas, hyphens and quotes.
fn font_family(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= 120
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '-' | '"' | '\''));
    ok.then(|| value.to_string())
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// A contrast ratio with two decimals, without float formatting (which would
/// add kilobytes to the wasm).
fn ratio(r: f64) -> String {
    let hundredths = (r * 100.0).round() as u64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Console warnings for clinic colours that would be hard to read.
pub fn contrast_warnings(theme: &Theme) -> Vec<String> {
    let mut out = Vec::new();
    let surface = theme.surface.unwrap_or(Color(255, 255, 255));
    let background = theme.background.unwrap_or(Color(246, 247, 249));
    if let Some(text) = theme.text {
        for (name, bg) in [("surface", surface), ("background", background)] {
            let r = text.contrast(bg);
            if r < 4.5 {
                out.push(format!(
                    "theme-text {} on the {name} {} has contrast {}:1, below the 4.5:1 text needs",
                    text.css(),
                    bg.css(),
                    ratio(r)
                ));
            }
        }
    }
    if let Some(primary) = theme.primary {
        let r = primary.contrast(surface);
        if r < 3.0 {
            out.push(format!(
                "theme-primary {} on the surface {} has contrast {}:1, below the 3:1 controls need",
                primary.css(),
                surface.css(),
                ratio(r)
            ));
        }
    }
    out
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
        match check_url(raw) {
            Ok(()) => BankSource::Url(raw.to_string()),
            Err(why) => BankSource::Invalid(why),
        }
    } else if has_scheme || raw.starts_with("//") || raw.contains('\\') {
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

    fn parse(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::parse(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn every_option_is_read_and_validated() {
        let (c, w) = parse(&[
            ("count", "5"),
            ("per-topic", "2"),
            ("shuffle", "off"),
            ("seed", "42"),
            ("feedback", "end"),
            ("pass-mark", "80"),
            ("theme-primary", "#0a6"),
            ("theme-text", "#222222"),
            ("font", "Georgia, serif"),
            ("radius", "4"),
            ("scheme", "dark"),
            ("logo", "https://clinic.example/logo.svg"),
            ("cta-text", "Book a consultation"),
            ("cta-url", "https://clinic.example/book"),
            ("origin", "https://clinic.example"),
            ("embed", "quiz-1"),
            ("lang", "fr"),
        ]);
        assert_eq!(w, Vec::<String>::new());
        assert_eq!(
            (c.count, c.per_topic, c.shuffle, c.seed),
            (Some(5), Some(2), Some(false), Some(42))
        );
        assert_eq!(c.feedback, FeedbackMode::End);
        assert_eq!(c.pass_mark, Some(80));
        assert_eq!(c.theme.primary, Some(Color(0, 170, 102)));
        assert_eq!(c.theme.scheme, Scheme::Dark);
        assert_eq!(c.theme.radius, Some(4));
        assert_eq!(
            c.cta.as_ref().map(|c| c.url.as_str()),
            Some("https://clinic.example/book")
        );
        assert_eq!(c.parent_origin.as_deref(), Some("https://clinic.example"));
        assert_eq!(c.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn count_all_asks_every_question_whatever_the_bank_draws() {
        let (c, w) = parse(&[("count", "all")]);
        assert!(w.is_empty(), "{w:?}");
        let loaded = quiz_core::from_json(crate::DEFAULT_BANK_JSON).expect("default bank");
        let bank = &loaded.bank;
        assert!(bank.meta.draw.is_some_and(|d| d < bank.questions.len()));
        let options = quiz_core::Options {
            count: c.count,
            ..Default::default()
        };
        let session = quiz_core::Session::new(bank, 1, &options);
        assert_eq!(session.len(), bank.questions.len());
        let default = quiz_core::Session::new(bank, 1, &quiz_core::Options::default());
        assert_eq!(Some(default.len()), bank.meta.draw);
    }

    #[test]
    fn bad_values_are_ignored_with_a_warning() {
        let (c, w) = parse(&[
            ("count", "0"),
            ("count", "lots"),
            ("shuffle", "maybe"),
            ("pass-mark", "150"),
            ("theme-primary", "red; background: url(evil)"),
            ("font", "x</style><script>"),
            ("radius", "999"),
            ("logo", "javascript:alert(1)"),
            ("cta-url", "http://clinic.example"),
            ("cta-text", "Book"),
            ("origin", "*"),
            ("embed", "<b>"),
            ("lang", "<script>"),
            ("feedback", "never"),
            ("scheme", "neon"),
        ]);
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 15, "{w:#?}");
        assert!(w
            .iter()
            .any(|m| m.contains("cta-text and an https cta-url")));
    }

    #[test]
    fn contrast_is_computed_as_wcag_does_and_weak_colours_warn() {
        let white = Color(255, 255, 255);
        assert!((Color(0, 0, 0).contrast(white) - 21.0).abs() < 1e-9);
        assert!((Color(0x77, 0x77, 0x77).contrast(white) - 4.48).abs() < 0.01);
        assert_eq!(Color(0xff, 0xee, 0x00).readable_text(), Color(17, 17, 17));
        assert_eq!(Color(0x0b, 0x6e, 0x4f).readable_text(), white);
        let (_, w) = parse(&[("theme-primary", "#ffee00"), ("theme-text", "#999")]);
        assert_eq!(w.len(), 3, "{w:#?}");
        assert!(w[0].contains("theme-text #999999"));
        assert!(w[2].contains("theme-primary #ffee00"));
    }

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
