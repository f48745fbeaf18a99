//! The studio screen: forms or TOML, the problem list, the preview, the
//! downloads; saved to the browser as the instructor types.

use std::rc::Rc;

use quiz_core::diagnostic::Seg;
use yew::prelude::*;

use super::convert::offset;
use super::drafts::{self, Saved};
use super::forms::{BankForm, SourcesForm, TopicsForm};
use super::preview::Preview;
use super::publish::Publish;
use super::questions::{QuestionForm, QuestionList};
use super::studio::{field_id, Action, Studio, Tab};

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub initial: Rc<Studio>,
    /// Back to the start page (the draft stays saved).
    pub on_close: Callback<()>,
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let studio = {
        let initial = props.initial.clone();
        use_reducer(move || (*initial).clone())
    };
    let dispatch = {
        let studio = studio.clone();
        Callback::from(move |a: Action| studio.dispatch(a))
    };
    let source = use_node_ref();
    let storage_failed = use_state(|| false);

    // Saved in the browser on every change.
    {
        let storage_failed = storage_failed.clone();
        let s = studio.clone();
        use_effect_with((studio.text.clone(), studio.saved_revision), move |_| {
            let saved = Saved {
                id: s.draft_id.clone(),
                stem: s.stem.clone(),
                text: s.text.clone(),
                notes: s.notes.clone(),
                updated: drafts::now(),
                downloaded: !s.unsaved(),
            };
            storage_failed.set(!drafts::save(&saved));
            drafts::set_current(Some(&s.draft_id));
        });
    }
    // Leaving with changes that were not downloaded asks first.
    use_effect_with(studio.unsaved(), |unsaved| {
        let listener = (*unsaved).then(web_sys::window).flatten().map(|w| {
            gloo::events::EventListener::new_with_options(
                &w,
                "beforeunload",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                |e| {
                    e.prevent_default();
                    if let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::BeforeUnloadEvent>(e)
                    {
                        e.set_return_value("unsaved");
                    }
                },
            )
        });
        move || drop(listener)
    });
    // A field asked for (a problem clicked, a question added) gets focus and
    // is scrolled into view; the nearest enclosing section stands in for a
    // field that is not shown.
    use_effect_with(studio.focus.clone(), |focus| {
        if let Some((path, _)) = focus {
            focus_path(path);
        }
    });

    let s: Rc<Studio> = Rc::new((*studio).clone());
    let go_to_text = {
        let (dispatch, source) = (dispatch.clone(), source.clone());
        let text = s.text.clone();
        move |line: usize, column: usize| {
            let (dispatch, source, text) = (dispatch.clone(), source.clone(), text.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::Tab(Tab::Toml));
                let (source, text) = (source.clone(), text.clone());
                // After the TOML tab has rendered.
                gloo::timers::callback::Timeout::new(0, move || {
                    if let Some(area) = source.cast::<web_sys::HtmlTextAreaElement>() {
                        let at = offset(&text, line, column) as u32;
                        let _ = area.focus();
                        let _ = area.set_selection_range(at, at);
                    }
                })
                .forget();
            })
        }
    };
    let summary = match (s.errors(), s.problems.len() - s.errors()) {
        (0, 0) => "No problems: this bank is ready to deploy.".to_string(),
        (0, w) => format!("No errors; {} to consider.", plural(w, "warning")),
        (e, 0) => format!(
            "{} to fix before the bank can be deployed.",
            plural(e, "error")
        ),
        (e, w) => format!(
            "{} to fix before the bank can be deployed, and {} to consider.",
            plural(e, "error"),
            plural(w, "warning")
        ),
    };
    let problems = s.problems.iter().map(|p| {
        let class = if p.is_error() { "error" } else { "warning" };
        let in_forms =
            s.editable() && !p.message.starts_with("unknown field") && !p.path.is_empty();
        let (line, column) = p.pos.map_or((1, 1), |x| (x.line, x.column));
        let onclick = if in_forms {
            dispatch.reform({
                let path = p.path.clone();
                move |_| Action::Reveal(path.clone())
            })
        } else {
            go_to_text(line, column)
        };
        let place = if in_forms {
            describe(&p.path)
        } else {
            format!("Line {line}, column {column}")
        };
        html! {
            <li class={class}>
                <button type="button" class="link" {onclick}>{ place }</button>
                { format!(" — {class}: {}", p.message) }
            </li>
        }
    });
    let notes = s.notes.iter().map(|n| {
        let line = n.pos.map_or(String::new(), |p| {
            format!("Line {} of the original file: ", p.line)
        });
        html! { <li>{ format!("{line}{}", n.message) }</li> }
    });
    let json = s
        .loaded
        .as_ref()
        .and_then(|l| serde_json::to_string(&l.bank).ok());
    let json_name = format!("{}.json", s.stem);
    let on_download = |name: String, mime: &'static str, text: Option<String>| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = &text {
                if super::download(&name, mime, t).is_some() {
                    dispatch.emit(Action::Downloaded);
                }
            }
        })
    };
    let download_json = on_download(json_name.clone(), "application/json", json.clone());
    let download_toml = on_download(
        format!("{}.toml", s.stem),
        "text/plain",
        Some(s.text.clone()),
    );
    let download_review = {
        let (name, loaded) = (format!("{}-review.html", s.stem), s.loaded.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = &loaded {
                let _ =
                    super::download(&name, "text/html", &quiz_core::review::review_html(&l.bank));
            }
        })
    };
    let tab = |t: Tab, label: &'static str| {
        let selected = s.tab == t;
        html! {
            <button type="button" role="tab" id={format!("tab-{label}")} aria-selected={if selected { "true" } else { "false" }}
                aria-controls="tab-panel" class={classes!("tab", selected.then_some("selected"))}
                onclick={dispatch.reform(move |_| Action::Tab(t))}>{ label }</button>
        }
    };
    let on_text = dispatch.reform(|e: InputEvent| {
        let value = e
            .target_dyn_into::<web_sys::HtmlTextAreaElement>()
            .map(|a| a.value())
            .unwrap_or_default();
        Action::SetText(value)
    });
    let bank = s.bank.clone().map(Rc::new);
    let panel = match (s.tab, bank) {
        (Tab::Toml, _) => html! {
            <div class="source">
                <label for="bank-text">{ format!("{}.toml", s.stem) }</label>
                <p class="field-hint">{ "The bank as TOML, for those who prefer text. Comments and layout are kept when you edit in the forms." }</p>
                <textarea id="bank-text" ref={source.clone()} spellcheck="false" value={s.text.clone()} oninput={on_text} rows="30" />
            </div>
        },
        (Tab::Forms, Some(bank)) if s.editable() => html! {
            <div class="forms">
                <div class="questions-area">
                    <QuestionList studio={s.clone()} bank={bank.clone()} dispatch={dispatch.clone()} />
                    <QuestionForm studio={s.clone()} bank={bank.clone()} dispatch={dispatch.clone()} />
                </div>
                <SourcesForm studio={s.clone()} bank={bank.clone()} dispatch={dispatch.clone()} />
                <TopicsForm studio={s.clone()} bank={bank.clone()} dispatch={dispatch.clone()} />
                <BankForm studio={s.clone()} bank={bank} dispatch={dispatch.clone()} />
            </div>
        },
        (Tab::Forms, _) => html! {
            <div class="forms">
                <p class="notice">{ "The forms cannot read this bank until its TOML syntax is fixed. The problem list says where; fix it in the TOML tab." }</p>
                <button type="button" onclick={dispatch.reform(|_| Action::Tab(Tab::Toml))}>{ "Open the TOML tab" }</button>
            </div>
        },
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <>
            <div class="studio-bar">
                <p class="file">
                    <strong>{ format!("{}.toml", s.stem) }</strong>
                    { if *storage_failed {
                        " — this browser cannot store drafts: download your work before leaving".to_string()
                    } else if s.unsaved() {
                        " — saved in this browser; not downloaded yet".to_string()
                    } else {
                        " — saved in this browser and downloaded".to_string()
                    } }
                </p>
                <div class="actions">
                    <button type="button" disabled={!s.can_undo()} onclick={dispatch.reform(|_| Action::Undo)}>{ "Undo" }</button>
                    <button type="button" onclick={close}>{ "Close and start another bank" }</button>
                </div>
                <p class="status" role="status">{ &s.status }</p>
            </div>
            if !s.notes.is_empty() {
                <details class="notes" open=true>
                    <summary>{ format!("Import report: {}", plural(s.notes.len(), "note")) }</summary>
                    <ul>{ for notes }</ul>
                </details>
            }
            <section class="problems" aria-labelledby="problems-title">
                <h2 id="problems-title">{ "Problems" }</h2>
                <p class="summary" role="status">{ summary }</p>
                <ul>{ for problems }</ul>
            </section>
            <div class="studio">
                <div class="editing">
                    <div class="tabs" role="tablist" aria-label="Edit the bank as">
                        { tab(Tab::Forms, "Forms") }
                        { tab(Tab::Toml, "TOML") }
                    </div>
                    <div id="tab-panel" role="tabpanel" aria-labelledby={if s.tab == Tab::Forms { "tab-Forms" } else { "tab-TOML" }}>
                        { panel }
                    </div>
                </div>
                <Preview studio={s.clone()} />
            </div>
            <section class="deploy" aria-labelledby="deploy-title">
                <h2 id="deploy-title">{ "Download" }</h2>
                <div class="actions">
                    <button type="button" class="primary" disabled={json.is_none()} onclick={download_json}
                        aria-describedby="deploy-hint">
                        { format!("Download {json_name} to deploy") }
                    </button>
                    <button type="button" onclick={download_toml}>{ format!("Download {}.toml (to keep editing)", s.stem) }</button>
                    <button type="button" disabled={s.loaded.is_none()} onclick={download_review}>
                        { "Download the review pack for a clinician" }
                    </button>
                </div>
                <p class="hint" id="deploy-hint">{
                    if json.is_some() {
                        format!("To deploy: copy {json_name} into the quiz's banks/ folder and open the quiz at ?bank=banks/{json_name}. No rebuild is needed.")
                    } else {
                        format!("The deployable file needs a bank without errors: {} left.", plural(s.errors(), "error"))
                    }
                }</p>
            </section>
            <Publish json={json.clone()} id={s.loaded.as_ref().map(|l| l.bank.meta.id.clone()).unwrap_or_default()} errors={s.errors()} />
        </>
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Where a problem is, in the forms' words.
fn describe(path: &[Seg]) -> String {
    use Seg::{Index, Key};
    match path {
        [Key("questions"), Index(i), Key("choices"), Index(j), ..] => {
            format!("Question {}, choice {}", i + 1, j + 1)
        }
        [Key("questions"), Index(i), Key("cites"), Index(j), ..] => {
            format!("Question {}, citation {}", i + 1, j + 1)
        }
        [Key("questions"), Index(i), ..] => format!("Question {}", i + 1),
        [Key("sources"), Index(i), ..] => format!("Source {}", i + 1),
        [Key("topics"), Index(i), ..] => format!("Topic {}", i + 1),
        [Key("bank"), ..] => "Bank details".to_string(),
        [Key(k), ..] => format!("{}{}", k[..1].to_uppercase(), &k[1..]),
        _ => "The bank".to_string(),
    }
}

/// Focuses the control for `path`, or the nearest section around it.
fn focus_path(path: &[Seg]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for n in (1..=path.len()).rev() {
        if let Some(el) = doc.get_element_by_id(&field_id(&path[..n])) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&options);
                return;
            }
        }
    }
}
