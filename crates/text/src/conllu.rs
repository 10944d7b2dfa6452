//! CoNLL-U reading: sentences, words, multiword tokens, and the document and
//! paragraph structure (`# newdoc`, `# newpar`, `SpaceAfter=No`) needed to
//! rebuild the raw text a treebank was annotated from.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConlluError {
    #[error("line {line}: expected 10 tab-separated columns, found {found}")]
    Columns { line: usize, found: usize },
    #[error("line {line}: bad token id {id:?}")]
    BadId { line: usize, id: String },
}

/// One syntactic word (a CoNLL-U line with an integer id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    pub deprel: String,
    pub misc: String,
}

/// A multiword token: surface form covering words `first..=last` (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    /// `Some(id)` when a `# newdoc` comment precedes the sentence.
    pub newdoc: Option<String>,
    pub newpar: bool,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
}

fn space_after_no(misc: &str) -> bool {
    misc.split('|').any(|f| f == "SpaceAfter=No")
}

impl ConlluSentence {
    /// Surface tokens in order: each is (form, words range 0-based, space after).
    pub fn surface_tokens(&self) -> Vec<(&str, std::ops::Range<usize>, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0usize;
        let mut mwt = self.multiword.iter().peekable();
        while i < self.words.len() {
            if let Some(m) = mwt.peek() {
                if m.first == i + 1 && m.last >= m.first && m.last <= self.words.len() {
                    out.push((m.form.as_str(), i..m.last, !space_after_no(&m.misc)));
                    i = m.last;
                    mwt.next();
                    continue;
                }
                if m.first <= i {
                    mwt.next();
                    continue;
                }
            }
            let w = &self.words[i];
            out.push((w.form.as_str(), i..i + 1, !space_after_no(&w.misc)));
            i += 1;
        }
        out
    }
}

