//! The parsed sentence the coder reads: tokens with lemma, tags and a
//! dependency tree (UD relations), and navigation helpers.

/// One token. `head` is 1-based within the sentence, 0 for the root;
/// `start`/`end` are byte offsets into the document text.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    pub text: &'a str,
    pub lemma: &'a str,
    pub upos: &'a str,
    pub xpos: &'a str,
    pub head: usize,
    pub deprel: &'a str,
    pub start: usize,
    pub end: usize,
}

/// A parsed sentence: its tokens and its byte span in the document.
#[derive(Clone, Debug)]
pub struct Sentence<'a> {
    pub tokens: Vec<Token<'a>>,
    pub start: usize,
    pub end: usize,
    kids: Vec<Vec<usize>>,
}

impl<'a> Sentence<'a> {
    /// A sentence from its tokens; heads outside the sentence are treated
    /// as the root.
    pub fn new(tokens: Vec<Token<'a>>, start: usize, end: usize) -> Self {
        let mut s = Sentence {
            kids: vec![Vec::new(); tokens.len()],
            tokens,
            start,
            end,
        };
        for i in 0..s.tokens.len() {
            if let Some(h) = s.head(i) {
                s.kids[h].push(i);
            }
        }
        s
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Head of token `i` (0-based), if it has one inside the sentence.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.tokens.get(i)?.head;
        (h > 0 && h <= self.tokens.len() && h - 1 != i).then(|| h - 1)
    }

