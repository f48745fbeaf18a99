//! Essential questions: asked in every visit, exactly once, whatever the
//! seed, the count, the pools or the questions a retry keeps; listed first
//! when missed; and, with `pass_requires_essential`, needed to pass.

mod common;

use common::*;
use proptest::prelude::*;
use quiz_core::bank::{Bank, Kind};
use quiz_core::session::visit_len;
use quiz_core::validate::{has_errors, validate};
use quiz_core::{report, Options, Session};

/// Ids of the bank's essential questions.
fn essentials(b: &Bank) -> Vec<String> {
    b.essentials().map(|q| q.id.clone()).collect()
}

/// How many times each of `ids` is asked in `s`.
fn times_asked(s: &Session, ids: &[String]) -> Vec<usize> {
    ids.iter()
        .map(|id| s.slots.iter().filter(|x| &x.question == id).count())
        .collect()
}

/// `n` true/false questions over `topics` topics (question i in topic
/// i % topics), the ones in `essential` marked essential.
fn spread_bank(n: usize, topics: usize, essential: &[usize]) -> Bank {
    let mut b = bank(
        (0..n)
            .map(|i| {
                let mut q = question(
                    &format!("q{i}"),
                    &format!("t{}", i % topics),
                    Kind::TrueFalse,
                    vec![choice("t", true), choice("f", false)],
                );
                q.essential = essential.contains(&i);
                q
            })
            .collect(),
    );
    b.topics = (0..topics)
        .map(|t| quiz_core::Topic {
            id: format!("t{t}"),
            label: format!("Topic {t}"),
        })
        .collect();
    b
}

/// Answers every question of `s`: right when `right(id)`, else wrong.
fn answer(s: &mut Session, b: &Bank, right: impl Fn(&str) -> bool) {
    for i in 0..s.len() {
        s.go(i);
        let qid = s.slots[i].question.clone();
        let q = b.question(&qid).expect("asked from the bank").clone();
        let pick = q
            .choices
            .iter()
            .find(|c| c.correct == right(&qid))
            .expect("a right and a wrong choice");
        s.select(b, &pick.id, true);
        assert!(s.check());
    }
    s.finish();
}

#[test]
fn a_small_draw_still_asks_every_essential_question() {
    // Ten questions over two topics, three essential, a visit of four.
    let mut b = spread_bank(10, 2, &[1, 3, 5]);
    b.meta.draw = Some(4);
    for seed in 0..50 {
        let s = Session::new(&b, seed, &Options::default());
        assert_eq!(s.len(), 4);
        assert_eq!(
            times_asked(&s, &essentials(&b)),
            vec![1, 1, 1],
            "seed {seed}"
        );
    }
    // ?count=2 is fewer than the essential questions: the visit grows.
    let two = Options {
        count: Some(2),
        ..Options::default()
    };
    let s = Session::new(&b, 7, &two);
    assert_eq!(s.len(), 3);
    assert_eq!(times_asked(&s, &essentials(&b)), vec![1, 1, 1]);
    assert_eq!(visit_len(&b, &two), 3);
}

#[test]
fn a_topic_pool_asks_its_essential_questions_first() {
    // t0: q0 q2 q4 q6 (q0, q2 essential); t1: q1 q3 q5 q7 (none).
    let mut b = spread_bank(8, 2, &[0, 2]);
    b.meta.draw_per_topic = Some(2);
    for seed in 0..30 {
        let s = Session::new(&b, seed, &Options::default());
        let topic = |t: &str| {
            s.slots
                .iter()
                .filter(|x| b.question(&x.question).is_some_and(|q| q.topic == t))
                .count()
        };
        assert_eq!((topic("t0"), topic("t1")), (2, 2), "seed {seed}");
        assert_eq!(times_asked(&s, &essentials(&b)), vec![1, 1]);
    }
    // ?per-topic=1: both essential questions of t0 still, one of t1.
    let one = Options {
        per_topic: Some(1),
        ..Options::default()
    };
    let s = Session::new(&b, 3, &one);
    assert_eq!(s.len(), 3);
    assert_eq!(times_asked(&s, &essentials(&b)), vec![1, 1]);
}

