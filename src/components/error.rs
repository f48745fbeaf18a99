use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::{Detail, LoadError};
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct BankErrorProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

/// A bank that could not be loaded: what went wrong and a way to try again.
#[component]
pub fn BankError(props: &BankErrorProps) -> Html {
    let lang = use_lang();
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    let details = props.error.details.iter().map(|d| {
        let text = match d {
            Detail::Message(key, args) => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                lang.f(key, &args)
            }
            Detail::Text(t) => t.clone(),
        };
        html! { <li>{ text }</li> }
    });
    html! {
        <section class="card error" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{ lang.t("error_title") }</h1>
            <p>{ lang.t(props.error.summary) }</p>
            <ul class="problems">{ for details }</ul>
            <button type="button" class="primary" onclick={retry}>{ lang.t("error_try_again") }</button>
        </section>
    }
}

#[component]
pub fn Loading() -> Html {
    let lang = use_lang();
    html! { <p class="card loading" role="status">{ lang.t("loading") }</p> }
}
