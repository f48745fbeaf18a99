//! Render tests: components rendered to HTML with yew's server renderer.

use std::rc::Rc;

use microneedling_quiz::components::{BankError, QuestionView, Quiz, QuizProps, Results};
use microneedling_quiz::hooks::{Detail, LoadError};
use microneedling_quiz::i18n::Lang;
use microneedling_quiz::state::Action;
use microneedling_quiz::DEFAULT_BANK_JSON;
use quiz_core::{from_json, Loaded, Options, Session};
use yew::prelude::*;
use yew::LocalServerRenderer;

/// The text inside the polite live region, which must exist even when empty.
fn live_region(html: &str) -> Option<String> {
    let at = html.find("aria-live=\"polite\"")?;
    let open_end = at + html[at..].find('>')? + 1;
    let close = open_end + html[open_end..].find("</div>")?;
    Some(html[open_end..close].to_string())
}

#[derive(Properties, PartialEq)]
struct InLanguageProps {
    lang: &'static str,
    quiz: QuizProps,
}

/// The quiz under a language provider, as the app renders it.
#[component]
fn InLanguage(props: &InLanguageProps) -> Html {
    let q = &props.quiz;
    html! {
        <ContextProvider<Lang> context={Lang::pick([props.lang])}>
            <Quiz bank={q.bank.clone()} seed={q.seed} storage={q.storage} />
        </ContextProvider<Lang>>
    }
}

fn default_bank() -> Rc<Loaded> {
    Rc::new(from_json(DEFAULT_BANK_JSON).expect("the default bank is valid"))
}

/// A bank whose every text field carries markup, to prove it renders as text.
fn hostile_bank() -> Rc<Loaded> {
    let mut bank = default_bank().bank.clone();
    let evil = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    bank.meta.title = evil.into();
    bank.meta.description = evil.into();
    bank.meta.disclaimer = evil.into();
    for s in &mut bank.sources {
        s.title = evil.into();
    }
    for q in &mut bank.questions {
        q.prompt = evil.into();
        q.explanation = evil.into();
        for (i, c) in q.choices.iter_mut().enumerate() {
            c.text = format!("{evil}{i}");
            c.feedback = Some(evil.into());
        }
    }
    let json = serde_json::to_string(&bank).expect("serializes");
    Rc::new(from_json(&json).expect("still a valid bank"))
}

async fn render_quiz(bank: Rc<Loaded>) -> String {
    LocalServerRenderer::<Quiz>::with_props(QuizProps {
        bank,
        seed: 1,
        storage: false,
        config: Default::default(),
        booting: false,
    })
    .render()
    .await
}

fn session_with_answers(bank: &Loaded, check_all: bool) -> Session {
    let mut s = Session::new(&bank.bank, 11, &Options::default());
    for i in 0..s.len() {
        s.go(i);
        let q = bank.bank.question(&s.slots[i].question).expect("q").clone();
        for c in q.correct_ids() {
            s.select(&bank.bank, c, true);
        }
        if check_all {
            s.check();
        }
    }
    s.go(0);
    s
}

async fn render_question(bank: Rc<Loaded>, session: &Session) -> String {
    LocalServerRenderer::<QuestionView>::with_props(microneedling_quiz::components::QuestionProps {
        bank,
        slot: session.slots[0].clone(),
        index: 0,
        total: session.len(),
        instant: true,
        dispatch: Callback::noop(),
        focus_on_show: true,
    })
    .render()
    .await
}

#[tokio::test]
async fn start_screen_shows_title_count_disclaimer_and_start_button() {
    let bank = default_bank();
    let html = render_quiz(bank.clone()).await;
    assert!(html.contains(&format!(
        "<h1 id=\"quiz-title\">{}</h1>",
        bank.bank.meta.title
    )));
    // A visit draws the bank's pool, not every question.
    let draw = bank.bank.meta.draw.expect("the default bank draws a set");
    assert!(draw < bank.bank.questions.len());
    assert!(html.contains(&format!("{draw} questions")));
    assert!(html.contains("education only"));
    assert!(html.contains(">Start the quiz</button>"));
    // Honest status: the sources were checked; no medical review is claimed.
    assert!(
        html.contains("Sources checked on 6 December 2026"),
        "{html}"
    );
    assert!(!html.contains("eviewed"), "{html}");
    // The live region exists, empty, before anything is announced.
    assert_eq!(live_region(&html).as_deref(), Some(""));
}

