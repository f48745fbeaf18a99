use std::rc::Rc;

use quiz_core::Loaded;
use yew::prelude::*;

use super::Disclaimer;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub bank: Rc<Loaded>,
    pub count: usize,
    /// The clinic's logo, if it set one.
    #[prop_or_default]
    pub logo: Option<Html>,
    /// Not ready yet (the card in index.html before the app runs).
    #[prop_or_default]
    pub booting: bool,
    pub on_start: Callback<()>,
}

#[component]
pub fn Start(props: &StartProps) -> Html {
    let lang = use_lang();
    let meta = &props.bank.bank.meta;
    let start = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="card start" aria-labelledby="quiz-title">
            { props.logo.clone().unwrap_or_default() }
            <h1 id="quiz-title">{ &meta.title }</h1>
            <p>{ &meta.description }</p>
            <ul class="facts">
                <li>{ lang.f("start_questions", &[("n", &props.count.to_string())]) }</li>
                <li>{ lang.f("start_pass_mark", &[("n", &lang.percent(meta.pass_mark))]) }</li>
                <li>{ lang.t("start_sources") }</li>
                if let Some(review) = meta.medical_review() {
                    <li class="reviewed">{ match review.credentials {
                        Some(credentials) => lang.f("start_reviewed_by", &[
                            ("name", review.reviewer),
                            ("credentials", credentials),
                            ("date", &lang.date(review.date)),
                        ]),
                        None => lang.f("start_reviewed_by_name", &[
                            ("name", review.reviewer),
                            ("date", &lang.date(review.date)),
                        ]),
                    } }</li>
                } else if let Some(date) = &meta.sources_checked {
                    <li>{ lang.f("start_sources_checked", &[("date", &lang.date(date))]) }</li>
                }
            </ul>
            <Disclaimer text={meta.disclaimer.clone()} />
            if props.booting {
                <button type="button" class="primary start-button" disabled=true>{ lang.t("start_preparing") }</button>
            } else {
                <button type="button" class="primary start-button" onclick={start}>{ lang.t("start_button") }</button>
            }
        </section>
    }
}
