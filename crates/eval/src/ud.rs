//! Tagging, lemmatization and parsing against a UD treebank with gold
//! tokenization: UPOS, XPOS and lemma accuracy, UAS and LAS over all words
//! (punctuation included). LAS compares the universal part of the relation
//! (before ':') as the CoNLL 2018 shared task does; `las_full` compares
//! the full relation with its subtype.

use crate::Score;
use dyad_nlp::Model;
use dyad_text::conllu::{self, ConlluError};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, Serialize)]
pub struct UdReport {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub las_full: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

pub fn evaluate(model: &Model, conllu_text: &str) -> Result<UdReport, ConlluError> {
    let sentences = conllu::parse(conllu_text)?;
    let mut r = UdReport::default();
    let (mut upos, mut xpos, mut lemma, mut uas, mut las, mut las_full) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for s in &sentences {
        if s.words.is_empty() {
            continue;
        }
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let a = model.analyze(&forms);
        r.sentences += 1;
        for (i, w) in s.words.iter().enumerate() {
            r.words += 1;
            let tag = a.tags[i];
            upos += usize::from(model.upos(tag) == w.upos);
            xpos += usize::from(model.xpos(tag) == w.xpos);
            lemma += usize::from(a.lemmas[i] == w.lemma);
            if Some(a.heads[i]) == w.head {
                uas += 1;
                let rel = model.deprel(a.labels[i]);
                las += usize::from(universal(rel) == universal(&w.deprel));
                las_full += usize::from(rel == w.deprel);
            }
        }
    }
    let pct = |n: usize| {
        if r.words == 0 {
            0.0
        } else {
            100.0 * n as f64 / r.words as f64
        }
    };
    r.upos = pct(upos);
    r.xpos = pct(xpos);
    r.lemma = pct(lemma);
    r.uas = pct(uas);
    r.las = pct(las);
    r.las_full = pct(las_full);
    Ok(r)
}

/// End-to-end figures from raw text (CoNLL 2018 shared task style): words
/// and sentences as F1 over exact spans; UPOS, UAS and LAS as F1 over words
/// whose spans match, a head counting as correct when it is the word with
/// the same span as the gold head (or both are the root).
#[derive(Clone, Debug, Default, Serialize)]
pub struct RawReport {
    pub sentences: Score,
    pub words: Score,
    pub upos: Score,
    pub uas: Score,
    pub las: Score,
}

/// A word as the system analysed it: its span, and its head's span.
struct SystemWord<'m> {
    span: (usize, usize),
    upos: &'m str,
    head: Option<(usize, usize)>,
    deprel: &'m str,
}

pub fn evaluate_raw(model: &Model, conllu_text: &str) -> Result<RawReport, ConlluError> {
    let docs = conllu::rebuild_documents(&conllu::parse(conllu_text)?);
    let (mut gold_words, mut sys_words, mut matched) = (0usize, 0usize, 0usize);
    let (mut gold_sents, mut sys_sents, mut matched_sents) = (0usize, 0usize, 0usize);
    let (mut upos, mut uas, mut las) = (0usize, 0usize, 0usize);
    for doc in &docs {
        let seg = dyad_text::segment(&doc.text);
        // System words with their heads as spans.
        let mut sys: Vec<SystemWord> = Vec::new();
        for s in &seg.sentences {
            let toks = seg.sentence_tokens(s);
            let forms: Vec<&str> = toks.iter().map(|t| &doc.text[t.start..t.end]).collect();
            let a = model.analyze(&forms);
            for (i, t) in toks.iter().enumerate() {
                let head = a.heads[i]
                    .checked_sub(1)
                    .map(|h| (toks[h].start, toks[h].end));
                sys.push(SystemWord {
                    span: (t.start, t.end),
                    upos: model.upos(a.tags[i]),
                    head,
                    deprel: model.deprel(a.labels[i]),
                });
            }
        }
        let gold_sent: std::collections::HashSet<(usize, usize)> =
            doc.sentences.iter().copied().collect();
        gold_sents += gold_sent.len();
        sys_sents += seg.sentences.len();
        matched_sents += seg
            .sentences
            .iter()
            .filter(|s| gold_sent.contains(&(s.start, s.end)))
            .count();
        let gold_index: HashMap<(usize, usize), usize> = doc
            .words
            .iter()
            .enumerate()
            .map(|(i, &span)| (span, i))
            .collect();
        gold_words += doc.words.len();
        sys_words += sys.len();
        for w in &sys {
            let Some(&g) = gold_index.get(&w.span) else {
                continue;
            };
            matched += 1;
            upos += usize::from(w.upos == doc.word_upos[g]);
            let gold_head = doc.word_heads[g].map(|h| doc.words[h]);
            if w.head == gold_head {
                uas += 1;
                las += usize::from(universal(w.deprel) == universal(&doc.word_deprel[g]));
            }
        }
    }
    Ok(RawReport {
        sentences: Score::new(gold_sents, sys_sents, matched_sents),
        words: Score::new(gold_words, sys_words, matched),
        upos: Score::new(gold_words, sys_words, upos),
        uas: Score::new(gold_words, sys_words, uas),
        las: Score::new(gold_words, sys_words, las),
    })
}
