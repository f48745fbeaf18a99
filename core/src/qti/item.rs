//! One topic as a QTI 1.2 `section`, each question as an `item` in the form
//! Canvas's QTI import reads (the form of Canvas's own quiz export).

use super::{html, sources_html, xml, Group, Ids};
use crate::bank::{Bank, Kind, Question};

/// The response every item declares (its `response_lid`).
pub(crate) const RESPONSE: &str = "response1";
/// The general feedback (the explanation and its sources).
pub(crate) const GENERAL: &str = "general_fb";

/// Canvas's name for each kind of question.
pub(crate) fn question_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "multiple_choice_question",
        Kind::Multiple => "multiple_answers_question",
        Kind::TrueFalse => "true_false_question",
    }
}

/// The points every question of a group is worth, when they are all worth
/// the same (Canvas gives every question of a group the same points).
pub(crate) fn group_points(questions: &[(usize, &Question)]) -> Option<u32> {
    let first = questions.first()?.1.points;
    questions
        .iter()
        .all(|(_, q)| q.points == first)
        .then_some(first)
}

/// How many of a topic's questions a Canvas question group asks, and the
/// points of each: with `draw_per_topic`, when that is fewer than the topic
/// has, they are all worth the same and none is essential (a group could
/// leave an essential question out). `None`: the topic is asked whole.
pub(crate) fn group_pick(bank: &Bank, questions: &[(usize, &Question)]) -> Option<(usize, u32)> {
    let pick = bank.meta.draw_per_topic?;
    let points = group_points(questions)?;
    (pick < questions.len() && !questions.iter().any(|(_, q)| q.essential))
        .then_some((pick, points))
}

/// A topic's section. With `draw_per_topic`, it asks that many of its
/// questions (a Canvas question group), when [`group_pick`] allows.
pub(crate) fn section(bank: &Bank, ids: &Ids, n: usize, group: &Group) -> String {
    let questions = &group.questions;
    let mut out = format!(
        "      <section ident=\"{}\" title=\"{}\">\n",
        ids.section(n),
        xml(&group.label)
    );
    if let Some((pick, points)) = group_pick(bank, questions) {
        out.push_str(&format!(
            "        <selection_ordering>\n          <selection>\n            <selection_number>{pick}</selection_number>\n            <selection_extension>\n              <points_per_item>{points}</points_per_item>\n            </selection_extension>\n          </selection>\n        </selection_ordering>\n"
        ));
    }
    for (i, q) in questions {
        out.push_str(&item(bank, ids, *i, &group.topic, q));
    }
    out.push_str("      </section>\n");
    out
}

fn field(label: &str, entry: &str) -> String {
    format!(
        "            <qtimetadatafield>\n              <fieldlabel>{label}</fieldlabel>\n              <fieldentry>{}</fieldentry>\n            </qtimetadatafield>\n",
        xml(entry)
    )
}

/// HTML material, escaped as XML text (Canvas reads `text/html`).
fn material(html_text: &str, indent: &str) -> String {
    format!(
        "{indent}<material>\n{indent}  <mattext texttype=\"text/html\">{}</mattext>\n{indent}</material>\n",
        xml(html_text)
    )
}

fn feedback(ident: &str, html_text: &str) -> String {
    format!(
        "        <itemfeedback ident=\"{ident}\">\n          <flow_mat>\n{}          </flow_mat>\n        </itemfeedback>\n",
        material(html_text, "            ")
    )
}

fn varequal(ident: &str) -> String {
    format!("<varequal respident=\"{RESPONSE}\">{ident}</varequal>")
}

