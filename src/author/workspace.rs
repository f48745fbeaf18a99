//! The studio screen: forms or TOML, the problem list, the preview, the
//! downloads; saved to the browser as the instructor types.

use std::rc::Rc;

use quiz_core::diagnostic::Seg;
use yew::prelude::*;

use quiz_core::validate::thousands;
use quiz_core::Diagnostic;

use super::convert::offset;
use super::drafts::{self, Saved};
use super::forms::{BankForm, SourcesForm, TopicsForm};
use super::preview::Preview;
use super::problems::{Fix, Group, Listed};
use super::publish::Publish;
use super::questions::{QuestionForm, QuestionList};
use super::studio::{field_id, Action, Download, Studio, Tab, CHECK_DELAY_MS};

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
                text: s.text.to_string(),
                notes: (*s.notes).clone(),
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
    // A large bank is checked when typing pauses: each edit restarts the wait.
    {
        let studio = studio.clone();
        use_effect_with(
            (studio.revision, studio.checked),
            move |(revision, checked)| {
                let wait = (revision != checked).then(|| {
                    gloo::timers::callback::Timeout::new(CHECK_DELAY_MS, move || {
                        studio.dispatch(Action::Check)
                    })
                });
                move || drop(wait)
            },
        );
    }
    // A download asked for is made from the state brought up to date.
    {
        let studio = studio.clone();
        use_effect_with(studio.download, move |asked| {
            if let Some((what, _)) = asked {
                if download(&studio, *what) {
                    studio.dispatch(Action::Downloaded);
                }
            }
        });
    }
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
    let in_forms = |p: &Diagnostic| {
        s.editable() && !p.message.starts_with("unknown field") && !p.path.is_empty()
    };
    let link = |p: &Diagnostic| {
        let (line, column) = p.pos.map_or((1, 1), |x| (x.line, x.column));
        if in_forms(p) {
            let path = p.path.clone();
            (
                describe(&p.path),
                dispatch.reform(move |_| Action::Reveal(path.clone())),
            )
        } else {
            (
                format!("Line {line}, column {column}"),
                go_to_text(line, column),
            )
        }
    };
    let problems = s.listed.iter().map(|entry| match entry {
        Listed::One(i) => {
            let Some(p) = s.problems.get(*i) else {
                return html! {};
            };
            let class = if p.is_error() { "error" } else { "warning" };
            let (place, onclick) = link(p);
            html! {
                <li class={class}>
                    <button type="button" class="link" {onclick}>{ place }</button>
                    { format!(" — {class}: {}", p.message) }
                </li>
            }
        }
        Listed::Many(g) => {
            let places: Vec<(String, Callback<MouseEvent>, Option<String>)> = g
                .members
                .iter()
                .take(SHOWN_PLACES)
                .filter_map(|i| s.problems.get(*i))
                .map(|p| {
                    let (place, onclick) = link(p);
                    (place, onclick, g.alike.then(|| p.message.clone()))
                })
                .collect();
            let uncited = s.bank.as_ref().map_or(0, |b| {
                b.questions.iter().filter(|q| q.cites.is_empty()).count()
            });
            let sources = s
                .bank
                .as_deref()
                .map(super::fields::source_options)
                .unwrap_or_default();
            let fix = match g.fix {
                Some(Fix::CiteAll) if s.editable() && uncited > 0 => html! {
                    <CiteAllFix {sources} {uncited} dispatch={dispatch.clone()} />
                },
                _ => html! {},
            };
            html! { <GroupEntry group={g.clone()} {places} {fix} /> }
        }
    });
    let notes = s.notes.iter().map(|n| {
        let line = n.pos.map_or(String::new(), |p| {
            format!("Line {} of the original file: ", p.line)
        });
        html! { <li>{ format!("{line}{}", n.message) }</li> }
    });
    let json_name = format!("{}.json", s.stem);
    let download_json = dispatch.reform(|_| Action::Download(Download::Json));
    let download_toml = dispatch.reform(|_| Action::Download(Download::Toml));
    let download_review = dispatch.reform(|_| Action::Download(Download::Review));
    // Leaving the forms (for a download, say) brings a large bank's
    // problems and preview up to date at once.
    let onfocusout = {
        let (dispatch, stale) = (dispatch.clone(), s.stale());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                .zip(
                    e.related_target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok()),
                )
                .is_some_and(|(area, to)| area.contains(Some(&to)));
            if stale && !inside {
                dispatch.emit(Action::Check);
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
    let bank = s.bank.clone();
    let panel = match (s.tab, bank) {
        (Tab::Toml, _) => html! {
            <div class="source">
                <label for="bank-text">{ format!("{}.toml", s.stem) }</label>
                <p class="field-hint">{ "The bank as TOML, for those who prefer text. Comments and layout are kept when you edit in the forms." }</p>
                <textarea id="bank-text" ref={source.clone()} spellcheck="false" value={AttrValue::Rc(s.text.clone())} oninput={on_text} rows="30" />
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
                <p class="notice">{ s.blocked().unwrap_or_default() }</p>
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
                // Open when short; a long report (a large export's left-out
                // questions) stays folded so the problems and forms stay in view.
                <details class="notes" open={s.notes.len() <= 12}>
                    <summary>{ format!("Import report: {}", plural(s.notes.len(), "note")) }</summary>
                    <ul>{ for notes }</ul>
                </details>
            }
            <section class="problems" aria-labelledby="problems-title">
                <h2 id="problems-title">{ "Problems" }</h2>
                <p class="summary" role="status">{ summary }</p>
                if s.stale() {
                    <p class="field-hint checking">{ "This large bank is checked when you pause typing: the list catches up in a moment." }</p>
                }
                <ul>{ for problems }</ul>
            </section>
            <div class="studio">
                <div class="editing" {onfocusout}>
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
                    <button type="button" class="primary" disabled={s.loaded.is_none()} onclick={download_json}
                        aria-describedby="deploy-hint">
                        { format!("Download {json_name} to deploy") }
                    </button>
                    <button type="button" onclick={download_toml}>{ format!("Download {}.toml (to keep editing)", s.stem) }</button>
                    <button type="button" disabled={s.loaded.is_none()} onclick={download_review}>
                        { "Download the review pack for a clinician" }
                    </button>
                </div>
                <p class="hint" id="deploy-hint">{
                    if s.loaded.is_some() {
                        format!("To deploy: copy {json_name} into the quiz's banks/ folder and open the quiz at ?bank=banks/{json_name}. No rebuild is needed.")
                    } else {
                        format!("The deployable file needs a bank without errors: {} left.", plural(s.errors(), "error"))
                    }
                }</p>
            </section>
            <Publish loaded={s.loaded.clone()} checked={s.checked} errors={s.errors()} />
        </>
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", thousands(n))
    }
}

