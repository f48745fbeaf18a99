//! The studio's state: one reducer over the bank being edited. The TOML
//! document (`toml_edit`, so comments and layout survive) is the truth; the
//! forms, the TOML tab, the problem list and the preview all render from what
//! is derived from it after every action. Pure: tested natively.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use quiz_core::diagnostic::Seg;
use quiz_core::draft::{draft, Draft};
use quiz_core::toml_source::read_toml;
use quiz_core::{Bank, Diagnostic, Kind, Loaded};
use toml_edit::{DocumentMut, TableLike};
use yew::Reducible;

use super::doc::{self, Entry, Field};
use super::problems::{self, Listed};

/// A bank whose TOML is larger than this (about 400 ordinary questions) is
/// checked when typing pauses rather than on every keystroke: a form edit
/// then changes the document and the bank the forms show at once, and the
/// problems, the preview and the text follow [`CHECK_DELAY_MS`] later.
pub const LIVE_CHECK_BYTES: usize = 256 * 1024;
/// How long typing must pause before a large bank is checked.
pub const CHECK_DELAY_MS: u32 = 400;
/// Questions per page of the question list.
pub const PAGE: usize = 100;

/// The bank built into the quiz, as shipped (comments included): the
/// "customise the default bank" starting point.
pub const DEFAULT_TOML: &str = include_str!("../../questions/microneedling.toml");

/// A blank bank: the fields every bank needs, to be filled in.
pub const BLANK_TOML: &str = "format = 1

[bank]
id = \"my-bank\"
title = \"\"
language = \"en\"
version = \"1\"
description = \"\"
pass_mark = 70
disclaimer = \"\"
";

fn default_bank() -> Option<&'static Bank> {
    static DEFAULT: OnceLock<Option<Bank>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            quiz_core::toml_source::from_toml(DEFAULT_TOML)
                .ok()
                .map(|l| l.bank)
        })
        .as_ref()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Forms,
    Toml,
}

/// Which table a form field writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Bank,
    Source(usize),
    Topic(usize),
    Question(usize),
    Choice(usize, usize),
    Cite(usize, usize),
}

impl At {
    /// The validator's path for `key` of this table.
    pub fn path(self, key: &'static str) -> Vec<Seg> {
        let mut p = self.base();
        p.push(Seg::Key(key));
        p
    }

    pub fn base(self) -> Vec<Seg> {
        use Seg::{Index, Key};
        match self {
            At::Bank => vec![Key("bank")],
            At::Source(i) => vec![Key("sources"), Index(i)],
            At::Topic(i) => vec![Key("topics"), Index(i)],
            At::Question(i) => vec![Key("questions"), Index(i)],
            At::Choice(i, j) => vec![Key("questions"), Index(i), Key("choices"), Index(j)],
            At::Cite(i, j) => vec![Key("questions"), Index(i), Key("cites"), Index(j)],
        }
    }
}

/// The id of the form control for a place in the bank.
pub fn field_id(path: &[Seg]) -> String {
    let mut id = String::from("f");
    for s in path {
        id.push('-');
        match s {
            Seg::Key(k) => id.push_str(k),
            Seg::Index(i) => id.push_str(&i.to_string()),
        }
    }
    id
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The TOML tab's text changed.
    SetText(String),
    Set {
        at: At,
        key: &'static str,
        field: Field,
    },
    /// Ticks a choice as correct (the only one, unless the question is
    /// multiple-answer).
    SetCorrect {
        q: usize,
        c: usize,
        on: bool,
    },
    SetKind {
        q: usize,
        kind: Kind,
    },
    AddQuestion,
    DuplicateQuestion(usize),
    DeleteQuestion(usize),
    MoveQuestion {
        from: usize,
        to: usize,
    },
    Select(usize),
    AddChoice(usize),
    RemoveChoice(usize, usize),
    /// Moves choice `from` of question `q` to position `to`.
    MoveChoice {
        q: usize,
        from: usize,
        to: usize,
    },
    AddCite(usize),
    RemoveCite(usize, usize),
    AddSource,
    RemoveSource(usize),
    AddTopic,
    RemoveTopic(usize),
    /// Cites `source` at `locator` in every question that cites nothing.
    CiteEverywhere {
        source: String,
        locator: String,
    },
    /// Shows the form field for a problem and asks for it to be focused.
    Reveal(Vec<Seg>),
    Tab(Tab),
    Undo,
    /// The deployable JSON or the TOML was downloaded.
    Downloaded,
    /// Brings the problems, the preview and the text up to date with the
    /// last edits (a large bank's are checked when typing pauses).
    Check,
    /// Shows page `n` of the question list.
    Page(usize),
    /// Shows only the questions whose number, id, prompt or topic contain
    /// this text (empty: all of them).
    Filter(String),
    /// Asks for a download of the bank as it is after the last edit (the
    /// workspace makes the file once the state is up to date).
    Download(Download),
}