fn item(bank: &Bank, ids: &Ids, n: usize, topic: &str, q: &Question) -> String {
    let ident = ids.item(n);
    let choice = |j: usize| format!("{ident}_a{}", j + 1);
    let answer_ids: Vec<String> = (0..q.choices.len()).map(choice).collect();
    let mut out = format!(
        "      <item ident=\"{ident}\" title=\"{}\">\n        <itemmetadata>\n          <qtimetadata>\n",
        xml(&q.id)
    );
    out.push_str(&field("question_type", question_type(q.kind)));
    out.push_str(&field("points_possible", &q.points.to_string()));
    out.push_str(&field("original_answer_ids", &answer_ids.join(",")));
    out.push_str(&field(
        "assessment_question_identifierref",
        &format!("{ident}_ref"),
    ));
    // Ours, for reading the package back; other readers ignore them.
    out.push_str(&field("quiz_question", &q.id));
    out.push_str(&field("quiz_topic", topic));
    let choice_ids: Vec<&str> = q.choices.iter().map(|c| c.id.as_str()).collect();
    out.push_str(&field("quiz_choices", &choice_ids.join("|")));
    out.push_str("          </qtimetadata>\n        </itemmetadata>\n        <presentation>\n");
    out.push_str(&material(
        &format!("<p>{}</p>", html(&q.prompt)),
        "          ",
    ));
    let cardinality = if q.kind == Kind::Multiple {
        "Multiple"
    } else {
        "Single"
    };
    let shuffle = if bank.meta.shuffle { "Yes" } else { "No" };
    out.push_str(&format!(
        "          <response_lid ident=\"{RESPONSE}\" rcardinality=\"{cardinality}\">\n            <render_choice shuffle=\"{shuffle}\">\n"
    ));
    for (c, id) in q.choices.iter().zip(&answer_ids) {
        out.push_str(&format!("              <response_label ident=\"{id}\">\n"));
        out.push_str(&material(&html(&c.text), "                "));
        out.push_str("              </response_label>\n");
    }
    out.push_str(
        "            </render_choice>\n          </response_lid>\n        </presentation>\n",
    );
    out.push_str(&resprocessing(q, &answer_ids));
    let explanation = format!(
        "<p>{}</p>{}",
        html(&q.explanation),
        sources_html(
            bank,
            q.cites
                .iter()
                .map(|c| (c.source.as_str(), c.locator.as_str()))
        )
    );
    out.push_str(&feedback(GENERAL, &explanation));
    for (c, id) in q.choices.iter().zip(&answer_ids) {
        if let Some(f) = c.feedback.as_deref().filter(|f| !f.trim().is_empty()) {
            out.push_str(&feedback(
                &format!("{id}_fb"),
                &format!("<p>{}</p>", html(f)),
            ));
        }
    }
    out.push_str("      </item>\n");
    out
}

/// The general feedback for every answer, each choice's own feedback when
/// it is picked, and full marks for the keyed answer (for several right
/// answers: all of them and none of the others).
fn resprocessing(q: &Question, answer_ids: &[String]) -> String {
    let mut out = String::from(
        "        <resprocessing>\n          <outcomes>\n            <decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/>\n          </outcomes>\n",
    );
    out.push_str(&format!(
        "          <respcondition continue=\"Yes\">\n            <conditionvar>\n              <other/>\n            </conditionvar>\n            <displayfeedback feedbacktype=\"Response\" linkrefid=\"{GENERAL}\"/>\n          </respcondition>\n"
    ));
    for (c, id) in q.choices.iter().zip(answer_ids) {
        if c.feedback.as_deref().is_some_and(|f| !f.trim().is_empty()) {
            out.push_str(&format!(
                "          <respcondition continue=\"Yes\">\n            <conditionvar>\n              {}\n            </conditionvar>\n            <displayfeedback feedbacktype=\"Response\" linkrefid=\"{id}_fb\"/>\n          </respcondition>\n",
                varequal(id)
            ));
        }
    }
    let right: Vec<&String> = q
        .choices
        .iter()
        .zip(answer_ids)
        .filter(|(c, _)| c.correct)
        .map(|(_, id)| id)
        .collect();
    let condition = match (q.kind, right.first()) {
        // No keyed answer (a bank with errors): nothing scores.
        (_, None) => None,
        (Kind::Multiple, Some(_)) => {
            let parts: Vec<String> = q
                .choices
                .iter()
                .zip(answer_ids)
                .map(|(c, id)| {
                    if c.correct {
                        format!("                {}\n", varequal(id))
                    } else {
                        format!("                <not>{}</not>\n", varequal(id))
                    }
                })
                .collect();
            Some(format!(
                "              <and>\n{}              </and>\n",
                parts.concat()
            ))
        }
        (_, Some(id)) => Some(format!("              {}\n", varequal(id))),
    };
    if let Some(condition) = condition {
        out.push_str(&format!(
            "          <respcondition continue=\"No\">\n            <conditionvar>\n{condition}            </conditionvar>\n            <setvar action=\"Set\" varname=\"SCORE\">100</setvar>\n          </respcondition>\n"
        ));
    }
    out.push_str("        </resprocessing>\n");
    out
}