/// The default bank with its review fields set as given.
fn with_review(
    reviewer: Option<&str>,
    credentials: Option<&str>,
    date: Option<&str>,
) -> Rc<Loaded> {
    let mut loaded = (*default_bank()).clone();
    let meta = &mut loaded.bank.meta;
    meta.reviewer = reviewer.map(Into::into);
    meta.reviewer_credentials = credentials.map(Into::into);
    meta.reviewed = date.map(Into::into);
    Rc::new(loaded)
}

#[tokio::test]
async fn a_medical_review_is_claimed_only_for_a_named_dated_reviewer() {
    let html = render_quiz(with_review(
        Some("Dr Ana Ruiz"),
        Some("MD, FAAD"),
        Some("2027-01-15"),
    ))
    .await;
    assert!(
        html.contains("Medically reviewed by Dr Ana Ruiz, MD, FAAD, on 15 January 2027"),
        "{html}"
    );
    assert!(
        !html.contains("Sources checked on"),
        "the review replaces the lesser claim"
    );
    let html = render_quiz(with_review(Some("Dr Ana Ruiz"), None, Some("2027-01-15"))).await;
    assert!(
        html.contains("Medically reviewed by Dr Ana Ruiz on 15 January 2027"),
        "{html}"
    );
    // A date without a name, or a name without a date, claims nothing.
    for bank in [
        with_review(None, None, Some("2027-01-15")),
        with_review(Some("Dr Ana Ruiz"), Some("MD"), None),
    ] {
        let html = render_quiz(bank).await;
        assert!(!html.contains("eviewed"), "{html}");
        assert!(html.contains("Sources checked on 6 December 2026"));
    }
}

#[tokio::test]
async fn the_french_interface_comes_from_the_french_catalogue() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/questions/microneedling.fr.toml"
    ))
    .expect("French bank");
    let json = serde_json::to_string(
        &quiz_core::toml_source::from_toml(&text)
            .expect("valid")
            .bank,
    )
    .expect("serializes");
    let bank = Rc::new(from_json(&json).expect("valid"));
    let html = LocalServerRenderer::<InLanguage>::with_props(InLanguageProps {
        lang: "fr",
        quiz: QuizProps {
            bank: bank.clone(),
            seed: 1,
            storage: false,
            config: Default::default(),
            booting: false,
        },
    })
    .render()
    .await;
    assert!(html.contains(">Commencer le quiz</button>"), "{html}");
    assert!(html.contains("Note de réussite\u{202f}: 70\u{202f}%"));
    assert!(
        html.contains("Sources vérifiées le 6 décembre 2026"),
        "{html}"
    );
    assert!(html.contains("À noter\u{202f}:"));
    assert!(!html.contains("Start the quiz"));
}

#[tokio::test]
async fn an_unanswered_question_is_a_fieldset_with_native_inputs() {
    let bank = default_bank();
    let s = Session::new(&bank.bank, 4, &Options::default());
    let html = render_question(bank.clone(), &s).await;
    let q = bank.bank.question(&s.slots[0].question).expect("q");
    assert!(html.contains("Question 1 of"));
    assert!(html.contains(&format!("<legend>{}</legend>", q.prompt)));
    let input = if q.kind == quiz_core::Kind::Multiple {
        "checkbox"
    } else {
        "radio"
    };
    assert_eq!(
        html.matches(&format!("type=\"{input}\"")).count(),
        q.choices.len()
    );
    // Each input has a label pointing at it.
    for c in &q.choices {
        assert!(html.contains(&format!("for=\"choice-{}-{}\"", q.id, c.id)));
    }
    assert!(html.contains("Check answer"));
    assert!(!html.contains("Explanation"), "no feedback before checking");
    // The live region lives at the quiz level, so it outlasts each question.
    assert_eq!(live_region(&html), None);
}

