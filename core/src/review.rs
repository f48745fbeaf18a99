//! The review pack: one printable HTML document with everything a clinician
//! needs to sign a bank (every question with its key, feedback, explanation and
//! citations, boxes to tick and room for comments, and a sign-off block).
//! Written by `bank review` and offered by the bank editor; it is a standalone
//! file with its own print styles and no script. All bank text is escaped.

use std::fmt::Write;

use crate::bank::{Bank, Kind, Question};

/// The review pack of `bank` as a complete HTML document.
pub fn review_html(bank: &Bank) -> String {
    let t = Labels::for_language(&bank.meta.language);
    let m = &bank.meta;
    let mut h = String::with_capacity(4096 + bank.questions.len() * 2048);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}: {pack}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n",
        lang = esc(&m.language),
        title = esc(&m.title),
        pack = t.pack,
        css = CSS,
    );
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">{pack}</p>\n<h1>{title}</h1>\n<dl class=\"meta\">\n",
        pack = t.pack,
        title = esc(&m.title)
    );
    let mut meta_row = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{v}</dd>");
    };
    meta_row(
        t.bank,
        format!(
            "<code>{}</code>, {} {}",
            esc(&m.id),
            t.version,
            esc(&m.version)
        ),
    );
    meta_row(t.language, esc(&m.language));
    meta_row(t.questions, bank.questions.len().to_string());
    if let Some(n) = m.draw {
        meta_row(t.per_visit, n.to_string());
    }
    let essential = bank.essentials().count();
    if essential > 0 || m.pass_requires_essential {
        meta_row(
            t.essential_count,
            format!(
                "{essential} ({}){}",
                t.essential_rule,
                if m.pass_requires_essential {
                    format!("; {}", t.essential_pass)
                } else {
                    String::new()
                }
            ),
        );
    }
    meta_row(
        t.sources_checked,
        m.sources_checked
            .as_deref()
            .map_or_else(|| t.not_recorded.into(), esc),
    );
    meta_row(
        t.medical_review,
        match m.medical_review() {
            Some(r) => esc(&format!(
                "{}{} ({})",
                r.reviewer,
                r.credentials.map(|c| format!(", {c}")).unwrap_or_default(),
                r.date
            )),
            None => t.none_yet.into(),
        },
    );
    let _ = write!(
        h,
        "</dl>\n<p class=\"how\">{how}</p>\n<p class=\"disclaimer\"><strong>{disc}</strong> {text}</p>\n</header>\n",
        how = t.how,
        disc = t.disclaimer,
        text = esc(&m.disclaimer)
    );

    let _ = write!(
        h,
        "<section class=\"sources\">\n<h2>{}</h2>\n<ol>\n",
        t.sources
    );
    for s in &bank.sources {
        let mut ids = String::new();
        if let Some(doi) = &s.doi {
            let _ = write!(ids, " DOI {}.", esc(doi));
        }
        if let Some(pmid) = &s.pmid {
            let _ = write!(ids, " PMID {}.", esc(pmid));
        }
        let _ = writeln!(
            h,
            "<li id=\"src-{id}\"><code>{id}</code>: {authors}. <cite>{title}</cite>. {publisher}, {date}.{ids}<br><span class=\"url\">{url}</span></li>",
            id = esc(&s.id),
            authors = esc(&s.authors.join(", ")),
            title = esc(&s.title),
            publisher = esc(&s.publisher),
            date = esc(&s.date),
            url = esc(&s.url),
        );
    }
    h.push_str("</ol>\n</section>\n");

    for topic in &bank.topics {
        let questions: Vec<(usize, &Question)> = bank
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.topic == topic.id)
            .collect();
        if questions.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<section class=\"topic\">\n<h2>{}</h2>\n",
            esc(&topic.label)
        );
        for (i, q) in questions {
            question(&mut h, bank, i + 1, q, &t);
        }
        h.push_str("</section>\n");
    }

    let _ = write!(
        h,
        "<section class=\"signoff\">\n<h2>{title}</h2>\n<p>{text}</p>\n\
         <div class=\"fields\">\n<p>{name}<span class=\"line\"></span></p>\n<p>{cred}<span class=\"line\"></span></p>\n\
         <p>{date}<span class=\"line\"></span></p>\n<p>{sig}<span class=\"line\"></span></p>\n</div>\n\
         <p class=\"after\">{after}</p>\n</section>\n</main>\n</body>\n</html>\n",
        title = t.signoff,
        text = t.signoff_text.replace("{n}", &bank.questions.len().to_string()),
        name = t.name,
        cred = t.credentials,
        date = t.date,
        sig = t.signature,
        after = t.after,
    );
    h
}