/// The files the studio offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The deployable JSON (a bank without errors).
    Json,
    /// The TOML, to keep editing.
    Toml,
    /// The review pack for a clinician.
    Review,
}

/// What lags behind the other after an edit of a large bank, until the
/// next check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Behind {
    Nothing,
    /// Form edits changed the document; the text is printed at the check.
    Text,
    /// The TOML tab changed the text; the document is parsed at the check.
    Doc,
}

/// One version of the studio's state. Versions are cheap to make (the
/// reducer makes one per action): the large parts are shared, and the TOML
/// document is one for all versions of a studio, edited in place by the
/// reducer alone (so a clone is a version of the same studio, not a copy).
#[derive(Debug, Clone)]
pub struct Studio {
    /// Names downloads (`stem.json`, `stem.toml`).
    pub stem: String,
    /// The browser-storage id of this draft.
    pub draft_id: String,
    /// `None` while the TOML text has a syntax error.
    doc: Rc<RefCell<Option<DocumentMut>>>,
    pub text: Rc<str>,
    /// What an import cleaned or left out (lines of the original file).
    pub notes: Rc<Vec<Diagnostic>>,
    /// The bank as far as it can be read, valid or not.
    pub bank: Option<Rc<Bank>>,
    /// Every error and warning, as the build and the bank tool report them.
    pub problems: Rc<Vec<Diagnostic>>,
    /// The problem list: problems one by one, and those of a kind that
    /// concerns many places as one entry each.
    pub listed: Rc<Vec<Listed>>,
    /// Indices in `problems` of each question's problems.
    by_question: Rc<Vec<Vec<usize>>>,
    /// Set when there are no errors: what downloads as JSON.
    pub loaded: Option<Rc<Loaded>>,
    /// A playable stand-in while there are errors.
    pub draft: Option<Rc<Loaded>>,
    /// Questions the draft preview had to leave out.
    pub left_out: Rc<Vec<String>>,
    pub selected: usize,
    pub tab: Tab,
    /// A field to focus after the next render, with a counter so the same
    /// field can be asked for twice.
    pub focus: Option<(Vec<Seg>, u32)>,
    /// Counts edits; `saved_revision` is the one last downloaded.
    pub revision: u32,
    pub saved_revision: u32,
    /// The revision the problems, the preview and the text are of: behind
    /// `revision` while a large bank waits for typing to pause.
    pub checked: u32,
    behind: Behind,
    /// What the last action did, for the status line (and screen readers).
    pub status: String,
    /// Texts before structural changes, for Undo.
    history: Vec<Rc<str>>,
    /// The question list's page, when one was chosen; otherwise the list
    /// shows the page of the selected question.
    pub list_page: Option<usize>,
    /// The question list's filter.
    pub filter: String,
    /// A download asked for, to be made from this state (numbered so that
    /// the same file can be asked for twice).
    pub download: Option<(Download, u32)>,
}

impl Studio {
    /// A studio for `text`. A new bank, an import or a copy starts as not
    /// downloaded (leaving would lose it); see [`Action::Downloaded`].
    pub fn new(stem: &str, draft_id: &str, text: String, notes: Vec<Diagnostic>) -> Studio {
        let mut s = Studio {
            stem: stem.to_string(),
            draft_id: draft_id.to_string(),
            doc: Rc::new(RefCell::new(text.parse().ok())),
            text: text.into(),
            notes: Rc::new(notes),
            bank: None,
            problems: Rc::default(),
            listed: Rc::default(),
            by_question: Rc::default(),
            loaded: None,
            draft: None,
            left_out: Rc::default(),
            selected: 0,
            tab: Tab::Forms,
            focus: None,
            revision: 1,
            saved_revision: 0,
            checked: 0,
            behind: Behind::Nothing,
            status: String::new(),
            history: Vec::new(),
            list_page: None,
            filter: String::new(),
            download: None,
        };
        s.check();
        s
    }

    /// Whether the bank is large enough to be checked when typing pauses.
    pub fn large(&self) -> bool {
        self.text.len() > LIVE_CHECK_BYTES
    }

    /// Whether the problems, the preview and the text wait for a check of
    /// the last edits.
    pub fn stale(&self) -> bool {
        self.checked != self.revision
    }

