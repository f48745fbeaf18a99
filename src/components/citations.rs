use std::rc::Rc;

use quiz_core::{Cite, Loaded, Source};
use yew::prelude::*;

/// A link to a source; the URL was checked (https only) when the bank loaded.
fn source_link(source: &Source) -> Html {
    html! {
        <a href={source.url.clone()} target="_blank" rel="noopener noreferrer">
            { &source.title }
            <span class="visually-hidden">{ " (opens in a new tab)" }</span>
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
    let items = props.cites.iter().filter_map(|cite| {
        let source = props.bank.bank.source(&cite.source)?;
        Some(html! {
            <li>
                { source_link(source) }
                { format!(" — {}, {}. Section: {}", source.publisher, source.date, cite.locator) }
            </li>
        })
    });
    html! {
        <div class="citations">
            <h4>{ "Sources" }</h4>
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
    let items = props.bank.bank.cited_sources().into_iter().map(|s| {
        let ids = [
            s.doi.as_ref().map(|d| format!(" doi:{d}.")),
            s.pmid.as_ref().map(|p| format!(" PMID {p}.")),
        ];
        html! {
            <li>
                { format!("{}. ", s.authors.join(", ")) }
                { source_link(s) }
                { format!(". {}, {}.", s.publisher, s.date) }
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

#[component]
pub fn Disclaimer(props: &DisclaimerProps) -> Html {
    html! { <p class="disclaimer"><strong>{ "Please note: " }</strong>{ &props.text }</p> }
}