#[tokio::test]
async fn a_checked_answer_shows_verdict_in_words_explanation_and_source_links() {
    let bank = default_bank();
    let s = session_with_answers(&bank, true);
    let html = render_question(bank.clone(), &s).await;
    let q = bank.bank.question(&s.slots[0].question).expect("q");
    assert!(html.contains("<strong>Correct</strong>"));
    assert!(html.contains(&q.explanation));
    for cite in &q.cites {
        let src = bank.bank.source(&cite.source).expect("declared");
        assert!(html.contains(&format!(
            "href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\"",
            src.url
        )));
        assert!(html.contains(&cite.locator));
    }
    assert!(html.contains("(opens in a new tab)"));
    assert!(!html.contains("Check answer"));
}

#[tokio::test]
async fn results_show_score_topics_review_and_bibliography() {
    let bank = default_bank();
    let mut s = session_with_answers(&bank, true);
    s.finish();
    let html =
        LocalServerRenderer::<Results>::with_props(microneedling_quiz::components::ResultsProps {
            bank: bank.clone(),
            session: s.clone(),
            dispatch: Callback::<Action>::noop(),
            cta: Some(microneedling_quiz::config::Cta {
                text: "Book a consultation".into(),
                url: "https://clinic.example/book".into(),
            }),
            on_cta: Callback::noop(),
            date: Some("2026-12-02".into()),
        })
        .render()
        .await;
    assert!(html.contains("100%"));
    assert!(html.contains("Date: 2 December 2026"), "{html}");
    assert!(html.contains(">Print or save as PDF</button>"));
    assert!(html.contains("href=\"https://clinic.example/book\""));
    assert!(html.contains(">Book a consultation<"));
    assert!(html.contains("Passed"));
    for t in &bank.bank.topics {
        if bank.bank.questions.iter().any(|q| q.topic == t.id) {
            assert!(html.contains(&t.label), "topic {} listed", t.label);
        }
    }
    assert_eq!(
        html.matches("class=\"review-item correct\"").count(),
        s.len()
    );
    assert!(html.contains("class=\"bibliography\""));
    assert!(html.contains("doi:10.1097/GOX.0000000000001474"));
    assert!(!html.contains("missed questions"), "nothing missed");
}

#[tokio::test]
async fn bank_text_with_markup_is_rendered_as_text() {
    let bank = hostile_bank();
    let start = render_quiz(bank.clone()).await;
    let s = session_with_answers(&bank, true);
    let question = render_question(bank.clone(), &s).await;
    for html in [start, question] {
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}

#[tokio::test]
async fn a_bank_error_lists_each_problem_and_offers_a_retry() {
    let html = LocalServerRenderer::<BankError>::with_props(
        microneedling_quiz::components::BankErrorProps {
            error: Rc::new(LoadError {
                summary: "error_bank_invalid",
                details: vec![
                    Detail::Text("line 3, column 11: expected value".into()),
                    Detail::Message(
                        "error_http",
                        vec![("url", "b.json".into()), ("status", "404".into())],
                    ),
                ],
            }),
            on_retry: Callback::noop(),
        },
    )
    .render()
    .await;
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("The question bank has problems, so the quiz cannot start."));
    assert!(html.contains("line 3, column 11: expected value"));
    assert!(html.contains("b.json answered with HTTP status 404."));
    assert!(html.contains("Try again"));
}

