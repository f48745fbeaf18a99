//! Reads back the QTI packages [`super::to_qti_zip`] writes: their topics,
//! questions, keys, points, feedback and explanations. For tests and for
//! checking a package; not an importer of other tools' QTI.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::item::{GENERAL, RESPONSE};
use super::MANIFEST;
use crate::bank::{Choice, Kind, Question, Topic};

/// What a package holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub title: String,
    pub topics: Vec<Topic>,
    /// Without citations (written out as text in the general feedback),
    /// difficulty or the essential mark.
    pub questions: Vec<Question>,
}

/// Reads a package from its zip.
pub fn read_zip(bytes: &[u8]) -> Result<Assessment, String> {
    read(&crate::zip::read_zip(bytes)?)
}

fn text_of<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> Result<&'a str, String> {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == name)
        .ok_or_else(|| format!("the package has no {name}"))?;
    std::str::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"))
}

fn parse<'a>(name: &str, text: &'a str) -> Result<Document<'a>, String> {
    Document::parse(text).map_err(|e| format!("{name}: {e}"))
}

/// Reads a package from its files (path, contents).
pub fn read(files: &[(String, Vec<u8>)]) -> Result<Assessment, String> {
    let manifest = parse(MANIFEST, text_of(files, MANIFEST)?)?;
    let href = manifest
        .descendants()
        .filter(|n| n.has_tag_name("resource"))
        .find(|n| n.attribute("type") == Some("imsqti_xmlv1p2"))
        .and_then(|r| r.children().find(|n| n.has_tag_name("file")))
        .and_then(|f| f.attribute("href"))
        .ok_or("the manifest lists no QTI 1.2 assessment")?;
    let doc = parse(href, text_of(files, href)?)?;
    let assessment = doc
        .descendants()
        .find(|n| n.has_tag_name("assessment"))
        .ok_or_else(|| format!("{href} has no assessment"))?;
    let mut out = Assessment {
        title: assessment
            .attribute("title")
            .unwrap_or_default()
            .to_string(),
        topics: Vec::new(),
        questions: Vec::new(),
    };
    for section in doc.descendants().filter(|n| n.has_tag_name("section")) {
        let label = section.attribute("title").unwrap_or_default();
        for item in section.children().filter(|n| n.has_tag_name("item")) {
            let q = question(item, section.attribute("ident").unwrap_or_default())?;
            if !out.topics.iter().any(|t| t.id == q.topic) {
                out.topics.push(Topic {
                    id: q.topic.clone(),
                    label: label.to_string(),
                });
            }
            out.questions.push(q);
        }
    }
    Ok(out)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// The HTML of the first `mattext` below `node`, as plain text.
fn mattext(node: Node) -> String {
    let raw = node
        .descendants()
        .find(|n| n.has_tag_name("mattext"))
        .and_then(|m| m.text())
        .unwrap_or_default();
    from_html(raw)
}

/// Inverse of [`super::html`] for the first paragraph (or the whole text
/// when it has none).
fn from_html(html: &str) -> String {
    let body = match html.strip_prefix("<p>") {
        Some(rest) => rest.split("</p>").next().unwrap_or_default(),
        None => html,
    };
    body.replace("<br/>", "\n")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn question(item: Node, section: &str) -> Result<Question, String> {
    let ident = item.attribute("ident").unwrap_or_default();
    let fields: HashMap<&str, &str> = item
        .descendants()
        .filter(|n| n.has_tag_name("qtimetadatafield"))
        .filter_map(|f| {
            let label = child(f, "fieldlabel")?.text()?;
            Some((label, child(f, "fieldentry")?.text().unwrap_or_default()))
        })
        .collect();
    let kind = match fields.get("question_type").copied() {
        Some("multiple_choice_question") => Kind::Single,
        Some("multiple_answers_question") => Kind::Multiple,
        Some("true_false_question") => Kind::TrueFalse,
        other => return Err(format!("item {ident}: question type {other:?}")),
    };
    let points = fields
        .get("points_possible")
        .and_then(|p| p.trim().parse::<f64>().ok())
        .ok_or_else(|| format!("item {ident}: no points_possible"))?;
    let presentation =
        child(item, "presentation").ok_or_else(|| format!("item {ident}: no presentation"))?;
    let labels: Vec<Node> = presentation
        .descendants()
        .filter(|n| n.has_tag_name("response_label"))
        .collect();
    let keyed = keyed(item);
    let feedback: HashMap<&str, String> = item
        .children()
        .filter(|n| n.has_tag_name("itemfeedback"))
        .filter_map(|f| Some((f.attribute("ident")?, mattext(f))))
        .collect();
    let ids: Vec<&str> = fields
        .get("quiz_choices")
        .map(|c| c.split('|').collect())
        .filter(|c: &Vec<&str>| c.len() == labels.len())
        .unwrap_or_default();
    let choices = labels
        .iter()
        .enumerate()
        .map(|(j, label)| {
            let ident = label.attribute("ident").unwrap_or_default();
            Choice {
                id: ids
                    .get(j)
                    .map_or_else(|| crate::gift::choice_id(j), |s| s.to_string()),
                text: mattext(*label),
                correct: keyed.contains(&ident),
                feedback: feedback.get(format!("{ident}_fb").as_str()).cloned(),
                weight: None,
            }
        })
        .collect();
    Ok(Question {
        id: fields
            .get("quiz_question")
            .copied()
            .or_else(|| item.attribute("title"))
            .unwrap_or(ident)
            .to_string(),
        topic: fields
            .get("quiz_topic")
            .copied()
            .unwrap_or(section)
            .to_string(),
        kind,
        difficulty: None,
        prompt: mattext(presentation),
        choices,
        explanation: feedback.get(GENERAL).cloned().unwrap_or_default(),
        cites: Vec::new(),
        points: points.round().clamp(0.0, f64::from(u32::MAX)) as u32,
        essential: false,
    })
}

/// The answers a full score asks for: those of the condition that sets
/// SCORE to 100, except those it asks to be left out (`<not>`).
fn keyed<'a>(item: Node<'a, '_>) -> Vec<&'a str> {
    let scoring = item
        .descendants()
        .filter(|n| n.has_tag_name("respcondition"))
        .find(|c| {
            c.descendants().any(|s| {
                s.has_tag_name("setvar")
                    && s.attribute("varname") == Some("SCORE")
                    && s.text().map(str::trim) == Some("100")
            })
        });
    let Some(scoring) = scoring else {
        return Vec::new();
    };
    scoring
        .descendants()
        .filter(|n| n.has_tag_name("varequal"))
        .filter(|n| n.attribute("respident") == Some(RESPONSE))
        .filter(|n| !n.ancestors().any(|a| a.has_tag_name("not")))
        .filter_map(|n| n.text())
        .collect()
}
