//! `dyad-nlp`: our own part-of-speech tagger, lemmatizer and dependency
//! parser for English, producing Universal Dependencies analyses. Trained
//! from the UD English treebanks (`dyad train`); the shipped model is
//! embedded in the binary and checked against its checksum when loaded.
//!
//! No I/O: models are read from and written to byte buffers.
//!
//! ```
//! let model = dyad_nlp::Model::bundled().expect("bundled model");
//! let analysis = model.analyze(&["Iran", "recalled", "its", "ambassador", "."]);
//! assert_eq!(model.upos(analysis.tags[1]), "VERB");
//! assert_eq!(analysis.lemmas[1], "recall");
//! assert_eq!(analysis.heads[0], 2); // "Iran" depends on word 2, "recalled"
//! assert_eq!(analysis.heads[1], 0); // "recalled" is the root
//! ```

mod atoms;
mod augment;
mod codec;
mod lemma;
mod parser;
mod perceptron;
mod tagger;

pub use atoms::TokenAtoms;
pub use parser::{is_projective, oracle_actions};

use codec::{Reader, Writer};
use dyad_text::conllu::ConlluSentence;
use lemma::Lemmatizer;
use parser::{punct_counts, ParseExample, Parser, ParserTraining, SentenceView};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use tagger::{TaggedSentence, Tagger};
use thiserror::Error;

const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// Bumped whenever the feature set or file layout changes.
pub const FORMAT_VERSION: u32 = 3;

/// The model trained on UD English EWT that ships with dyad.
static BUNDLED_BYTES: &[u8] = include_bytes!("../../../models/en_ewt.dyadnlp");

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a dyad NLP model (bad magic bytes)")]
    BadMagic,
    #[error("model format version {found}, this dyad reads version {expected}")]
    Version { found: u32, expected: u32 },
    #[error("model file is truncated")]
    Truncated,
    #[error("model checksum mismatch: the file is corrupt")]
    Checksum,
    #[error("model is corrupt: {0}")]
    Corrupt(String),
}

/// Deterministic random numbers (splitmix64) for shuffling and exploration.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Tagger, lemmatizer and parser, with a description of how they were made.
pub struct Model {
    pub description: String,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
    /// Looked up once: the repairs after parsing run per sentence.
    repair_labels: Option<RepairLabels>,
}

/// The relations the tree repairs after parsing set or test.
#[derive(Clone, Copy)]
struct RepairLabels {
    compound: u16,
    punct: u16,
    acl: u16,
    advcl: u16,
    mark: u16,
    conj: u16,
    ccomp: u16,
    obl_agent: u16,
    obj: u16,
    obl: u16,
    case: u16,
    nsubj: u16,
    xcomp: u16,
    relcl: u16,
    det: u16,
    title: u16,
    appos: u16,
    nmod: u16,
    amod: u16,
    aux: u16,
}

impl RepairLabels {
    /// The parser's ids for them; `None` if it lacks one.
    fn of(parser: &Parser) -> Option<RepairLabels> {
        let id = |name: &str| {
            parser
                .labels()
                .iter()
                .position(|l| l == name)
                .and_then(|p| u16::try_from(p).ok())
        };
        Some(RepairLabels {
            compound: id("compound")?,
            punct: id("punct")?,
            acl: id("acl")?,
            advcl: id("advcl")?,
            mark: id("mark")?,
            conj: id("conj")?,
            ccomp: id("ccomp")?,
            obl_agent: id("obl:agent")?,
            obj: id("obj")?,
            obl: id("obl")?,
            case: id("case")?,
            nsubj: id("nsubj")?,
            xcomp: id("xcomp")?,
            relcl: id("acl:relcl")?,
            det: id("det")?,
            title: id("nmod:desc")?,
            appos: id("appos")?,
            nmod: id("nmod")?,
            amod: id("amod")?,
            aux: id("aux")?,
        })
    }
}

/// "is believed to have sent weapons to the Houthis": a participle with
/// "to" and "have" of its own is a perfect infinitive, a clause (`xcomp`)
/// of the verb above, and the noun after it its object, not a noun it
/// describes (`amod`, as the parser sometimes reads it).
fn rehang_perfect_infinitives(a: &mut Analysis, ids: RepairLabels) {
    let n = a.heads.len().min(a.labels.len());
    // One pass: which words have a "to" and an auxiliary before them.
    let mut to = vec![false; n];
    let mut have = vec![false; n];
    for k in 0..n {
        let Some(h) = a.heads[k].checked_sub(1).filter(|&h| h < n && k < h) else {
            continue;
        };
        let lemma = a.lemmas.get(k).map(String::as_str);
        if a.labels[k] == ids.mark && lemma == Some("to") {
            to[h] = true;
        } else if a.labels[k] == ids.aux && lemma == Some("have") {
            have[h] = true;
        }
    }
    for v in 0..n {
        if a.labels[v] != ids.amod || !to[v] || !have[v] {
            continue;
        }
        let Some(noun) = a.heads[v].checked_sub(1).filter(|&h| h < n && h > v) else {
            continue;
        };
        let above = a.heads[noun];
        // The noun's head must lie outside the participle's own words
        // (above both, or the root), or the tree would loop.
        let inside = |h: usize| h == v + 1 || a.heads.get(h.wrapping_sub(1)) == Some(&(v + 1));
        if above != 0 && inside(above) {
            continue;
        }
        a.heads[v] = above;
        a.labels[v] = if above == 0 {
            a.labels[noun]
        } else {
            ids.xcomp
        };
        a.heads[noun] = v + 1;
        a.labels[noun] = ids.obj;
    }
}

