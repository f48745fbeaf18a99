//! Registers the page's service worker (`sw.js` beside the page: the quiz's,
//! or the editor's in author/) that lets it work offline after one complete
//! visit. Only on secure pages, and never in debug builds.

pub fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // Only on the quiz's own page (not when mounted into a clinic's page).
    let own_page = window
        .document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("quiz-page"));
    // A page that is not ours to cache (a SCORM package in an LMS) says so.
    let offline_off = window
        .document()
        .and_then(|d| d.get_element_by_id("quiz-root"))
        .is_some_and(|r| r.get_attribute("data-offline").as_deref() == Some("off"));
    if !window.is_secure_context() || !own_page || offline_off {
        return;
    }
    let navigator = window.navigator();
    // Older browsers have no service workers: the quiz then simply needs the network.
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()) != Ok(true) {
        return;
    }
    let _ = navigator.service_worker().register("sw.js");
}
