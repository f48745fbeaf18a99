//! Saved progress in a compact string: what browser storage keeps, and what
//! an LMS keeps in `cmi.suspend_data` (4,096 characters in SCORM 1.2, 64,000
//! in 2004). It holds what the earlier JSON form held (bank id and content hash, seed, every answer,
//! position) with questions and choices written as their index in the bank:
//!
//! `c1~ID~HASH~SEED~CURRENT~FINISHED~Q.ORDER.PICKS.CHECKED;…`
//!
//! Numbers are base 36; ORDER and PICKS are choice indices, one digit each
//! (a question has at most 10 choices). [`crate::progress::decode`] reads it
//! back through the same checks as the earlier form ([`Session::restore`]),
//! after the bank id and hash have matched, so answers never attach to
//! another bank.

use crate::bank::Bank;
use crate::session::{Options, Session, Slot};
use crate::validate::limits::MAX_CHOICES;

const TAG: &str = "c1";

/// The SCORM 1.2 limit on `cmi.suspend_data`.
pub const SCORM12_LIMIT: usize = 4096;
/// The SCORM 2004 (3rd edition) limit on `cmi.suspend_data`.
pub const SCORM2004_LIMIT: usize = 64_000;

/// Whether stored progress is in this form (rather than the earlier JSON).
pub fn is_compact(text: &str) -> bool {
    text.starts_with("c1~")
}

