use std::rc::Rc;

use quiz_core::score::score_question;
use quiz_core::{report, Loaded, Session};
use yew::prelude::*;

use super::question::verdict;
use super::{Bibliography, Citations, Disclaimer};
use crate::hooks::random_seed;
use crate::state::Action;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub bank: Rc<Loaded>,
    pub session: Session,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
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
                <td>{ format!("{} of {}", t.correct, t.total) }</td>
                <td>{ format!("{} / {}", text::points(t.earned), text::points(t.max)) }</td>
            </tr>
        }
    });
    let review = props.session.slots.iter().filter_map(|slot| {
        let q = bank.question(&slot.question)?;
        let earned = score_question(q, &slot.selected, bank.meta.scoring);
        let judged = verdict(earned, f64::from(q.points));
        let names = |ids: Vec<&str>| {
            let texts: Vec<&str> = ids
                .into_iter()
                .filter_map(|id| q.choice(id).map(|c| c.text.as_str()))
                .collect();
            if texts.is_empty() {
                "no answer".to_string()
            } else {
                texts.join("; ")
            }
        };
        let yours = names(slot.selected.iter().map(String::as_str).collect());
        let correct = names(q.correct_ids());
        Some(html! {
            <li class={classes!("review-item", judged.to_lowercase().replace(' ', "-"))}>
                <p class="review-prompt">{ &q.prompt }</p>
                <p><strong>{ format!("{judged}. ") }</strong>{ format!("Your answer: {yours}.") }</p>
                <p>{ format!("Correct answer: {correct}.") }</p>
                <p class="explanation">{ &q.explanation }</p>
                <Citations bank={props.bank.clone()} cites={q.cites.clone()} />
            </li>
        })
    });
    let outcome = if r.passed { "Passed" } else { "Not passed yet" };
    html! {
        <section class="card results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1" ref={heading}>{ "Your results" }</h2>
            <p class="score" role="status">
                <strong class="percent">{ format!("{}%", r.percent) }</strong>
                { format!(" — {} questions right out of {}, {}.", r.correct, r.questions.len(), text::score_line(r.earned, r.max)) }
            </p>
            <p class={classes!("outcome", if r.passed { "passed" } else { "failed" })}>
                <strong>{ outcome }</strong>{ format!(" (pass mark {}%)", bank.meta.pass_mark) }
            </p>
            <div class="actions">
                <button type="button" class="primary" onclick={retry}>{ "Retry the quiz" }</button>
                if !r.missed().is_empty() {
                    <button type="button" onclick={retry_missed}>{ format!("Retry the {} missed questions", r.missed().len()) }</button>
                }
            </div>
            <h3>{ "By topic" }</h3>
            <table class="topics">
                <thead><tr><th scope="col">{ "Topic" }</th><th scope="col">{ "Right" }</th><th scope="col">{ "Points" }</th></tr></thead>
                <tbody>{ for topics }</tbody>
            </table>
            <h3>{ "Review your answers" }</h3>
            <ol class="review">{ for review }</ol>
            <h3>{ "Sources" }</h3>
            <Bibliography bank={props.bank.clone()} />
            <Disclaimer text={bank.meta.disclaimer.clone()} />
        </section>
    }
}
