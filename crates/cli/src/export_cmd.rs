//! `dyad export`: the stored events as JSON Lines, CSV (GDELT/Phoenix-style
//! columns), Parquet (Apache Arrow; pandas, polars, DuckDB, Spark) or
//! PLOVER JSON records.

use crate::store_cmd::FilterArgs;
use anyhow::{Context, Result};
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use clap::{Args, ValueEnum};
use dyad_store::{FullEvent, Store};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Parquet,
    Plover,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The CSV columns, GDELT/Phoenix style (documented in the README).
const CSV_COLUMNS: &[&str] = &[
    "EventId",
    "DocId",
    "SentenceIndex",
    "Date",
    "Year",
    "Month",
    "SourceCode",
    "SourceCountry",
    "SourceSector",
    "SourceText",
    "TargetCode",
    "TargetCountry",
    "TargetSector",
    "TargetText",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "PloverEvent",
    "PloverMode",
    "Modality",
    "ModalityCue",
    "AttributedTo",
    "Trigger",
    "LocationName",
    "LocationCountry",
    "Lat",
    "Lon",
    "Genre",
    "Confidence",
    "Sentence",
];

fn csv_row(e: &FullEvent) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<i64>| v.map_or(String::new(), |x| x.to_string());
    let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x}"));
    let date = o(&e.date);
    let fields = [
        e.id.clone(),
        e.doc_id.clone(),
        e.sentence_idx.to_string(),
        date.replace('-', ""),
        date.get(..4).unwrap_or("").to_string(),
        date.get(5..7).unwrap_or("").to_string(),
        o(&e.source_code),
        o(&e.source_country),
        o(&e.source_sector),
        o(&e.source_text),
        o(&e.target_code),
        o(&e.target_country),
        o(&e.target_sector),
        o(&e.target_text),
        e.cameo.clone(),
        e.cameo_root.clone(),
        n(e.quad_class),
        f(e.goldstein),
        o(&e.plover_event),
        o(&e.plover_mode),
        e.modality.clone(),
        o(&e.cue_text),
        o(&e.attributed_text),
        e.trigger_text.clone(),
        o(&e.location_name),
        o(&e.location_country),
        f(e.lat),
        f(e.lon),
        e.genre.clone(),
        format!("{:.2}", e.confidence),
        e.sentence.clone(),
    ];
    let mut line = fields
        .iter()
        .map(|x| crate::csv_field(x))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

fn plover(e: &FullEvent) -> serde_json::Value {
    let entity = |code: &Option<String>,
                  country: &Option<String>,
                  sector: &Option<String>,
                  text: &Option<String>| {
        code.as_ref()
            .map(|c| vec![json!({"code": c, "country": country, "sector": sector, "text": text})])
            .unwrap_or_default()
    };
    json!({
        "id": e.id,
        "date": e.date,
        "actor": entity(&e.source_code, &e.source_country, &e.source_sector, &e.source_text),
        "recipient": entity(&e.target_code, &e.target_country, &e.target_sector, &e.target_text),
        "event": e.plover_event.iter().collect::<Vec<_>>(),
        "mode": e.plover_mode.iter().collect::<Vec<_>>(),
        "event_loc": e.location_name.as_ref().map(|n| json!({"name": n, "country": e.location_country, "lat": e.lat, "lon": e.lon})),
        "event_text": [e.sentence],
        "quad_code": e.quad_class,
        "event_scale": e.goldstein,
        "cite_info": {"doc_id": e.doc_id},
        "coder": format!("dyad {}", env!("CARGO_PKG_VERSION")),
        // PLOVER allows named fields beyond its own; these carry what the
        // text says about the event happening.
        "modality": e.modality,
        "modality_cue": e.cue_text,
        "attributed_to": e.attributed_text,
        "cameo": e.cameo,
    })
}

