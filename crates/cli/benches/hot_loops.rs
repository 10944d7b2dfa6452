//! Micro-benchmarks of the hot loops: `cargo bench -p dyad`. Whole-stage
//! throughput on a real corpus is `dyad bench`; these time one call each
//! on a sample article, for profiling a change.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const ARTICLE: &str = include_str!("../../../samples/israel_iran_un_council.txt");

/// The article's sentences as word forms.
fn sentences() -> Vec<Vec<&'static str>> {
    let seg = dyad_text::segment(ARTICLE);
    seg.sentences
        .iter()
        .map(|s| {
            seg.sentence_tokens(s)
                .iter()
                .map(|t| &ARTICLE[t.start..t.end])
                .collect()
        })
        .collect()
}

fn hot_loops(c: &mut Criterion) {
    let model = dyad_nlp::Model::bundled().expect("the bundled model loads");
    let lexicon = dyad_lexicon::Lexicon::bundled().expect("the bundled lexicon loads");
    let sents = sentences();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 7, 14).expect("a valid date");

    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tokenize+split", |b| {
        b.iter(|| dyad_text::segment(black_box(ARTICLE)))
    });
    g.bench_function("tag", |b| {
        b.iter(|| {
            for s in &sents {
                black_box(model.tag(black_box(s)));
            }
        })
    });
    g.bench_function("tag+lemma+parse", |b| {
        b.iter(|| {
            for s in &sents {
                black_box(model.analyze(black_box(s)));
            }
        })
    });
    g.bench_function("lexicon lookup", |b| {
        b.iter(|| {
            for s in &sents {
                black_box(lexicon.mentions(black_box(s), date));
            }
        })
    });
    let coder = dyad_coder::Coder::new(&lexicon, dyad_lexicon::Convention::Gdelt);
    let doc = dyad_text::Document {
        id: "bench".into(),
        text: ARTICLE.into(),
        date: Some(date),
        ..dyad_text::Document::default()
    };
    g.bench_function("code (end to end)", |b| {
        b.iter(|| dyad_coder::contract::code_document(model, &coder, black_box(&doc)))
    });
    g.finish();
}

criterion_group!(benches, hot_loops);
criterion_main!(benches);
