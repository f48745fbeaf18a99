//! The problem list: every problem, except that problems of one kind about
//! many places (3,000 imported questions without a citation) are one entry,
//! "3,000 questions: cite at least one source…", with the one-click fix when
//! there is one. Pure: tested natively.

use std::collections::{BTreeSet, HashMap};

use quiz_core::diagnostic::Seg;
use quiz_core::validate::thousands;
use quiz_core::Diagnostic;

/// Problems of one kind are listed as one entry from this many on.
pub const GROUP_AT: usize = 10;

/// An entry of the problem list.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// One problem: its index in the studio's problems.
    One(usize),
    /// Problems of one kind.
    Many(Group),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Indices in the studio's problems, in list order.
    pub members: Vec<usize>,
    pub error: bool,
    /// What they are about: "2,940 questions", "8,820 choices in 2,940
    /// questions".
    pub count: String,
    /// The message they share, or the first one's when they differ in
    /// names and numbers (`alike`).
    pub message: String,
    pub alike: bool,
    pub fix: Option<Fix>,
}

/// A change that settles every problem of a group at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Questions without a citation: cite one source for all of them.
    CiteAll,
}

/// The kind of a problem: its severity and its message with names (in
/// quotes) and numbers left out.
fn kind(d: &Diagnostic) -> (bool, String) {
    let mut key = String::with_capacity(d.message.len());
    let mut quoted = false;
    for c in d.message.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                key.push('"');
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !key.ends_with('#') {
                    key.push('#');
                }
            }
            c => key.push(c),
        }
    }
    (d.is_error(), key)
}

/// The problem list of `problems` (in their order: errors first, then by
/// place): kinds with [`GROUP_AT`] or more problems as one entry each, at
/// the place of their first.
pub fn list(problems: &[Diagnostic]) -> Vec<Listed> {
    let mut kinds: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    for (i, d) in problems.iter().enumerate() {
        kinds.entry(kind(d)).or_default().push(i);
    }
    let mut grouped: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut member = vec![false; problems.len()];
    for members in kinds.into_values().filter(|m| m.len() >= GROUP_AT) {
        for &i in &members {
            member[i] = true;
        }
        grouped.insert(members[0], members);
    }
    let mut out = Vec::new();
    for (i, grouped_here) in member.iter().enumerate() {
        match grouped.remove(&i) {
            Some(members) => out.push(Listed::Many(group(problems, members))),
            None if !grouped_here => out.push(Listed::One(i)),
            None => {}
        }
    }
    out
}

fn group(problems: &[Diagnostic], members: Vec<usize>) -> Group {
    let first = &problems[members[0]];
    let alike = members
        .iter()
        .any(|&i| problems[i].message != first.message);
    let mut questions = BTreeSet::new();
    let (mut in_questions, mut choices) = (0, 0);
    for &i in &members {
        if let [Seg::Key("questions"), Seg::Index(q), rest @ ..] = problems[i].path.as_slice() {
            questions.insert(*q);
            in_questions += 1;
            if let [Seg::Key("choices"), Seg::Index(_), ..] = rest {
                choices += 1;
            }
        }
    }
    let n = members.len();
    let q = questions.len();
    let plural =
        |n: usize, word: &str| format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" });
    let count = if in_questions < n {
        plural(n, "place")
    } else if choices == n {
        format!("{} in {}", plural(n, "choice"), plural(q, "question"))
    } else if q == n {
        plural(q, "question")
    } else {
        format!("{} in {}", plural(n, "problem"), plural(q, "question"))
    };
    let uncited = members.iter().all(|&i| {
        let d = &problems[i];
        matches!(
            d.path.as_slice(),
            [Seg::Key("questions"), Seg::Index(_), Seg::Key("cites")]
        ) && d.message.starts_with("cite at least one source")
    });
    Group {
        error: first.is_error(),
        count,
        message: first.message.clone(),
        alike,
        fix: uncited.then_some(Fix::CiteAll),
        members,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quiz_core::path;

    fn uncited(q: usize) -> Diagnostic {
        Diagnostic::error(
            path!["questions", q, "cites"],
            "cite at least one source that supports the explanation (cites, with a source id and where in it)",
        )
    }

    #[test]
    fn many_problems_of_a_kind_are_one_entry_with_its_fix() {
        let mut problems: Vec<Diagnostic> = vec![Diagnostic::error(
            path!["bank", "disclaimer"],
            "the disclaimer is empty",
        )];
        problems.extend((0..2999).map(uncited));
        problems.extend((0..12).map(|q| {
            Diagnostic::warning(
                path!["questions", q, "choices", 1],
                "this wrong choice has no feedback saying why it is wrong",
            )
        }));
        problems.extend((0..12).map(|q| {
            Diagnostic::warning(
                path!["questions", q, "choices", 2],
                "this wrong choice has no feedback saying why it is wrong",
            )
        }));
        // Leaks differ in names: alike, not the same.
        problems.extend((0..10).map(|q| {
            Diagnostic::warning(
                path!["questions", q, "explanation"],
                format!("question \"q{q}\" gives away the answer to question \"a{q}\" (\"x {q}\"): this text has its words \"w{q}\"; questions are shuffled, so reword one of them"),
            )
        }));
        problems.push(Diagnostic::warning(
            path!["sources", 0, "id"],
            "source \"s\" is never cited",
        ));
        let listed = list(&problems);
        assert_eq!(listed.len(), 5, "{listed:?}");
        assert_eq!(listed[0], Listed::One(0));
        let Listed::Many(g) = &listed[1] else {
            panic!("{:?}", listed[1]);
        };
        assert_eq!(
            (g.count.as_str(), g.error, g.alike, g.fix, g.members.len()),
            ("2,999 questions", true, false, Some(Fix::CiteAll), 2999)
        );
        assert!(g.message.starts_with("cite at least one source"));
        let Listed::Many(g) = &listed[2] else {
            panic!("{:?}", listed[2]);
        };
        assert_eq!(
            (g.count.as_str(), g.fix, g.alike),
            ("24 choices in 12 questions", None, false)
        );
        let Listed::Many(g) = &listed[3] else {
            panic!("{:?}", listed[3]);
        };
        assert_eq!((g.count.as_str(), g.alike), ("10 questions", true));
        assert!(g.message.starts_with("question \"q0\" gives away"));
        assert_eq!(listed[4], Listed::One(problems.len() - 1));
    }

    #[test]
    fn a_few_problems_stay_one_by_one() {
        let problems: Vec<Diagnostic> = (0..GROUP_AT - 1).map(uncited).collect();
        let listed = list(&problems);
        assert_eq!(
            listed,
            (0..GROUP_AT - 1).map(Listed::One).collect::<Vec<_>>()
        );
    }
}