    /// Whether there are edits that have not been downloaded.
    pub fn unsaved(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The forms can edit the bank: its TOML syntax is sound and it could
    /// be read (see [`Studio::blocked`]).
    pub fn editable(&self) -> bool {
        self.blocked().is_none()
    }

    fn has_doc(&self) -> bool {
        self.behind == Behind::Doc || self.doc.borrow().is_some()
    }

    /// What stops the forms, in the instructor's words: a TOML syntax error
    /// (and where), or a bank that cannot be read as one (too large, too
    /// deeply nested); `None` when the forms can edit it.
    pub fn blocked(&self) -> Option<String> {
        let has_doc = self.has_doc();
        if has_doc && self.bank.is_some() {
            return None;
        }
        let first = self.problems.iter().find(|d| d.is_error());
        let place = |d: &Diagnostic| {
            d.pos.map_or(String::new(), |p| {
                format!(" (line {}, column {})", p.line, p.column)
            })
        };
        if !has_doc {
            return Some(match first {
                Some(d) => format!(
                    "The forms cannot read this bank until its TOML syntax is fixed: {}{}. Fix it in the TOML tab; the problem list links to the place.",
                    d.message,
                    place(d)
                ),
                None => "The forms cannot read this bank until its TOML syntax is fixed. Fix it in the TOML tab.".to_string(),
            });
        }
        Some(match first {
            Some(d) if d.message.contains(quiz_core::validate::SPLIT) => format!(
                "This bank is too large for the studio's forms: {}.",
                d.message
            ),
            Some(d) => format!(
                "The forms cannot read this bank: {}{}. Fix it in the TOML tab.",
                d.message,
                place(d)
            ),
            None => "The forms cannot read this bank. Fix it in the TOML tab.".to_string(),
        })
    }

    /// Why the preview has nothing to show, when it has not.
    pub fn why_no_preview(&self) -> Option<String> {
        if self.draft.is_some() {
            return None;
        }
        let first = self.problems.iter().find(|d| d.is_error());
        if !self.has_doc() {
            return Some(match first.and_then(|d| d.pos.map(|p| (p, &d.message))) {
                Some((p, message)) => format!(
                    "Nothing to preview until the TOML syntax error at line {}, column {} is fixed ({message}).",
                    p.line, p.column
                ),
                None => "Nothing to preview until the TOML syntax error is fixed.".to_string(),
            });
        }
        if self.bank.is_none() {
            return Some(match first {
                Some(d) => format!(
                    "Nothing to preview: the bank cannot be read, because {}.",
                    d.message
                ),
                None => "Nothing to preview: the bank cannot be read.".to_string(),
            });
        }
        let n = self.question_count();
        Some(match n {
            0 => "Nothing to preview yet: the bank has no questions. Add one in the forms.".to_string(),
            1 => "Nothing to preview yet: the question cannot be played; it needs at least two choices and a right answer.".to_string(),
            n => format!(
                "Nothing to preview yet: none of the {} questions can be played; each needs at least two choices and a right answer.",
                quiz_core::validate::thousands(n)
            ),
        })
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    pub fn can_undo(&self) -> bool {
        !self.history.is_empty()
    }

    /// Problems about exactly this place.
    pub fn problems_at(&self, path: &[Seg]) -> Vec<&Diagnostic> {
        match path {
            [Seg::Key("questions"), Seg::Index(i), ..] => self
                .by_question
                .get(*i)
                .into_iter()
                .flatten()
                .filter_map(|&k| self.problems.get(k))
                .filter(|d| d.path == path)
                .collect(),
            _ => self.problems.iter().filter(|d| d.path == path).collect(),
        }
    }

    /// How many problems concern question `i` (for the question list).
    pub fn problems_in_question(&self, i: usize) -> usize {
        self.by_question.get(i).map_or(0, Vec::len)
    }

    /// Re-reads the text: problems, the valid bank, the draft.
    fn check(&mut self) {
        let (bank, result) = read_toml(&self.text, true);
        let mut problems = match result {
            Ok(ref l) => l.warnings.clone(),
            Err(ref p) => p.clone(),
        };
        let default = default_bank();
        if let (Some(b), Some(d)) = (bank.as_ref(), default) {
            problems.extend(quiz_core::lint::same_id_as(d, b));
        }
        let n = bank.as_ref().map_or(0, |b| b.questions.len());
        let mut by_question = vec![Vec::new(); n];
        for (k, d) in problems.iter().enumerate() {
            if let [Seg::Key("questions"), Seg::Index(i), ..] = d.path.as_slice() {
                if let Some(v) = by_question.get_mut(*i) {
                    v.push(k);
                }
            }
        }
        self.listed = Rc::new(problems::list(&problems));
        self.by_question = Rc::new(by_question);
        self.problems = Rc::new(problems);
        self.loaded = result.ok().map(Rc::new);
        let drafted = bank.as_ref().and_then(draft);
        self.left_out = Rc::new(
            drafted
                .as_ref()
                .map(|d| d.left_out.clone())
                .unwrap_or_default(),
        );
        self.draft = match (&self.loaded, drafted) {
            (Some(l), _) => Some(l.clone()),
            (None, Some(Draft { bank, .. })) => Some(Rc::new(Loaded {
                bank,
                warnings: Vec::new(),
                hash: String::new(),
            })),
            (None, None) => None,
        };
        self.selected = self.selected.min(n.saturating_sub(1));
        self.bank = bank.map(Rc::new);
        self.checked = self.revision;
    }

    /// Prints the document into the text after form edits that have not
    /// been, or parses the text typed in the TOML tab into the document.
    fn sync(&mut self) {
        match self.behind {
            Behind::Nothing => {}
            Behind::Text => {
                if let Some(d) = self.doc.borrow().as_ref() {
                    self.text = d.to_string().into();
                }
            }
            Behind::Doc => *self.doc.borrow_mut() = self.text.parse().ok(),
        }
        self.behind = Behind::Nothing;
    }

    /// Brings everything up to date with the last edit.
    fn flush(&mut self) {
        self.sync();
        if self.stale() {
            self.check();
        }
    }

    /// After a form edit: the document is printed back and checked.
    fn written(&mut self) {
        self.behind = Behind::Text;
        self.revision += 1;
        self.flush();
    }

    fn remember(&mut self) {
        self.history.push(self.text.clone());
        if self.history.len() > 50 {
            self.history.remove(0);
        }
    }

    fn question_count(&self) -> usize {
        self.bank.as_ref().map_or(0, |b| b.questions.len())
    }

    /// A fresh id: `base`, or `base-2`, `base-3`… if taken.
    fn fresh_id(taken: &[&str], base: &str) -> String {
        if !taken.contains(&base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(&id.as_str()))
            .unwrap_or_default()
    }

    pub fn apply(&mut self, action: Action) {
        // The status line describes the last change; moving around keeps it.
        if !matches!(
            action,
            Action::Select(_)
                | Action::Reveal(_)
                | Action::Tab(_)
                | Action::Check
                | Action::Page(_)
                | Action::Filter(_)
                | Action::Download(_)
        ) {
            self.status.clear();
        }
        match action {
            Action::SetText(text) => {
                self.text = text.into();
                self.behind = Behind::Doc;
                self.revision += 1;
                if !self.large() {
                    self.flush();
                }
            }
            Action::Check => self.flush(),
            Action::Select(i) => {
                self.selected = i.min(self.question_count().saturating_sub(1));
                self.list_page = None;
            }
            Action::Page(n) => self.list_page = Some(n),
            Action::Filter(f) => {
                self.list_page = (!f.trim().is_empty()).then_some(0);
                self.filter = f;
            }
            Action::Tab(tab) => {
                // Each tab shows what the other changed.
                self.flush();
                self.tab = tab;
            }
            Action::Reveal(path) => {
                if let [Seg::Key("questions" | "pick"), Seg::Index(i), ..] = path.as_slice() {
                    self.selected = *i;
                    self.list_page = None;
                }
                self.tab = Tab::Forms;
                let n = self.focus.as_ref().map_or(0, |f| f.1 + 1);
                self.focus = Some((path, n));
            }
            Action::Undo => {
                if let Some(text) = self.history.pop() {
                    *self.doc.borrow_mut() = text.parse().ok();
                    self.text = text;
                    self.behind = Behind::Nothing;
                    self.revision += 1;
                    self.check();
                    self.status = "Undone.".to_string();
                }
            }
            Action::Downloaded => {
                self.flush();
                self.saved_revision = self.revision;
            }
            Action::Download(what) => {
                self.flush();
                let n = self.download.map_or(0, |d| d.1 + 1);
                self.download = Some((what, n));
            }
            edit => {
                if self.behind == Behind::Doc {
                    self.flush();
                }
                if self.doc.borrow().is_none() {
                    self.status =
                        "Fix the TOML syntax error in the TOML tab first; the forms cannot read the bank until then."
                            .to_string();
                    return;
                }
                let structural = !matches!(edit, Action::Set { .. } | Action::SetCorrect { .. });
                if structural {
                    self.sync();
                    self.remember();
                }
                // A large bank's keystroke: the document and the bank the
                // forms show change now, the rest when typing pauses.
                let mirror = (!structural && self.large()).then(|| edit.clone());
                self.edit(edit);
                let quick = mirror.is_some_and(|edit| {
                    self.bank
                        .as_mut()
                        .is_some_and(|b| patch(Rc::make_mut(b), &edit))
                });
                if quick {
                    self.behind = Behind::Text;
                    self.revision += 1;
                    return;
                }
                self.written();
                // An action that changed nothing (a move past the end) leaves
                // nothing to undo.
                if structural && self.history.last() == Some(&self.text) {
                    self.history.pop();
                }
            }
        }
    }

    /// The edits that change the document.
    fn edit(&mut self, action: Action) {
        let Some(bank) = self.bank.clone() else {
            self.edit_unread(action);
            return;
        };
        let doc = self.doc.clone();
        let mut guard = doc.borrow_mut();
        let Some(d) = guard.as_mut() else {
            return;
        };
        let q_ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        match action {
            Action::Set { at, key, field } => {
                // Renaming a source or topic id renames every use of it.
                let renamed = match (at, key, &field) {
                    (At::Source(i), "id", Field::Text(new)) => bank
                        .sources
                        .get(i)
                        .map(|s| ("cites", s.id.clone(), new.clone())),
                    (At::Topic(i), "id", Field::Text(new)) => bank
                        .topics
                        .get(i)
                        .map(|t| ("topic", t.id.clone(), new.clone())),
                    _ => None,
                };
                if let Some(t) = table(d, at) {
                    doc::set(t, key, &field);
                }
                if let Some((what, old, new)) = renamed {
                    rename_uses(d, &bank, what, &old, &new);
                }
            }
            Action::SetCorrect { q, c, on } => {
                let Some(question) = bank.questions.get(q) else {
                    return;
                };
                let only = question.kind != Kind::Multiple;
                for (j, choice) in question.choices.iter().enumerate() {
                    let value = if j == c {
                        on
                    } else if only && on {
                        false
                    } else {
                        choice.correct
                    };
                    if value != choice.correct {
                        if let Some(t) = table(d, At::Choice(q, j)) {
                            doc::set(t, "correct", &Field::Bool(value));
                        }
                    }
                }
            }
            Action::SetKind { q, kind } => {
                let Some(question) = bank.questions.get(q) else {
                    return;
                };
                let name = match kind {
                    Kind::Single => "single",
                    Kind::Multiple => "multiple",
                    Kind::TrueFalse => "true_false",
                };
                let is_tf = question.choices.len() == 2
                    && question.choices.iter().any(|c| c.text == "True")
                    && question.choices.iter().any(|c| c.text == "False");
                if let Some(t) = table(d, At::Question(q)) {
                    doc::set(t, "kind", &Field::Text(name.to_string()));
                    if kind == Kind::TrueFalse && !is_tf {
                        // True/false questions have exactly these two choices.
                        for j in (0..question.choices.len()).rev() {
                            doc::remove(t, "choices", j);
                        }
                        for (id, text, correct) in
                            [("true", "True", true), ("false", "False", false)]
                        {
                            doc::insert(
                                t,
                                "choices",
                                None,
                                &choice_entry(id, text, correct),
                                false,
                            );
                        }
                    }
                }
                self.status = format!("Question {} is now {}.", q + 1, kind_label(kind));
            }
            Action::AddQuestion => {
                let topic = bank
                    .questions
                    .get(self.selected)
                    .map(|q| q.topic.clone())
                    .or_else(|| bank.topics.first().map(|t| t.id.clone()))
                    .unwrap_or_default();
                let id = Self::fresh_id(&q_ids, &format!("question-{}", bank.questions.len() + 1));
                let entry = Entry {
                    fields: vec![
                        ("id", Field::Text(id)),
                        ("topic", Field::Text(topic)),
                        ("kind", Field::Text("single".into())),
                        ("prompt", Field::Text(String::new())),
                        ("explanation", Field::Text(String::new())),
                    ],
                    lists: vec![
                        ("cites", Vec::new()),
                        (
                            "choices",
                            vec![choice_entry("a", "", true), choice_entry("b", "", false)],
                        ),
                    ],
                };
                doc::insert(d.as_table_mut(), "questions", None, &entry, true);
                self.selected = bank.questions.len();
                self.focus = Some((At::Question(self.selected).path("prompt"), self.revision));
                self.status = format!("Question {} added.", self.selected + 1);
            }
            Action::DuplicateQuestion(i) => {
                let Some(q) = bank.questions.get(i) else {
                    return;
                };
                let id = Self::fresh_id(&q_ids, &format!("{}-copy", q.id));
                doc::duplicate(d.as_table_mut(), "questions", i, |t| {
                    doc::set(t, "id", &Field::Text(id));
                });
                self.selected = i + 1;
                self.status = format!("Question {} duplicated as question {}.", i + 1, i + 2);
            }
            Action::DeleteQuestion(i) => {
                doc::remove(d.as_table_mut(), "questions", i);
                self.status = format!("Question {} deleted.", i + 1);
            }
            Action::MoveQuestion { from, to } if to < bank.questions.len() && from != to => {
                doc::move_entry(d.as_table_mut(), "questions", from, to);
                self.selected = to;
                self.status = format!(
                    "Question moved from position {} to position {} of {}.",
                    from + 1,
                    to + 1,
                    bank.questions.len()
                );
            }
            Action::AddChoice(q) => {
                let Some(question) = bank.questions.get(q) else {
                    return;
                };
                let taken: Vec<&str> = question.choices.iter().map(|c| c.id.as_str()).collect();
                let id = ('a'..='z')
                    .map(|c| c.to_string())
                    .find(|id| !taken.contains(&id.as_str()))
                    .unwrap_or_else(|| Self::fresh_id(&taken, "choice"));
                if let Some(t) = table(d, At::Question(q)) {
                    doc::insert(t, "choices", None, &choice_entry(&id, "", false), false);
                }
                let j = question.choices.len();
                self.focus = Some((At::Choice(q, j).path("text"), self.revision));
            }
            Action::RemoveChoice(q, c) => {
                if let Some(t) = table(d, At::Question(q)) {
                    doc::remove(t, "choices", c);
                }
                self.status = format!("Choice {} removed.", c + 1);
            }
            Action::MoveChoice { q, from, to } => {
                let n = bank.questions.get(q).map_or(0, |x| x.choices.len());
                if from == to || from >= n || to >= n {
                    return;
                }
                if let Some(t) = table(d, At::Question(q)) {
                    doc::move_entry(t, "choices", from, to);
                }
                self.focus = Some((At::Choice(q, to).path("text"), self.revision));
                self.status = format!("Choice {} moved to position {} of {n}.", from + 1, to + 1);
            }
            Action::AddCite(q) => {
                let source = bank
                    .sources
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                if let Some(t) = table(d, At::Question(q)) {
                    doc::insert(t, "cites", None, &cite_entry(&source, ""), false);
                }
                let j = bank.questions.get(q).map_or(0, |x| x.cites.len());
                self.focus = Some((At::Cite(q, j).path("locator"), self.revision));
            }
            Action::RemoveCite(q, c) => {
                if let Some(t) = table(d, At::Question(q)) {
                    doc::remove(t, "cites", c);
                }
            }
            Action::AddSource => {
                let taken: Vec<&str> = bank.sources.iter().map(|s| s.id.as_str()).collect();
                let id = Self::fresh_id(&taken, &format!("source-{}", bank.sources.len() + 1));
                let entry = Entry {
                    fields: vec![
                        ("id", Field::Text(id)),
                        ("title", Field::Text(String::new())),
                        ("authors", Field::Texts(Vec::new())),
                        ("publisher", Field::Text(String::new())),
                        ("date", Field::Text(String::new())),
                        ("url", Field::Text("https://".into())),
                    ],
                    lists: vec![],
                };
                doc::insert(d.as_table_mut(), "sources", None, &entry, true);
                let i = bank.sources.len();
                self.focus = Some((At::Source(i).path("title"), self.revision));
                self.status = format!("Source {} added.", i + 1);
            }
            Action::RemoveSource(i) => {
                doc::remove(d.as_table_mut(), "sources", i);
                self.status = format!("Source {} removed.", i + 1);
            }
            Action::AddTopic => {
                let taken: Vec<&str> = bank.topics.iter().map(|t| t.id.as_str()).collect();
                let id = Self::fresh_id(&taken, &format!("topic-{}", bank.topics.len() + 1));
                let entry = Entry {
                    fields: vec![
                        ("id", Field::Text(id)),
                        ("label", Field::Text(String::new())),
                    ],
                    lists: vec![],
                };
                doc::insert(d.as_table_mut(), "topics", None, &entry, true);
                let i = bank.topics.len();
                self.focus = Some((At::Topic(i).path("label"), self.revision));
                self.status = format!("Topic {} added.", i + 1);
            }
            Action::RemoveTopic(i) => {
                doc::remove(d.as_table_mut(), "topics", i);
                self.status = format!("Topic {} removed.", i + 1);
            }
            Action::CiteEverywhere { source, locator } => {
                let mut n = 0;
                for (i, q) in bank.questions.iter().enumerate() {
                    if q.cites.is_empty() {
                        if let Some(t) = table(d, At::Question(i)) {
                            doc::insert(t, "cites", None, &cite_entry(&source, &locator), false);
                            n += 1;
                        }
                    }
                }
                self.status = match n {
                    0 => "Every question already cites a source.".to_string(),
                    1 => format!("\"{source}\" is now cited by 1 question."),
                    n => format!(
                        "\"{source}\" is now cited by {} questions.",
                        quiz_core::validate::thousands(n)
                    ),
                };
            }
            _ => {}
        }
    }

    /// Edits possible when the bank cannot be read at all (not even its
    /// shape): only adding what makes it one.
    fn edit_unread(&mut self, action: Action) {
        self.status = match action {
            Action::Set { .. } => String::new(),
            _ => "The bank cannot be read yet; see the problems listed.".to_string(),
        };
    }
}

/// Versions of one studio: every edit counts a revision and every check
/// records it, so these and the shared parts' identity tell two apart
/// without comparing a large bank's text.
impl PartialEq for Studio {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && Rc::ptr_eq(&self.text, &other.text)
            && Rc::ptr_eq(&self.problems, &other.problems)
            && Rc::ptr_eq(&self.notes, &other.notes)
            && self.revision == other.revision
            && self.checked == other.checked
            && self.stem == other.stem
            && self.draft_id == other.draft_id
            && self.selected == other.selected
            && self.tab == other.tab
            && self.focus == other.focus
            && self.saved_revision == other.saved_revision
            && self.status == other.status
            && self.history.len() == other.history.len()
            && self.list_page == other.list_page
            && self.filter == other.filter
            && self.download == other.download
    }
}

impl Reducible for Studio {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "single answer",
        Kind::Multiple => "multiple answers",
        Kind::TrueFalse => "true or false",
    }
}

