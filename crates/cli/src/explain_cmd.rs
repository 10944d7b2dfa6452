//! `dyad explain`: for each sentence, the parse, the actors the lexicon
//! found, and each event with the pattern, roles, modality cue and
//! evidence, for a person to read.

use crate::eval_cmd::load_model;
use crate::inputs::for_each_input;
use crate::lexicon_cmd::OverlayArgs;
use anyhow::Result;
use clap::Args;
use dyad_coder::contract::code_document;
use dyad_coder::Coder;
use dyad_ingest::InputFormat;
use dyad_lexicon::Convention;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExplainArgs {
    /// Files or directories to read; `-` or nothing reads stdin.
    pub paths: Vec<String>,
    #[arg(long, default_value = "auto")]
    pub input_format: String,
    /// Leave out the dependency parse.
    #[arg(long)]
    pub no_parse: bool,
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub overlay: OverlayArgs,
    /// Code with the dictionaries a PETRARCH validation suite names instead
    /// of the bundled lexicon, to see why one of its records codes as it does.
    #[arg(long, value_name = "SUITE")]
    pub suite: Option<PathBuf>,
}

pub fn run(args: &ExplainArgs) -> Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let lexicon = match &args.suite {
        Some(suite) => crate::eval_events::lexicon_of_suite(suite)?,
        None => crate::lexicon_cmd::load(&args.overlay)?,
    };
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    let format: InputFormat = args.input_format.parse().map_err(anyhow::Error::msg)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = for_each_input(&args.paths, format, |docs| {
        for doc in docs {
            let text = doc.text.as_str();
            let (parsed, coded) = code_document(model, &coder, &doc);
            let sentences = parsed.sentences(model, text);
            let mut o = String::new();
            let _ = writeln!(
                o,
                "=== {} ({}; genre: {:?})",
                doc.id,
                doc.date.map_or("no date".to_string(), |d| d.to_string()),
                coded.genre
            );
            let when = doc
                .date
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            for (si, s) in sentences.iter().enumerate() {
                let _ = writeln!(o, "\n[{si}] {}", text.get(s.start..s.end).unwrap_or(""));
                if !args.no_parse {
                    for (i, t) in s.tokens.iter().enumerate() {
                        let head = if t.head == 0 {
                            "ROOT".to_string()
                        } else {
                            s.tokens
                                .get(t.head - 1)
                                .map_or("?".into(), |h| h.text.to_string())
                        };
                        let _ = writeln!(
                            o,
                            "    {:>3} {:<16} {:<12} {:<6} {:<12} <- {}",
                            i + 1,
                            t.text,
                            t.lemma,
                            t.upos,
                            t.deprel,
                            head
                        );
                    }
                }
                let forms: Vec<&str> = s.tokens.iter().map(|t| t.text).collect();
                for m in lexicon.mentions(&forms, when) {
                    let words = forms
                        .get(m.start..m.end)
                        .map(|w| w.join(" "))
                        .unwrap_or_default();
                    let role = m
                        .office
                        .as_ref()
                        .map_or(String::new(), |o| format!(", {o}"));
                    let place = m
                        .place_code
                        .as_ref()
                        .map_or(String::new(), |p| format!(", as a place {p}"));
                    let _ = writeln!(
                        o,
                        "  actor  {words:?} -> {} ({:?}: {}{role}{place})",
                        m.code, m.kind, m.name
                    );
                }
                for e in coded.events.iter().filter(|e| e.sentence_index == si) {
                    let span = |a: usize, b: usize| text.get(a..b).unwrap_or("");
                    let actor = |a: &Option<dyad_coder::ActorRef>| {
                        a.as_ref().map_or("-".to_string(), |a| {
                            format!("{} {:?}", a.code, span(a.span.start, a.span.end))
                        })
                    };
                    let name = lexicon.event(&e.cameo).map_or("", |c| c.name.as_str());
                    let _ = writeln!(
                        o,
                        "  event  {} {name}: {} -> {}",
                        e.cameo,
                        actor(&e.source),
                        actor(&e.target)
                    );
                    let how = if e.pattern.is_empty() {
                        "the bare word".to_string()
                    } else {
                        format!("pattern `{}`", e.pattern)
                    };
                    let _ = writeln!(
                        o,
                        "         trigger {:?} by {how}",
                        span(e.trigger.start, e.trigger.end)
                    );
                    let cue = e.modality_cue.map_or(String::new(), |c| {
                        format!(" (cue {:?})", span(c.start, c.end))
                    });
                    let plain = match e.modality {
                        dyad_coder::Modality::Asserted => "reported as done",
                        dyad_coder::Modality::Negated => "denied: reported as not done",
                        dyad_coder::Modality::Advocated => {
                            "demanded or urged, not reported as done"
                        }
                        dyad_coder::Modality::Hypothetical => {
                            "imagined or conditional, not reported as done"
                        }
                        dyad_coder::Modality::Future => "expected or planned, not yet done",
                        dyad_coder::Modality::Alleged => "claimed or hedged, not confirmed",
                    };
                    let _ = writeln!(o, "         modality {}{cue}: {plain}", e.modality.name());
                    if let Some(a) = &e.attributed_to {
                        let code = a.code.as_deref().map(|c| format!(" ({c})"));
                        let _ = writeln!(
                            o,
                            "         attributed to {:?}{}",
                            span(a.span.start, a.span.end),
                            code.unwrap_or_default()
                        );
                    }
                    if let Some(l) = &e.location {
                        let _ = writeln!(o, "         location {} ({})", l.name, l.country);
                    }
                    let _ = writeln!(
                        o,
                        "         date {}, confidence {:.2}, {} more mention(s)",
                        e.date.map_or("unknown".into(), |d| d.to_string()),
                        e.confidence,
                        e.evidence.len()
                    );
                }
            }
            out.write_all(o.as_bytes())?;
        }
        Ok::<(), std::io::Error>(())
    });
    crate::finish_output(summary.map(|s| s.failed), out.flush())
}
