//! Applies a clinic theme to the quiz element through the CSSOM (allowed under
//! a strict Content-Security-Policy, unlike style attributes). Values were
//! validated by `config`, so nothing here can inject CSS.

use yew::prelude::*;

use crate::config::{Scheme, Theme};

/// CSS custom properties for `theme`, as (name, value) pairs.
pub fn theme_properties(theme: &Theme) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(p) = theme.primary {
        out.push(("--quiz-primary", p.css()));
        out.push(("--quiz-on-primary", p.readable_text().css()));
    }
    if let Some(c) = theme.background {
        out.push(("--quiz-bg", c.css()));
    }
    if let Some(c) = theme.surface {
        out.push(("--quiz-surface", c.css()));
    }
    if let Some(c) = theme.text {
        out.push(("--quiz-text", c.css()));
        out.push(("--quiz-muted", c.css()));
    }
    if let Some(f) = &theme.font {
        out.push(("--quiz-font", f.clone()));
    }
    if let Some(r) = theme.radius {
        out.push(("--quiz-radius", format!("{r}px")));
    }
    out
}

pub fn scheme_attribute(scheme: Scheme) -> Option<&'static str> {
    match scheme {
        Scheme::Auto => None,
        Scheme::Light => Some("light"),
        Scheme::Dark => Some("dark"),
    }
}

#[hook]
pub fn use_theme(target: NodeRef, theme: Theme) {
    use_effect_with(theme, move |theme| {
        if let Some(el) = target.cast::<web_sys::HtmlElement>() {
            let style = el.style();
            for (name, value) in theme_properties(theme) {
                let _ = style.set_property(name, &value);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Color;

    #[test]
    fn a_clinic_theme_becomes_css_variables_with_readable_button_text() {
        let theme = Theme {
            primary: Some(Color(0xff, 0xee, 0x00)),
            radius: Some(4),
            font: Some("Georgia, serif".into()),
            ..Theme::default()
        };
        assert_eq!(
            theme_properties(&theme),
            vec![
                ("--quiz-primary", "#ffee00".to_string()),
                ("--quiz-on-primary", "#111111".to_string()),
                ("--quiz-font", "Georgia, serif".to_string()),
                ("--quiz-radius", "4px".to_string()),
            ]
        );
        assert!(theme_properties(&Theme::default()).is_empty());
        assert_eq!(scheme_attribute(Scheme::Dark), Some("dark"));
        assert_eq!(scheme_attribute(Scheme::Auto), None);
    }
}
