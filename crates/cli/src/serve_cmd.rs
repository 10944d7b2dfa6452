//! `dyad serve`: the web page and HTTP API over a database.

use crate::eval_cmd::load_model;
use crate::lexicon_cmd::OverlayArgs;
use crate::store_cmd::DbArgs;
use anyhow::{Context, Result};
use clap::Args;
use dyad_lexicon::Convention;
use dyad_server::{AppState, Options};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on (port 0 picks a free port). Anything but
    /// loopback needs a token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Secret every request must carry (`Authorization: Bearer ...`, or
    /// `/?token=...` for the page); default $DYAD_TOKEN. At least 16
    /// characters.
    #[arg(long)]
    pub token: Option<String>,
    /// Quad class and Goldstein convention for the paste box: gdelt, icews or phoenix.
    #[arg(long, default_value = "gdelt")]
    pub convention: Convention,
    /// Model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("DYAD_TOKEN").ok().filter(|t| !t.is_empty()));
    dyad_server::check_bind(args.bind, token.as_deref())?;
    let model = load_model(args.model.as_ref())?;
    // The server lives as long as the process: its coder borrows the
    // lexicon for good.
    let lexicon: &'static dyad_lexicon::Lexicon =
        Box::leak(Box::new(crate::lexicon_cmd::load(&args.overlay)?));
    let db = args.db.path();
    let state = AppState::new(
        Options {
            db: db.clone(),
            token,
            convention: args.convention,
            code_workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
        },
        model,
        lexicon,
    )
    .with_context(|| format!("opening {} for serving", db.display()))?;
    dyad_server::serve_blocking(args.bind, state, |addr| {
        // Tests and scripts read this line for the address.
        println!("dyad serve: listening on http://{addr}");
        let _ = std::io::stdout().flush();
    })?;
    Ok(ExitCode::SUCCESS)
}
