//! Delivering a bank to learners without rebuilding: a SCORM 1.2 or 2004
//! package for an LMS, or a ready-to-host website, made from the built quiz
//! page (`dist/`: the same wasm, JS and CSS) and the bank's JSON. One code
//! path for the studio (in the browser) and the `bank package` command.
//!
//! The page opens `bank.json` as its own bank (`data-bank` on `#quiz-root`,
//! no `?bank=` in any URL) and its start card is that bank's, rendered into
//! `index.html` ([`crate::card`]) so it paints at once.

use crate::bank::Bank;
use crate::card::{start_card, Texts};
use crate::compact::{self, SCORM12_LIMIT, SCORM2004_LIMIT};
use crate::review::esc;
use crate::session::{Options, Session};

/// What to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Scorm12,
    Scorm2004,
    Site,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Scorm12, Target::Scorm2004, Target::Site];

    /// The name used by `bank package --to`.
    pub fn name(self) -> &'static str {
        match self {
            Target::Scorm12 => "scorm12",
            Target::Scorm2004 => "scorm2004",
            Target::Site => "site",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// How an instructor names it.
    pub fn label(self) -> &'static str {
        match self {
            Target::Scorm12 => "SCORM 1.2",
            Target::Scorm2004 => "SCORM 2004 (3rd edition)",
            Target::Site => "Website",
        }
    }

    /// The file name of the package for a bank id.
    pub fn file_name(self, bank_id: &str) -> String {
        format!("{bank_id}-{}.zip", self.name())
    }

    fn suspend_limit(self) -> Option<usize> {
        match self {
            Target::Scorm12 => Some(SCORM12_LIMIT),
            Target::Scorm2004 => Some(SCORM2004_LIMIT),
            Target::Site => None,
        }
    }
}

/// Where the build's `index.html` has the default bank's card: between the
/// opening of its wrapper and the note after it.
pub const CARD_START: &str = "<div class=\"prerendered\">";
pub const CARD_END: &str = "<p class=\"boot-failed boot-note\">";
/// What a SCORM package's LMS adapter `<script>` goes before (right after
/// `#quiz-root`, so it runs before the quiz mounts).
const ADAPTER_BEFORE: &str = "<noscript>";

/// A problem that stops packaging, in words for an instructor.
pub type Problem = String;

/// Whether a visit of `bank` could outgrow an LMS's saved-progress limit:
/// `Some(message)` when it could, pointing to the fix.
pub fn suspend_data_warning(bank: &Bank, target: Target) -> Option<String> {
    let limit = target.suspend_limit()?;
    // Content hashes are 16 hex digits.
    let worst = compact::worst_case(bank, "0000000000000000", &Options::default());
    (worst > limit).then(|| {
        let fix = if target == Target::Scorm12 {
            "export for SCORM 2004, which allows 64,000, or draw fewer questions per visit (`draw`)"
        } else {
            "draw fewer questions per visit (`draw`)"
        };
        format!(
            "a visit of this bank can need {worst} characters of saved progress, more than the {limit} that {} keeps: {fix}",
            target.label()
        )
    })
}

