//! `dyad lexicon ...`: look up actors, explain event codes, check the
//! dictionaries, import PETRARCH/TABARI files.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use dyad_lexicon::petrarch::{self, DictKind};
use dyad_lexicon::{Convention, Lexicon};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Subcommand)]
pub enum LexiconCommand {
    /// Find the actors in TEXT and print their codes at a date.
    Lookup(LookupArgs),
    /// Print a CAMEO event code's name, Goldstein value, quad class and PLOVER mapping.
    Code(CodeArgs),
    /// Report conflicts, overlapping dates, duplicate aliases and entries without sources.
    Check(CheckArgs),
    /// Convert PETRARCH/TABARI dictionaries into dyad's format.
    Import(ImportArgs),
    /// Counts of entries and load time.
    Stats(OverlayArgs),
}

#[derive(Args)]
pub struct OverlayArgs {
    /// Overlay directory with dictionary files of your own (repeatable; later wins).
    #[arg(long = "lexicon", value_name = "DIR")]
    pub overlays: Vec<PathBuf>,
}

#[derive(Args)]
pub struct LookupArgs {
    /// Text that names actors ("President Pezeshkian", "Iranian police").
    pub text: String,
    /// Date the text refers to (YYYY-MM-DD); default today.
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

#[derive(Args)]
pub struct CodeArgs {
    /// CAMEO event code, e.g. 195 or 0211.
    pub code: String,
    /// Quad class and Goldstein convention: gdelt, icews or phoenix.
    #[arg(long, default_value = "gdelt")]
    pub convention: Convention,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

#[derive(Args)]
pub struct ImportArgs {
    /// Source format (only `petrarch`, which also reads TABARI files).
    #[arg(long = "from", default_value = "petrarch")]
    pub from: String,
    /// Dictionary kind for every FILE (default: guessed from each file name).
    #[arg(long)]
    pub kind: Option<DictKind>,
    /// Directory to write dyad's files into (created if missing).
    #[arg(long, default_value = "lexicon-import")]
    pub out: PathBuf,
    /// PETRARCH dictionary files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(cmd: &LexiconCommand) -> Result<ExitCode> {
    match cmd {
        LexiconCommand::Lookup(a) => lookup(a),
        LexiconCommand::Code(a) => code(a),
        LexiconCommand::Check(a) => check(a),
        LexiconCommand::Import(a) => import(a),
        LexiconCommand::Stats(a) => stats(a),
    }
}

pub fn load(overlay: &OverlayArgs) -> Result<Lexicon> {
    Lexicon::load(&overlay.overlays).context("loading the lexicon")
}

fn lookup(a: &LookupArgs) -> Result<ExitCode> {
    let date = match &a.date {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .with_context(|| format!("--date {d:?} is not YYYY-MM-DD"))?,
        None => chrono::Local::now().date_naive(),
    };
    let lex = load(&a.overlay)?;
    let found = dyad_coder::contract::lookup(&lex, &a.text, date);
    if a.json {
        for (m, matched) in &found {
            outln!("{}", dyad_coder::contract::mention_json(m, matched));
        }
    } else {
        for (m, matched) in &found {
            let role = match (m.role_start, m.role_end, &m.office) {
                (Some(s), e, office) => format!(
                    "  ({} {}..{})",
                    office.as_deref().unwrap_or("role"),
                    s,
                    e.map_or(String::new(), |e| e.to_string())
                ),
                _ => String::new(),
            };
            let place = m
                .place_code
                .as_ref()
                .map_or(String::new(), |p| format!("  (as a place: {p})"));
            outln!(
                "{}\t{}\t{:?}\t{}{role}{place}",
                m.code,
                matched,
                m.kind,
                m.name
            );
        }
    }
    if found.is_empty() {
        eprintln!("dyad: no actor found in {:?}", a.text);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn code(a: &CodeArgs) -> Result<ExitCode> {
    let lex = load(&a.overlay)?;
    let Some(ec) = lex.event(a.code.trim()) else {
        bail!("{:?} is not a CAMEO event code in the lexicon", a.code);
    };
    let quad = ec.quad(a.convention);
    let goldstein = ec.goldstein_for(a.convention);
    if a.json {
        let mut v = serde_json::to_value(ec)?;
        v["quad"] = serde_json::json!(quad);
        v["goldstein_selected"] = serde_json::json!(goldstein);
        outln!("{v}");
    } else {
        let quad_name = match quad {
            Some(0) => "neutral",
            Some(1) => "verbal cooperation",
            Some(2) => "material cooperation",
            Some(3) => "verbal conflict",
            Some(4) => "material conflict",
            _ => "unknown",
        };
        outln!("{}  {}", ec.code, ec.name);
        outln!(
            "root       {}{}",
            ec.root,
            ec.parent
                .as_ref()
                .map_or(String::new(), |p| format!("  (parent {p})"))
        );
        outln!(
            "goldstein  {}",
            goldstein.map_or("-".to_string(), |g| format!("{g:.1}"))
        );
        outln!(
            "quad class {} ({quad_name}, {:?} convention)",
            quad.map_or("-".to_string(), |q| q.to_string()),
            a.convention
        );
        outln!(
            "plover     {} / mode {} / context {} / score {}",
            ec.plover_event.as_deref().unwrap_or("-"),
            ec.plover_mode.as_deref().unwrap_or("-"),
            ec.plover_context.as_deref().unwrap_or("-"),
            ec.plover_score.map_or("-".to_string(), |s| format!("{s}"))
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn check(a: &CheckArgs) -> Result<ExitCode> {
    let lex = load(&a.overlay)?;
    let issues = lex.check();
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&issues)?);
    } else {
        for i in &issues {
            outln!("{}\t{}\t{}", i.check, i.origin, i.message);
        }
        let s = lex.stats();
        eprintln!(
            "checked {} countries, {} organisations, {} people ({} roles), {} agents, {} seats, {} event codes, {} verbs, {} patterns: {} problem(s)",
            s.countries, s.organizations, s.people, s.roles, s.agents, s.seats, s.event_codes, s.verbs, s.patterns, issues.len()
        );
    }
    Ok(if issues.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn stats(a: &OverlayArgs) -> Result<ExitCode> {
    let t = Instant::now();
    let lex = load(a)?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut v = serde_json::to_value(lex.stats())?;
    v["load_ms"] = serde_json::json!(ms);
    v["layers"] = serde_json::json!(lex.layers());
    outln!("{}", serde_json::to_string_pretty(&v)?);
    Ok(ExitCode::SUCCESS)
}

fn import(a: &ImportArgs) -> Result<ExitCode> {
    if a.from != "petrarch" && a.from != "tabari" {
        bail!(
            "--from {:?}: only petrarch (and TABARI) dictionaries can be imported",
            a.from
        );
    }
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    // Several inputs of one kind go to one output file.
    let mut outputs: Vec<(DictKind, String, String)> = Vec::new();
    let mut failed_files = 0usize;
    let mut problems = 0usize;
    for file in &a.files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(kind) = a.kind.or_else(|| DictKind::from_file_name(&name)) else {
            eprintln!(
                "dyad: {}: cannot tell the dictionary kind from the name; use --kind",
                file.display()
            );
            failed_files += 1;
            continue;
        };
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("dyad: {}: {e}", file.display());
                failed_files += 1;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let got = petrarch::import(kind, &file.display().to_string(), &text);
        for issue in &got.issues {
            eprintln!("dyad: {}:{}: {}", file.display(), issue.line, issue.message);
        }
        problems += got.issues.len();
        let counts: Vec<String> = got.counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
        eprintln!(
            "{}: {:?}: {} ({} problem lines)",
            file.display(),
            kind,
            counts.join(", "),
            got.issues.len()
        );
        match outputs.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(o) => {
                o.1.push_str(&got.rows);
                o.2.push_str(&got.synsets);
            }
            None => outputs.push((kind, got.rows, got.synsets)),
        }
    }
    for (kind, rows, synsets) in &outputs {
        let path = a.out.join(kind.output_file());
        std::fs::write(&path, format!("{}{rows}", kind.header()))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {}", path.display());
        if *kind == DictKind::Verbs {
            let path = a.out.join("synsets.tsv");
            std::fs::write(&path, format!("{}{synsets}", petrarch::SYNSET_HEADER))
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(if failed_files > 0 || problems > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
