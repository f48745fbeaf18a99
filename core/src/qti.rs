//! IMS QTI 1.2 export for Canvas (Settings > Import Course Content > "QTI
//! .zip file") and other LMSs that read QTI 1.2.
//!
//! The package has the layout of Canvas's own quiz export, which text2qti
//! and others use with Canvas: `imsmanifest.xml` at the root, then a folder
//! named by the assessment's identifier holding the assessment
//! (`ID/ID.xml`, every item inline) and Canvas's quiz settings
//! (`ID/assessment_meta.xml`, found by Canvas through that exact path). It is
//! a plain QTI package with a Canvas-style manifest, not a Common Cartridge:
//! Canvas's QTI importer reads the settings file only in this layout.
//!
//! Each topic is a `section`; each question an `item` with Canvas's
//! `question_type` and `points_possible`, the keyed answers in
//! `resprocessing`, each choice's feedback as an `itemfeedback` shown by a
//! `displayfeedback`, and the explanation with its citations written out
//! (titles and https addresses as text) as the general feedback
//! (`general_fb`). Every text is bank text, escaped: as HTML first (Canvas
//! reads `text/html` material), then as XML.

mod item;
#[cfg(feature = "toml")]
pub mod read;

use crate::bank::{content_hash, Bank, Kind, Question, Scoring};
use crate::diagnostic::Diagnostic;

/// The manifest's name, at the root of the package.
pub const MANIFEST: &str = "imsmanifest.xml";

/// The identifiers of one package: derived from the bank's id and version,
/// so the same bank exports the same package, and a new version is a new
/// quiz when imported again.
pub(crate) struct Ids {
    pub key: String,
}

impl Ids {
    fn new(bank: &Bank) -> Ids {
        let hash = content_hash(&format!("{}\n{}", bank.meta.id, bank.meta.version));
        Ids {
            key: format!("g{hash}"),
        }
    }

    pub fn item(&self, n: usize) -> String {
        format!("{}_q{}", self.key, n + 1)
    }

    pub fn section(&self, n: usize) -> String {
        format!("{}_s{}", self.key, n + 1)
    }
}

/// The files of the QTI package of `bank` (path in the zip, contents), the
/// manifest first.
pub fn package_files(bank: &Bank) -> Vec<(String, Vec<u8>)> {
    let ids = Ids::new(bank);
    let folder = &ids.key;
    vec![
        (MANIFEST.to_string(), manifest(bank, &ids).into_bytes()),
        (
            format!("{folder}/{folder}.xml"),
            assessment(bank, &ids).into_bytes(),
        ),
        (
            format!("{folder}/assessment_meta.xml"),
            meta(bank, &ids).into_bytes(),
        ),
    ]
}

/// The QTI package of `bank` as a zip, ready for Canvas's "QTI .zip file"
/// import. Pure: no file system, so the studio can offer it as a download.
pub fn to_qti_zip(bank: &Bank) -> Vec<u8> {
    crate::zip::write_zip(&package_files(bank))
}