#[test]
fn retrying_the_missed_questions_asks_the_essential_ones_again() {
    let mut b = spread_bank(10, 2, &[0, 1]);
    b.meta.draw = Some(6);
    let mut s = Session::new(&b, 11, &Options::default());
    // Every essential question right, every other one wrong.
    answer(&mut s, &b, |id| id == "q0" || id == "q1");
    let r = report(&b, &s);
    assert_eq!(r.missed().len(), 4);
    assert!(r.essential_missed.is_empty());
    let retry = Options {
        only: Some(r.missed()),
        ..Options::default()
    };
    let again = Session::new(&b, 12, &retry);
    assert_eq!(again.len(), 6, "the 4 missed and the 2 essential");
    assert_eq!(times_asked(&again, &essentials(&b)), vec![1, 1]);
    for slot in &again.slots {
        assert!(r.missed().contains(&slot.question) || essentials(&b).contains(&slot.question));
    }
}

#[test]
fn missed_essential_questions_are_reported_in_the_order_asked() {
    let mut b = spread_bank(6, 3, &[2, 4]);
    b.meta.shuffle = false;
    let mut s = Session::new(&b, 1, &Options::default());
    answer(&mut s, &b, |id| id != "q4" && id != "q2" && id != "q5");
    let r = report(&b, &s);
    assert_eq!(r.essential_missed, vec!["q2", "q4"]);
    assert_eq!(r.essential_total, 2);
    assert_eq!(r.missed(), vec!["q2", "q4", "q5"]);
    assert!(r.questions.iter().filter(|q| q.essential).count() == 2);
}

#[test]
fn with_pass_requires_essential_a_high_score_does_not_pass_without_them() {
    let mut b = spread_bank(10, 2, &[3]);
    b.meta.pass_mark = 70;
    let mut s = Session::new(&b, 5, &Options::default());
    answer(&mut s, &b, |id| id != "q3"); // 9 of 10: 90%
    let r = report(&b, &s);
    assert!(r.passed && r.pass_mark_met && !r.failed_on_essentials());
    b.meta.pass_requires_essential = true;
    let r = report(&b, &s);
    assert_eq!(r.percent, 90);
    assert!(r.pass_mark_met && !r.passed && r.failed_on_essentials());
    assert_eq!(r.essential_missed, vec!["q3"]);
    // All essential questions right, under the pass mark: not passed either.
    let mut low = Session::new(&b, 5, &Options::default());
    answer(&mut low, &b, |id| id == "q3" || id == "q0");
    let r = report(&b, &low);
    assert!(!r.passed && !r.pass_mark_met && !r.failed_on_essentials());
    // Both: passed.
    let mut all = Session::new(&b, 5, &Options::default());
    answer(&mut all, &b, |_| true);
    assert!(report(&b, &all).passed);
}

