//! The quiz session and scoring: examples and properties.

mod common;

use common::*;
use proptest::prelude::*;
use quiz_core::bank::{Bank, Kind, Scoring};
use quiz_core::progress::{decode, encode, Restore};
use quiz_core::score::score_question;
use quiz_core::{report, Options, Session};

fn answer(s: &mut Session, b: &Bank, ids: &[&str]) {
    for id in ids {
        s.select(b, id, true);
    }
    assert!(s.check());
}

/// The drawn question ids, in order.
fn question_ids(s: &Session) -> Vec<&str> {
    s.slots.iter().map(|x| x.question.as_str()).collect()
}

/// Moves to the slot of question `qid`.
fn goto(s: &mut Session, qid: &str) {
    let i = s
        .slots
        .iter()
        .position(|x| x.question == qid)
        .expect("drawn");
    s.go(i);
}

#[test]
fn a_full_run_scores_against_the_answer_key() {
    let b = sample();
    let mut s = Session::new(&b, 1, &Options::default());
    goto(&mut s, "q1");
    answer(&mut s, &b, &["b"]); // right: 1
    goto(&mut s, "q2");
    answer(&mut s, &b, &["a", "d"]); // one right, one wrong: 0.5 - 0.5 = 0
    goto(&mut s, "q3");
    answer(&mut s, &b, &["t"]); // right: 1
    s.finish();
    let r = report(&b, &s);
    assert_eq!((r.earned, r.max, r.percent, r.correct), (2.0, 3.0, 67, 2));
    assert!(r.passed, "67% passes a 60% mark");
    assert_eq!(r.topics.len(), 2);
    assert_eq!((r.topics[0].correct, r.topics[0].total), (1, 2));
    assert_eq!(r.missed(), vec!["q2".to_string()]);
}

#[test]
fn multiple_choice_partial_credit_and_all_or_nothing() {
    let b = sample();
    let q = &b.questions[1];
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(score_question(q, &ids(&["a"]), Scoring::Partial), 0.5);
    assert_eq!(score_question(q, &ids(&["a", "c"]), Scoring::Partial), 1.0);
    assert_eq!(
        score_question(q, &ids(&["a", "c", "b"]), Scoring::Partial),
        0.5
    );
    assert_eq!(score_question(q, &ids(&["b", "d"]), Scoring::Partial), 0.0);
    assert_eq!(score_question(q, &ids(&["a"]), Scoring::AllOrNothing), 0.0);
    assert_eq!(
        score_question(q, &ids(&["a", "c"]), Scoring::AllOrNothing),
        1.0
    );
}

#[test]
fn single_choice_keeps_one_answer_and_checked_answers_are_final() {
    let b = sample();
    let mut s = Session::new(&b, 3, &Options::default());
    goto(&mut s, "q1");
    s.select(&b, "a", true);
    s.select(&b, "c", true);
    assert_eq!(
        s.slot().map(|x| x.selected.clone()),
        Some(vec!["c".to_string()])
    );
    s.select(&b, "zzz", true); // not a choice of this question
    assert_eq!(s.slot().map(|x| x.selected.len()), Some(1));
    assert!(s.check());
    s.select(&b, "b", true);
    assert_eq!(
        s.slot().map(|x| x.selected.clone()),
        Some(vec!["c".to_string()])
    );
}

#[test]
fn check_needs_a_choice_and_navigation_stays_in_range() {
    let b = sample();
    let mut s = Session::new(&b, 3, &Options::default());
    assert!(!s.check());
    s.prev();
    assert_eq!(s.current, 0);
    s.next();
    s.next();
    s.next();
    assert_eq!(s.current, 2);
    assert!(s.is_last());
}

#[test]
fn draw_and_only_options() {
    let b = sample();
    let s = Session::new(
        &b,
        9,
        &Options {
            count: Some(2),
            ..Options::default()
        },
    );
    assert_eq!(s.len(), 2);
    let s = Session::new(
        &b,
        9,
        &Options {
            only: Some(vec!["q3".into()]),
            ..Options::default()
        },
    );
    assert_eq!(question_ids(&s), vec!["q3"]);
}

#[test]
fn pools_draw_per_topic_and_in_total_and_stay_the_same_for_a_seed() {
    let mut b = sample(); // t1: q1, q2; t2: q3
    b.meta.draw_per_topic = Some(1);
    for seed in 0..20 {
        let s = Session::new(&b, seed, &Options::default());
        assert_eq!(s.len(), 2, "one from each topic");
        let topics: Vec<_> = s
            .slots
            .iter()
            .map(|x| b.question(&x.question).map(|q| q.topic.clone()))
            .collect();
        assert!(topics.contains(&Some("t1".into())) && topics.contains(&Some("t2".into())));
        assert_eq!(s, Session::new(&b, seed, &Options::default()));
    }
    b.meta.draw_per_topic = None;
    b.meta.draw = Some(1);
    assert_eq!(Session::new(&b, 1, &Options::default()).len(), 1);
    // Page options override the bank's pool.
    assert_eq!(
        Session::new(
            &b,
            1,
            &Options {
                count: Some(3),
                ..Options::default()
            }
        )
        .len(),
        3
    );
    let s = Session::new(
        &b,
        1,
        &Options {
            shuffle: Some(false),
            count: Some(3),
            ..Options::default()
        },
    );
    assert_eq!(question_ids(&s), vec!["q1", "q2", "q3"]);
}