fn question(h: &mut String, bank: &Bank, n: usize, q: &Question, t: &Labels) {
    let kind = match q.kind {
        Kind::Single => t.single,
        Kind::Multiple => t.multiple,
        Kind::TrueFalse => t.true_false,
    };
    // Marked in words, not only by the frame: the clinician signs these
    // knowing every visitor is asked them.
    let (class, mark) = if q.essential {
        (
            " essential",
            format!(
                "<p class=\"essential-mark\"><strong>{}</strong> {}</p>\n",
                t.essential, t.essential_why
            ),
        )
    } else {
        ("", String::new())
    };
    let _ = write!(
        h,
        "<article class=\"question{class}\" id=\"q-{id}\">\n{mark}<h3><span class=\"n\">{n}.</span> {prompt}</h3>\n\
         <p class=\"about\"><code>{id}</code> · {kind} · {points} {pts}</p>\n\
         <table>\n<thead><tr><th scope=\"col\">{key}</th><th scope=\"col\">{choice}</th><th scope=\"col\">{feedback}</th></tr></thead>\n<tbody>\n",
        id = esc(&q.id),
        prompt = esc(&q.prompt),
        points = q.points,
        pts = t.points,
        key = t.key,
        choice = t.choice,
        feedback = t.feedback,
    );
    for c in &q.choices {
        let mark = if c.correct { t.correct } else { t.wrong };
        let weight = c.weight.map(|w| format!(" ({w}%)")).unwrap_or_default();
        let _ = writeln!(
            h,
            "<tr class=\"{cls}\"><td class=\"key\">{mark}{weight}</td><td>{text}</td><td>{fb}</td></tr>",
            cls = if c.correct { "right" } else { "wrong" },
            text = esc(&c.text),
            fb = c.feedback.as_deref().map_or_else(|| "—".into(), esc),
        );
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<p class=\"explanation\"><strong>{ex}</strong> {text}</p>\n<ul class=\"cites\">\n",
        ex = t.explanation,
        text = esc(&q.explanation)
    );
    for c in &q.cites {
        let source = bank.source(&c.source);
        let _ = writeln!(
            h,
            "<li><strong>{title}</strong> (<code>{id}</code>, {date}): {loc}<br><span class=\"url\">{url}</span></li>",
            title = esc(source.map_or(c.source.as_str(), |s| s.title.as_str())),
            id = esc(&c.source),
            date = esc(source.map_or("", |s| s.date.as_str())),
            loc = esc(&c.locator),
            url = esc(source.map_or("", |s| s.url.as_str())),
        );
    }
    let _ = write!(
        h,
        "</ul>\n<div class=\"verdict\"><span class=\"box\"></span> {ok}<span class=\"box\"></span> {change}</div>\n\
         <div class=\"comments\">{comments}</div>\n</article>\n",
        ok = t.accurate,
        change = t.needs_change,
        comments = t.comments,
    );
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct Labels {
    pack: &'static str,
    bank: &'static str,
    version: &'static str,
    language: &'static str,
    questions: &'static str,
    per_visit: &'static str,
    essential_count: &'static str,
    essential_rule: &'static str,
    essential_pass: &'static str,
    essential: &'static str,
    essential_why: &'static str,
    sources_checked: &'static str,
    medical_review: &'static str,
    not_recorded: &'static str,
    none_yet: &'static str,
    how: &'static str,
    disclaimer: &'static str,
    sources: &'static str,
    single: &'static str,
    multiple: &'static str,
    true_false: &'static str,
    points: &'static str,
    key: &'static str,
    choice: &'static str,
    feedback: &'static str,
    correct: &'static str,
    wrong: &'static str,
    explanation: &'static str,
    accurate: &'static str,
    needs_change: &'static str,
    comments: &'static str,
    signoff: &'static str,
    signoff_text: &'static str,
    name: &'static str,
    credentials: &'static str,
    date: &'static str,
    signature: &'static str,
    after: &'static str,
}

impl Labels {
    fn for_language(tag: &str) -> Labels {
        if tag == "fr" || tag.starts_with("fr-") {
            FR
        } else {
            EN
        }
    }
}

const EN: Labels = Labels {
    pack: "Clinical review pack",
    bank: "Bank",
    version: "version",
    language: "Language",
    questions: "Questions",
    per_visit: "Questions per visit",
    essential_count: "Essential questions",
    essential_rule: "asked in every visit, and listed first on the results page when missed",
    essential_pass: "a visit passes only when all of them are answered right",
    essential: "Essential question.",
    essential_why: "Every visitor is asked it; one who misses it is told to read it again before treatment.",
    sources_checked: "Citations checked against the sources",
    medical_review: "Medical review",
    not_recorded: "not recorded",
    none_yet: "none yet (this pack is for it)",
    how: "For each question, check the prompt, every choice with its key and feedback, and the explanation against the cited passages. Tick \"Accurate\" or \"Needs change\" and write what should change. Sign at the end.",
    disclaimer: "Disclaimer shown to visitors:",
    sources: "Sources",
    single: "one answer",
    multiple: "several answers",
    true_false: "true or false",
    points: "point(s)",
    key: "Key",
    choice: "Choice",
    feedback: "Feedback shown",
    correct: "✓ correct",
    wrong: "wrong",
    explanation: "Explanation:",
    accurate: "Accurate",
    needs_change: "Needs change",
    comments: "Comments:",
    signoff: "Sign-off",
    signoff_text: "I have reviewed the {n} questions above, with their answers, feedback, explanations and citations, and I approve them for patient education except where marked \"Needs change\".",
    name: "Name",
    credentials: "Credentials",
    date: "Date",
    signature: "Signature",
    after: "After sign-off, record the review in the bank: reviewer, reviewer_credentials and reviewed (the date). Only then does the quiz say that the content was medically reviewed.",
};

const FR: Labels = Labels {
    pack: "Dossier de relecture médicale",
    bank: "Banque",
    version: "version",
    language: "Langue",
    questions: "Questions",
    per_visit: "Questions par visite",
    essential_count: "Questions essentielles",
    essential_rule: "posées à chaque visite, et présentées en premier dans les résultats quand elles sont manquées",
    essential_pass: "une visite n'est réussie que si elles sont toutes justes",
    essential: "Question essentielle.",
    essential_why: "Elle est posée à chaque visiteur ; celui qui la manque est invité à la relire avant le soin.",
    sources_checked: "Citations vérifiées dans les sources",
    medical_review: "Relecture médicale",
    not_recorded: "non indiqué",
    none_yet: "pas encore (ce dossier sert à la faire)",
    how: "Pour chaque question, vérifiez l'énoncé, chaque réponse avec sa clé et son commentaire, et l'explication au regard des passages cités. Cochez « Exact » ou « À modifier » et notez ce qui doit changer. Signez à la fin.",
    disclaimer: "Avertissement affiché aux visiteurs :",
    sources: "Sources",
    single: "une réponse",
    multiple: "plusieurs réponses",
    true_false: "vrai ou faux",
    points: "point(s)",
    key: "Clé",
    choice: "Réponse",
    feedback: "Commentaire affiché",
    correct: "✓ correcte",
    wrong: "fausse",
    explanation: "Explication :",
    accurate: "Exact",
    needs_change: "À modifier",
    comments: "Commentaires :",
    signoff: "Validation",
    signoff_text: "J'ai relu les {n} questions ci-dessus, avec leurs réponses, commentaires, explications et citations, et je les approuve pour l'information des patients, sauf celles marquées « À modifier ».",
    name: "Nom",
    credentials: "Titres et qualifications",
    date: "Date",
    signature: "Signature",
    after: "Après validation, inscrivez la relecture dans la banque : reviewer, reviewer_credentials et reviewed (la date). C'est seulement alors que le quiz indique une relecture médicale.",
};

/// Print styles: A4 and US Letter both fit (the page box is the printer's
/// own, with margins in millimetres); a question never splits across pages
/// unless it is longer than a page; URLs wrap instead of running off the edge.
const CSS: &str = "
:root { color-scheme: light; }
body { font: 9.5pt/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 0; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 0.6rem; border-bottom: 2px solid #333; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; margin: 0; color: #444; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 0.8rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.how, .disclaimer { margin: 0.4rem 0; }
.url { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.85em; overflow-wrap: anywhere; word-break: break-all; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
.sources li, .cites li { margin-bottom: 0.2rem; }
.question { border: 1px solid #999; border-radius: 4px; padding: 0.5rem 0.7rem; margin: 0 0 0.7rem; break-inside: avoid; page-break-inside: avoid; }
.about { margin: 0 0 0.4rem; color: #444; font-size: 0.9em; }
.question.essential { border: 2.5px solid #111; }
.essential-mark { margin: 0 0 0.3rem; }
table { width: 100%; border-collapse: collapse; margin: 0.3rem 0; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.35rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th:first-child, td.key { width: 6.5rem; }
tr.right td { background: #eef7ee; }
td.key { font-weight: 600; }
.explanation { margin: 0.4rem 0; }
.cites { margin: 0.2rem 0 0.5rem; padding-left: 1.2rem; }
.verdict { margin: 0.4rem 0; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #111; vertical-align: -0.1em; margin: 0 0.35em 0 1em; }
.verdict .box:first-child { margin-left: 0; }
.comments { border: 1px solid #999; min-height: 2.4rem; padding: 0.25rem 0.4rem; color: #555; font-size: 0.9em; }
.signoff { break-inside: avoid; page-break-inside: avoid; }
.fields p { display: flex; gap: 0.6rem; align-items: flex-end; margin: 1.1rem 0; }
.fields .line { flex: 1; border-bottom: 1px solid #111; height: 1.2rem; }
.after { color: #444; font-size: 0.9em; }
@page { margin: 15mm 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr.right td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("<b a=\"1\">&'"), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }

    #[test]
    #[cfg(feature = "toml")]
    fn bank_markup_never_becomes_markup_in_the_pack() {
        let evil = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        let text = include_str!("../../questions/microneedling.toml");
        let mut bank: Bank = match crate::toml_source::from_toml(text) {
            Ok(l) => l.bank,
            Err(e) => panic!("{e:?}"),
        };
        bank.meta.title = evil.into();
        bank.sources[0].url = format!("https://x.example/\"{evil}");
        for q in &mut bank.questions {
            q.prompt = evil.into();
            q.explanation = evil.into();
            q.choices[0].feedback = Some(evil.into());
            q.cites[0].locator = evil.into();
        }
        let html = review_html(&bank);
        assert!(
            !html.contains("<img") && !html.contains("<script"),
            "escaped"
        );
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}
