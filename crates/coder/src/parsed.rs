//! The nlp stage's output as the coder's input: a document's text
//! segmented, tagged and parsed, turned into [`Sentence`]s.

use crate::sentence::{Sentence, Token};
use dyad_lexicon::Lexicon;
use dyad_nlp::Model;

/// A sentence's byte span and its tokens' byte spans.
pub struct SentenceSpans {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<(usize, usize)>,
}

/// A document's text segmented, tagged and parsed: the coder's input.
pub struct ParsedText {
    pub analyses: Vec<dyad_nlp::Analysis>,
    pub spans: Vec<SentenceSpans>,
}

impl ParsedText {
    /// Segments, tags and parses `text`; names the lexicon knows are read
    /// as names (`Model::analyze_names`).
    pub fn new(model: &Model, lexicon: &Lexicon, text: &str) -> ParsedText {
        let seg = dyad_text::segment(text);
        let mut analyses = Vec::with_capacity(seg.sentences.len());
        let mut spans = Vec::with_capacity(seg.sentences.len());
        for s in &seg.sentences {
            let toks = seg.sentence_tokens(s);
            let forms: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
            analyses.push(model.analyze_names(&forms, &lexicon.name_spans(&forms)));
            spans.push(SentenceSpans {
                start: s.start,
                end: s.end,
                tokens: toks.iter().map(|t| (t.start, t.end)).collect(),
            });
        }
        ParsedText { analyses, spans }
    }

    /// The coder's sentences over `text` (the text this was parsed from).
    pub fn sentences<'a>(&'a self, model: &'a Model, text: &'a str) -> Vec<Sentence<'a>> {
        self.analyses
            .iter()
            .zip(&self.spans)
            .map(|(a, sp)| {
                let tokens = sp
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, &(s, e))| Token {
                        text: text.get(s..e).unwrap_or(""),
                        lemma: a.lemmas.get(i).map_or("", String::as_str),
                        upos: a.tags.get(i).map_or("X", |&t| model.upos(t)),
                        xpos: a.tags.get(i).map_or("X", |&t| model.xpos(t)),
                        head: a.heads.get(i).copied().unwrap_or(0),
                        deprel: a.labels.get(i).map_or("dep", |&l| model.deprel(l)),
                        start: s,
                        end: e,
                    })
                    .collect();
                Sentence::new(tokens, sp.start, sp.end)
            })
            .collect()
    }
}