#[test]
fn unshuffled_banks_keep_the_author_order_and_true_false_is_never_shuffled() {
    let mut b = sample();
    b.meta.shuffle = false;
    let s = Session::new(&b, 123, &Options::default());
    assert_eq!(question_ids(&s), vec!["q1", "q2", "q3"]);
    assert_eq!(s.slots[0].order, vec!["a", "b", "c"]);
    b.meta.shuffle = true;
    for seed in 0..50 {
        let s = Session::new(&b, seed, &Options::default());
        let tf = s.slots.iter().find(|x| x.question == "q3").expect("q3");
        assert_eq!(tf.order, vec!["t", "f"]);
    }
}

#[test]
fn saved_progress_round_trips_and_a_changed_bank_is_refused() {
    let b = sample();
    let mut s = Session::new(&b, 5, &Options::default());
    s.select(&b, &s.slots[0].order[0].clone(), true);
    let saved = encode("h1", &s);
    assert_eq!(decode(Some(&saved), &b, "h1"), Restore::Resumed(s.clone()));
    assert_eq!(decode(Some(&saved), &b, "h2"), Restore::Discarded);
    assert_eq!(decode(None, &b, "h1"), Restore::Nothing);
    assert_eq!(decode(Some("{not json"), &b, "h1"), Restore::Discarded);
    let mut edited = b.clone();
    edited.questions[0].choices[0].id = "renamed".into();
    assert_eq!(decode(Some(&saved), &edited, "h1"), Restore::Discarded);
}

// ------------------------------------------------------------ properties

fn arb_bank() -> impl Strategy<Value = Bank> {
    let q = (0usize..3, 2usize..7, any::<u64>(), 1u32..5).prop_map(|(kind, n, mask, points)| {
        let kind = [Kind::Single, Kind::Multiple, Kind::TrueFalse][kind];
        let n = if kind == Kind::TrueFalse { 2 } else { n };
        let right = (mask as usize) % n;
        let choices = (0..n)
            .map(|i| {
                let correct = match kind {
                    Kind::Multiple => i == right || (mask >> (i + 8)) & 1 == 1,
                    _ => i == right,
                };
                choice(&format!("c{i}"), correct)
            })
            .collect();
        let mut q = question("x", "t1", kind, choices);
        q.points = points;
        q
    });
    (prop::collection::vec(q, 1..12), any::<bool>()).prop_map(|(qs, all_or_nothing)| {
        let qs = qs
            .into_iter()
            .enumerate()
            .map(|(i, mut q)| {
                q.id = format!("q{i}");
                q
            })
            .collect();
        let mut b = bank(qs);
        if all_or_nothing {
            b.meta.scoring = Scoring::AllOrNothing;
        }
        b
    })
}

/// Picks answers from `picks` for every question of `s`.
fn answer_all(s: &mut Session, b: &Bank, picks: &[u8]) {
    for i in 0..s.len() {
        s.go(i);
        let order = s.slots[i].order.clone();
        let qid = s.slots[i].question.clone();
        let qi: usize = qid[1..].parse().unwrap_or(0);
        let p = picks.get(qi).copied().unwrap_or(0);
        let mut sorted = order.clone();
        sorted.sort();
        for (j, c) in sorted.iter().enumerate() {
            if (p >> j) & 1 == 1 {
                s.select(b, c, true);
            }
        }
        s.check();
    }
}