/// What an LMS quiz made from this package will not keep, as warnings.
pub fn qti_warnings(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let multiple = bank.questions.iter().any(|q| q.kind == Kind::Multiple);
    if multiple && bank.meta.scoring == Scoring::AllOrNothing {
        out.push(Diagnostic::warning(
            crate::path!["bank", "scoring"],
            "Canvas grades multiple-answer questions with partial credit: all_or_nothing scoring is not kept (in Canvas New Quizzes, set each such question to Exact match)",
        ));
    }
    if bank
        .questions
        .iter()
        .any(|q| q.choices.iter().any(|c| c.weight.is_some()))
    {
        out.push(Diagnostic::warning(
            crate::path!["questions"],
            "choice weights are not kept: Canvas only knows which choices are correct",
        ));
    }
    // Canvas keeps a true/false question only when its answers read "true"
    // and "false" (in English); otherwise it imports it as multiple choice.
    for (i, q) in bank.questions.iter().enumerate() {
        let says = |word: &str| {
            q.choices
                .iter()
                .any(|c| c.text.to_lowercase().contains(word))
        };
        if q.kind == Kind::TrueFalse && !(says("true") && says("false")) {
            out.push(Diagnostic::warning(
                crate::path!["questions", i, "choices"],
                format!(
                    "question \"{}\": Canvas imports a true/false question whose answers are not \"True\" and \"False\" as multiple choice (same answers, same key)",
                    q.id
                ),
            ));
        }
    }
    if let Some(n) = bank.meta.draw_per_topic {
        for g in by_topic(bank) {
            if n < g.questions.len() && item::group_points(&g.questions).is_none() {
                out.push(Diagnostic::warning(
                    crate::path!["bank", "draw_per_topic"],
                    format!("topic \"{}\": its questions are worth different points, and a Canvas question group gives them all the same; the LMS quiz asks all of them", g.label),
                ));
            }
        }
    }
    if let Some(n) = bank.meta.draw_per_topic {
        for g in by_topic(bank) {
            if n < g.questions.len() && g.questions.iter().any(|(_, q)| q.essential) {
                out.push(Diagnostic::warning(
                    crate::path!["bank", "draw_per_topic"],
                    format!("topic \"{}\" has essential questions, which a Canvas question group could leave out; the LMS quiz asks all of its questions", g.label),
                ));
            }
        }
    }
    let essential = bank.essentials().count();
    if essential > 0 {
        out.push(Diagnostic::warning(
            crate::path!["questions"],
            format!(
                "the essential mark ({essential} question{}) is not kept: Canvas has no such mark, though its quiz still asks every question marked{}",
                if essential == 1 { "" } else { "s" },
                if bank.meta.pass_requires_essential {
                    "; pass_requires_essential is not kept either (Canvas passes on the score alone)"
                } else {
                    ""
                }
            ),
        ));
    }
    if let Some(n) = bank.meta.draw {
        out.push(Diagnostic::warning(
            crate::path!["bank", "draw"],
            format!("draw = {n} is not kept: the LMS quiz asks every question (make a question group in Canvas to ask fewer)"),
        ));
    }
    out
}

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// does not allow (most control characters) become U+FFFD.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Plain bank text as HTML: escaped, line breaks as `<br/>`.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

/// The sources cited by `cites`, as an HTML list: title (publisher,
/// date): the section cited, then the https address written out.
pub(crate) fn sources_html<'a>(
    bank: &Bank,
    cites: impl Iterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut items = String::new();
    for (source, locator) in cites {
        let Some(s) = bank.source(source) else {
            continue;
        };
        let url = if s.url.starts_with("https://") {
            format!(" <a href=\"{0}\">{0}</a>", html(&s.url))
        } else {
            format!(" {}", html(&s.url))
        };
        let locator = if locator.is_empty() {
            String::new()
        } else {
            format!(": {}", html(locator))
        };
        items.push_str(&format!(
            "<li>{} ({}, {}){locator}.{url}</li>",
            html(&s.title),
            html(&s.publisher),
            html(&s.date)
        ));
    }
    if items.is_empty() {
        items
    } else {
        format!("<p>Sources:</p><ul>{items}</ul>")
    }
}

fn manifest(bank: &Bank, ids: &Ids) -> String {
    let key = &ids.key;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{key}_manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title>
          <imsmd:string>{title}</imsmd:string>
        </imsmd:title>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{key}" type="imsqti_xmlv1p2">
      <file href="{key}/{key}.xml"/>
      <dependency identifierref="{key}_meta"/>
    </resource>
    <resource identifier="{key}_meta" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" href="{key}/assessment_meta.xml">
      <file href="{key}/assessment_meta.xml"/>
    </resource>
  </resources>
</manifest>
"#,
        title = xml(&bank.meta.title),
    )
}

/// A topic and its questions, each with its index in the bank.
pub(crate) struct Group<'a> {
    pub topic: String,
    pub label: String,
    pub questions: Vec<(usize, &'a Question)>,
}

/// The questions of each topic, in the bank's order; questions of an
/// undeclared topic come last, by topic.
pub(crate) fn by_topic(bank: &Bank) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = bank
        .topics
        .iter()
        .map(|t| Group {
            topic: t.id.clone(),
            label: t.label.clone(),
            questions: Vec::new(),
        })
        .collect();
    for (i, q) in bank.questions.iter().enumerate() {
        match groups.iter_mut().find(|g| g.topic == q.topic) {
            Some(g) => g.questions.push((i, q)),
            None => groups.push(Group {
                topic: q.topic.clone(),
                label: q.topic.clone(),
                questions: vec![(i, q)],
            }),
        }
    }
    groups.retain(|g| !g.questions.is_empty());
    groups
}

/// Points Canvas will count: every question, or `draw_per_topic` of each
/// topic.
fn points_possible(bank: &Bank) -> u64 {
    by_topic(bank)
        .iter()
        .map(|g| {
            let qs = &g.questions;
            match item::group_pick(bank, qs) {
                Some((n, p)) => n as u64 * u64::from(p),
                None => qs.iter().map(|(_, q)| u64::from(q.points)).sum(),
            }
        })
        .sum()
}