/// Columns of one Parquet record batch.
#[derive(Default)]
struct Columns {
    text: Vec<(&'static str, Vec<Option<String>>)>,
    int: Vec<(&'static str, Vec<Option<i64>>)>,
    float: Vec<(&'static str, Vec<Option<f64>>)>,
    rows: usize,
}

impl Columns {
    fn push(&mut self, e: &FullEvent) {
        let texts: [(&'static str, Option<String>); 23] = [
            ("id", Some(e.id.clone())),
            ("doc_id", Some(e.doc_id.clone())),
            ("date", e.date.clone()),
            ("source_code", e.source_code.clone()),
            ("source_country", e.source_country.clone()),
            ("source_sector", e.source_sector.clone()),
            ("source_text", e.source_text.clone()),
            ("target_code", e.target_code.clone()),
            ("target_country", e.target_country.clone()),
            ("target_sector", e.target_sector.clone()),
            ("target_text", e.target_text.clone()),
            ("cameo", Some(e.cameo.clone())),
            ("cameo_root", Some(e.cameo_root.clone())),
            ("plover_event", e.plover_event.clone()),
            ("plover_mode", e.plover_mode.clone()),
            ("modality", Some(e.modality.clone())),
            ("cue_text", e.cue_text.clone()),
            ("attributed_text", e.attributed_text.clone()),
            ("trigger_text", Some(e.trigger_text.clone())),
            ("location_name", e.location_name.clone()),
            ("location_country", e.location_country.clone()),
            ("genre", Some(e.genre.clone())),
            ("sentence", Some(e.sentence.clone())),
        ];
        let ints: [(&'static str, Option<i64>); 16] = [
            ("sentence_idx", Some(e.sentence_idx)),
            ("source_start", e.source_start),
            ("source_end", e.source_end),
            ("target_start", e.target_start),
            ("target_end", e.target_end),
            ("quad_class", e.quad_class),
            ("cue_start", e.cue_start),
            ("cue_end", e.cue_end),
            ("attributed_start", e.attributed_start),
            ("attributed_end", e.attributed_end),
            ("trigger_start", Some(e.trigger_start)),
            ("trigger_end", Some(e.trigger_end)),
            ("location_start", e.location_start),
            ("location_end", e.location_end),
            ("sentence_start", Some(e.sentence_start)),
            ("sentence_end", Some(e.sentence_end)),
        ];
        let floats: [(&'static str, Option<f64>); 4] = [
            ("goldstein", e.goldstein),
            ("lat", e.lat),
            ("lon", e.lon),
            ("confidence", Some(e.confidence)),
        ];
        if self.rows == 0 {
            self.text = texts.iter().map(|(n, _)| (*n, Vec::new())).collect();
            self.int = ints.iter().map(|(n, _)| (*n, Vec::new())).collect();
            self.float = floats.iter().map(|(n, _)| (*n, Vec::new())).collect();
        }
        for (col, (_, v)) in self.text.iter_mut().zip(texts) {
            col.1.push(v);
        }
        for (col, (_, v)) in self.int.iter_mut().zip(ints) {
            col.1.push(v);
        }
        for (col, (_, v)) in self.float.iter_mut().zip(floats) {
            col.1.push(v);
        }
        self.rows += 1;
    }

    fn batch(&mut self) -> Result<RecordBatch> {
        let mut cols: Vec<(&str, ArrayRef)> = Vec::new();
        for (n, v) in self.text.drain(..) {
            cols.push((n, Arc::new(StringArray::from(v)) as ArrayRef));
        }
        for (n, v) in self.int.drain(..) {
            cols.push((n, Arc::new(Int64Array::from(v)) as ArrayRef));
        }
        for (n, v) in self.float.drain(..) {
            cols.push((n, Arc::new(Float64Array::from(v)) as ArrayRef));
        }
        self.rows = 0;
        Ok(RecordBatch::try_from_iter(cols)?)
    }
}

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.filter.db.path()).context("opening the database")?;
    let filter = args.filter.filter();
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let mut count = 0usize;
    match args.format {
        ExportFormat::Jsonl | ExportFormat::Csv | ExportFormat::Plover => {
            let mut out = std::io::BufWriter::new(file);
            if let ExportFormat::Csv = args.format {
                writeln!(out, "{}", CSV_COLUMNS.join(","))?;
            }
            store.for_each_event(&filter, |e| -> Result<()> {
                match args.format {
                    ExportFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(e)?)?,
                    ExportFormat::Csv => out.write_all(csv_row(e).as_bytes())?,
                    _ => writeln!(out, "{}", plover(e))?,
                }
                count += 1;
                Ok(())
            })?;
            out.flush()?;
        }
        ExportFormat::Parquet => {
            let props = parquet::file::properties::WriterProperties::builder()
                .set_compression(parquet::basic::Compression::SNAPPY)
                .build();
            let mut cols = Columns::default();
            let mut writer: Option<parquet::arrow::ArrowWriter<std::fs::File>> = None;
            let mut file = Some(file);
            let mut flush = |cols: &mut Columns,
                             writer: &mut Option<parquet::arrow::ArrowWriter<std::fs::File>>|
             -> Result<()> {
                if cols.rows == 0 {
                    return Ok(());
                }
                let batch = cols.batch()?;
                if writer.is_none() {
                    let f = file.take().context("output file already used")?;
                    *writer = Some(parquet::arrow::ArrowWriter::try_new(
                        f,
                        batch.schema(),
                        Some(props.clone()),
                    )?);
                }
                if let Some(w) = writer.as_mut() {
                    w.write(&batch)?;
                }
                Ok(())
            };
            store.for_each_event(&filter, |e| -> Result<()> {
                cols.push(e);
                count += 1;
                if cols.rows >= 65_536 {
                    flush(&mut cols, &mut writer)?;
                }
                Ok(())
            })?;
            if count == 0 {
                // An empty file still carries the schema.
                cols.push(&FullEvent::default());
                let empty = cols.batch()?.slice(0, 0);
                let f = file.take().context("output file already used")?;
                let mut w =
                    parquet::arrow::ArrowWriter::try_new(f, empty.schema(), Some(props.clone()))?;
                w.write(&empty)?;
                w.close()?;
            } else {
                flush(&mut cols, &mut writer)?;
                if let Some(w) = writer {
                    w.close()?;
                }
            }
        }
    }
    eprintln!("wrote {count} events to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
