use std::rc::Rc;

use quiz_core::Loaded;
use yew::prelude::*;

use super::Disclaimer;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub bank: Rc<Loaded>,
    pub count: usize,
    pub on_start: Callback<()>,
}

#[component]
pub fn Start(props: &StartProps) -> Html {
    let meta = &props.bank.bank.meta;
    let start = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="card start" aria-labelledby="quiz-title">
            <h1 id="quiz-title">{ &meta.title }</h1>
            <p>{ &meta.description }</p>
            <ul class="facts">
                <li>{ format!("{} questions", props.count) }</li>
                <li>{ format!("Pass mark: {}%", meta.pass_mark) }</li>
                <li>{ "Every answer is explained, with its sources" }</li>
            </ul>
            <Disclaimer text={meta.disclaimer.clone()} />
            <button type="button" class="primary" onclick={start}>{ "Start the quiz" }</button>
        </section>
    }
}
