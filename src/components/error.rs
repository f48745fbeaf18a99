use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::LoadError;

#[derive(Properties, PartialEq)]
pub struct BankErrorProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

/// A bank that could not be loaded: what went wrong and a way to try again.
#[component]
pub fn BankError(props: &BankErrorProps) -> Html {
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <section class="card error" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{ "The quiz could not be loaded" }</h1>
            <p>{ &props.error.summary }</p>
            <ul class="problems">
                { for props.error.problems.iter().map(|p| html! { <li>{ p }</li> }) }
            </ul>
            <button type="button" class="primary" onclick={retry}>{ "Try again" }</button>
        </section>
    }
}

#[component]
pub fn Loading() -> Html {
    html! { <p class="card loading" role="status">{ "Loading the questions…" }</p> }
}