/// "restrictions on ex-prime minister Ehud Olmert", "talks with the
/// Egyptian President Abdel Fattah al-Sisi": the preposition and article
/// before a title belong to the name the title describes (the treebank
/// never gives an `nmod:desc` a `case` or `det` of its own), so the phrase
/// reads as a prepositional phrase of the name (an `nmod`, where the
/// parser, seeing no preposition on the name, had made it an apposition).
fn rehang_title_markers(a: &mut Analysis, ids: RepairLabels) {
    let n = a.heads.len().min(a.labels.len());
    for k in 0..n {
        if a.labels[k] != ids.case && a.labels[k] != ids.det {
            continue;
        }
        let Some(title) = a.heads[k].checked_sub(1).filter(|&t| t > k && t < n) else {
            continue;
        };
        let name = a.heads[title];
        // The title's head is the name after it: a word outside `k`'s
        // subtree (it is above `k`), so no cycle.
        if a.labels[title] == ids.title && name > title + 1 {
            a.heads[k] = name;
            if a.labels[k] == ids.case && a.labels[name - 1] == ids.appos {
                a.labels[name - 1] = ids.nmod;
            }
        }
    }
}

/// "A car bombing by the Islamic State group killed at least 75 displaced
/// people": a passive's agent is marked by "by"; an `obl:agent` without it
/// is the object of the verb before it (or, with the object taken, a true
/// agent beside it or the verb after it, a plain `obl`). Linear: a pass
/// for the "by"s, one for the agents.
fn relabel_agents_without_by(forms: &[&str], a: &mut Analysis, ids: RepairLabels) {
    let n = a.heads.len().min(a.labels.len()).min(forms.len());
    let mut by = vec![false; n];
    let mut has_obj = vec![false; n];
    let head_of = |a: &Analysis, k: usize| a.heads[k].checked_sub(1).filter(|&h| h < n);
    for (k, form) in forms.iter().enumerate().take(n) {
        let Some(h) = head_of(a, k) else {
            continue;
        };
        if a.labels[k] == ids.case && form.eq_ignore_ascii_case("by") {
            by[h] = true;
        }
        if a.labels[k] == ids.obj {
            has_obj[h] = true;
        }
    }
    // Verbs with a true agent: a second one is no object of theirs.
    let mut has_agent = vec![false; n];
    for (k, &marked) in by.iter().enumerate() {
        if a.labels[k] == ids.obl_agent && marked {
            if let Some(h) = head_of(a, k) {
                has_agent[h] = true;
            }
        }
    }
    for (k, &marked) in by.iter().enumerate() {
        if a.labels[k] != ids.obl_agent || marked {
            continue;
        }
        let Some(h) = head_of(a, k) else {
            continue;
        };
        if h < k && !has_obj[h] && !has_agent[h] {
            a.labels[k] = ids.obj;
            has_obj[h] = true;
        } else {
            a.labels[k] = ids.obl;
        }
    }
}

/// The analysis of one sentence; index i is word i (0-based), heads are
/// 1-based word numbers with 0 for the root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    pub tags: Vec<u16>,
    pub lemmas: Vec<String>,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

impl Model {
    /// The shipped model, loaded once.
    pub fn bundled() -> Result<&'static Model, ModelError> {
        static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::from_bytes(BUNDLED_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader::new(bytes);
        if r.take(8).map_err(|_| ModelError::BadMagic)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let len = r.u64()? as usize;
        let digest = r.take(32)?;
        let payload = r.take(len)?;
        if Sha256::digest(payload).as_slice() != digest {
            return Err(ModelError::Checksum);
        }
        let mut p = Reader::new(payload);
        let description = p.str()?;
        let tagger = Tagger::read(&mut p)?;
        let lemmatizer = Lemmatizer::read(&mut p)?;
        let parser = Parser::read(&mut p)?;
        Ok(Model {
            description,
            tagger,
            lemmatizer,
            repair_labels: RepairLabels::of(&parser),
            parser,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Writer::default();
        p.str(&self.description);
        self.tagger.write(&mut p);
        self.lemmatizer.write(&mut p);
        self.parser.write(&mut p);
        let payload = p.into_bytes();
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.u32(FORMAT_VERSION);
        w.u64(payload.len() as u64);
        w.bytes(&Sha256::digest(&payload));
        w.bytes(&payload);
        w.into_bytes()
    }

    pub fn upos(&self, tag: u16) -> &str {
        self.tagger.upos(tag)
    }

    pub fn xpos(&self, tag: u16) -> &str {
        self.tagger.xpos(tag)
    }

    pub fn deprel(&self, label: u16) -> &str {
        self.parser
            .labels()
            .get(label as usize)
            .map_or("dep", String::as_str)
    }

    /// Sizes, for reports: (tag classes, tagger features, labels, parser features).
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.tagger.n_classes(),
            self.tagger.n_features(),
            self.parser.labels().len(),
            self.parser.n_features(),
        )
    }