proptest! {
    #[test]
    fn every_generated_bank_is_valid(b in arb_bank()) {
        prop_assert!(!quiz_core::validate::has_errors(&quiz_core::validate::validate(&b)));
    }

    #[test]
    fn score_is_between_zero_and_max(b in arb_bank(), seed in any::<u64>(), picks in prop::collection::vec(any::<u8>(), 12)) {
        let mut s = Session::new(&b, seed, &Options::default());
        answer_all(&mut s, &b, &picks);
        let r = report(&b, &s);
        prop_assert!(r.earned >= 0.0 && r.earned <= r.max + 1e-9);
        prop_assert!(r.percent <= 100);
        for q in &r.questions {
            prop_assert!(q.earned >= 0.0 && q.earned <= q.max + 1e-9);
        }
    }

    #[test]
    fn shuffling_does_not_change_the_score_of_the_same_answers(b in arb_bank(), s1 in any::<u64>(), s2 in any::<u64>(), picks in prop::collection::vec(any::<u8>(), 12)) {
        let mut a = Session::new(&b, s1, &Options::default());
        let mut c = Session::new(&b, s2, &Options::default());
        answer_all(&mut a, &b, &picks);
        answer_all(&mut c, &b, &picks);
        let (ra, rc) = (report(&b, &a), report(&b, &c));
        prop_assert!((ra.earned - rc.earned).abs() < 1e-9);
        prop_assert_eq!(ra.passed, rc.passed);
    }

    #[test]
    fn same_seed_same_session(b in arb_bank(), seed in any::<u64>(), count in prop::option::of(1usize..12)) {
        let o = Options { count, ..Options::default() };
        let a = Session::new(&b, seed, &o);
        prop_assert_eq!(&a, &Session::new(&b, seed, &o));
        // Every question at most once, every choice exactly once.
        let mut ids: Vec<_> = a.slots.iter().map(|s| s.question.clone()).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), a.len());
        for slot in &a.slots {
            let q = b.question(&slot.question).expect("drawn from bank");
            let mut order = slot.order.clone();
            order.sort();
            let mut all: Vec<_> = q.choices.iter().map(|c| c.id.clone()).collect();
            all.sort();
            prop_assert_eq!(order, all);
        }
    }

    #[test]
    fn a_draw_is_spread_evenly_over_the_topics(
        topics in prop::collection::vec(0usize..4, 1..30),
        seed in any::<u64>(),
        n in 1usize..30,
        shuffle in any::<bool>(),
    ) {
        // Questions spread over up to four topics, in any proportion.
        let mut b = bank(topics.iter().enumerate().map(|(i, t)| {
            let mut q = question("x", "t1", Kind::TrueFalse, vec![choice("t", true), choice("f", false)]);
            q.id = format!("q{i}");
            q.topic = format!("t{t}");
            q
        }).collect());
        b.topics = (0..4).map(|t| quiz_core::Topic { id: format!("t{t}"), label: format!("T{t}") }).collect();
        b.meta.draw = Some(n);
        b.meta.shuffle = shuffle;
        let s = Session::new(&b, seed, &Options::default());
        prop_assert_eq!(s.len(), n.min(b.questions.len()));
        let count = |bank_side: bool, t: usize| {
            let topic = format!("t{t}");
            if bank_side {
                b.questions.iter().filter(|q| q.topic == topic).count()
            } else {
                s.slots.iter().filter(|x| b.question(&x.question).is_some_and(|q| q.topic == topic)).count()
            }
        };
        // A topic with questions left never has two fewer than another topic.
        for a in 0..4 {
            for c in 0..4 {
                if count(false, a) < count(true, a) {
                    prop_assert!(count(false, c) <= count(false, a) + 1, "topic t{} has {} drawn, t{} has {}", a, count(false, a), c, count(false, c));
                }
            }
        }
        // With at least as many questions as topics, every topic is asked.
        let present = (0..4).filter(|t| count(true, *t) > 0).count();
        if n >= present {
            prop_assert!((0..4).all(|t| count(true, t) == 0 || count(false, t) > 0));
        }
        // Different seeds may draw different sets, but a seed always draws the same one.
        prop_assert_eq!(&s, &Session::new(&b, seed, &Options::default()));
    }

    #[test]
    fn restoring_into_an_edited_bank_never_misattributes(b in arb_bank(), seed in any::<u64>(), picks in prop::collection::vec(any::<u8>(), 12), edit in 0usize..4, which in any::<usize>()) {
        let mut s = Session::new(&b, seed, &Options::default());
        answer_all(&mut s, &b, &picks);
        let mut edited = b.clone();
        let qi = which % edited.questions.len();
        match edit {
            0 => { edited.questions.remove(qi); }
            1 => { let n = edited.questions[qi].choices.len(); edited.questions[qi].choices[which % n].id = "new".into(); }
            2 => { edited.questions[qi].choices.pop(); }
            _ => { edited.questions[qi].id = "renamed".into(); }
        }
        let saved = encode("same-hash", &s);
        // Even with a matching hash (worst case), every restored answer must
        // name choices that exist in the edited bank's question.
        if let Restore::Resumed(r) = decode(Some(&saved), &edited, "same-hash") {
            for slot in &r.slots {
                let q = edited.question(&slot.question).expect("question exists");
                prop_assert!(slot.selected.iter().all(|c| q.choice(c).is_some()));
                prop_assert_eq!(slot.order.len(), q.choices.len());
            }
        }
        // With the real (changed) hash, it is always discarded.
        prop_assert_eq!(decode(Some(&saved), &edited, "other-hash"), Restore::Discarded);
    }
}

#[test]
fn moodle_weights_score_exactly_their_share() {
    let mut b = sample();
    for (c, w) in b.questions[1]
        .choices
        .iter_mut()
        .zip([Some(70), Some(-100), Some(30), Some(0)])
    {
        c.weight = w;
    }
    let q = &b.questions[1];
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!((score_question(q, &ids(&["a"]), Scoring::Partial) - 0.7).abs() < 1e-9);
    assert!((score_question(q, &ids(&["a", "c"]), Scoring::Partial) - 1.0).abs() < 1e-9);
    assert_eq!(score_question(q, &ids(&["a", "b"]), Scoring::Partial), 0.0);
    assert_eq!(score_question(q, &ids(&["a"]), Scoring::AllOrNothing), 0.0);
}
