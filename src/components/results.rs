use std::rc::Rc;

use quiz_core::score::score_question;
use quiz_core::session::Slot;
use quiz_core::{report, Loaded, Session};
use yew::prelude::*;

use super::question::verdict;
use super::{Bibliography, Citations, Disclaimer};
use crate::config::Cta;
use crate::hooks::random_seed;
use crate::i18n::use_lang;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub bank: Rc<Loaded>,
    pub session: Session,
    pub dispatch: Callback<Action>,
    /// The clinic's call to action, shown with the score.
    #[prop_or_default]
    pub cta: Option<Cta>,
    /// Told the URL when the call to action is followed.
    #[prop_or_default]
    pub on_cta: Callback<String>,
    /// The date shown with the score (`YYYY-MM-DD`), for a printed copy.
    #[prop_or_default]
    pub date: Option<String>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(el) = heading.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let bank = &props.bank.bank;
    let r = report(bank, &props.session);
    let missed = r.missed();
    // A retry of the missed questions asks the essential ones again.
    let retry_key = if bank.essentials().any(|q| !missed.contains(&q.id)) {
        "retry_missed_with_essential"
    } else {
        "retry_missed"
    };
    let missed = missed.len();
    let retry = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Retry(random_seed())))
    };
    let retry_missed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::RetryMissed(random_seed())))
    };
    let topics = r.topics.iter().map(|t| {
        html! {
            <tr>
                <th scope="row">{ &t.label }</th>
                <td>{ format!("{} / {}", t.correct, t.total) }</td>
                <td>{ format!("{} / {}", lang.number(t.earned), lang.number(t.max)) }</td>
            </tr>
        }
    });
    // Missed essential questions lead the page; the review lists the rest.
    let (mut essential_review, mut review) = (Vec::new(), Vec::new());
    for slot in &props.session.slots {
        if let Some(item) = review_item(&props.bank, slot, lang) {
            if r.essential_missed.contains(&slot.question) {
                essential_review.push(item);
            } else {
                review.push(item);
            }
        }
    }
    let outcome = lang.t(if r.passed {
        "results_passed"
    } else {
        "results_not_passed"
    });
    let summary = lang.f(
        "results_summary",
        &[
            ("right", &r.correct.to_string()),
            ("total", &r.questions.len().to_string()),
            ("points", &lang.points(r.earned, r.max)),
        ],
    );
    html! {
        <section class="card results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1" ref={heading}>{ lang.t("results_heading") }</h2>
            <p class="score">
                <strong class="percent">{ lang.percent(r.percent) }</strong>{ format!(" — {summary}") }
            </p>
            <p class={classes!("outcome", if r.passed { "passed" } else { "failed" })}>
                <strong>{ outcome }</strong>
                { format!(" {}", lang.f("results_pass_mark", &[("n", &lang.percent(bank.meta.pass_mark))])) }
            </p>
            if r.failed_on_essentials() {
                <p class="outcome-reason">{ lang.f("results_essential_rule", &[
                    ("right", &(r.essential_total - r.essential_missed.len()).to_string()),
                    ("total", &r.essential_total.to_string()),
                ]) }</p>
            }
            if !r.essential_missed.is_empty() {
                <section class="essential" aria-labelledby="essential-heading">
                    <h3 id="essential-heading">{ lang.t("essential_heading") }</h3>
                    <p>{ lang.t("essential_intro") }</p>
                    <ol class="review">{ essential_review }</ol>
                </section>
            }
            if let Some(cta) = &props.cta {
                <a class="cta" href={cta.url.clone()} target="_blank" rel="noopener noreferrer"
                    onclick={props.on_cta.reform({ let url = cta.url.clone(); move |_: MouseEvent| url.clone() })}>
                    { &cta.text }
                    <span class="visually-hidden">{ format!(" {}", lang.t("new_tab")) }</span>
                </a>
            }
            if let Some(date) = &props.date {
                <p class="results-date">{ lang.f("results_date", &[("date", &lang.date(date))]) }</p>
            }
            <div class="actions">
                <button type="button" class="primary" onclick={retry}>{ lang.t("retry") }</button>
                <button type="button" onclick={Callback::from(|_: MouseEvent| crate::hooks::print_page())}>{ lang.t("print_results") }</button>
                if missed > 0 {
                    <button type="button" onclick={retry_missed}>{ lang.f(retry_key, &[("n", &missed.to_string())]) }</button>
                }
            </div>
            <h3>{ lang.t("by_topic") }</h3>
            <table class="topics">
                <thead><tr>
                    <th scope="col">{ lang.t("col_topic") }</th>
                    <th scope="col">{ lang.t("col_right") }</th>
                    <th scope="col">{ lang.t("col_points") }</th>
                </tr></thead>
                <tbody>{ for topics }</tbody>
            </table>
            <h3>{ lang.t("review_heading") }</h3>
            <ol class="review">{ review }</ol>
            <h3>{ lang.t("sources") }</h3>
            <Bibliography bank={props.bank.clone()} />
            <Disclaimer text={bank.meta.disclaimer.clone()} />
        </section>
    }
}

/// One answer on the results page: the prompt, how it went, the visitor's
/// and the correct answer, the explanation and its sources.
fn review_item(bank: &Rc<Loaded>, slot: &Slot, lang: crate::i18n::Lang) -> Option<Html> {
    let b = &bank.bank;
    let q = b.question(&slot.question)?;
    let earned = score_question(q, &slot.selected, b.meta.scoring);
    let (verdict_key, verdict_class) = verdict(earned, f64::from(q.points));
    let names = |ids: Vec<&str>| {
        let texts: Vec<&str> = ids
            .into_iter()
            .filter_map(|id| q.choice(id).map(|c| c.text.as_str()))
            .collect();
        if texts.is_empty() {
            lang.t("no_answer").to_string()
        } else {
            texts.join("; ")
        }
    };
    let yours = names(slot.selected.iter().map(String::as_str).collect());
    let correct = names(q.correct_ids());
    Some(html! {
        <li class={classes!("review-item", verdict_class)}>
            <p class="review-prompt">{ &q.prompt }</p>
            <p><strong>{ format!("{}. ", lang.t(verdict_key)) }</strong>{ lang.f("your_answer", &[("answer", &yours)]) }</p>
            <p>{ lang.f("correct_answer", &[("answer", &correct)]) }</p>
            <p class="explanation">{ &q.explanation }</p>
            <Citations bank={bank.clone()} cites={q.cites.clone()} />
        </li>
    })
}
