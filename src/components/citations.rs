use std::rc::Rc;

use quiz_core::{Cite, Loaded, Source};
use yew::prelude::*;

use crate::i18n::{use_lang, Lang};

/// A link to a source; the URL was checked (https only) when the bank loaded.
fn source_link(source: &Source, lang: Lang) -> Html {
    html! {
        <a href={source.url.clone()} target="_blank" rel="noopener noreferrer">
            { &source.title }
            <span class="visually-hidden">{ format!(" {}", lang.t("new_tab")) }</span>
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct CitationsProps {
    pub bank: Rc<Loaded>,
    pub cites: Vec<Cite>,
}

/// The sources that support one explanation, with the section of each.
#[component]
pub fn Citations(props: &CitationsProps) -> Html {
    let lang = use_lang();
    let items = props.cites.iter().filter_map(|cite| {
        let source = props.bank.bank.source(&cite.source)?;
        Some(html! {
            <li>
                { source_link(source, lang) }
                { format!(" — {}, {}. ", source.publisher, lang.date(&source.date)) }
                { lang.f("section", &[("locator", &cite.locator)]) }
            </li>
        })
    });
    html! {
        <div class="citations">
            <h4>{ lang.t("sources") }</h4>
            <ul>{ for items }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BibliographyProps {
    pub bank: Rc<Loaded>,
}

/// Every source the bank cites, in full.
#[component]
pub fn Bibliography(props: &BibliographyProps) -> Html {
    let lang = use_lang();
    let items = props.bank.bank.cited_sources().into_iter().map(|s| {
        let ids = [
            s.doi.as_ref().map(|d| format!(" doi:{d}.")),
            s.pmid.as_ref().map(|p| format!(" PMID {p}.")),
        ];
        html! {
            <li>
                { format!("{}. ", s.authors.join(", ")) }
                { source_link(s, lang) }
                { format!(". {}, {}.", s.publisher, lang.date(&s.date)) }
                { for ids.into_iter().flatten() }
            </li>
        }
    });
    html! { <ol class="bibliography">{ for items }</ol> }
}

#[derive(Properties, PartialEq)]
pub struct DisclaimerProps {
    pub text: AttrValue,
}

/// The bank's medical disclaimer; always shown on the start and results pages.
#[component]
pub fn Disclaimer(props: &DisclaimerProps) -> Html {
    let lang = use_lang();
    html! {
        <p class="disclaimer">
            <strong>{ lang.t("please_note") }</strong>{ " " }{ &props.text }
        </p>
    }
}