    /// Tags only (tag ids name their UPOS/XPOS through `upos`/`xpos`).
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        tag_forms(&self.tagger, forms)
    }

    /// Tags, lemmatizes and parses one sentence of word forms.
    pub fn analyze(&self, forms: &[&str]) -> Analysis {
        self.analyze_names(forms, &[])
    }

    /// [`Model::analyze`] for a sentence in which the caller knows some
    /// token ranges (`start..end`) to be names (from a dictionary of
    /// organisations, countries and people): their capitalised words are
    /// tagged as proper nouns before the rest is tagged and parsed.
    pub fn analyze_names(&self, forms: &[&str], names: &[(usize, usize)]) -> Analysis {
        let mut analysis = self.analyze_repaired(forms, names);
        // The repairs index freely: only on a parse of one length whose
        // heads all point into it, as the parser's always do.
        let n = forms.len();
        let consistent = [
            analysis.tags.len(),
            analysis.lemmas.len(),
            analysis.heads.len(),
            analysis.labels.len(),
        ]
        .iter()
        .all(|&l| l == n)
            && analysis.heads.iter().all(|&h| h <= n);
        if let Some(ids) = self.repair_labels.filter(|_| consistent) {
            self.join_hyphenated_participles(forms, &mut analysis, ids);
            self.rehang_temporal_participles(&mut analysis, ids);
            self.rehang_coordinated_reports(&mut analysis, ids);
            relabel_agents_without_by(forms, &mut analysis, ids);
            self.subject_read_as_phrase(&mut analysis, ids);
            self.rehang_bare_relatives(&mut analysis, ids);
            rehang_title_markers(&mut analysis, ids);
            rehang_perfect_infinitives(&mut analysis, ids);
        }
        analysis
    }

    /// "will return the military bases it has seized", "release the
    /// sailors it detained": a clause without "that" whose subject pronoun
    /// follows the verb's object, and which lacks an object of its own,
    /// is a relative clause on that object (`acl:relcl`), not a clause of
    /// the verb. Not after verbs of telling ("told reporters it had
    /// withdrawn" reports).
    fn rehang_bare_relatives(&self, a: &mut Analysis, ids: RepairLabels) {
        const TELLING: &[&str] = &[
            "tell", "inform", "warn", "assure", "notify", "remind", "convince", "persuade", "say",
            "show", "promise", "teach", "ask",
        ];
        let n = a
            .heads
            .len()
            .min(a.tags.len())
            .min(a.labels.len())
            .min(a.lemmas.len());
        // One pass: which words have an object, a mark, and their subject.
        let mut has_obj = vec![false; n];
        let mut has_mark = vec![false; n];
        let mut subject = vec![None; n];
        for k in 0..n {
            let Some(h) = a.heads[k].checked_sub(1).filter(|&h| h < n) else {
                continue;
            };
            if a.labels[k] == ids.obj {
                has_obj[h] = true;
            } else if a.labels[k] == ids.mark {
                has_mark[h] = true;
            } else if a.labels[k] == ids.nsubj {
                subject[h] = Some(k);
            }
        }
        for v in 0..n {
            if !(a.labels[v] == ids.advcl || a.labels[v] == ids.ccomp) || has_mark[v] || has_obj[v]
            {
                continue;
            }
            let Some(h) = a.heads[v].checked_sub(1).filter(|&h| h < n) else {
                continue;
            };
            let Some(p) = subject[v].filter(|&p| p >= 1 && p < v) else {
                continue;
            };
            let noun = p - 1;
            let pronoun = self.upos(a.tags[p]) == "PRON";
            let object = a.labels[noun] == ids.obj && a.heads[noun] == h + 1;
            let verb = self.upos(a.tags[v]) == "VERB" && self.upos(a.tags[h]) == "VERB";
            let telling = TELLING.contains(&a.lemmas[h].to_lowercase().as_str());
            if pronoun && object && verb && !telling && noun > h {
                a.heads[v] = noun + 1;
                a.labels[v] = ids.relcl;
            }
        }
    }

    /// "NATO strengthened its forces after Russia seized Crimea": a name
    /// or noun right before a finite verb without a subject, hung with a
    /// temporal conjunction as its case marker on something else, is that
    /// verb's subject, and the conjunction opens the clause (`mark`), an
    /// adverbial one (`advcl` for a complement label).
    fn subject_read_as_phrase(&self, a: &mut Analysis, ids: RepairLabels) {
        const TEMPORAL: &[&str] = &["after", "before", "since", "until", "while", "when"];
        let n = a
            .heads
            .len()
            .min(a.tags.len())
            .min(a.labels.len())
            .min(a.lemmas.len());
        let kinds = self.dependent_kinds(a);
        let has = |k: usize, kind: u8| kinds.get(k).is_some_and(|d| d & kind != 0);
        // Each word's case marker, in one pass.
        let mut marker = vec![None; n];
        for k in 0..n {
            if a.labels[k] == ids.case {
                if let Some(h) = a.heads[k].checked_sub(1).filter(|&h| h < n && k < h) {
                    marker[h] = Some(k);
                }
            }
        }
        for v in 1..n {
            // A main verb: an auxiliary's subject stands before its verb.
            let finite = self.upos(a.tags[v]) == "VERB"
                && matches!(self.xpos(a.tags[v]), "VBD" | "VBZ" | "VBP");
            if !finite || has(v, SUBJECT | OTHER_SUBJECT) {
                continue;
            }
            let w = v - 1;
            let nominal = matches!(self.upos(a.tags[w]), "PROPN" | "NOUN");
            let Some(c) = marker[w] else { continue };
            let temporal = TEMPORAL.contains(&a.lemmas[c].to_lowercase().as_str());
            // The verb must not lie under the noun (no cycle).
            let mut cur = a.heads[v];
            let mut steps = 0;
            while cur != 0 && cur != w + 1 && steps <= n {
                cur = a.heads.get(cur - 1).copied().unwrap_or(0);
                steps += 1;
            }
            let under_noun = cur == w + 1 || steps > n;
            if nominal && temporal && !under_noun {
                a.heads[w] = v + 1;
                a.labels[w] = ids.nsubj;
                a.heads[c] = v + 1;
                a.labels[c] = ids.mark;
                // A clause a temporal conjunction opens is adverbial.
                if a.labels[v] == ids.xcomp || a.labels[v] == ids.ccomp {
                    a.labels[v] = ids.advcl;
                }
            }
        }
    }

    /// "The junta denied that it had detained the economist and said it
    /// would release him": a verb of saying with no subject of its own,
    /// coordinated with the clause another verb of saying reports, is
    /// that verb's conjunct (the junta said it), not the reported
    /// clause's.
    fn rehang_coordinated_reports(&self, a: &mut Analysis, ids: RepairLabels) {
        const REPORTING: &[&str] = &[
            "say", "tell", "add", "insist", "deny", "claim", "state", "announce", "confirm",
            "warn", "report", "allege", "note", "stress",
        ];
        // One pass for every word's dependents (linear in the sentence);
        // the words moved below are conjuncts, which change no word's.
        let kinds = self.dependent_kinds(a);
        let has = |k: usize, kind: u8| kinds.get(k).is_some_and(|d| d & kind != 0);
        let reporting = |a: &Analysis, k: usize| {
            a.lemmas
                .get(k)
                .is_some_and(|l| REPORTING.contains(&l.as_str()))
        };
        for v in 0..a.heads.len().min(a.labels.len()) {
            let Some(h) = a.heads[v].checked_sub(1) else {
                continue;
            };
            let Some(g) = a.heads.get(h).and_then(|&g| g.checked_sub(1)) else {
                continue;
            };
            // It reports a clause of its own ("and said it would ...";
            // "add new participants" is no report).
            let fits = a.labels[v] == ids.conj
                && has(v, CLAUSE)
                && a.labels.get(h) == Some(&ids.ccomp)
                && g < h
                && reporting(a, v)
                && reporting(a, g)
                && !has(v, SUBJECT | OTHER_SUBJECT)
                && has(h, SUBJECT | OTHER_SUBJECT);
            if fits {
                a.heads[v] = g + 1;
            }
        }
    }

    /// "grew 3.6 pct in December after rising 2.4 pct", "ended a meeting
    /// after discussing co-ordination": a gerund opened by a temporal
    /// conjunction is a clause of the nearest verb above it (`advcl`), not
    /// a modifier of the noun the parser hung it on (`acl`); its doer is
    /// that verb's subject.
    fn rehang_temporal_participles(&self, a: &mut Analysis, ids: RepairLabels) {
        const TEMPORAL: &[&str] = &[
            "after", "before", "while", "whilst", "when", "since", "until", "once", "upon",
        ];
        let n = a.heads.len().min(a.tags.len()).min(a.labels.len());
        // Words opened by a temporal conjunction before them, in one pass.
        let mut opened = vec![false; n];
        for k in 0..n {
            let temporal = a.labels[k] == ids.mark
                && a.lemmas
                    .get(k)
                    .is_some_and(|l| TEMPORAL.contains(&l.as_str()));
            if let Some(h) = a.heads[k].checked_sub(1).filter(|&h| temporal && k < h) {
                if let Some(o) = opened.get_mut(h) {
                    *o = true;
                }
            }
        }
        for (v, &opened) in opened.iter().enumerate() {
            if a.labels[v] != ids.acl || self.xpos(a.tags[v]) != "VBG" || !opened {
                continue;
            }
            // The nearest verb above the noun: an ancestor, so no cycle.
            let mut cur = a.heads[v];
            let mut steps = 0;
            while cur != 0 && steps <= n && self.upos(a.tags[cur - 1]) != "VERB" {
                cur = a.heads[cur - 1];
                steps += 1;
            }
            if cur != 0 && steps <= n {
                a.heads[v] = cur;
                a.labels[v] = ids.advcl;
            }
        }
    }

    fn analyze_repaired(&self, forms: &[&str], names: &[(usize, usize)]) -> Analysis {
        let mut atoms = Vec::with_capacity(forms.len() + 1);
        atoms.push(TokenAtoms::default());
        atoms.extend(forms.iter().map(|f| TokenAtoms::new(f)));
        let mut tags = Vec::with_capacity(forms.len());
        self.tagger.tag_names(forms, &atoms[1..], names, &mut tags);
        let analysis = self.parse_tagged(forms, &atoms, tags);
        // A sentence whose only verb the tagger misread ("Hundreds of
        // protesters rallied in Tbilisi." with "rallied" a participle on
        // its subject): parse again with the verb read as a finite tense,
        // and keep that parse if the verb then heads the sentence, or,
        // for a report's clause ("Witnesses said soldiers fired on the
        // crowd."), the clause the report reports.
        let misread = self
            .verbless_participle(&analysis)
            .or_else(|| self.verbless_adjective(forms, &analysis))
            .map(|(verb, past)| (verb, past, 0))
            .or_else(|| self.reported_participle(&analysis))
            .or_else(|| self.verb_read_as_plural(forms, &analysis));
        let Some((verb, past, head)) = misread else {
            return analysis;
        };
        let mut tags = analysis.tags.clone();
        match tags.get_mut(verb) {
            Some(t) => *t = past,
            None => return analysis,
        }
        let again = self.parse_tagged(forms, &atoms, tags);
        if again.heads.get(verb) == Some(&head) {
            again
        } else {
            analysis
        }
    }

    /// "Iran-backed militias", "a London-based group": a word joined by a
    /// hyphen to the participle after it belongs to that modifier (a
    /// `compound` of the participle, as the treebank annotates it), not to
    /// the clause. The parser sometimes made the name a party to the
    /// clause ("Iran-backed militias attacked" with Iran attacking).
    fn join_hyphenated_participles(&self, forms: &[&str], a: &mut Analysis, ids: RepairLabels) {
        let n = a.tags.len().min(forms.len()).min(a.heads.len());
        for k in 0..n.saturating_sub(2) {
            let (hyphen, participle) = (k + 1, k + 2);
            let joined = forms[hyphen] == "-"
                && forms[participle]
                    .chars()
                    .all(|c| c.is_ascii_lowercase())
                && matches!(self.xpos(a.tags[participle]), "VBN" | "VBD")
                && matches!(self.upos(a.tags[k]), "PROPN" | "NOUN" | "ADJ")
                // Who leads or runs a body acts for it ("Saudi-led
                // coalition warplanes", "state-run media"): the parser's
                // reading, which often gives the body that name, stays.
                && !matches!(forms[participle], "led" | "run");
            // The participle modifies a noun after it, and the word was
            // read as a party to a clause (elsewhere, as the end of a
            // longer name or a noun's modifier, the reading is left).
            let modifies_later = a.heads[participle] > participle + 1;
            let argument = a.labels.get(k).is_some_and(|&l| {
                matches!(
                    self.deprel(l),
                    "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl" | "obl:agent"
                )
            });
            if !joined || !modifies_later || !argument {
                continue;
            }
            // No cycle: the word must not dominate the participle.
            let mut cur = participle + 1;
            let mut steps = 0;
            while cur != 0 && cur != k + 1 && steps <= n {
                cur = a.heads[cur - 1];
                steps += 1;
            }
            if cur != 0 {
                continue;
            }
            let (old_head, old_label) = (a.heads[k], a.labels[k]);
            a.heads[k] = participle + 1;
            a.labels[k] = ids.compound;
            a.heads[hyphen] = k + 1;
            a.labels[hyphen] = ids.punct;
            // The noun the participle modifies takes the name's place in
            // the clause where the parser had hung it loosely on the same
            // word ("shelled a government-held part": "part" the object,
            // not a parataxis), with the article the name had taken.
            let noun = a.heads[participle] - 1;
            let loose = a
                .labels
                .get(noun)
                .is_some_and(|&l| matches!(self.deprel(l), "parataxis" | "dep" | "appos" | "list"));
            if a.heads.get(noun) == Some(&old_head) && loose {
                a.labels[noun] = old_label;
            }
            for d in 0..k {
                if a.heads[d] == k + 1 && self.upos(a.tags[d]) == "DET" {
                    a.heads[d] = noun + 1;
                }
            }
        }
    }

    /// As [`Model::verbless_participle`], for a sentence with no verb
    /// before its past tense, which the tagger read as an adjective (or,
    /// for an irregular verb, a noun) between its subject and its object
    /// ("Moscow denied responsibility for the attack.").
    fn verbless_adjective(&self, forms: &[&str], a: &Analysis) -> Option<(usize, u16)> {
        let past = self.tagger.past_tense()?;
        let n = a.tags.len();
        let upos = |k: usize| a.tags.get(k).map_or("", |&t| self.upos(t));
        let xpos = |k: usize| a.tags.get(k).map_or("", |&t| self.xpos(t));
        let full_stop = n >= 4 && forms.last().is_some_and(|f| matches!(*f, "." | "!"));
        if !full_stop {
            return None;
        }
        // No verb before it; one after it belongs to a later clause ("US
        // suspended food supplies to Somalia over fears they were
        // helping ..."): the second reading is kept only if the word
        // then heads the sentence.
        let first_verb = (0..n)
            .find(|&k| matches!(upos(k), "VERB" | "AUX"))
            .unwrap_or(n);
        (1..first_verb.min(n - 1))
            .find(|&k| {
                let lower = forms
                    .get(k)
                    .filter(|f| f.chars().all(|c| c.is_ascii_lowercase()));
                let regular = lower.is_some_and(|f| f.len() > 4 && f.ends_with("ed"));
                // "Gunmen shot dead a police officer.": an irregular past
                // the tagger read as a singular noun.
                let irregular = lower.is_some_and(|f| self.lemmatizer.is_irregular_past(f));
                ((regular && xpos(k) == "JJ") || (irregular && matches!(xpos(k), "JJ" | "NN")))
                    && matches!(upos(k - 1), "NOUN" | "PROPN")
                    && matches!(
                        xpos(k + 1),
                        "DT" | "PRP$" | "CD" | "NN" | "NNS" | "NNP" | "NNPS" | "JJ"
                    )
            })
            .map(|k| (k, past))
    }

    /// A root plural noun between a name or pronoun and "that" ("Egypt
    /// fears that Israel could push ...", "Moscow warns that ..."): a
    /// verb of the present tense whose -s the tagger read as a plural.
    /// With the expected head 0: kept only if it then heads the sentence.
    fn verb_read_as_plural(&self, forms: &[&str], a: &Analysis) -> Option<(usize, u16, usize)> {
        let root = a.heads.iter().position(|&h| h == 0)?;
        let xpos = |k: usize| a.tags.get(k).map_or("", |&t| self.xpos(t));
        let subject_before = root
            .checked_sub(1)
            .is_some_and(|k| matches!(xpos(k), "NNP" | "NNPS" | "PRP"));
        let that_after = forms
            .get(root + 1)
            .is_some_and(|f| f.eq_ignore_ascii_case("that"));
        if xpos(root) != "NNS" || !subject_before || !that_after {
            return None;
        }
        let present = tagger_class(&self.tagger, "VERB", "VBZ")?;
        Some((root, present, 0))
    }

    /// The participle (0-based), the past-tense class and the expected
    /// head (1-based) for [`Model::analyze`]: a past participle hung as
    /// `acl` on the subject of a verb of saying or believing before it,
    /// with no auxiliary, passive agent or clause of its own, where that
    /// verb reports no other clause: "Witnesses said soldiers fired on
    /// the crowd".
    fn reported_participle(&self, a: &Analysis) -> Option<(usize, u16, usize)> {
        const REPORTING: &[&str] = &[
            "say", "tell", "report", "claim", "allege", "believe", "insist", "announce", "state",
            "confirm", "add", "fear", "think",
        ];
        let past = self.tagger.past_tense()?;
        let n = a.tags.len();
        let xpos = |k: usize| a.tags.get(k).map_or("", |&t| self.xpos(t));
        let label = |k: usize| a.labels.get(k).map_or("", |&l| self.deprel(l));
        let lemma = |k: usize| a.lemmas.get(k).map_or("", String::as_str);
        let head = |k: usize| a.heads.get(k).copied().unwrap_or(0);
        // The dependents are summed up only once a candidate is found:
        // this runs on every sentence.
        let mut deps: Option<Vec<u8>> = None;
        (1..n).find_map(|verb| {
            if xpos(verb) != "VBN" || label(verb) != "acl" {
                return None;
            }
            // Its noun: the subject of a reporting verb before it.
            let noun = head(verb).checked_sub(1)?;
            let reporter = head(noun).checked_sub(1)?;
            let reports = reporter < noun
                && noun < verb
                && label(noun) == "nsubj"
                && REPORTING.contains(&lemma(reporter));
            if !reports {
                return None;
            }
            let deps = deps.get_or_insert_with(|| self.dependent_kinds(a));
            let has = |k: usize, kind: u8| deps.get(k).is_some_and(|d| d & kind != 0);
            let own = has(verb, AUXILIARY | AGENT | SUBJECT | CLAUSE);
            (!has(reporter, CLAUSE) && !own).then_some((verb, past, reporter + 1))
        })
    }

    /// For each word, the kinds of dependents it has (bits below), from
    /// one pass over the sentence.
    fn dependent_kinds(&self, a: &Analysis) -> Vec<u8> {
        let n = a.tags.len();
        let mut kinds = vec![0u8; n];
        // "by" marks its phrase as an agent.
        let mut by_phrase = vec![false; n];
        for (k, &h) in a.heads.iter().enumerate() {
            if h > 0 && a.lemmas.get(k).is_some_and(|l| l == "by") {
                if let Some(b) = by_phrase.get_mut(h - 1) {
                    *b = true;
                }
            }
        }
        for (k, &h) in a.heads.iter().enumerate() {
            let label = a.labels.get(k).map_or("", |&l| self.deprel(l));
            let kind = match label {
                "aux" | "aux:pass" => AUXILIARY,
                "obl:agent" => AGENT,
                "obl" if by_phrase.get(k).copied().unwrap_or(false) => AGENT,
                "nsubj" => SUBJECT,
                l if l.starts_with("nsubj:") => OTHER_SUBJECT,
                "ccomp" => CLAUSE,
                "obj" | "iobj" | "xcomp" => OBJECT,
                _ => 0,
            };
            if let Some(slot) = h.checked_sub(1).and_then(|h| kinds.get_mut(h)) {
                *slot |= kind;
            }
        }
        kinds
    }

    /// The participle (0-based) and the past-tense class for
    /// [`Model::analyze`]'s second reading: a full-stop sentence headed by
    /// a noun, whose one verb is a past participle (VBN) right after a
    /// noun, hung as `acl` on it or on the root (or as `amod` on a noun
    /// after it), with no auxiliary and no finite verb in the sentence but
    /// in a subordinate clause after it, and no passive agent. A caption reads so too ("Figures
    /// quoted in pesos.", "A sandwich made to order."), so the participle
    /// must also take an object or a clause, which a passive cannot, or be
    /// one of the verbs of collective action or of going that take none
    /// ("Hundreds of protesters rallied in Tbilisi.", "The foreign
    /// minister left for Moscow.").
    fn verbless_participle(&self, a: &Analysis) -> Option<(usize, u16)> {
        const INTRANSITIVE: &[&str] = &[
            "protest",
            "rally",
            "march",
            "demonstrate",
            "gather",
            "riot",
            "clash",
            "leave",
            "arrive",
            "travel",
            "flee",
            "fly",
            "resign",
            "die",
        ];
        let past = self.tagger.past_tense()?;
        let n = a.tags.len();
        let root = a.heads.iter().position(|&h| h == 0)?;
        let upos = |k: usize| a.tags.get(k).map_or("", |&t| self.upos(t));
        let xpos = |k: usize| a.tags.get(k).map_or("", |&t| self.xpos(t));
        let label = |k: usize| a.labels.get(k).map_or("", |&l| self.deprel(l));
        let lemma = |k: usize| a.lemmas.get(k).map_or("", String::as_str);
        let nominal = |k: usize| matches!(upos(k), "NOUN" | "PROPN" | "PRON" | "NUM");
        let full_stop = n >= 3 && matches!(lemma(n - 1), "." | "!");
        if !full_stop || !nominal(root) {
            return None;
        }
        let verb = (0..n).find(|&k| matches!(upos(k), "VERB" | "AUX"))?;
        // After a noun, hung on it or on the root (heads are 1-based), or
        // read as an adjective of the noun after it, which is then its
        // object ("the junta arrested dozens of activists").
        let head = a.heads.get(verb).copied().unwrap_or(0);
        let on_subject = label(verb) == "acl" && (head == verb || head == root + 1);
        let on_object = label(verb) == "amod" && head > verb + 1;
        // (The object may be the root itself: "Ethiopia's government on
        // Saturday rejected accusations by the US".)
        let after_noun = verb.checked_sub(1).is_some_and(nominal) && (verb > root || on_object);
        if !after_noun || !(on_subject || on_object) || xpos(verb) != "VBN" {
            return None;
        }
        // No finite verb or auxiliary but in a clause that a subordinator
        // opens after the participle ("... accusations that its military
        // is guilty").
        const SUBORDINATORS: &[&str] = &[
            "that", "which", "who", "whom", "whose", "because", "if", "when", "while", "as",
            "after", "before", "since", "although", "though", "whether", "where", "until",
        ];
        let finite_or_aux =
            |k: usize| upos(k) == "AUX" || matches!(xpos(k), "VBD" | "VBZ" | "VBP" | "MD");
        let mut subordinate = false;
        for k in 0..n {
            if k > verb && SUBORDINATORS.contains(&lemma(k).to_lowercase().as_str()) {
                subordinate = true;
            }
            if finite_or_aux(k) && !subordinate {
                return None;
            }
        }
        let deps = self.dependent_kinds(a);
        let has = |kind: u8| deps.get(verb).is_some_and(|d| d & kind != 0);
        if has(AGENT) {
            return None;
        }
        let complemented = has(OBJECT | CLAUSE);
        (on_object || complemented || INTRANSITIVE.contains(&lemma(verb))).then_some((verb, past))
    }

    /// Lemmatizes and parses a sentence with the tags the tagger gave it.
    fn parse_tagged(&self, forms: &[&str], atoms: &[TokenAtoms], tags: Vec<u16>) -> Analysis {
        let lemmas = forms
            .iter()
            .zip(&tags)
            .map(|(f, &t)| self.lemmatizer.lemma(f, self.tagger.xpos(t)))
            .collect();
        let mut tag_atoms = Vec::with_capacity(forms.len() + 1);
        tag_atoms.push(0u64);
        tag_atoms.extend(tags.iter().map(|&t| u64::from(t) + 1));
        let punct = punct_counts(atoms);
        let view = SentenceView {
            atoms,
            tags: &tag_atoms,
            punct_before: &punct,
        };
        let mut heads = Vec::new();
        let mut labels = Vec::new();
        self.parser.parse(&view, &mut heads, &mut labels);
        Analysis {
            tags,
            lemmas,
            heads: heads.into_iter().skip(1).collect(),
            labels: labels.into_iter().skip(1).collect(),
        }
    }
}

