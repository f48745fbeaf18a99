//! Saved progress in a compact string, for an LMS's `cmi.suspend_data`
//! (4,096 characters in SCORM 1.2, 64,000 in 2004). It holds what the
//! browser-storage form holds (bank id and content hash, seed, every answer,
//! position) with questions and choices written as their index in the bank:
//!
//! `c1~ID~HASH~SEED~CURRENT~FINISHED~Q.ORDER.PICKS.CHECKED;…`
//!
//! Numbers are base 36; ORDER and PICKS are choice indices, one digit each
//! (a question has at most 10 choices). Restoring goes through the same
//! checks as browser storage ([`Session::restore`]), after the bank id and
//! hash have matched, so answers never attach to another bank.

use crate::bank::Bank;
use crate::progress::Restore;
use crate::session::{Options, Session, Slot};
use crate::validate::limits::MAX_CHOICES;

const TAG: &str = "c1";

/// The SCORM 1.2 limit on `cmi.suspend_data`.
pub const SCORM12_LIMIT: usize = 4096;
/// The SCORM 2004 (3rd edition) limit on `cmi.suspend_data`.
pub const SCORM2004_LIMIT: usize = 64_000;

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        let d = (n % 36) as u8;
        digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

fn from_base36(s: &str) -> Option<u64> {
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
    let mut out = format!(
        "{TAG}~{}~{hash}~{}~{}~{}~",
        bank.meta.id,
        base36(session.seed),
        base36(session.current as u64),
        u8::from(session.finished)
    );
    for (i, slot) in session.slots.iter().enumerate() {
        let Some((qi, q)) = bank
            .questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.id == slot.question)
        else {
            continue;
        };
        let index = |id: &String| q.choices.iter().position(|c| &c.id == id);
        let digits = |ids: &[String]| -> String {
            ids.iter()
                .filter_map(index)
                .filter_map(|j| char::from_digit(j as u32, 10))
                .collect()
        };
        if i > 0 {
            out.push(';');
        }
        out.push_str(&format!(
            "{}.{}.{}.{}",
            base36(qi as u64),
            digits(&slot.order),
            digits(&slot.selected),
            u8::from(slot.checked)
        ));
    }
    out
}

/// Reads the compact form back for `bank`: [`Restore::Resumed`] only when it
/// was saved for this bank id and version and every answer still fits.
pub fn decode(text: &str, bank: &Bank, hash: &str) -> Restore {
    match read(text, bank, hash) {
        Some(session) => match Session::restore(bank, session) {
            Some(s) => Restore::Resumed(s),
            None => Restore::Discarded,
        },
        None if text.trim().is_empty() => Restore::Nothing,
        None => Restore::Discarded,
    }
}

fn read(text: &str, bank: &Bank, hash: &str) -> Option<Session> {
    let mut parts = text.split('~');
    let mut next = || parts.next();
    if next()? != TAG || next()? != bank.meta.id || next()? != hash {
        return None;
    }
    let seed = from_base36(next()?)?;
    let current = usize::try_from(from_base36(next()?)?).ok()?;
    let finished = match next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let slots_text = next()?;
    if next().is_some() {
        return None;
    }
    let mut slots = Vec::new();
    for s in slots_text.split(';').filter(|s| !s.is_empty()) {
        let fields: Vec<&str> = s.split('.').collect();
        let [qi, order, picks, checked] = fields.as_slice() else {
            return None;
        };
        let q = bank
            .questions
            .get(usize::try_from(from_base36(qi)?).ok()?)?;
        let ids = |digits: &str| -> Option<Vec<String>> {
            digits
                .chars()
                .map(|d| {
                    let j = d.to_digit(10)? as usize;
                    q.choices.get(j).map(|c| c.id.clone())
                })
                .collect()
        };
        slots.push(Slot {
            question: q.id.clone(),
            order: ids(order)?,
            selected: ids(picks)?,
            checked: match *checked {
                "0" => false,
                "1" => true,
                _ => return None,
            },
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
            base36(i as u64).len() + 2 * n + 4
        })
        .collect();
    per_question.sort_unstable_by(|a, b| b.cmp(a));
    let header = TAG.len() + bank.meta.id.len() + hash.len() + 13 + 4 + 1 + 6;
    header + per_question.iter().take(visit).sum::<usize>() + visit.saturating_sub(1)
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
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
            prop_assert_eq!(decode(&text, &loaded.bank, &loaded.hash), Restore::Resumed(s));
            prop_assert!(text.len() <= worst_case(&loaded.bank, &loaded.hash, &Options::default()));
        }
    }

    #[test]
    fn another_bank_version_or_damage_is_discarded_never_attached() {
        let loaded = bank();
        let s = answered(&loaded, 7, &[1, 0, 2], 3);
        let text = encode(&loaded.bank, &loaded.hash, &s);
        assert_eq!(
            decode(&text, &loaded.bank, "0000000000000000"),
            Restore::Discarded
        );
        assert_eq!(decode("", &loaded.bank, &loaded.hash), Restore::Nothing);
        for damaged in [
            text.replace("c1~", "c2~"),
            format!("{text}~x"),
            text.replace(".1;", ".7;"),
            text.replacen('.', ".99", 1),
            "c1~x".to_string(),
        ] {
            assert_eq!(
                decode(&damaged, &loaded.bank, &loaded.hash),
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
        assert_eq!(base36(u64::MAX).len(), 13);
        assert_eq!(from_base36(&base36(u64::MAX)), Some(u64::MAX));
    }
}