#[test]
fn essential_questions_must_fit_in_a_visit() {
    // The rules, and the authoring warnings (bank check, the studio, the
    // build; not the quiz page).
    let messages = |b: &Bank| -> Vec<(bool, String)> {
        validate(b)
            .into_iter()
            .chain(quiz_core::lint::essential_warnings(b))
            .map(|d| (d.is_error(), d.message))
            .collect()
    };
    // Three essential, draw = 2: an error at draw.
    let mut b = spread_bank(10, 2, &[0, 1, 2]);
    b.meta.draw = Some(2);
    let found = validate(&b);
    let e = found
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(e.path, quiz_core::path!["bank", "draw"]);
    assert!(
        e.message
            .contains("3 questions are essential, but draw = 2"),
        "{}",
        e.message
    );
    // draw = 3: fits, but 3 of 3 is more than half a visit: a warning.
    b.meta.draw = Some(3);
    let m = messages(&b);
    assert!(!has_errors(&validate(&b)), "{m:?}");
    assert!(
        m.iter()
            .any(|(_, w)| w.contains("3 of the 3 questions of a visit are essential")),
        "{m:?}"
    );
    // draw = 6: half a visit exactly is fine.
    b.meta.draw = Some(6);
    assert!(messages(&b).is_empty(), "{:?}", messages(&b));
    // Per topic: t0 holds q0 and q2, essential; one per topic is too few.
    b.meta.draw = None;
    b.meta.draw_per_topic = Some(1);
    let found = validate(&b);
    let e = found.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.path, quiz_core::path!["bank", "draw_per_topic"]);
    assert!(
        e.message
            .contains("in topic \"t0\", 2 questions are essential, but draw_per_topic = 1"),
        "{}",
        e.message
    );
    b.meta.draw_per_topic = Some(2);
    assert!(!has_errors(&validate(&b)));
    // No pool: a visit asks all ten, three essential: nothing to say.
    b.meta.draw_per_topic = None;
    assert!(messages(&b).is_empty());
}

#[test]
fn pass_requires_essential_without_essential_questions_is_a_warning() {
    let mut b = spread_bank(4, 2, &[]);
    b.meta.pass_requires_essential = true;
    assert!(validate(&b).is_empty());
    let found = quiz_core::lint::authoring(&b);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].is_error());
    assert_eq!(
        found[0].path,
        quiz_core::path!["bank", "pass_requires_essential"]
    );
}

#[test]
fn a_draft_drops_a_draw_too_small_for_the_essential_questions_and_keeps_them() {
    let mut b = spread_bank(10, 2, &[0, 1, 2]);
    b.meta.draw = Some(2);
    let d = quiz_core::draft::draft(&b).expect("playable");
    assert_eq!(d.bank.meta.draw, None);
    assert_eq!(essentials(&d.bank), vec!["q0", "q1", "q2"]);
}

/// A bank over up to four topics with some questions essential.
fn arb_essential_bank() -> impl Strategy<Value = Bank> {
    (
        prop::collection::vec((0usize..4, prop::bool::weighted(0.25)), 1..30),
        any::<bool>(),
    )
        .prop_map(|(qs, shuffle)| {
            let mut b = bank(
                qs.iter()
                    .enumerate()
                    .map(|(i, (t, essential))| {
                        let mut q = question(
                            &format!("q{i}"),
                            &format!("t{t}"),
                            Kind::TrueFalse,
                            vec![choice("t", true), choice("f", false)],
                        );
                        q.essential = *essential;
                        q
                    })
                    .collect(),
            );
            b.topics = (0..4)
                .map(|t| quiz_core::Topic {
                    id: format!("t{t}"),
                    label: format!("T{t}"),
                })
                .collect();
            b.meta.shuffle = shuffle;
            b
        })
}