/// The package as a zip file (see [`files`]).
pub fn zip(
    target: Target,
    bank_json: &str,
    site: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, Problem> {
    Ok(crate::zip::write_zip(&files(target, bank_json, site)?))
}

/// The package's files: the built site's files chosen for `target`, the page
/// rewritten for the bank, `bank.json`, and for SCORM `imsmanifest.xml`.
/// `site` is every file of the build (`dist/`), by path relative to it;
/// `bank_json` a valid bank (it is checked again here).
pub fn files(
    target: Target,
    bank_json: &str,
    site: &[(String, Vec<u8>)],
) -> Result<Vec<(String, Vec<u8>)>, Problem> {
    let loaded = crate::parse::from_json(bank_json).map_err(|ds| {
        format!(
            "the bank has {} problem(s) to fix before it can be published",
            ds.len()
        )
    })?;
    let bank = &loaded.bank;
    if let Some(w) = suspend_data_warning(bank, target) {
        return Err(w);
    }
    let text = |name: &str| -> Result<String, Problem> {
        let (_, bytes) = site.iter().find(|(p, _)| p == name).ok_or_else(|| {
            format!("the built quiz has no {name}: build it first (bash scripts/build.sh)")
        })?;
        String::from_utf8(bytes.clone()).map_err(|_| format!("the built {name} is not text"))
    };
    let index = text("index.html")?;
    let texts = Texts::pick(&text("i18n.json")?, &bank.meta.language)?;
    // `headers.txt` is the build's copy of `_headers` that a host serves
    // (the studio fetches the site's files; hosts never serve `_headers`).
    let headers = text("_headers").or_else(|_| text("headers.txt"))?;
    let csp = match target {
        Target::Site => None,
        _ => Some(meta_csp(&headers)?),
    };
    let page = index_page(&index, bank, &texts, target, csp.as_deref())?;
    if target != Target::Site && !site.iter().any(|(p, _)| p == "scorm.js") {
        return Err(
            "the built quiz has no scorm.js: build it first (bash scripts/build.sh)".into(),
        );
    }
    let mut out: Vec<(String, Vec<u8>)> = vec![
        ("index.html".into(), page.into_bytes()),
        ("bank.json".into(), bank_json.as_bytes().to_vec()),
    ];
    out.extend(
        site.iter()
            .filter(|(p, _)| keep(target, p))
            .map(|(p, b)| (p.clone(), b.clone())),
    );
    if target == Target::Site {
        if !out.iter().any(|(p, _)| p == "_headers") {
            out.push(("_headers".into(), headers.into_bytes()));
        }
        out.push(("README.txt".into(), site_readme(bank).into_bytes()));
    } else {
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        let manifest = manifest(target, bank, &paths);
        out.insert(0, ("imsmanifest.xml".into(), manifest.into_bytes()));
    }
    Ok(out)
}

/// Files of the build that a package carries besides its own page and bank.
fn keep(target: Target, path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if path.ends_with(".br")
        || path.ends_with(".gz")
        || ["index.html", "i18n.json", "site-files.json", "headers.txt"].contains(&path)
    {
        return false;
    }
    match target {
        // The whole quiz site (its banks too: the offline worker caches
        // them), never the studio.
        Target::Site => !path.starts_with("author/") && name != "scorm.js",
        // The page's own files: no service worker (the LMS serves the
        // package), no other banks, no embedding loader.
        Target::Scorm12 | Target::Scorm2004 => {
            !path.contains('/')
                && !["sw.js", "sw-extra.js", "_headers", "HEADERS.md", "embed.js"].contains(&name)
        }
    }
}

/// The built `index.html` made the page of `bank`.
fn index_page(
    index: &str,
    bank: &Bank,
    texts: &Texts,
    target: Target,
    csp: Option<&str>,
) -> Result<String, Problem> {
    let meta = &bank.meta;
    let count = Session::new(bank, 0, &Options::default()).len();
    let damaged = |what: &str| format!("the built index.html has no {what}: rebuild the quiz");
    let start = index
        .find(CARD_START)
        .ok_or_else(|| damaged("start card"))?;
    let end = index[start..]
        .find(CARD_END)
        .map(|e| start + e)
        .ok_or_else(|| damaged("start card"))?;
    let mut page = format!(
        "{}{CARD_START}{}{}",
        &index[..start],
        start_card(bank, count, texts),
        &index[end..]
    );
    let lang = esc(&meta.language);
    page = replace_tag(&page, "<html", "", &format!("<html lang=\"{lang}\">"))
        .ok_or_else(|| damaged("<html> tag"))?;
    page = replace_element(&page, "title", &esc(&meta.title)).ok_or_else(|| damaged("title"))?;
    page = replace_tag(
        &page,
        "<meta",
        "description",
        &format!(
            "<meta name=\"description\" content=\"{}\">",
            esc(&meta.description)
        ),
    )
    .ok_or_else(|| damaged("description"))?;
    page = replace_tag(
        &page,
        "<meta",
        "quiz-boot",
        &format!(
            "<meta name=\"quiz-boot\" content=\"{} {lang}\">",
            esc(&meta.id)
        ),
    )
    .ok_or_else(|| damaged("quiz-boot meta tag"))?;
    let lms = match target {
        Target::Site => String::from("<div id=\"quiz-root\" data-bank=\"bank.json\">"),
        _ => format!(
            "<div id=\"quiz-root\" data-bank=\"bank.json\" data-bank-pass-mark=\"{}\">",
            meta.pass_mark
        ),
    };
    page = replace_tag(&page, "<div", "quiz-root", &lms).ok_or_else(|| damaged("#quiz-root"))?;
    if target != Target::Site {
        // The LMS serves the package: no service worker (`quiz-lms`).
        page = replace_tag(&page, "<body", "", "<body class=\"quiz-page quiz-lms\">")
            .ok_or_else(|| damaged("<body> tag"))?;
    }
    let adapter = match target {
        Target::Scorm12 => Some("<script src=\"scorm.js\" data-scorm=\"1.2\"></script>"),
        Target::Scorm2004 => Some("<script src=\"scorm.js\" data-scorm=\"2004\"></script>"),
        Target::Site => None,
    };
    if let Some(adapter) = adapter {
        let at = page
            .find(ADAPTER_BEFORE)
            .ok_or_else(|| damaged("<noscript>"))?;
        page.insert_str(at, adapter);
    }
    if let Some(csp) = csp {
        // Where the LMS sends no policy of its own, the page keeps its own.
        page = page.replacen(
            "<head>",
            &format!(
                "<head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                esc(csp)
            ),
            1,
        );
    }
    Ok(page)
}

/// Replaces the first `<tag …>` whose text contains `needle` (attribute
/// quoting may have been removed by the minifier) with `with`.
fn replace_tag(page: &str, open: &str, needle: &str, with: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = page[from..].find(open).map(|i| i + from) {
        let end = page[i..].find('>').map(|e| i + e + 1)?;
        let after = page[i + open.len()..].chars().next();
        if after.is_some_and(|c| c == ' ' || c == '>') && page[i..end].contains(needle) {
            return Some(format!("{}{with}{}", &page[..i], &page[end..]));
        }
        from = end;
    }
    None
}

/// Replaces the text of the first `<name>…</name>`.
fn replace_element(page: &str, name: &str, text: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let i = page.find(&open)? + open.len();
    let j = i + page[i..].find(&close)?;
    Some(format!("{}{text}{}", &page[..i], &page[j..]))
}

/// The build's Content-Security-Policy (from `_headers`) as a page can set it
/// itself: without `frame-ancestors`, which only a header can carry.
fn meta_csp(headers: &str) -> Result<String, Problem> {
    let line = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy:"))
        .ok_or("the built quiz's _headers has no Content-Security-Policy")?;
    Ok(line
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .collect::<Vec<_>>()
        .join("; "))
}

/// An XML name made of the bank id (ids may start with a digit).
fn xml_id(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("quiz_{clean}")
}

/// `imsmanifest.xml`: one SCO, every file listed, the pass mark as the
/// mastery score.
pub fn manifest(target: Target, bank: &Bank, files: &[&str]) -> String {
    let title = esc(&bank.meta.title);
    let id = xml_id(&bank.meta.id);
    let version = esc(&bank.meta.version);
    let pass = bank.meta.pass_mark.min(100);
    let list: String = files
        .iter()
        .filter(|f| **f != "imsmanifest.xml")
        .map(|f| format!("      <file href=\"{}\"/>\n", esc(f)))
        .collect();
    // What differs between the versions: namespaces, schema version, the
    // spelling of scormType, and how the mastery score is written.
    let (namespaces, schema, scorm_type, mastery) = if target == Target::Scorm2004 {
        // With pass_requires_essential the score alone does not pass: the
        // LMS must take the quiz's passed or failed, not the measure.
        let by_measure = !(bank.meta.pass_requires_essential && bank.essentials().next().is_some());
        (
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n  xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"",
            "2004 3rd Edition",
            "scormType",
            format!(
                "\n        <imsss:sequencing>\n          <imsss:objectives>\n            <imsss:primaryObjective objectiveID=\"pass_mark\" satisfiedByMeasure=\"{by_measure}\">\n              <imsss:minNormalizedMeasure>{}.{:02}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>",
                pass / 100,
                pass % 100
            ),
        )
    } else {
        (
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"",
            "1.2",
            "scormtype",
            format!("\n        <adlcp:masteryscore>{pass}</adlcp:masteryscore>"),
        )
    };
    let mastery = if pass > 0 { mastery } else { String::new() };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="{version}"
  {namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>{schema}</schemaversion>
  </metadata>
  <organizations default="{id}_org">
    <organization identifier="{id}_org">
      <title>{title}</title>
      <item identifier="{id}_item" identifierref="{id}_sco">
        <title>{title}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}_sco" type="webcontent" adlcp:{scorm_type}="sco" href="index.html">
{list}    </resource>
  </resources>
</manifest>
"#
    )
}

fn site_readme(bank: &Bank) -> String {
    format!(
        "\"{}\": a quiz with its bank built in. Upload this folder's contents to any static host (Netlify and Cloudflare Pages read _headers; elsewhere copy its headers, see HEADERS.md).\n\
         Put it on a page with the snippet: <div data-quiz></div><script src=\"https://YOUR-HOST/embed.js\" async></script>\n\
         To change the questions, edit bank.json in the question bank studio and upload it again; nothing needs rebuilding.\n",
        bank.meta.title
    )
}
