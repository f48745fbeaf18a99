//! Bank pipeline benchmark: parse + validate a JSON bank and build a session,
//! at 200, 1,000 and 5,000 questions. Run: cargo bench -p quiz-core
//! (a plain harness: median of repeated runs, printed as a table).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use quiz_core::{from_json, Options, Session};

/// A bank of `n` questions with every part the validator checks (choices, an
/// explanation, a citation) but short texts (5,000 questions are about
/// 0.9 MB of JSON, well under the 8 MiB bank limit).
fn bank_json(n: usize) -> String {
    let questions: Vec<String> = (0..n)
        .map(|i| {
            let choices: Vec<String> = (0..2)
                .map(|j| match j {
                    0 => r#"{"id":"a","text":"Yes","correct":true}"#.to_string(),
                    _ => r#"{"id":"b","text":"No"}"#.to_string(),
                })
                .collect();
            format!(
                r#"{{"id":"q{i}","topic":"t{}","kind":"single","prompt":"Q{i}?","choices":[{}],"explanation":"E.","cites":[{{"source":"s","locator":"I"}}]}}"#,
                i % 7,
                choices.join(",")
            )
        })
        .collect();
    let topics: Vec<String> = (0..7)
        .map(|t| format!(r#"{{"id":"t{t}","label":"Topic {t}"}}"#))
        .collect();
    format!(
        r#"{{"format":1,"bank":{{"id":"bench","title":"Bench","language":"en","version":"1","description":"d","pass_mark":70,"disclaimer":"x"}},"sources":[{{"id":"s","title":"S","authors":["A"],"publisher":"P","date":"2020","url":"https://example.org/"}}],"topics":[{}],"questions":[{}]}}"#,
        topics.join(","),
        questions.join(",")
    )
}

/// Counts allocations, a figure that (unlike time) does not vary between runs.
struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        System.realloc(ptr, layout, size)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    println!(
        "{:>9} {:>9} {:>14} {:>14} {:>12} {:>12}",
        "questions", "KB", "parse+validate", "session", "per question", "allocs/q"
    );
    for n in [200, 1000, 5000] {
        let text = bank_json(n);
        let before = ALLOCATIONS.load(Relaxed);
        let _ = from_json(&text);
        let allocations = ALLOCATIONS.load(Relaxed) - before;
        let runs = if n > 1000 { 9 } else { 25 };
        let (mut parse, mut session) = (Vec::new(), Vec::new());
        for seed in 0..runs {
            let t = Instant::now();
            let loaded = from_json(&text).unwrap_or_else(|e| panic!("bench bank invalid: {e:?}"));
            parse.push(t.elapsed());
            let t = Instant::now();
            let s = Session::new(&loaded.bank, seed, &Options::default());
            session.push(t.elapsed());
            assert_eq!(s.len(), n);
        }
        let (p, s) = (median(parse), median(session));
        println!(
            "{n:>9} {:>9} {:>11.2} ms {:>11.2} ms {:>9.2} µs {:>12.1}",
            text.len() / 1024,
            p.as_secs_f64() * 1e3,
            s.as_secs_f64() * 1e3,
            (p + s).as_secs_f64() * 1e6 / n as f64,
            allocations as f64 / n as f64
        );
    }
}