fn choice_entry(id: &str, text: &str, correct: bool) -> Entry {
    let mut fields = vec![
        ("id", Field::Text(id.into())),
        ("text", Field::Text(text.into())),
    ];
    if correct {
        fields.push(("correct", Field::Bool(true)));
    }
    Entry {
        fields,
        lists: vec![],
    }
}

fn cite_entry(source: &str, locator: &str) -> Entry {
    Entry {
        fields: vec![
            ("source", Field::Text(source.into())),
            ("locator", Field::Text(locator.into())),
        ],
        lists: vec![],
    }
}

/// Mirrors a form edit in the bank the forms show, as reading the edited
/// text would give it; false for an edit it cannot mirror exactly (renaming
/// an id renames its uses; a number out of range is a reading problem),
/// which then waits for no pause: the whole bank is read again at once.
fn patch(bank: &mut Bank, action: &Action) -> bool {
    use quiz_core::bank::{Difficulty, Scoring};
    let (at, key, field) = match action {
        Action::Set { at, key, field } => (*at, *key, field),
        Action::SetCorrect { q, c, on } => {
            let Some(question) = bank.questions.get_mut(*q) else {
                return false;
            };
            let only = question.kind != Kind::Multiple;
            for (j, choice) in question.choices.iter_mut().enumerate() {
                if j == *c {
                    choice.correct = *on;
                } else if only && *on {
                    choice.correct = false;
                }
            }
            return true;
        }
        _ => return false,
    };
    let text = |f: &Field| match f {
        Field::Text(s) => Some(s.clone()),
        _ => None,
    };
    let optional = |f: &Field| match f {
        Field::Text(s) => Some(Some(s.clone())),
        Field::Absent => Some(None),
        _ => None,
    };
    let number = |f: &Field| match f {
        Field::Int(n) => u32::try_from(*n).ok(),
        _ => None,
    };
    fn put<T>(slot: &mut T, value: Option<T>) -> bool {
        value.map(|v| *slot = v).is_some()
    }
    match at {
        At::Question(i) => {
            let Some(q) = bank.questions.get_mut(i) else {
                return false;
            };
            match key {
                "prompt" => put(&mut q.prompt, text(field)),
                "explanation" => put(&mut q.explanation, text(field)),
                "id" => put(&mut q.id, text(field)),
                "topic" => put(&mut q.topic, text(field)),
                "points" => put(&mut q.points, number(field)),
                "difficulty" => put(
                    &mut q.difficulty,
                    match field {
                        Field::Absent => Some(None),
                        Field::Text(d) if d == "easy" => Some(Some(Difficulty::Easy)),
                        Field::Text(d) if d == "medium" => Some(Some(Difficulty::Medium)),
                        Field::Text(d) if d == "hard" => Some(Some(Difficulty::Hard)),
                        _ => None,
                    },
                ),
                _ => false,
            }
        }
        At::Choice(i, j) => {
            let Some(c) = bank.questions.get_mut(i).and_then(|q| q.choices.get_mut(j)) else {
                return false;
            };
            match key {
                "text" => put(&mut c.text, text(field)),
                "feedback" => put(&mut c.feedback, optional(field)),
                _ => false,
            }
        }
        At::Cite(i, j) => {
            let Some(c) = bank.questions.get_mut(i).and_then(|q| q.cites.get_mut(j)) else {
                return false;
            };
            match key {
                "source" => put(&mut c.source, text(field)),
                "locator" => put(&mut c.locator, text(field)),
                _ => false,
            }
        }
        At::Source(i) => {
            let Some(s) = bank.sources.get_mut(i) else {
                return false;
            };
            match (key, field) {
                ("authors", Field::Texts(a)) => put(&mut s.authors, Some(a.clone())),
                ("title", _) => put(&mut s.title, text(field)),
                ("publisher", _) => put(&mut s.publisher, text(field)),
                ("date", _) => put(&mut s.date, text(field)),
                ("url", _) => put(&mut s.url, text(field)),
                ("doi", _) => put(&mut s.doi, optional(field)),
                ("pmid", _) => put(&mut s.pmid, optional(field)),
                _ => false,
            }
        }
        At::Topic(i) => match (bank.topics.get_mut(i), key) {
            (Some(t), "label") => put(&mut t.label, text(field)),
            _ => false,
        },
        At::Bank => {
            let m = &mut bank.meta;
            match key {
                "title" => put(&mut m.title, text(field)),
                "id" => put(&mut m.id, text(field)),
                "language" => put(&mut m.language, text(field)),
                "version" => put(&mut m.version, text(field)),
                "description" => put(&mut m.description, text(field)),
                "disclaimer" => put(&mut m.disclaimer, text(field)),
                "reviewer" => put(&mut m.reviewer, optional(field)),
                "reviewer_credentials" => put(&mut m.reviewer_credentials, optional(field)),
                "reviewed" => put(&mut m.reviewed, optional(field)),
                "sources_checked" => put(&mut m.sources_checked, optional(field)),
                "pass_mark" => put(&mut m.pass_mark, number(field)),
                "draw" => put(
                    &mut m.draw,
                    match field {
                        Field::Absent => Some(None),
                        Field::Int(n) => usize::try_from(*n).ok().map(Some),
                        _ => None,
                    },
                ),
                "scoring" => put(
                    &mut m.scoring,
                    match text(field).as_deref() {
                        Some("partial") => Some(Scoring::Partial),
                        Some("all_or_nothing") => Some(Scoring::AllOrNothing),
                        _ => None,
                    },
                ),
                _ => false,
            }
        }
    }
}

