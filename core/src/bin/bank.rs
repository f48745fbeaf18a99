#![deny(clippy::unwrap_used, clippy::expect_used)]
//! `bank`: check, inspect, convert and compile question banks, without the web app.
//!
//!   bank check FILE...                    every problem as file:line:column: severity: message
//!   bank stats FILE                       questions per topic, kind, difficulty; citations
//!   bank import [--from FORMAT] [--category NAME]... FILE
//!                                         convert to our TOML (printed; notes on stderr); the
//!                                         format is recognised by content unless named;
//!                                         --category imports only that Moodle category
//!   bank export --to gift|moodle FILE           convert to Moodle GIFT or Moodle XML (printed)
//!   bank export --to qti FILE --out FILE.zip    QTI 1.2 package for Canvas (and other LMSs)
//!   bank compile FILE... --out DIR        validated, compact JSON banks for a built dist/
//!   bank review FILE [--out review.html]  printable review pack for a clinician
//!   bank package --to scorm12|scorm2004|site FILE --out FILE.zip [--site DIR]
//!                                         an LMS package or a ready-to-host website

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quiz_core::detect::{detect_content, refusal, Format};
use quiz_core::toml_source::from_toml;
use quiz_core::{from_json_checked, Diagnostic, Loaded};

const USAGE: &str = "usage:
  bank check FILE...                           check banks (.toml or .json); problems as file:line:column
  bank stats FILE                              questions per topic, kind and difficulty; citations
  bank import FILE                             convert a Moodle XML, GIFT or Aiken export (or a JSON
                                               bank) to TOML; the format is recognised by content
  bank import --from moodle|gift|aiken|json|toml FILE   the same, naming the format
  bank import --category NAME [--category NAME]... FILE
                                               only those categories of a Moodle XML or GIFT export
                                               (and the categories inside them), for a large export
  bank export --to gift|moodle FILE [--out F]  convert a bank to Moodle GIFT or Moodle XML
  bank export --to qti FILE --out FILE.zip     a QTI 1.2 package (.zip) for Canvas and other LMSs
  bank compile FILE... --out DIR               validated JSON banks for a built site
  bank review FILE [--out review.html]         printable review pack for a clinician
  bank package --to scorm12|scorm2004|site FILE --out FILE.zip [--site DIR]
                                               a SCORM 1.2 or 2004 package for an LMS, or a
                                               website, from the built quiz in DIR (default dist)
  bank --help                                  this help";

/// "1 error", "2 errors".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, _)) if ["--help", "-h", "help"].contains(&cmd.as_str()) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some((cmd, rest)) if cmd == "check" && !rest.is_empty() => check(rest),
        Some((cmd, rest)) if cmd == "compile" => compile(rest),
        Some((cmd, rest)) if cmd == "package" => package(rest),
        Some((cmd, [file])) if cmd == "stats" => stats(file),
        Some((cmd, [file])) if cmd == "review" => print_valid(file, quiz_core::review::review_html),
        Some((cmd, [file, flag, out])) if cmd == "review" && flag == "--out" => review(file, out),
        Some((cmd, rest)) if cmd == "import" => import_args(rest),
        Some((cmd, [flag, format, file])) if cmd == "export" && flag == "--to" => {
            export(format, file, None)
        }
        Some((cmd, [flag, format, file, out_flag, out]))
            if cmd == "export" && flag == "--to" && out_flag == "--out" =>
        {
            export(format, file, Some(out))
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The bank compiled into the quiz page.
const DEFAULT_BANK: &str = include_str!("../../../questions/microneedling.toml");

/// The warning of [`quiz_core::lint::same_id_as`], placed at the id.
fn default_id_warning(text: &str, bank: &quiz_core::Bank) -> Option<Diagnostic> {
    let default = from_toml(DEFAULT_BANK).ok()?.bank;
    let warning = quiz_core::lint::same_id_as(&default, bank)?;
    // Where the id is written: the first "id" after the bank table opens.
    let table = text.find("[bank]").or_else(|| text.find("\"bank\""))?;
    let id = text[table..].find("id").map_or(0, |i| table + i);
    Some(warning.at(quiz_core::diagnostic::pos_of(text, id)))
}

/// Reads and validates one bank file, by its extension (.toml or .json).
pub fn load(path: &Path) -> Result<Loaded, Vec<String>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![format!("{name}: error: cannot read the file: {e}")])?;
    let result = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => from_json_checked(&text),
        Some(ext @ ("gift" | "txt" | "xml")) => {
            let from = if ext == "xml" { "moodle" } else { "gift" };
            return Err(vec![format!(
                "{name}: error: this looks like a Moodle export, not a bank; convert it first: \
                 bank import --from {from} {name} > bank.toml"
            )]);
        }
        _ => from_toml(&text),
    };
    let mut loaded = result.map_err(|ds| ds.iter().map(|d| d.render(&name)).collect::<Vec<_>>())?;
    loaded
        .warnings
        .extend(default_id_warning(&text, &loaded.bank));
    // Before anyone exports it: a visit whose saved progress could outgrow
    // what a SCORM 1.2 LMS keeps.
    let scorm12 = quiz_core::package::Target::Scorm12;
    if let Some(w) = quiz_core::package::suspend_data_warning(&loaded.bank, scorm12) {
        let at = text
            .find("draw")
            .map_or(quiz_core::Pos { line: 1, column: 1 }, |i| {
                quiz_core::diagnostic::pos_of(&text, i)
            });
        loaded
            .warnings
            .push(Diagnostic::warning(quiz_core::path!["bank"], w).at(at));
    }
    Ok(loaded)
}