/// How many places of a group of problems are listed as links.
const SHOWN_PLACES: usize = 100;

/// Makes the file asked for from `s` (up to date); true when it was
/// offered (the JSON and the TOML then count as downloaded).
fn download(s: &Studio, what: Download) -> bool {
    match what {
        Download::Json => s
            .loaded
            .as_ref()
            .and_then(|l| serde_json::to_string(&l.bank).ok())
            .is_some_and(|json| {
                super::download(&format!("{}.json", s.stem), "application/json", &json).is_some()
            }),
        Download::Toml => {
            super::download(&format!("{}.toml", s.stem), "text/plain", &s.text).is_some()
        }
        Download::Review => {
            if let Some(l) = &s.loaded {
                let _ = super::download(
                    &format!("{}-review.html", s.stem),
                    "text/html",
                    &quiz_core::review::review_html(&l.bank),
                );
            }
            false
        }
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: Group,
    /// The first places, as (name, go there, own message when they differ).
    places: Vec<(String, Callback<MouseEvent>, Option<String>)>,
    fix: Html,
}

/// Problems of one kind as one entry: how many and what, the places when
/// opened (the first hundred), and the fix for all of them when there is one.
#[component]
fn GroupEntry(props: &GroupProps) -> Html {
    let open = use_state(|| false);
    let g = &props.group;
    let class = if g.error { "error" } else { "warning" };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(d.open());
            }
        })
    };
    let more = g.members.len().saturating_sub(props.places.len());
    html! {
        <li class={classes!(class, "group")}>
            <details {ontoggle}>
                <summary>
                    <strong>{ format!("{}", g.count) }</strong>
                    { format!(" — {class}{}: {}", if g.alike { ", like this one" } else { "" }, g.message) }
                </summary>
                if *open {
                    <ul class="places">
                        { for props.places.iter().map(|(place, onclick, message)| html! {
                            <li>
                                <button type="button" class="link" onclick={onclick.clone()}>{ place }</button>
                                if let Some(m) = message { { format!(" — {m}") } }
                            </li>
                        }) }
                    </ul>
                    if more > 0 {
                        <p class="field-hint">{ format!("and {} more", thousands(more)) }</p>
                    }
                }
            </details>
            { props.fix.clone() }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CiteAllProps {
    /// (id, label) of each source.
    sources: Vec<(AttrValue, AttrValue)>,
    uncited: usize,
    dispatch: Callback<Action>,
}

/// The one-click fix of questions without a citation: one source (and the
/// place in it) cited by all of them; without a source yet, adding one.
#[component]
fn CiteAllFix(props: &CiteAllProps) -> Html {
    let chosen = use_state(|| None::<AttrValue>);
    let locator = use_state(String::new);
    let d = &props.dispatch;
    let n = thousands(props.uncited);
    let Some((first, _)) = props.sources.first() else {
        return html! {
            <div class="fix">
                <p class="field-hint">{ format!("Add the source these {n} questions rely on; then cite it for all of them here, in one click.") }</p>
                <button type="button" onclick={d.reform(|_| Action::AddSource)}>{ "Add a source" }</button>
            </div>
        };
    };
    let source = (*chosen)
        .clone()
        .filter(|c| props.sources.iter().any(|(id, _)| id == c))
        .unwrap_or_else(|| first.clone());
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                chosen.set(Some(s.value().into()));
            }
        })
    };
    let oninput = {
        let locator = locator.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                locator.set(i.value());
            }
        })
    };
    let onclick = {
        let (source, locator) = (source.to_string(), locator.clone());
        d.reform(move |_| Action::CiteEverywhere {
            source: source.clone(),
            locator: (*locator).clone(),
        })
    };
    html! {
        <div class="fix cite-all">
            if props.sources.len() > 1 {
                <label for="fix-cite-source">{ "Source to cite" }</label>
                <select id="fix-cite-source" {onchange}>
                    { for props.sources.iter().map(|(id, label)| html! {
                        <option value={id.clone()} selected={*id == source}>{ label }</option>
                    }) }
                </select>
            }
            <label for="fix-cite-where">{ format!("Where in {source} (section, page or paragraph)") }</label>
            <input id="fix-cite-where" type="text" value={(*locator).clone()} {oninput} placeholder="Aftercare, page 2" />
            <button type="button" class="primary" {onclick}>
                { format!("Cite {source} for the {n} question{} without a citation", if props.uncited == 1 { "" } else { "s" }) }
            </button>
        </div>
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