    /// The base relation without subtype: `nsubj:pass` -> `nsubj`.
    pub fn rel(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| t.deprel.split(':').next().unwrap_or(""))
    }

    pub fn deprel(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.deprel)
    }

    pub fn lemma(&self, i: usize) -> String {
        self.tokens
            .get(i)
            .map_or(String::new(), |t| t.lemma.to_lowercase())
    }

    pub fn lower(&self, i: usize) -> String {
        self.tokens
            .get(i)
            .map_or(String::new(), |t| t.text.to_lowercase())
    }

    /// Children of `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids.get(i).into_iter().flatten().copied()
    }

    /// Children of `i` whose relation (full or base) is `rel`.
    pub fn children_rel<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children(i)
            .filter(move |&c| self.deprel(c) == rel || self.rel(c) == rel)
    }

    /// Whether `c`, attached to `h` as an apposition or list item, is
    /// really a member of a list of names: "Iran, Turkey and Russia", "The US, Russia, and
    /// Switzerland", where the parser took the second name for an
    /// apposition of the first. It is when both are proper names, a comma
    /// comes before it, and it leads on to a coordination (its own
    /// conjunct, or ", and" right after it); "Paris, France, said" stays
    /// an apposition.
    pub fn is_list_member(&self, h: usize, c: usize) -> bool {
        let upos = |i: usize| self.tokens.get(i).map_or("", |t| t.upos);
        let is_cc = |i: usize| matches!(self.lower(i).as_str(), "and" | "or");
        if upos(h) != "PROPN" || upos(c) != "PROPN" {
            return false;
        }
        // UD's `list` joins comparable items: between names, a list.
        if self.rel(c) == "list" {
            return true;
        }
        if self.rel(c) != "appos" {
            return false;
        }
        let (lo, hi) = self.subtree_span(c);
        // The comma may hang on the name itself or sit just before it.
        let comma_before =
            self.lower(lo) == "," || lo.checked_sub(1).is_some_and(|p| self.lower(p) == ",");
        let leads_on = self.children_rel(c, "conj").next().is_some()
            || (self.lower(hi + 1) == "," && is_cc(hi + 2));
        comma_before && leads_on
    }

    /// The subject (`nsubj`) of clause `v`, ignoring tokens before `from`.
    /// A clause has one subject; where the parser gave it two before the
    /// verb with only a comma between them (no coordinator, no list, no
    /// apposition), the first is a fronted phrase it misread ("southwest
    /// of Baghdad, the U.S. Central Command said") and the one next to
    /// the verb is the subject.
    ///
    /// A day is never the subject: "militants Friday fired rockets",
    /// where the parser made "Friday" one, is told of the militants.
    pub fn subject(&self, v: usize, from: usize) -> Option<usize> {
        // An active verb has no passive subject: one the parser gave it
        // ("Arnor President Umbardacil has appealed" with "Arnor" as
        // nsubj:pass) is its subject.
        let active = self.is_active(v);
        let mut subjects = self.children(v).filter(|&c| {
            let subject = self.deprel(c) == "nsubj" || (active && self.deprel(c) == "nsubj:pass");
            subject && c >= from && !crate::dates::is_day_word(&self.lower(c))
        });
        let first = subjects.next()?;
        let Some(next) = subjects.next().filter(|&c| c < v) else {
            return Some(first);
        };
        let between = self.subtree_span(first).1 + 1..next;
        let comma = between.clone().any(|k| self.lower(k) == ",");
        let coordinated = between
            .clone()
            .any(|k| matches!(self.lower(k).as_str(), "and" | "or" | "nor"))
            || self.children_rel(next, "conj").next().is_some();
        // "The railway company, the SNCF, is issuing": a second subject
        // set off by commas on both sides is an apposition of the first.
        let apposition = (next + 1..v).any(|k| self.lower(k) == ",");
        Some(if comma && !coordinated && !apposition {
            next
        } else {
            first
        })
    }

    /// Whether verb `v` is active whatever its subject's label says: no
    /// passive auxiliary, and a finite form or a perfect ("has
    /// appealed").
    pub fn is_active(&self, v: usize) -> bool {
        !self.children(v).any(|c| self.deprel(c) == "aux:pass")
            && self.tokens.get(v).is_some_and(|t| {
                t.upos == "VERB"
                    && (matches!(t.xpos, "VBD" | "VBZ" | "VBP")
                        || (t.xpos == "VBN"
                            && self.children_rel(v, "aux").any(|a| self.lemma(a) == "have")))
            })
    }

    /// The passive agent of verb `v`: its "by" phrase, however labelled.
    pub fn agent(&self, v: usize) -> Option<usize> {
        self.children(v).find(|&c| {
            self.deprel(c) == "obl:agent"
                || (self.rel(c) == "obl" && self.case_of(c).as_deref() == Some("by"))
        })
    }

    /// The nearest verb above `i` (at most nine steps up): the clause a
    /// comma participle hung on a noun belongs to.
    pub fn verb_above(&self, i: usize) -> Option<usize> {
        std::iter::successors(self.head(i), |&g| self.head(g))
            .take(9)
            .find(|&g| self.tokens.get(g).is_some_and(|t| t.upos == "VERB"))
    }

    /// Whether `i` is a present participle right after a comma ("...,
    /// killing dozens").
    pub fn is_comma_participle(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.xpos == "VBG")
            && i.checked_sub(1).is_some_and(|p| self.lower(p) == ",")
    }

    /// Whether the sentence is written all in capitals (wire copy of the
    /// 1980s, FBIS transcripts): no letter is lower case.
    pub fn all_capitals(&self) -> bool {
        !self
            .tokens
            .iter()
            .any(|t| t.text.chars().any(char::is_lowercase))
    }

    /// Whether `i` lies in the subtree of `root` (bounded walk: a broken
    /// tree cannot loop).
    pub fn dominated_by(&self, i: usize, root: usize) -> bool {
        let mut cur = i;
        for _ in 0..=self.tokens.len() {
            if cur == root {
                return true;
            }
            match self.head(cur) {
                Some(h) => cur = h,
                None => return false,
            }
        }
        false
    }

    /// The preposition (`case` child) of a nominal, lower-cased.
    pub fn case_of(&self, i: usize) -> Option<String> {
        let cases: Vec<usize> = self.children_rel(i, "case").collect();
        if cases.is_empty() {
            return None;
        }
        // "out of", "on behalf of": join adjacent case words.
        Some(
            cases
                .iter()
                .map(|&c| self.lower(c))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// Tokens of the subtree of `i`, as an inclusive range (the tree is
    /// mostly projective; gaps are ignored).
    pub fn subtree_span(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut seen = 0usize;
        while let Some(t) = stack.pop() {
            seen += 1;
            if seen > self.tokens.len() {
                break;
            }
            lo = lo.min(t);
            hi = hi.max(t);
            stack.extend(self.children(t));
        }
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence from (word, head, relation) triples, heads 1-based.
    fn tree<'a>(words: &[(&'a str, usize, &'a str)]) -> Sentence<'a> {
        let tokens = words
            .iter()
            .map(|&(text, head, deprel)| Token {
                text,
                lemma: text,
                upos: if text == "," { "PUNCT" } else { "NOUN" },
                xpos: "NN",
                head,
                deprel,
                start: 0,
                end: 0,
            })
            .collect();
        Sentence::new(tokens, 0, 0)
    }

    #[test]
    fn a_misread_fronted_phrase_is_not_the_subject() {
        // "east of Homs, the army said": the parser made "east" a subject.
        let s = tree(&[
            ("east", 6, "nsubj"),
            ("of", 3, "case"),
            ("Homs", 1, "nmod"),
            (",", 5, "punct"),
            ("army", 6, "nsubj"),
            ("said", 0, "root"),
        ]);
        assert_eq!(s.subject(5, 0), Some(4));
        // Without the comma the two are one misread name: keep the first.
        let s = tree(&[
            ("defence", 3, "nsubj"),
            ("ministry", 3, "nsubj"),
            ("said", 0, "root"),
        ]);
        assert_eq!(s.subject(2, 0), Some(0));
        // "the company, the SNCF, is issuing": an apposition.
        let s = tree(&[
            ("company", 5, "nsubj"),
            (",", 3, "punct"),
            ("SNCF", 5, "nsubj"),
            (",", 3, "punct"),
            ("issues", 0, "root"),
        ]);
        assert_eq!(s.subject(4, 0), Some(0));
        // "Iran, and Syria said": a coordination, first conjunct first.
        let s = tree(&[
            ("Iran", 5, "nsubj"),
            (",", 4, "punct"),
            ("and", 4, "cc"),
            ("Syria", 5, "nsubj"),
            ("said", 0, "root"),
        ]);
        assert_eq!(s.subject(4, 0), Some(0));
    }
}