fn report(name: &str, warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.render(name));
    }
}

fn check(files: &[String]) -> ExitCode {
    let mut failed = false;
    for f in files {
        match load(Path::new(f)) {
            Ok(loaded) => {
                report(f, &loaded.warnings);
                eprintln!(
                    "{f}: ok: {}, {}",
                    count(loaded.bank.questions.len(), "question"),
                    count(loaded.warnings.len(), "warning")
                );
            }
            Err(lines) => {
                failed = true;
                for l in &lines {
                    eprintln!("{l}");
                }
                eprintln!(
                    "{f}: {}",
                    count(
                        lines.iter().filter(|l| l.contains(": error: ")).count(),
                        "error"
                    )
                );
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn compile(args: &[String]) -> ExitCode {
    let Some(at) = args.iter().position(|a| a == "--out") else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (files, out) = (&args[..at], args.get(at + 1));
    let Some(out) = out.map(PathBuf::from) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("{}: error: cannot create the folder: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for f in files {
        let path = Path::new(f);
        match load(path).and_then(|l| {
            report(f, &l.warnings);
            write_json(&l, path, &out)
        }) {
            Ok(target) => eprintln!("{f} -> {}", target.display()),
            Err(lines) => {
                failed = true;
                lines.iter().for_each(|l| eprintln!("{l}"));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_json(loaded: &Loaded, path: &Path, out: &Path) -> Result<PathBuf, Vec<String>> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("bank");
    let target = out.join(format!("{stem}.json"));
    let json = serde_json::to_string(&loaded.bank).map_err(|e| vec![e.to_string()])?;
    std::fs::write(&target, json)
        .map_err(|e| vec![format!("{}: error: cannot write: {e}", target.display())])?;
    Ok(target)
}

/// Prints `render(bank)` for a valid bank, or its problems.
fn print_valid(file: &str, render: impl Fn(&quiz_core::Bank) -> String) -> ExitCode {
    match load(Path::new(file)) {
        Ok(loaded) => {
            print!("{}", render(&loaded.bank));
            ExitCode::SUCCESS
        }
        Err(lines) => {
            lines.iter().for_each(|l| eprintln!("{l}"));
            ExitCode::FAILURE
        }
    }
}

fn stats(file: &str) -> ExitCode {
    print_valid(file, |bank| quiz_core::stats::stats(bank).to_string())
}

/// `bank import [--from FORMAT] [--category NAME]... FILE`, flags in any order.
fn import_args(args: &[String]) -> ExitCode {
    let mut args = args.to_vec();
    let from = take_flag(&mut args, "--from");
    let mut categories = Vec::new();
    while let Some(c) = take_flag(&mut args, "--category") {
        categories.push(c);
    }
    match args.as_slice() {
        [file] if !file.starts_with("--") => import(from.as_deref(), &categories, file),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `bank import`: the format named with `--from`, or recognised by content;
/// `categories` (when given) picks the Moodle categories to import.
fn import(from: Option<&str>, categories: &[String], file: &str) -> ExitCode {
    let named = match from.map(Format::from_flag) {
        Some(None) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        Some(Some(f)) => Some(f),
        None => None,
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: error: cannot read the file: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(why) = quiz_core::detect::too_big(file, bytes.len()) {
        eprintln!("bank: error: {why}");
        return ExitCode::FAILURE;
    }
    if let Some(why) = refusal(file, &String::from_utf8_lossy(&bytes)) {
        eprintln!("bank: error: {why}");
        return ExitCode::FAILURE;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{file}: error: this is not UTF-8 text; save it as UTF-8 (plain text) first");
        return ExitCode::FAILURE;
    };
    let format = match named {
        Some(f) => {
            eprintln!(
                "bank: reading {file} as {} (--from {})",
                f.title(),
                f.flag()
            );
            f
        }
        None => match detect_content(file, &text) {
            Ok(f) => {
                eprintln!("bank: reading {file} as {}", f.title());
                f
            }
            Err(why) => {
                eprintln!("bank: error: {why}");
                return ExitCode::FAILURE;
            }
        },
    };
    let listed = match format {
        Format::Gift => Ok(quiz_core::gift::gift_categories(&text)),
        Format::MoodleXml => quiz_core::moodle::moodle_categories(&text),
        _ => Ok(Vec::new()),
    };
    let all = listed.as_deref().unwrap_or_default();
    let only = if categories.is_empty() {
        None
    } else if !matches!(format, Format::Gift | Format::MoodleXml) {
        eprintln!(
            "bank: error: --category picks categories of a Moodle XML or GIFT export; {file} is {}",
            format.title()
        );
        return ExitCode::from(2);
    } else {
        match quiz_core::gift::pick_categories(all, categories) {
            Ok(picked) => Some(picked),
            Err(why) => {
                eprintln!("{file}: error: {why}");
                return ExitCode::FAILURE;
            }
        }
    };
    let only = only.as_deref();
    let imported = match format {
        Format::Toml => return already_a_bank(file, &text),
        Format::Json => return json_to_toml(file, &text),
        Format::Gift => quiz_core::gift::from_gift_only(&text, file, only),
        Format::Aiken => quiz_core::gift::from_aiken(&text, file),
        Format::MoodleXml => quiz_core::moodle::from_moodle_xml_only(&text, file, only),
    };
    convert(file, imported, all)
}

/// A TOML bank needs no import: it is checked, as `bank check` does.
fn already_a_bank(file: &str, text: &str) -> ExitCode {
    match from_toml(text) {
        Ok(mut loaded) => {
            loaded
                .warnings
                .extend(default_id_warning(text, &loaded.bank));
            report(file, &loaded.warnings);
            eprintln!(
                "{file}: already a bank in TOML, nothing to import: {}, {}; use the file as it is",
                count(loaded.bank.questions.len(), "question"),
                count(loaded.warnings.len(), "warning")
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            report(file, &problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{file}: already a bank in TOML, nothing to import; it has {}: fix them (bank check {file})",
                count(errors, "error")
            );
            ExitCode::FAILURE
        }
    }
}

/// A JSON bank (a compiled one, or one from the studio) as TOML, read as far
/// as it can be: its problems are reported with their line and column, and
/// the TOML is written so they can be fixed there.
fn json_to_toml(file: &str, text: &str) -> ExitCode {
    match quiz_core::detect::json_to_toml(text) {
        Ok((toml, notes)) => {
            report(file, &notes);
            print!("{toml}");
            let errors = notes.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{file}: converted the JSON bank to TOML; {}, {}",
                count(errors, "error"),
                count(notes.len() - errors, "warning")
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("{file}: error: {why} No bank written.");
            ExitCode::FAILURE
        }
    }
}

/// Prints an imported Moodle export as TOML, with what the import reported;
/// a bank over the limits is printed too, with how to make it smaller.
fn convert(
    file: &str,
    imported: quiz_core::gift::Imported,
    categories: &[quiz_core::gift::Category],
) -> ExitCode {
    for n in &imported.notes {
        eprintln!("{}", n.render(file));
    }
    let errors = imported
        .notes
        .iter()
        .filter(|n| n.severity == quiz_core::Severity::Error)
        .count();
    if imported.bank.questions.is_empty() || errors > 0 {
        eprintln!(
            "{file}: nothing imported ({}); no bank written",
            count(errors.max(1), "error")
        );
        return ExitCode::FAILURE;
    }
    print!(
        "{}",
        quiz_core::toml_source::imported_toml(&imported.bank, file)
    );
    eprintln!(
        "{file}: imported {}; {}",
        count(imported.bank.questions.len(), "question"),
        count(imported.notes.len(), "note")
    );
    if let Some(why) = quiz_core::gift::over_limits(&imported.bank) {
        eprintln!("{file}: warning: {why}");
        if categories.len() > 1 {
            let listed: Vec<String> = categories
                .iter()
                .map(|c| {
                    format!(
                        "  {} ({})",
                        c.label,
                        quiz_core::gift::questions(c.questions)
                    )
                })
                .collect();
            eprintln!(
                "{file}: import some of its categories with --category NAME (repeatable):\n{}",
                listed.join("\n")
            );
        }
    }
    ExitCode::SUCCESS
}

/// Writes the review pack of a valid bank to `out`.
fn review(file: &str, out: &str) -> ExitCode {
    match load(Path::new(file)) {
        Ok(loaded) => match std::fs::write(out, quiz_core::review::review_html(&loaded.bank)) {
            Ok(()) => {
                eprintln!(
                    "{file} -> {out}: review pack of {} questions; open it in a browser and print it",
                    loaded.bank.questions.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{out}: error: cannot write: {e}");
                ExitCode::FAILURE
            }
        },
        Err(lines) => {
            lines.iter().for_each(|l| eprintln!("{l}"));
            ExitCode::FAILURE
        }
    }
}

/// `bank export`: GIFT or Moodle XML (printed, or written to `out`), or a
/// QTI package (a zip, so `--out` is needed).
fn export(format: &str, file: &str, out: Option<&str>) -> ExitCode {
    let loaded = |file: &str| {
        load(Path::new(file)).map_err(|lines| {
            lines.iter().for_each(|l| eprintln!("{l}"));
            ExitCode::FAILURE
        })
    };
    let (bytes, what) = match format {
        "gift" | "moodle" => {
            let bank = match loaded(file) {
                Ok(l) => l.bank,
                Err(code) => return code,
            };
            // What Moodle's own import would refuse or change.
            report(file, &quiz_core::gift::moodle_warnings(&bank));
            let text = if format == "gift" {
                quiz_core::gift::to_gift(&bank)
            } else {
                quiz_core::moodle::to_moodle_xml(&bank)
            };
            (text.into_bytes(), format!("{format} export"))
        }
        "qti" => {
            if out.is_none() {
                eprintln!("bank: a QTI package is a zip file: give its name with --out FILE.zip");
                return ExitCode::from(2);
            }
            let bank = match loaded(file) {
                Ok(l) => l.bank,
                Err(code) => return code,
            };
            report(file, &quiz_core::qti::qti_warnings(&bank));
            (
                quiz_core::qti::to_qti_zip(&bank),
                format!(
                    "QTI 1.2 package of {}; in Canvas: Settings > Import Course Content > QTI .zip file",
                    count(bank.questions.len(), "question")
                ),
            )
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match out {
        None => {
            print!("{}", String::from_utf8_lossy(&bytes));
            ExitCode::SUCCESS
        }
        Some(out) => match std::fs::write(out, &bytes) {
            Ok(()) => {
                eprintln!("{file} -> {out}: {what}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{out}: error: cannot write: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// The value after `flag` in `args`, and `args` without both.
fn take_flag(args: &mut Vec<String>, flag: &str) -> Option<String> {
    let at = args.iter().position(|a| a == flag)?;
    let value = args.get(at + 1).cloned()?;
    args.drain(at..at + 2);
    Some(value)
}

/// Every file below `dir` (the built quiz), by path relative to it with `/`.
fn read_site(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if rel == "author" {
                continue; // the studio is never packaged
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                out.push((rel, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn package(args: &[String]) -> ExitCode {
    let mut args = args.to_vec();
    let (Some(to), Some(out)) = (take_flag(&mut args, "--to"), take_flag(&mut args, "--out"))
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let site_dir = take_flag(&mut args, "--site").unwrap_or_else(|| "dist".into());
    let [file] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Some(target) = quiz_core::package::Target::parse(&to) else {
        eprintln!("bank: unknown package \"{to}\": use scorm12, scorm2004 or site");
        return ExitCode::from(2);
    };
    let loaded = match load(Path::new(file)) {
        Ok(l) => l,
        Err(lines) => {
            lines.iter().for_each(|l| eprintln!("{l}"));
            eprintln!("{file}: not packaged: fix the errors above first");
            return ExitCode::FAILURE;
        }
    };
    report(file, &loaded.warnings);
    let result = serde_json::to_string(&loaded.bank)
        .map_err(|e| e.to_string())
        .and_then(|json| {
            let site = read_site(Path::new(&site_dir))?;
            quiz_core::package::zip(target, &json, &site)
        });
    match result.and_then(|zip| {
        std::fs::write(&out, &zip)
            .map(|()| zip.len())
            .map_err(|e| format!("{out}: cannot write: {e}"))
    }) {
        Ok(bytes) => {
            eprintln!(
                "{file} -> {out}: {} ({} KB)",
                target.label(),
                bytes.div_ceil(1024)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: error: {e}");
            ExitCode::FAILURE
        }
    }
}
