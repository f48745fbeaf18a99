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
    // Only on the quiz's own page (not when mounted into a clinic's page, nor
    // in a SCORM package, whose LMS serves it: `quiz-lms`).
    let own_page = window.document().and_then(|d| d.body()).is_some_and(|b| {
        let classes = b.class_list();
        classes.contains("quiz-page") && !classes.contains("quiz-lms")
    });
    if !window.is_secure_context() || !own_page {
        return;
    }
    let navigator = window.navigator();
    // Older browsers have no service workers: the quiz then simply needs the network.
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()) != Ok(true) {
        return;
    }
    let _ = navigator.service_worker().register("sw.js");
}