#[tokio::test]
async fn the_prerendered_card_is_the_apps_start_card_with_a_not_ready_button() {
    let bank = default_bank();
    let pre = LocalServerRenderer::<microneedling_quiz::Prerendered>::with_props(
        microneedling_quiz::PrerenderProps { bank: bank.clone() },
    )
    .hydratable(false)
    .render()
    .await;
    let live = LocalServerRenderer::<InLanguage>::with_props(InLanguageProps {
        lang: "en",
        quiz: QuizProps {
            bank,
            seed: 3,
            storage: false,
            config: Default::default(),
            booting: false,
        },
    })
    .hydratable(false)
    .render()
    .await;
    assert!(
        pre.starts_with("<main id=\"quiz-main\" class=\"quiz\">"),
        "{pre}"
    );
    let not_ready = "<button type=\"button\" disabled=\"disabled\" class=\"primary start-button\">Preparing the quiz…</button>";
    assert!(pre.contains(not_ready), "{pre}");
    // Everything else is the live start screen, to the byte.
    let inner = pre
        .trim_start_matches("<main id=\"quiz-main\" class=\"quiz\">")
        .trim_end_matches("</main>");
    let ready = "<button type=\"button\" class=\"primary start-button\">Start the quiz</button>";
    assert_eq!(inner.replace(not_ready, ready), live);
}

/// A package's start card (`quiz_core::card`, rendered without yew for the
/// studio and the `bank package` command) is the prerendered card to the
/// byte, in every language, with a medical review or without.
#[tokio::test]
async fn a_packages_card_is_the_prerendered_card() {
    let fr = include_str!(concat!(env!("OUT_DIR"), "/default_bank.json")).to_string();
    let french =
        quiz_core::toml_source::from_toml(include_str!("../questions/microneedling.fr.toml"))
            .expect("the French bank is valid");
    let mut reviewed = from_json(&fr).expect("valid");
    reviewed.bank.meta.reviewer = Some("Dr <A> & B".into());
    reviewed.bank.meta.reviewer_credentials = Some("MD".into());
    reviewed.bank.meta.reviewed = Some("2026-11-30".into());
    let mut unchecked = from_json(&fr).expect("valid");
    unchecked.bank.meta.sources_checked = None;
    for loaded in [
        default_bank(),
        Rc::new(french),
        Rc::new(reviewed),
        Rc::new(unchecked),
    ] {
        let pre = LocalServerRenderer::<microneedling_quiz::Prerendered>::with_props(
            microneedling_quiz::PrerenderProps {
                bank: loaded.clone(),
            },
        )
        .hydratable(false)
        .render()
        .await;
        let texts = quiz_core::card::Texts::pick(
            &microneedling_quiz::i18n::catalogues_json(),
            &loaded.bank.meta.language,
        )
        .expect("catalogues");
        let count = Session::new(&loaded.bank, 0, &Options::default()).len();
        let card = quiz_core::card::start_card(&loaded.bank, count, &texts);
        assert_eq!(card, pre);
    }
}

/// The default bank with every eighth question essential and the rule that
/// a visit passes only with all of them right.
fn essential_bank() -> Rc<Loaded> {
    let mut bank = default_bank().bank.clone();
    // Four chosen here, in place of the bank's own.
    for q in &mut bank.questions {
        q.essential = false;
    }
    for q in bank.questions.iter_mut().step_by(8).take(4) {
        q.essential = true;
    }
    bank.meta.pass_requires_essential = true;
    let json = serde_json::to_string(&bank).expect("serializes");
    Rc::new(from_json(&json).expect("still a valid bank"))
}

/// Every question right but `wrong`, answered with a wrong choice.
fn session_missing(bank: &Loaded, wrong: &[&str]) -> Session {
    let mut s = Session::new(&bank.bank, 11, &Options::default());
    for i in 0..s.len() {
        s.go(i);
        let q = bank.bank.question(&s.slots[i].question).expect("q").clone();
        let ids: Vec<&str> = if wrong.contains(&q.id.as_str()) {
            vec![q
                .choices
                .iter()
                .find(|c| !c.correct)
                .expect("a wrong one")
                .id
                .as_str()]
        } else {
            q.correct_ids()
        };
        for c in ids {
            s.select(&bank.bank, c, true);
        }
        s.check();
    }
    s.finish();
    s
}

#[derive(Properties, PartialEq)]
struct ResultsInProps {
    lang: &'static str,
    bank: Rc<Loaded>,
    session: Session,
}