fn assessment(bank: &Bank, ids: &Ids) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">
  <assessment ident="{}" title="{}">
    <qtimetadata>
      <qtimetadatafield>
        <fieldlabel>cc_maxattempts</fieldlabel>
        <fieldentry>unlimited</fieldentry>
      </qtimetadatafield>
    </qtimetadata>
    <section ident="root_section">
"#,
        ids.key,
        xml(&bank.meta.title)
    );
    for (n, group) in by_topic(bank).iter().enumerate() {
        out.push_str(&item::section(bank, ids, n, group));
    }
    out.push_str("    </section>\n  </assessment>\n</questestinterop>\n");
    out
}

/// Canvas's quiz settings: title, description (with the disclaimer and
/// every cited source), shuffling, points, one question at a time as in our
/// quiz, retries allowed; imported unpublished.
fn meta(bank: &Bank, ids: &Ids) -> String {
    let key = &ids.key;
    let m = &bank.meta;
    let cited: Vec<(&str, &str)> = bank
        .cited_sources()
        .into_iter()
        .map(|s| (s.id.as_str(), ""))
        .collect();
    let description = format!(
        "<p>{}</p><p>{}</p>{}",
        html(&m.description),
        html(&m.disclaimer),
        sources_html(bank, cited.into_iter())
    );
    let points = points_possible(bank);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{key}" xmlns="http://canvas.instructure.com/xsd/cccv1p0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://canvas.instructure.com/xsd/cccv1p0 https://canvas.instructure.com/xsd/cccv1p0.xsd">
  <title>{title}</title>
  <description>{description}</description>
  <shuffle_answers>{shuffle}</shuffle_answers>
  <scoring_policy>keep_highest</scoring_policy>
  <hide_results></hide_results>
  <quiz_type>assignment</quiz_type>
  <points_possible>{points}.0</points_possible>
  <show_correct_answers>true</show_correct_answers>
  <anonymous_submissions>false</anonymous_submissions>
  <could_be_locked>false</could_be_locked>
  <allowed_attempts>-1</allowed_attempts>
  <one_question_at_a_time>true</one_question_at_a_time>
  <cant_go_back>false</cant_go_back>
  <available>false</available>
  <one_time_results>false</one_time_results>
  <show_correct_answers_last_attempt>false</show_correct_answers_last_attempt>
  <only_visible_to_overrides>false</only_visible_to_overrides>
  <module_locked>false</module_locked>
  <require_lockdown_browser>false</require_lockdown_browser>
  <require_lockdown_browser_for_results>false</require_lockdown_browser_for_results>
  <require_lockdown_browser_monitor>false</require_lockdown_browser_monitor>
  <lockdown_browser_monitor_data/>
  <assignment identifier="{key}_assignment">
    <title>{title}</title>
    <due_at/>
    <lock_at/>
    <unlock_at/>
    <module_locked>false</module_locked>
    <workflow_state>unpublished</workflow_state>
    <assignment_overrides>
    </assignment_overrides>
    <quiz_identifierref>{key}</quiz_identifierref>
    <allowed_extensions></allowed_extensions>
    <has_group_category>false</has_group_category>
    <points_possible>{points}.0</points_possible>
    <grading_type>points</grading_type>
    <all_day>false</all_day>
    <submission_types>online_quiz</submission_types>
    <position>1</position>
    <peer_review_count>0</peer_review_count>
    <peer_reviews>false</peer_reviews>
    <automatic_peer_reviews>false</automatic_peer_reviews>
    <anonymous_peer_reviews>false</anonymous_peer_reviews>
    <grade_group_students_individually>false</grade_group_students_individually>
    <freeze_on_copy>false</freeze_on_copy>
    <omit_from_final_grade>false</omit_from_final_grade>
    <intra_group_peer_reviews>false</intra_group_peer_reviews>
    <only_visible_to_overrides>false</only_visible_to_overrides>
    <post_to_sis>false</post_to_sis>
    <moderated_grading>false</moderated_grading>
    <grader_count>0</grader_count>
    <anonymous_grading>false</anonymous_grading>
  </assignment>
  <assignment_group_identifierref>{key}_group</assignment_group_identifierref>
  <assignment_overrides>
  </assignment_overrides>
</quiz>
"#,
        title = xml(&m.title),
        description = xml(&description),
        shuffle = m.shuffle,
    )
}