/// The table a form edits, created for `[bank]` when missing.
fn table(d: &mut DocumentMut, at: At) -> Option<&mut dyn TableLike> {
    match at {
        At::Bank => doc::bank(d),
        At::Source(i) => doc::entry(d.get_mut("sources"), i),
        At::Topic(i) => doc::entry(d.get_mut("topics"), i),
        At::Question(i) => doc::entry(d.get_mut("questions"), i),
        At::Choice(i, j) => doc::nested(d, "questions", i, "choices", j),
        At::Cite(i, j) => doc::nested(d, "questions", i, "cites", j),
    }
}

/// After a source or topic id changes, the questions that used the old id
/// use the new one.
fn rename_uses(d: &mut DocumentMut, bank: &Bank, what: &str, old: &str, new: &str) {
    if old.is_empty() || old == new {
        return;
    }
    for (i, q) in bank.questions.iter().enumerate() {
        if what == "topic" && q.topic == old {
            if let Some(t) = table(d, At::Question(i)) {
                doc::set(t, "topic", &Field::Text(new.to_string()));
            }
        }
        if what == "cites" {
            for (j, c) in q.cites.iter().enumerate() {
                if c.source == old {
                    if let Some(t) = table(d, At::Cite(i, j)) {
                        doc::set(t, "source", &Field::Text(new.to_string()));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "studio_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "studio_large_tests.rs"]
mod large_tests;