#[component]
fn ResultsIn(props: &ResultsInProps) -> Html {
    html! {
        <ContextProvider<Lang> context={Lang::pick([props.lang])}>
            <Results bank={props.bank.clone()} session={props.session.clone()}
                dispatch={Callback::<Action>::noop()} />
        </ContextProvider<Lang>>
    }
}

async fn render_results(lang: &'static str, bank: Rc<Loaded>, session: Session) -> String {
    LocalServerRenderer::<ResultsIn>::with_props(ResultsInProps {
        lang,
        bank,
        session,
    })
    .render()
    .await
}

#[tokio::test]
async fn missed_essential_questions_lead_the_results_and_the_visit_does_not_pass() {
    let bank = essential_bank();
    let essential: Vec<String> = bank.bank.essentials().map(|q| q.id.clone()).collect();
    assert_eq!(essential.len(), 4);
    // Miss two essential questions and nothing else: 80%, over the pass mark.
    let s = session_missing(&bank, &[&essential[1], &essential[3]]);
    let r = quiz_core::report(&bank.bank, &s);
    assert!(r.pass_mark_met && !r.passed, "{r:?}");
    let html = render_results("en", bank.clone(), s.clone()).await;
    assert!(html.contains("<strong>Not passed yet</strong>"), "{html}");
    assert!(html.contains(
        "To pass, every essential question must be answered correctly; you got 2 of 4 right."
    ));
    let heading = html
        .find(">Read these again before your treatment</h3>")
        .expect("the heading");
    let by_topic = html.find(">By topic</h3>").expect("topics");
    let review = html.find(">Review your answers</h3>").expect("review");
    assert!(heading < by_topic && by_topic < review);
    // The two missed essential questions, in the order asked, with their
    // explanation and sources, come under it; not again in the review.
    let section = &html[heading..by_topic];
    let asked: Vec<&str> = s
        .slots
        .iter()
        .map(|x| x.question.as_str())
        .filter(|q| *q == essential[1] || *q == essential[3])
        .collect();
    let at = |id: &str, text: &str| {
        let q = bank.bank.question(id).expect("q");
        assert!(text.contains(&q.explanation), "{id} explained");
        text.find(&q.prompt)
    };
    let (first, second) = (at(asked[0], section), at(asked[1], section));
    assert!(first.is_some() && first < second, "in the order asked");
    assert_eq!(
        section.matches("class=\"citations\"").count(),
        2,
        "{section}"
    );
    assert_eq!(
        section.matches("class=\"review-item incorrect\"").count(),
        2
    );
    let rest = &html[review..];
    for id in &asked {
        let prompt = &bank.bank.question(id).expect("q").prompt;
        assert!(!rest.contains(prompt.as_str()), "{id} is not listed twice");
    }
    assert_eq!(
        html.matches("class=\"review-item").count(),
        s.len(),
        "every answer once"
    );
    // A retry of the missed questions asks the other essential ones too.
    assert!(html.contains(">Retry the 2 missed questions and the essential ones</button>"));

    // In French.
    let fr = render_results("fr", bank.clone(), s).await;
    assert!(fr.contains(">À relire avant votre séance</h3>"), "{fr}");
    assert!(fr.contains("vous en avez réussi 2 sur 4."));
}

#[tokio::test]
async fn without_missed_essential_questions_the_results_are_as_before() {
    let bank = essential_bank();
    // Every essential question right, one other question missed.
    let s = Session::new(&bank.bank, 11, &Options::default());
    let other = s
        .slots
        .iter()
        .map(|x| x.question.clone())
        .find(|id| !bank.bank.question(id).is_some_and(|q| q.essential))
        .expect("one not essential");
    let s = session_missing(&bank, &[&other]);
    let html = render_results("en", bank.clone(), s).await;
    assert!(html.contains("<strong>Passed</strong>"), "{html}");
    assert!(!html.contains("Read these again"));
    assert!(!html.contains("every essential question"));
    // The default bank has no essential questions: nothing changes.
    let plain = render_results("en", default_bank(), session_missing(&default_bank(), &[])).await;
    assert!(!plain.contains("Read these again") && !plain.contains("essential"));
}