/// Training settings for `train`.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags in parser training (1: tags from the final
    /// tagger on its own training data).
    pub jackknife_folds: usize,
    pub seed: u64,
    pub explore: f64,
    pub explore_after: usize,
    /// Tagger models averaged into each pass of the shipped tagger (as for
    /// the parser). The jackknife taggers, which only show the parser
    /// tagging errors, are single runs.
    pub tagger_runs: usize,
    /// Parser models averaged into the shipped one (see
    /// [`ParserTraining::runs`]).
    pub parser_runs: usize,
    /// See [`ParserTraining::min_weight`].
    pub parser_min_weight: f32,
    /// Also train the parser on news-order copies of reports ("Y, X
    /// said."; see `augment`).
    pub report_last: bool,
    pub description: String,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 10,
            parser_epochs: 20,
            jackknife_folds: 4,
            seed: 17,
            explore: 1.0,
            explore_after: 1,
            parser_runs: 3,
            parser_min_weight: 0.4,
            tagger_runs: 1,
            report_last: true,
            description: String::new(),
        }
    }
}

fn tagged(sentences: &[&ConlluSentence]) -> Vec<TaggedSentence> {
    sentences
        .iter()
        .map(|s| TaggedSentence {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags: s
                .words
                .iter()
                .map(|w| (w.upos.clone(), w.xpos.clone()))
                .collect(),
        })
        .collect()
}