/// Parses CoNLL-U text. Empty nodes (`8.1`) are skipped.
pub fn parse(input: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut cur = ConlluSentence::default();
    let mut has_content = false;
    for (n, raw) in input.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if has_content {
                sentences.push(std::mem::take(&mut cur));
                has_content = false;
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(rest) = comment.strip_prefix("newdoc") {
                cur.newdoc = Some(
                    rest.trim_start_matches([' ', 'i', 'd', '='])
                        .trim()
                        .to_string(),
                );
            } else if comment.starts_with("newpar") {
                cur.newpar = true;
            } else if let Some(rest) = comment.strip_prefix("sent_id") {
                cur.sent_id = Some(rest.trim_start_matches([' ', '=']).trim().to_string());
            } else if let Some(rest) = comment.strip_prefix("text =") {
                cur.text = Some(rest.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError::Columns {
                line: line_no,
                found: cols.len(),
            });
        }
        has_content = true;
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let bad = || ConlluError::BadId {
                line: line_no,
                id: id.to_string(),
            };
            let first = a.parse().map_err(|_| bad())?;
            let last = b.parse().map_err(|_| bad())?;
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        if id.parse::<usize>().is_err() {
            return Err(ConlluError::BadId {
                line: line_no,
                id: id.to_string(),
            });
        }
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head: cols[6].parse().ok(),
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if has_content {
        sentences.push(cur);
    }
    Ok(sentences)
}

/// A document rebuilt from a treebank: raw text, and the gold byte spans of
/// its sentences and words.
#[derive(Clone, Debug, Default)]
pub struct RebuiltDocument {
    pub id: String,
    pub text: String,
    pub sentences: Vec<(usize, usize)>,
    /// Syntactic-word spans. A multiword token whose words do not spell its
    /// surface form contributes one span covering the whole token.
    pub words: Vec<(usize, usize)>,
    /// Surface-token spans (multiword tokens count once).
    pub tokens: Vec<(usize, usize)>,
    /// For each entry of `words`: the index in `words` of its gold head
    /// (`None` for the root), its UPOS and its relation.
    pub word_heads: Vec<Option<usize>>,
    pub word_upos: Vec<String>,
    pub word_deprel: Vec<String>,
}

/// Rebuilds raw text: sentences of a paragraph joined by their spacing,
/// paragraphs separated by a blank line, one text per `# newdoc`.
pub fn rebuild_documents(sentences: &[ConlluSentence]) -> Vec<RebuiltDocument> {
    let mut docs: Vec<RebuiltDocument> = Vec::new();
    let mut space_pending = false;
    for s in sentences {
        if s.newdoc.is_some() || docs.is_empty() {
            docs.push(RebuiltDocument {
                id: s.newdoc.clone().unwrap_or_default(),
                ..Default::default()
            });
            space_pending = false;
        }
        let Some(doc) = docs.last_mut() else { continue };
        if s.newpar && !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        } else if space_pending {
            doc.text.push(' ');
        }
        let sent_start = doc.text.len();
        let surface = s.surface_tokens();
        // Entry in doc.words of each word of this sentence.
        let first_word = doc.words.len();
        let mut entry_of = vec![0usize; s.words.len()];
        let mut owner: Vec<usize> = Vec::new();
        let mut last_space = true;
        for (k, (form, range, space_after)) in surface.iter().enumerate() {
            let start = doc.text.len();
            doc.text.push_str(form);
            let end = doc.text.len();
            doc.tokens.push((start, end));
            if range.len() == 1 {
                entry_of[range.start] = doc.words.len();
                owner.push(range.start);
                doc.words.push((start, end));
            } else {
                let parts: Vec<&str> = s.words[range.clone()]
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect();
                if parts.concat() == *form {
                    let mut p = start;
                    for (k, part) in parts.iter().enumerate() {
                        entry_of[range.start + k] = doc.words.len();
                        owner.push(range.start + k);
                        doc.words.push((p, p + part.len()));
                        p += part.len();
                    }
                } else {
                    // Words that do not spell their token share its span.
                    for w in range.clone() {
                        entry_of[w] = doc.words.len();
                    }
                    owner.push(range.start);
                    doc.words.push((start, end));
                }
            }
            last_space = *space_after;
            if *space_after && k + 1 < surface.len() {
                doc.text.push(' ');
            }
        }
        for &w in &owner {
            let word = &s.words[w];
            let head = match word.head {
                Some(h) if h >= 1 && h <= s.words.len() => Some(entry_of[h - 1]),
                _ => None,
            };
            doc.word_heads.push(head);
            doc.word_upos.push(word.upos.clone());
            doc.word_deprel.push(word.deprel.clone());
        }
        debug_assert_eq!(doc.words.len(), first_word + owner.len());
        if doc.text.len() > sent_start {
            doc.sentences.push((sent_start, doc.text.len()));
        }
        space_pending = last_space;
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar\n# sent_id = 1\n# text = Iran's envoy left.\n\
1-2\tIran's\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tIran\tIran\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_\n\
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n\
3\tenvoy\tenvoy\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n\
4\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# sent_id = 2\n# text = Baku protested.\n\
1\tBaku\tBaku\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn parses_and_rebuilds() {
        let sents = parse(SAMPLE).unwrap_or_default();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words.len(), 5);
        assert_eq!(sents[0].multiword.len(), 1);
        assert_eq!(sents[0].words[3].head, Some(0));
        let docs = rebuild_documents(&sents);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Iran's envoy left. Baku protested.");
        assert_eq!(docs[0].sentences, vec![(0, 18), (19, 34)]);
        let words: Vec<&str> = docs[0]
            .words
            .iter()
            .map(|&(s, e)| &docs[0].text[s..e])
            .collect();
        assert_eq!(
            words,
            ["Iran", "'s", "envoy", "left", ".", "Baku", "protested", "."]
        );
        assert_eq!(docs[0].tokens.len(), 7);
        // "Iran" -> "envoy", "left" is the root; sentence 2 indexes after 5.
        assert_eq!(docs[0].word_heads[0], Some(2));
        assert_eq!(docs[0].word_heads[3], None);
        assert_eq!(docs[0].word_heads[5], Some(6));
        assert_eq!(docs[0].word_upos[6], "VERB");
        assert_eq!(docs[0].word_deprel[0], "nmod:poss");
    }

    #[test]
    fn reports_bad_lines() {
        assert_eq!(
            parse("1\tx\n"),
            Err(ConlluError::Columns { line: 1, found: 2 })
        );
        assert!(matches!(
            parse("x\ta\tb\tc\td\te\tf\tg\th\ti\n"),
            Err(ConlluError::BadId { line: 1, .. })
        ));
    }
}