/// Appends `n` in base 36.
fn push36(out: &mut String, mut n: u64) {
    let at = out.len();
    loop {
        let d = (n % 36) as u32;
        out.insert(at, char::from_digit(d, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
}

fn from36(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 13 {
        return None;
    }
    s.chars().try_fold(0u64, |acc, c| {
        acc.checked_mul(36)?.checked_add(u64::from(c.to_digit(36)?))
    })
}

/// The compact form of `session` on `bank` (whose content hash is `hash`).
/// Ids the bank does not know are left out (they could not be restored).
pub fn encode(bank: &Bank, hash: &str, session: &Session) -> String {
    let mut out = String::from(TAG);
    for part in [bank.meta.id.as_str(), hash] {
        out.push('~');
        out.push_str(part);
    }
    out.push('~');
    push36(&mut out, session.seed);
    out.push('~');
    push36(&mut out, session.current as u64);
    out.push('~');
    out.push(if session.finished { '1' } else { '0' });
    out.push('~');
    let mut first = true;
    for slot in &session.slots {
        let Some(qi) = bank.questions.iter().position(|q| q.id == slot.question) else {
            continue;
        };
        let q = &bank.questions[qi];
        if !first {
            out.push(';');
        }
        first = false;
        push36(&mut out, qi as u64);
        for ids in [&slot.order, &slot.selected] {
            out.push('.');
            for id in ids {
                if let Some(j) = q.choices.iter().position(|c| &c.id == id) {
                    out.push(char::from_digit(j as u32, 10).unwrap_or('0'));
                }
            }
        }
        out.push('.');
        out.push(if slot.checked { '1' } else { '0' });
    }
    out
}

fn flag(s: &str) -> Option<bool> {
    match s {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// The session saved in `text` for this bank id and version, unchecked
/// against the bank's questions: [`crate::progress::decode`] checks it.
pub fn read(text: &str, bank: &Bank, hash: &str) -> Option<Session> {
    let mut parts = text.split('~');
    if parts.next()? != TAG || parts.next()? != bank.meta.id || parts.next()? != hash {
        return None;
    }
    let seed = from36(parts.next()?)?;
    let current = from36(parts.next()?)? as usize;
    let finished = flag(parts.next()?)?;
    let slots_text = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    let mut slots = Vec::new();
    for s in slots_text.split(';').filter(|s| !s.is_empty()) {
        let fields: Vec<&str> = s.split('.').collect();
        let [qi, order, picks, checked] = fields[..] else {
            return None;
        };
        let q = bank.questions.get(from36(qi)? as usize)?;
        let mut ids = [Vec::new(), Vec::new()];
        for (list, digits) in ids.iter_mut().zip([order, picks]) {
            for d in digits.bytes() {
                let choice = q.choices.get(usize::from(d.wrapping_sub(b'0')))?;
                list.push(choice.id.clone());
            }
        }
        let [order, selected] = ids;
        slots.push(Slot {
            question: q.id.clone(),
            order,
            selected,
            checked: flag(checked)?,
        });
    }
    Some(Session {
        seed,
        slots,
        current,
        finished,
    })
}

/// The longest compact string a visit of `bank` (drawn with `options`) can
/// need: every question of the visit among the bank's longest, every
/// choice picked, the largest seed and position.
pub fn worst_case(bank: &Bank, hash: &str, options: &Options) -> usize {
    let visit = Session::new(bank, 0, options).len();
    let mut per_question: Vec<usize> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let n = q.choices.len().min(MAX_CHOICES);
            {
                let mut index = String::new();
                push36(&mut index, i as u64);
                index.len() + 2 * n + 4
            }
        })
        .collect();
    per_question.sort_unstable_by(|a, b| b.cmp(a));
    let header = TAG.len() + bank.meta.id.len() + hash.len() + 13 + 4 + 1 + 6;
    header + per_question.iter().take(visit).sum::<usize>() + visit.saturating_sub(1)
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::progress::{decode, Restore};
    use crate::Loaded;
    use proptest::prelude::*;

    fn bank() -> Loaded {
        match crate::toml_source::from_toml(include_str!("../../questions/microneedling.toml")) {
            Ok(l) => l,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn answered(loaded: &Loaded, seed: u64, picks: &[usize], upto: usize) -> Session {
        let mut s = Session::new(&loaded.bank, seed, &Options::default());
        for (n, p) in picks.iter().enumerate().take(upto.min(s.len())) {
            s.go(n);
            let slot = s.slot().cloned().unwrap_or_else(|| panic!("slot"));
            let choice = &slot.order[p % slot.order.len()];
            s.select(&loaded.bank, choice, true);
            s.check();
        }
        s.go(upto.min(s.len().saturating_sub(1)));
        s
    }

    proptest! {
        #[test]
        fn round_trips_any_visit_and_stays_within_the_worst_case(
            seed in any::<u64>(),
            picks in proptest::collection::vec(0usize..10, 0..12),
            upto in 0usize..12,
            finish in any::<bool>(),
        ) {
            let loaded = bank();
            let mut s = answered(&loaded, seed, &picks, upto);
            if finish {
                s.finish();
            }
            let text = encode(&loaded.bank, &loaded.hash, &s);
            prop_assert_eq!(decode(Some(&text), &loaded.bank, &loaded.hash), Restore::Resumed(s));
            prop_assert!(text.len() <= worst_case(&loaded.bank, &loaded.hash, &Options::default()));
        }
    }

    #[test]
    fn another_bank_version_or_damage_is_discarded_never_attached() {
        let loaded = bank();
        let s = answered(&loaded, 7, &[1, 0, 2], 3);
        let text = encode(&loaded.bank, &loaded.hash, &s);
        assert_eq!(
            decode(Some(&text), &loaded.bank, "0000000000000000"),
            Restore::Discarded
        );
        assert_eq!(decode(None, &loaded.bank, &loaded.hash), Restore::Nothing);
        for damaged in [
            text.replace("c1~", "c2~"),
            format!("{text}~x"),
            text.replace(".1;", ".7;"),
            text.replacen('.', ".99", 1),
            "c1~x".to_string(),
        ] {
            assert_eq!(
                decode(Some(&damaged), &loaded.bank, &loaded.hash),
                Restore::Discarded,
                "{damaged}"
            );
        }
    }

    #[test]
    fn a_ten_question_visit_is_far_under_the_scorm_12_limit() {
        let loaded = bank();
        let s = answered(&loaded, u64::MAX, &[9; 12], 12);
        let text = encode(&loaded.bank, &loaded.hash, &s);
        assert!(text.len() < 400, "{} chars: {text}", text.len());
        let mut max = String::new();
        push36(&mut max, u64::MAX);
        assert_eq!(max.len(), 13);
        assert_eq!(from36(&max), Some(u64::MAX));
    }
}