/// Trains a model from CoNLL-U sentences. Deterministic for a given seed.
/// `progress` receives one line per step.
pub fn train(
    sentences: &[ConlluSentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> Model {
    let well_formed = |s: &&ConlluSentence| {
        !s.words.is_empty()
            && s.words
                .iter()
                .all(|w| w.head.is_some_and(|h| h <= s.words.len()))
    };
    let usable: Vec<&ConlluSentence> = sentences.iter().filter(well_formed).collect();
    progress(&format!("training tagger on {} sentences", usable.len()));
    let all_tagged = tagged(&usable);
    let tagger = Tagger::train(&all_tagged, opts.tagger_epochs, opts.seed, opts.tagger_runs);
    let sentence_tags = |t: &Tagger, s: &ConlluSentence| -> Vec<u16> {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tag_forms(t, &forms)
    };
    // Tags for parser training: jackknifed so the parser sees tagging errors
    // like those it will meet.
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); usable.len()];
    let folds = opts.jackknife_folds.max(1);
    if folds == 1 {
        for (i, s) in usable.iter().enumerate() {
            predicted[i] = sentence_tags(&tagger, s);
        }
    } else {
        for fold in 0..folds {
            progress(&format!("jackknife fold {}/{folds}", fold + 1));
            let train_part: Vec<TaggedSentence> = tagged(
                &usable
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % folds != fold)
                    .map(|(_, s)| *s)
                    .collect::<Vec<_>>(),
            );
            let fold_tagger = Tagger::train(
                &train_part,
                opts.tagger_epochs,
                opts.seed + fold as u64 + 1,
                1,
            );
            // Fold taggers number classes differently: map through names.
            let to_final: Vec<u16> = (0..fold_tagger.n_classes() as u16)
                .map(|t| {
                    tagger_class(&tagger, fold_tagger.upos(t), fold_tagger.xpos(t)).unwrap_or(0)
                })
                .collect();
            for (i, s) in usable.iter().enumerate().filter(|(i, _)| i % folds == fold) {
                predicted[i] = sentence_tags(&fold_tagger, s)
                    .iter()
                    .map(|&t| to_final.get(t as usize).copied().unwrap_or(0))
                    .collect();
            }
        }
    }
    // News-order copies of reports teach the parser only: the tagger
    // stays the one the treebank alone gives. Their tags come from the
    // final tagger.
    let variants = if opts.report_last {
        augment::report_last_variants(&usable)
    } else {
        Vec::new()
    };
    let variants: Vec<&ConlluSentence> = variants.iter().filter(well_formed).collect();
    if !variants.is_empty() {
        progress(&format!(
            "{} news-order copies of reports for the parser",
            variants.len()
        ));
    }
    predicted.extend(variants.iter().map(|s| sentence_tags(&tagger, s)));
    progress("training lemmatizer");
    let lemmatizer = Lemmatizer::train(usable.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
    }));
    let mut label_names: Vec<String> = Vec::new();
    let mut label_ids = std::collections::HashMap::new();
    let examples: Vec<ParseExample> = usable
        .iter()
        .chain(&variants)
        .zip(&predicted)
        .map(|(s, tags)| {
            let mut atoms = vec![TokenAtoms::default()];
            atoms.extend(s.words.iter().map(|w| TokenAtoms::new(&w.form)));
            let mut tag_atoms = vec![0u64];
            tag_atoms.extend(tags.iter().map(|&t| u64::from(t) + 1));
            let mut heads = vec![0usize];
            heads.extend(s.words.iter().map(|w| w.head.unwrap_or(0)));
            let mut labels = vec![0u16];
            for w in &s.words {
                let id = *label_ids.entry(w.deprel.clone()).or_insert_with(|| {
                    label_names.push(w.deprel.clone());
                    (label_names.len() - 1) as u16
                });
                labels.push(id);
            }
            ParseExample {
                atoms,
                tags: tag_atoms,
                heads,
                labels,
            }
        })
        .collect();
    progress(&format!(
        "training parser: {} sentences, {} labels, {} epochs",
        examples.len(),
        label_names.len(),
        opts.parser_epochs
    ));
    let settings = ParserTraining {
        epochs: opts.parser_epochs,
        seed: opts.seed,
        explore: opts.explore,
        explore_after: opts.explore_after,
        runs: opts.parser_runs,
        min_weight: opts.parser_min_weight,
    };
    let parser = Parser::train(&examples, label_names, &settings, |run, epoch| {
        progress(&format!(
            "parser run {}/{} epoch {} done",
            run + 1,
            settings.runs.max(1),
            epoch + 1
        ));
    });
    Model {
        description: opts.description.clone(),
        tagger,
        lemmatizer,
        repair_labels: RepairLabels::of(&parser),
        parser,
    }
}

/// Kinds of dependents, for [`Model::dependent_kinds`].
const AUXILIARY: u8 = 1;
const AGENT: u8 = 2;
const SUBJECT: u8 = 4;
const CLAUSE: u8 = 8;
const OBJECT: u8 = 16;
/// A subject of another kind (`nsubj:pass`, `nsubj:outer`).
const OTHER_SUBJECT: u8 = 32;

/// Tags a sentence of word forms with `tagger`.
fn tag_forms(tagger: &Tagger, forms: &[&str]) -> Vec<u16> {
    let atoms: Vec<TokenAtoms> = forms.iter().map(|f| TokenAtoms::new(f)).collect();
    let mut tags = Vec::with_capacity(forms.len());
    tagger.tag(forms, &atoms, &mut tags);
    tags
}

fn tagger_class(tagger: &Tagger, upos: &str, xpos: &str) -> Option<u16> {
    (0..tagger.n_classes() as u16).find(|&c| tagger.upos(c) == upos && tagger.xpos(c) == xpos)
}