proptest! {
    #[test]
    fn every_visit_asks_every_essential_question_exactly_once(
        b in arb_essential_bank(),
        seed in any::<u64>(),
        retry_seed in any::<u64>(),
        count in prop::option::of(1usize..30),
        per_topic in prop::option::of(1usize..6),
        right in any::<u32>(),
    ) {
        let e = essentials(&b);
        let options = Options { count, per_topic, ..Options::default() };
        let first = Session::new(&b, seed, &options);
        prop_assert!(times_asked(&first, &e).iter().all(|n| *n == 1), "{:?}", first);
        prop_assert_eq!(first.len(), visit_len(&b, &options));
        // With a count at least the essential questions (and no topic pool),
        // the visit is exactly that long, as without essential questions.
        if let (Some(n), None) = (count, per_topic) {
            if n >= e.len() {
                prop_assert_eq!(first.len(), n.min(b.questions.len()));
            }
        }
        // A retry draws again: the same rule.
        let retry = Session::new(&b, retry_seed, &options);
        prop_assert!(times_asked(&retry, &e).iter().all(|n| *n == 1));
        // "Retry missed": the missed questions, and the essential ones again.
        let mut done = first.clone();
        answer(&mut done, &b, |id| {
            let i: u32 = id[1..].parse().unwrap_or(0);
            (right >> (i % 32)) & 1 == 1
        });
        let missed = report(&b, &done).missed();
        let only = Options { only: Some(missed.clone()), ..options.clone() };
        let again = Session::new(&b, retry_seed, &only);
        prop_assert!(times_asked(&again, &e).iter().all(|n| *n == 1));
        for slot in &again.slots {
            prop_assert!(missed.contains(&slot.question) || e.contains(&slot.question));
        }
        prop_assert_eq!(again.len(), visit_len(&b, &only));
    }

    #[test]
    fn the_rest_of_a_visit_is_spread_over_the_topics(
        b in arb_essential_bank(),
        seed in any::<u64>(),
        n in 1usize..30,
    ) {
        let s = Session::new(&b, seed, &Options { count: Some(n), ..Options::default() });
        let count = |drawn: bool, t: usize, essential_only: bool| {
            let topic = format!("t{t}");
            b.questions
                .iter()
                .filter(|q| q.topic == topic && (!essential_only || q.essential))
                .filter(|q| !drawn || s.slots.iter().any(|x| x.question == q.id))
                .count()
        };
        // A topic with questions left has at most one fewer than any other
        // topic, unless that one holds more essential questions.
        for a in 0..4 {
            for c in 0..4 {
                if count(true, a, false) < count(false, a, false) {
                    prop_assert!(
                        count(true, c, false) <= count(true, a, false) + 1
                            || count(true, c, false) == count(false, c, true),
                        "t{} has {} drawn, t{} has {}", a, count(true, a, false), c, count(true, c, false)
                    );
                }
            }
        }
    }

    #[test]
    fn a_bank_whose_essentials_fit_its_draw_validates_and_draws_them(
        b in arb_essential_bank(),
        extra in 0usize..10,
        seed in any::<u64>(),
    ) {
        let mut b = b;
        let e = essentials(&b).len();
        b.meta.draw = Some((e + extra).max(1));
        prop_assert!(!has_errors(&validate(&b)), "{:?}", validate(&b));
        let s = Session::new(&b, seed, &Options::default());
        prop_assert_eq!(s.len(), (e + extra).max(1).min(b.questions.len()));
        prop_assert!(times_asked(&s, &essentials(&b)).iter().all(|n| *n == 1));
    }
}

#[test]
fn the_review_pack_and_the_stats_mark_essential_questions() {
    let mut b = spread_bank(4, 2, &[1]);
    b.meta.pass_requires_essential = true;
    let html = quiz_core::review::review_html(&b);
    assert_eq!(
        html.matches("<article class=\"question essential\"")
            .count(),
        1
    );
    assert_eq!(html.matches("<article class=\"question\"").count(), 3);
    let marked = html
        .find("<article class=\"question essential\" id=\"q-q1\">")
        .expect("q1 is marked");
    assert!(
        html[marked..].contains("<strong>Essential question.</strong> Every visitor is asked it")
    );
    assert!(html.contains(
        "<dt>Essential questions</dt><dd>1 (asked in every visit, and listed first on the results page when missed); a visit passes only when all of them are answered right</dd>"
    ));
    b.meta.language = "fr".into();
    assert!(quiz_core::review::review_html(&b).contains("<strong>Question essentielle.</strong>"));
    // Without essential questions, the pack says nothing of them.
    let plain = quiz_core::review::review_html(&spread_bank(4, 2, &[]));
    assert!(!plain.contains("Essential question"), "{plain}");

    let stats = quiz_core::stats::stats(&b);
    assert_eq!(stats.essential, 1);
    assert!(stats.to_string().contains(
        "\nessential: 1 (asked in every visit; a visit passes only when all are right)\n"
    ));
}
