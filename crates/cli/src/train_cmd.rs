//! `dyad train`: train the tagger, lemmatizer and parser from CoNLL-U.

use anyhow::{Context, Result};
use clap::Args;
use dyad_nlp::{train, Model, TrainOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct TrainArgs {
    /// Training treebank(s), CoNLL-U.
    #[arg(long, required = true)]
    pub train: Vec<PathBuf>,
    /// Development treebank for a report after training.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/en_ewt.dyadnlp")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10)]
    pub tagger_epochs: usize,
    #[arg(long, default_value_t = 20)]
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags for the parser.
    #[arg(long, default_value_t = 4)]
    pub jackknife: usize,
    #[arg(long, default_value_t = 17)]
    pub seed: u64,
    /// Probability of following the parser's own wrong move in training.
    #[arg(long, default_value_t = 1.0)]
    pub explore: f64,
    /// First epoch (0-based) with exploration.
    #[arg(long, default_value_t = 1)]
    pub explore_after: usize,
    /// Parser models trained on different orders of the data and averaged.
    #[arg(long, default_value_t = 3)]
    pub parser_runs: usize,
    /// Parser weights smaller than this are dropped (0.01 suits 1 run).
    #[arg(long, default_value_t = 0.4)]
    pub parser_min_weight: f32,
    /// Tagger models trained on different orders of the data and averaged.
    #[arg(long, default_value_t = 1)]
    pub tagger_runs: usize,
    /// Also train the parser on news-order copies of reports: "X said Y."
    /// becomes "Y, X said." with the same relations (`--report-last false`
    /// trains on the treebank alone).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub report_last: bool,
}

pub fn run(args: &TrainArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let mut sentences = Vec::new();
    let mut names = Vec::new();
    for path in &args.train {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let parsed = dyad_text::conllu::parse(&text)
            .with_context(|| format!("parsing {}", path.display()))?;
        sentences.extend(parsed);
        names.push(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    let opts = TrainOptions {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        jackknife_folds: args.jackknife,
        seed: args.seed,
        explore: args.explore,
        explore_after: args.explore_after,
        parser_runs: args.parser_runs,
        parser_min_weight: args.parser_min_weight,
        tagger_runs: args.tagger_runs,
        report_last: args.report_last,
        description: format!(
            "trained on {} by dyad {} (tagger epochs {}, parser epochs {}, jackknife {}, seed {}, explore {} from epoch {}, parser runs {}, parser min weight {}, tagger runs {}{})",
            names.join(", "),
            env!("CARGO_PKG_VERSION"),
            args.tagger_epochs,
            args.parser_epochs,
            args.jackknife,
            args.seed,
            args.explore,
            args.explore_after,
            args.parser_runs,
            args.parser_min_weight,
            args.tagger_runs,
            if args.report_last {
                ", news-order copies of reports"
            } else {
                ""
            }
        ),
    };
    let model = train(&sentences, &opts, |line| {
        eprintln!("[{:>6.1}s] {line}", start.elapsed().as_secs_f64());
    });
    let bytes = model.to_bytes();
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    let (classes, tfeats, labels, pfeats) = model.sizes();
    eprintln!(
        "wrote {} ({:.1} MB): {classes} tag classes, {tfeats} tagger features, {labels} labels, {pfeats} parser features",
        args.out.display(),
        bytes.len() as f64 / 1e6
    );
    if let Some(dev) = &args.dev {
        let text =
            std::fs::read_to_string(dev).with_context(|| format!("reading {}", dev.display()))?;
        let loaded = Model::from_bytes(&bytes)?;
        let r = dyad_eval::ud::evaluate(&loaded, &text)?;
        eprintln!(
            "dev {}: UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}",
            dev.display(),
            r.upos,
            r.xpos,
            r.lemma,
            r.uas,
            r.las
        );
    }
    Ok(ExitCode::SUCCESS)
}
