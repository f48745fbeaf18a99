//! "Publish for learners": the bank as a SCORM 1.2 or 2004 package for an
//! LMS, or as a ready-to-host website, assembled in this browser from the
//! built quiz's own files (`../site-files.json` lists them) by the same code
//! as `bank package` (`quiz_core::package`). Nothing is uploaded.

use std::rc::Rc;

use quiz_core::package::{suspend_data_warning, Target};
use quiz_core::Loaded;
use yew::prelude::*;

#[derive(Properties)]
pub struct PublishProps {
    /// The deployable bank, when it has no errors.
    pub loaded: Option<Rc<Loaded>>,
    /// The studio's revision that `loaded` was checked at: it changes when
    /// the bank does (comparing a large bank would be slow).
    pub checked: u32,
    pub errors: usize,
}

impl PartialEq for PublishProps {
    fn eq(&self, other: &Self) -> bool {
        self.checked == other.checked
            && self.errors == other.errors
            && self.loaded.is_some() == other.loaded.is_some()
    }
}

/// The built quiz's files, fetched from the site the studio is served from.
async fn site_files() -> Result<Vec<(String, Vec<u8>)>, String> {
    use gloo::net::http::Request;
    let unreachable = |what: &str| {
        format!("the quiz's {what} could not be fetched from this site; check the connection and try again")
    };
    let list = Request::get("../site-files.json")
        .send()
        .await
        .map_err(|_| unreachable("file list"))?;
    if !list.ok() {
        return Err(unreachable("file list (site-files.json)"));
    }
    let names: Vec<String> = list.json().await.map_err(|_| unreachable("file list"))?;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        // Only the quiz's own files, by plain relative paths.
        if name.contains("..") || name.starts_with('/') || name.contains(':') {
            continue;
        }
        let response = Request::get(&format!("../{name}"))
            .send()
            .await
            .map_err(|_| unreachable(&name))?;
        if !response.ok() {
            return Err(unreachable(&name));
        }
        out.push((
            name,
            response.binary().await.map_err(|_| unreachable("files"))?,
        ));
    }
    Ok(out)
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[component]
pub fn Publish(props: &PublishProps) -> Html {
    let status = use_state(String::new);
    let busy = use_state(|| false);
    let loaded = props.loaded.clone();
    let id = loaded
        .as_ref()
        .map(|l| l.bank.meta.id.clone())
        .unwrap_or_default();
    let too_big_for_12 = {
        let loaded = loaded.clone();
        (*use_memo(props.checked, move |_| {
            suspend_data_warning(&loaded.as_ref()?.bank, Target::Scorm12)
        }))
        .clone()
    };
    let export = |target: Target| {
        let (status, busy, loaded, id) = (status.clone(), busy.clone(), loaded.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(json) = loaded
                .as_ref()
                .and_then(|l| serde_json::to_string(&l.bank).ok())
            else {
                return;
            };
            let (status, busy, id) = (status.clone(), busy.clone(), id.clone());
            busy.set(true);
            status.set(format!("Making the {} package…", target.label()));
            wasm_bindgen_futures::spawn_local(async move {
                let start = now();
                let result = match site_files().await {
                    Ok(site) => quiz_core::package::zip(target, &json, &site),
                    Err(e) => Err(e),
                };
                let name = target.file_name(&id);
                status.set(match result {
                    Ok(zip) => match super::download_bytes(&name, "application/zip", &zip) {
                        Some(()) => format!(
                            "{name} is downloaded ({} KB, made in {} ms).",
                            zip.len().div_ceil(1024),
                            (now() - start).round()
                        ),
                        None => "This browser did not allow the download.".to_string(),
                    },
                    Err(e) => format!("Not published: {e}."),
                });
                busy.set(false);
            });
        })
    };
    // A native LMS quiz (Canvas, Blackboard): made here, no site files needed.
    let qti = {
        let (status, loaded, id) = (status.clone(), loaded.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(loaded) = loaded.as_ref() else {
                return;
            };
            let zip = quiz_core::qti::to_qti_zip(&loaded.bank);
            let name = format!("{id}-qti.zip");
            let warnings = quiz_core::qti::qti_warnings(&loaded.bank);
            let notes = warnings
                .iter()
                .map(|w| w.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            status.set(
                match super::download_bytes(&name, "application/zip", &zip) {
                    Some(()) if warnings.is_empty() => format!("{name} is downloaded."),
                    Some(()) => format!("{name} is downloaded. What Canvas will not keep: {notes}"),
                    None => "This browser did not allow the download.".to_string(),
                },
            );
        })
    };
    let ready = loaded.is_some() && !*busy;
    html! {
        <section class="deploy publish" aria-labelledby="publish-title">
            <h2 id="publish-title">{ "Publish for learners" }</h2>
            <div class="actions">
                <button type="button" class="primary" disabled={!ready || too_big_for_12.is_some()}
                    onclick={export(Target::Scorm12)} aria-describedby="publish-hint">
                    { "SCORM 1.2 package (for most LMSs)" }
                </button>
                <button type="button" disabled={!ready} onclick={export(Target::Scorm2004)}
                    aria-describedby="publish-hint">{ "SCORM 2004 package" }</button>
                <button type="button" disabled={!ready} onclick={export(Target::Site)}
                    aria-describedby="publish-hint">{ "Website (zip)" }</button>
                <button type="button" disabled={!ready} onclick={qti}
                    aria-describedby="publish-hint">{ "QTI 1.2 for Canvas or Blackboard (zip)" }</button>
            </div>
            <p class="hint" id="publish-hint">{
                if loaded.is_none() {
                    format!("Publishing needs a bank without errors: {} left.", props.errors)
                } else if let Some(w) = &too_big_for_12 {
                    format!("SCORM 1.2 is not offered: {w}.")
                } else {
                    "A SCORM package goes into your LMS (Moodle, TalentLMS, Docebo, Canvas…) and reports each learner's score, answers and progress to it. The website is the quiz with this bank built in, for any static host. QTI makes a quiz that Canvas grades itself, without this quiz's sources, topics or resume.".to_string()
                }
            }</p>
            <p class="status" role="status">{ (*status).clone() }</p>
        </section>
    }
}
