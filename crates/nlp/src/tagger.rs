//! Averaged-perceptron part-of-speech tagger predicting UPOS and XPOS
//! together (one class per UPOS/XPOS pair seen in training), greedy left to
//! right in two passes: the second pass also sees the first pass's tags to
//! the right. Ambiguity classes (the tags a word form took in training)
//! stand in for the word's possible tags.

use crate::atoms::{TokenAtoms, NONE};
use crate::codec::{Reader, Writer};
use crate::perceptron::{argmax, feature, TrainWeights, Weights};
use crate::{ModelError, Rng};
use std::collections::HashMap;

/// A training sentence: forms and gold (UPOS, XPOS).
pub struct TaggedSentence {
    pub forms: Vec<String>,
    pub tags: Vec<(String, String)>,
}

pub struct Tagger {
    /// "UPOS\tXPOS" per class.
    classes: Vec<String>,
    upos: Vec<String>,
    xpos: Vec<String>,
    /// Lowercase-form atom -> ambiguity class atom.
    ambiguity: AmbiguityMap,
    /// First pass: left context only.
    weights: Weights,
    /// Second pass: also sees the first pass's tags to the right.
    second: Weights,
    /// The VERB/VBD class, for `finite_past`.
    past_tense: Option<u16>,
    /// The PROPN/NNP and NOUN/NN classes, for `noun_before_day`.
    proper_noun: Option<u16>,
    common_noun: Option<u16>,
    /// The VERB/VB class, for `mandative_subjunctive`.
    base_verb: Option<u16>,
    /// The AUX/MD class, for `modal_ought`.
    modal: Option<u16>,
    /// The NOUN/NNS class, for `plural_read_as_verb`.
    plural_noun: Option<u16>,
    /// The PROPN/NNPS class, for words of names in the plural.
    proper_plural: Option<u16>,
    /// The PART/TO class, for `infinitive_read_as_noun`.
    infinitive_to: Option<u16>,
    /// The AUX classes of "have" (VB, VBZ, VBP, VBD), and VERB/VBN, for
    /// `perfect_have`.
    aux_have: [Option<u16>; 4],
    participle: Option<u16>,
}

/// Whether `form` (if any) is one of `words`, ignoring ASCII case.
fn one_of(form: Option<&&str>, words: &[&str]) -> bool {
    form.is_some_and(|f| words.iter().any(|w| f.eq_ignore_ascii_case(w)))
}

/// One greedy left-to-right pass. Hot: per token.
fn tag_pass(
    weights: &Weights,
    forms: &[&str],
    atoms: &[TokenAtoms],
    amb: &[u64],
    right: Option<&[u16]>,
    fixed: &[Option<u16>],
    out: &mut Vec<u16>,
) {
    out.clear();
    let mut feats = Vec::with_capacity(MAX_FEATS);
    let mut scores = vec![0f32; weights.n_classes()];
    let (mut prev, mut prev2) = (START, START);
    for i in 0..forms.len() {
        let class = match fixed.get(i).copied().flatten() {
            Some(class) => class,
            None => {
                features(atoms, amb, right, i, prev, prev2, &mut feats);
                weights.score(&feats, &mut scores);
                argmax(&scores, |_| true).unwrap_or(0) as u16
            }
        };
        out.push(class);
        prev2 = prev;
        prev = u64::from(class);
    }
}

/// Training data shared by both passes.
struct PassData<'a> {
    forms: Vec<Vec<&'a str>>,
    atoms: Vec<Vec<TokenAtoms>>,
    amb: Vec<Vec<u64>>,
    gold: Vec<Vec<u16>>,
}

/// One pass to train: on the sentences `subset` (indices into `data`),
/// with first-pass tags to the right (`right`) for the second pass.
struct Pass<'a> {
    data: &'a PassData<'a>,
    subset: &'a [usize],
    n_classes: usize,
    right: Option<&'a [Vec<u16>]>,
    epochs: usize,
}

impl Pass<'_> {
    /// The mean of `runs` runs, the first from `seed`.
    fn train(&self, seed: u64, runs: usize) -> Weights {
        TrainWeights::mean_of_runs(runs, seed, 1, 0.001, |_, seed| self.run(seed))
    }

    /// One run from `seed`.
    fn run(&self, seed: u64) -> TrainWeights {
        let Pass {
            data,
            subset,
            n_classes,
            right,
            epochs,
        } = *self;
        let mut weights = TrainWeights::new(n_classes);
        let mut order = subset.to_vec();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(MAX_FEATS);
        let mut scores = vec![0f32; n_classes];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let (mut prev, mut prev2) = (START, START);
                let r = right.map(|r| r[si].as_slice());
                for i in 0..data.forms[si].len() {
                    let truth = data.gold[si][i];
                    features(
                        &data.atoms[si],
                        &data.amb[si],
                        r,
                        i,
                        prev,
                        prev2,
                        &mut feats,
                    );
                    if epoch == 0 {
                        weights.count(&feats);
                    }
                    weights.score(&feats, &mut scores);
                    let guess = argmax(&scores, |_| true).unwrap_or(0) as u16;
                    weights.update(&feats, truth as usize, guess as usize);
                    weights.tick();
                    prev2 = prev;
                    prev = u64::from(guess);
                }
            }
        }
        weights
    }
}

/// Maximum number of features per token.
const MAX_FEATS: usize = 48;
/// Atom for "no previous tag" (sentence start).
const START: u64 = 0xFFFF_FFFF;

/// Features of token `i` given the tags already predicted to its left.
/// Hot: per token.
fn features(
    atoms: &[TokenAtoms],
    amb: &[u64],
    right: Option<&[u16]>,
    i: usize,
    prev: u64,
    prev2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let ambi = |j: isize| -> u64 {
        if j < 0 {
            START
        } else {
            amb.get(j as usize).copied().unwrap_or(NONE)
        }
    };
    let a = &atoms[i];
    let at = |j: isize| -> Option<&TokenAtoms> {
        if j < 0 {
            None
        } else {
            atoms.get(j as usize)
        }
    };
    let i = i as isize;
    let w = |j: isize| at(j).map_or(NONE, |t| t.lower);
    let suf3 = |j: isize| at(j).map_or(NONE, |t| t.suffix[2]);
    out.push(feature(0, &[]));
    out.push(feature(1, &[a.lower]));
    out.push(feature(2, &[a.form]));
    for (k, s) in a.suffix.iter().enumerate() {
        out.push(feature(3 + k as u32, &[*s]));
    }
    for (k, p) in a.prefix.iter().enumerate() {
        out.push(feature(7 + k as u32, &[*p]));
    }
    out.push(feature(10, &[a.shape]));
    out.push(feature(11, &[a.flags, u64::from(i == 0)]));
    out.push(feature(12, &[prev]));
    out.push(feature(13, &[prev2]));
    out.push(feature(14, &[prev, prev2]));
    out.push(feature(15, &[prev, a.lower]));
    out.push(feature(16, &[w(i - 1)]));
    out.push(feature(17, &[w(i - 2)]));
    out.push(feature(18, &[w(i + 1)]));
    out.push(feature(19, &[w(i + 2)]));
    out.push(feature(20, &[suf3(i - 1)]));
    out.push(feature(21, &[suf3(i + 1)]));
    out.push(feature(22, &[a.lower, w(i + 1)]));
    out.push(feature(23, &[w(i - 1), a.lower]));
    out.push(feature(24, &[prev, a.suffix[2]]));
    out.push(feature(25, &[a.suffix[1], w(i + 1)]));
    out.push(feature(26, &[at(i + 1).map_or(NONE, |t| t.shape)]));
    out.push(feature(27, &[at(i - 1).map_or(NONE, |t| t.shape), a.shape]));
    out.push(feature(28, &[prev, w(i + 1)]));
    out.push(feature(29, &[ambi(i)]));
    out.push(feature(30, &[ambi(i + 1)]));
    out.push(feature(31, &[ambi(i + 2)]));
    out.push(feature(32, &[ambi(i), ambi(i + 1)]));
    out.push(feature(33, &[prev, ambi(i + 1)]));
    out.push(feature(34, &[prev, ambi(i)]));
    out.push(feature(35, &[ambi(i - 1), ambi(i)]));
    out.push(feature(36, &[a.lower, ambi(i + 1)]));
    // Second pass: the first pass's tags to the right (and here).
    if let Some(r) = right {
        let rt = |j: usize| r.get(j).map_or(START, |&t| u64::from(t));
        let i = i as usize;
        out.push(feature(50, &[rt(i + 1)]));
        out.push(feature(51, &[rt(i + 1), rt(i + 2)]));
        out.push(feature(52, &[a.lower, rt(i + 1)]));
        out.push(feature(53, &[prev, rt(i + 1)]));
        out.push(feature(54, &[rt(i)]));
        out.push(feature(55, &[a.suffix[2], rt(i + 1)]));
        out.push(feature(56, &[prev, rt(i), rt(i + 1)]));
    }
}

/// Ambiguity class of each token: the set of classes its lowercase form
/// took in training (a stand-in for unknown words).
fn ambiguity(classes_of: &AmbiguityMap, atoms: &[TokenAtoms], out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        atoms
            .iter()
            .map(|a| classes_of.get(&a.lower).copied().unwrap_or(UNKNOWN)),
    );
}

const UNKNOWN: u64 = 0xDEAD;

type AmbiguityMap = std::collections::HashMap<
    u64,
    u64,
    std::hash::BuildHasherDefault<crate::perceptron::IdentityHasher>,
>;

/// Ambiguity classes of forms seen at least 3 times; classes under 5% of a
/// form's uses are left out.
fn build_ambiguity(atoms: &[Vec<TokenAtoms>], gold: &[Vec<u16>]) -> AmbiguityMap {
    let mut counts: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    for (sa, sg) in atoms.iter().zip(gold) {
        for (a, &g) in sa.iter().zip(sg) {
            *counts.entry(a.lower).or_default().entry(g).or_insert(0) += 1;
        }
    }
    let mut map = AmbiguityMap::default();
    for (lower, by_class) in counts {
        let total: u32 = by_class.values().sum();
        if total < 3 {
            continue;
        }
        let mut set: Vec<u16> = by_class
            .iter()
            .filter(|(_, &n)| n * 20 >= total)
            .map(|(&c, _)| c)
            .collect();
        set.sort_unstable();
        let atom = set.iter().fold(0x00A4_B1C0u64, |h, &c| {
            (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01B3)
        });
        map.insert(lower, atom);
    }
    map
}

impl Tagger {
    /// Tags a sentence: one class index per token.
    pub fn tag(&self, forms: &[&str], atoms: &[TokenAtoms], out: &mut Vec<u16>) {
        self.tag_fixed(forms, atoms, &[], out);
    }

    /// Tags a sentence in which `names` are token ranges the caller knows
    /// to name an organisation, a country or a person ("Human Rights
    /// Watch", "Securities and Exchange Commission"): a capitalised word
    /// there read as a verb or a function word is a proper noun, and the
    /// sentence is tagged again knowing so. Nouns and adjectives of names
    /// keep their tags (the treebank's "United" and "Islamic" are
    /// adjectives).
    pub fn tag_names(
        &self,
        forms: &[&str],
        atoms: &[TokenAtoms],
        names: &[(usize, usize)],
        out: &mut Vec<u16>,
    ) {
        self.tag_fixed(forms, atoms, &[], out);
        let fixed = self.name_tags(forms, names, out);
        if fixed.iter().any(Option::is_some) {
            self.tag_fixed(forms, atoms, &fixed, out);
        }
    }

    /// Both passes and the repairs, with the `fixed` tags kept.
    fn tag_fixed(
        &self,
        forms: &[&str],
        atoms: &[TokenAtoms],
        fixed: &[Option<u16>],
        out: &mut Vec<u16>,
    ) {
        let mut amb = Vec::with_capacity(atoms.len());
        ambiguity(&self.ambiguity, atoms, &mut amb);
        let mut first = Vec::with_capacity(forms.len());
        tag_pass(&self.weights, forms, atoms, &amb, None, fixed, &mut first);
        tag_pass(&self.second, forms, atoms, &amb, Some(&first), fixed, out);
        self.noun_before_day(forms, out);
        self.finite_past(forms, out);
        self.mandative_subjunctive(forms, out);
        self.indefinite_head(forms, out);
        self.modal_ought(forms, out);
        self.plural_read_as_verb(forms, out);
        self.infinitive_read_as_noun(forms, out);
        self.perfect_have(forms, out);
        for (t, f) in out.iter_mut().zip(fixed) {
            if let Some(f) = f {
                *t = *f;
            }
        }
    }

    /// The proper-noun class of each capitalised word inside `names` that
    /// `tags` has as neither noun, adjective nor number (plural for a
    /// word in -s: "Forces"); `None` elsewhere, and everywhere when there
    /// are no names. Articles and prepositions keep theirs ("The US",
    /// "Bank Of America").
    fn name_tags(
        &self,
        forms: &[&str],
        names: &[(usize, usize)],
        tags: &[u16],
    ) -> Vec<Option<u16>> {
        const FUNCTION_WORDS: &[&str] = &[
            "the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "without", "with", "by",
            "from", "against", "under", "over", "into", "across",
        ];
        let (Some(nnp), Some(nnps)) = (self.proper_noun, self.proper_plural) else {
            return Vec::new();
        };
        if names.is_empty() {
            return Vec::new();
        }
        let mut fixed = vec![None; forms.len()];
        for &(start, end) in names {
            for k in start..end.min(forms.len()) {
                let form = forms[k];
                let misread = tags
                    .get(k)
                    .is_some_and(|&t| !matches!(self.upos(t), "NOUN" | "PROPN" | "ADJ" | "NUM"));
                if !misread
                    || !form.chars().next().is_some_and(char::is_uppercase)
                    || !form.chars().all(char::is_alphabetic)
                    || one_of(Some(&form), FUNCTION_WORDS)
                {
                    continue;
                }
                let plural = form.len() > 3 && form.ends_with('s') && !form.ends_with("ss");
                fixed[k] = Some(if plural { nnps } else { nnp });
            }
        }
        fixed
    }

    /// "have launched further airstrikes", "the strikes", "two raids": a
    /// word in -s read as a verb of the present tense right after an
    /// article, a possessive or a number, or after another verb (adverbs
    /// between; a participle only after "have"), is a plural noun: no
    /// finite verb stands there. Not "is", "has", "does" ("what I can say
    /// is", "2005 has been"); "one says", "this means" keep their verb.
    fn plural_read_as_verb(&self, forms: &[&str], tags: &mut [u16]) {
        const ARTICLES: &[&str] = &["the", "a", "an", "every", "no", "these", "those"];
        let Some(nns) = self.plural_noun else {
            return;
        };
        const AUXILIARIES: &[&str] = &["is", "has", "does", "'s", "was"];
        const HAVE: &[&str] = &["have", "has", "had", "having", "'ve"];
        for i in 1..tags.len().min(forms.len()) {
            if self.xpos(tags[i]) != "VBZ" || one_of(forms.get(i), AUXILIARIES) {
                continue;
            }
            let prev = self.xpos(tags[i - 1]);
            // A number in words counts ("five cts", "three exchanges"); in
            // figures it may be a year or a model ("1986 includes", "the
            // Mac II uses").
            let counted = prev == "CD"
                && forms
                    .get(i - 1)
                    .is_some_and(|f| f.chars().all(|c| c.is_ascii_lowercase()) && *f != "one");
            let determined =
                (prev == "DT" && one_of(forms.get(i - 1), ARTICLES)) || prev == "PRP$" || counted;
            let mut k = i - 1;
            // ("say there exists": "there" is the subject.)
            while k > 0
                && matches!(self.xpos(tags[k]), "RB" | "RBR")
                && !one_of(forms.get(k), &["there"])
            {
                k -= 1;
            }
            // A participle only after "have" ("the report released says"),
            // a base form only after a modal or "to" ("each warrant
            // allows": a noun read as a verb), a past tense never (a
            // reduced relative: "the memorial purchased goes to").
            let before = |words: &[&str]| {
                k.checked_sub(1)
                    .is_some_and(|h| one_of(forms.get(h), words))
            };
            let perfect = self.xpos(tags[k]) == "VBN" && before(HAVE);
            let base = self.xpos(tags[k]) == "VB"
                && (before(&["to"])
                    || k.checked_sub(1).is_some_and(|h| self.xpos(tags[h]) == "MD"));
            // A gerund only after a preposition ("after considering
            // offers"; "said fighting continues": the gerund is the
            // subject).
            let gerund = self.xpos(tags[k]) == "VBG"
                && k.checked_sub(1).is_some_and(|h| self.xpos(tags[h]) == "IN");
            let after_verb = gerund || perfect || base;
            if determined || after_verb {
                tags[i] = nns;
            }
        }
    }

    /// "The government ought to negotiate": "ought" before "to" is the
    /// modal, whatever the tagger made of a word the treebank has once.
    fn modal_ought(&self, forms: &[&str], tags: &mut [u16]) {
        let Some(md) = self.modal else {
            return;
        };
        for i in 0..tags.len().saturating_sub(1) {
            if one_of(forms.get(i), &["ought"]) && one_of(forms.get(i + 1), &["to"]) {
                tags[i] = md;
            }
        }
    }

    /// "An official said", "a senior official told": after "a" or "an",
    /// an adjective right before a finite verb must head the subject
    /// (English does not use "a rich" for a rich person), so it is a
    /// noun; the tagger, shown "an official website" far more often,
    /// reads it as an adjective and the parser then loses the clause.
    fn indefinite_head(&self, forms: &[&str], tags: &mut [u16]) {
        let Some(nn) = self.common_noun else {
            return;
        };
        for i in 1..tags.len().saturating_sub(1) {
            let finite_next = tags
                .get(i + 1)
                .is_some_and(|&t| matches!(self.xpos(t), "VBD" | "VBZ" | "VBP" | "MD"));
            let adjective = tags.get(i).is_some_and(|&t| self.xpos(t) == "JJ");
            if adjective && finite_next && one_of(forms.get(i - 1), &["a", "an"]) {
                tags[i] = nn;
            }
        }
    }

    /// "Russia has refused to attend", "had earlier been committed": a
    /// "have" read as a main verb before a past participle or tense
    /// (adverbs between) is the perfect's auxiliary, and the verb after it
    /// its participle. Not where a noun or adjective follows the
    /// participle, which may then describe it ("have crushed red pepper",
    /// "had used tissues").
    fn perfect_have(&self, forms: &[&str], tags: &mut [u16]) {
        const HAVE: &[&str] = &["have", "has", "had", "'ve", "having"];
        let n = tags.len().min(forms.len());
        for i in 0..n {
            if self.upos(tags[i]) != "VERB" || !one_of(forms.get(i), HAVE) {
                continue;
            }
            let mut j = i + 1;
            while j < n && self.upos(tags[j]) == "ADV" {
                j += 1;
            }
            // A past tense there is a participle misread as well.
            if j >= n || !matches!(self.xpos(tags[j]), "VBN" | "VBD") {
                continue;
            }
            let described = tags
                .get(j + 1)
                .is_some_and(|&t| matches!(self.upos(t), "NOUN" | "PROPN" | "ADJ"));
            let aux = match self.xpos(tags[i]) {
                "VB" => self.aux_have[0],
                "VBZ" => self.aux_have[1],
                "VBP" => self.aux_have[2],
                "VBD" => self.aux_have[3],
                _ => None,
            };
            if let (false, Some(aux)) = (described, aux) {
                tags[i] = aux;
                if let Some(vbn) = self.participle.filter(|_| self.xpos(tags[j]) == "VBD") {
                    tags[j] = vbn;
                }
            }
        }
    }

    /// "decided to ease restrictions", "vowed to step up attacks": after
    /// a verb that takes only an infinitive and "to", a word the tagger
    /// read as a singular noun ("ease", "step", "cut") is the verb in its
    /// base form, and "to" its marker. ("agreed to talks", "moved to
    /// Paris": verbs that also take a phrase with "to" are not among
    /// them.)
    fn infinitive_read_as_noun(&self, forms: &[&str], tags: &mut [u16]) {
        const TAKING_INFINITIVES: &[&str] = &[
            "decide",
            "decides",
            "decided",
            "deciding",
            "refuse",
            "refuses",
            "refused",
            "refusing",
            "vow",
            "vows",
            "vowed",
            "vowing",
            "pledge",
            "pledges",
            "pledged",
            "pledging",
            "threaten",
            "threatens",
            "threatened",
            "threatening",
            "plan",
            "plans",
            "planned",
            "planning",
            "want",
            "wants",
            "wanted",
            "wanting",
            "seek",
            "seeks",
            "sought",
            "seeking",
            "try",
            "tries",
            "tried",
            "trying",
            "attempt",
            "attempts",
            "attempted",
            "attempting",
            "fail",
            "fails",
            "failed",
            "failing",
            "aim",
            "aims",
            "aimed",
            "aiming",
            "intend",
            "intends",
            "intended",
            "intending",
            "hope",
            "hopes",
            "hoped",
            "hoping",
            "prepare",
            "prepares",
            "prepared",
            "preparing",
            "vote",
            "votes",
            "voted",
            "voting",
            "opt",
            "opts",
            "opted",
            "opting",
            "choose",
            "chooses",
            "chose",
            "chosen",
            "choosing",
            "expect",
            "expects",
            "expected",
            "expecting",
            "begin",
            "begins",
            "began",
            "begun",
            "beginning",
            "continue",
            "continues",
            "continued",
            "continuing",
            "resolve",
            "resolved",
            "resolves",
            "scramble",
            "scrambled",
            "rush",
            "rushed",
        ];
        let (Some(vb), Some(to)) = (self.base_verb, self.infinitive_to) else {
            return;
        };
        for i in 2..tags.len().min(forms.len()) {
            if self.xpos(tags[i]) == "NN"
                && forms[i].chars().all(|c| c.is_ascii_lowercase())
                && one_of(forms.get(i - 1), &["to"])
                && one_of(forms.get(i - 2), TAKING_INFINITIVES)
            {
                tags[i] = vb;
                tags[i - 1] = to;
            }
        }
    }

    /// "demanded that the military release all detainees", "urged that
    /// ECOWAS lift sanctions": after a verb of demanding and "that", the
    /// verb of the demand keeps its base form, which the tagger, seldom
    /// shown it in treebank English, reads as a noun or an adjective
    /// after its subject. Between "that" and the word a noun phrase must
    /// stand, and after it what opens an object or a phrase.
    fn mandative_subjunctive(&self, forms: &[&str], tags: &mut [u16]) {
        const DEMANDING: &[&str] = &[
            "demand",
            "demanded",
            "demands",
            "demanding",
            "urge",
            "urged",
            "urges",
            "urging",
            "insist",
            "insisted",
            "insists",
            "insisting",
            "ask",
            "asked",
            "asks",
            "asking",
            "recommend",
            "recommended",
            "recommends",
            "propose",
            "proposed",
            "proposes",
            "require",
            "required",
            "requires",
            "request",
            "requested",
            "requests",
        ];
        const NOUN_ENDINGS: &[&str] = &[
            "s", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship",
            "ist", "ian", "ous", "ive", "al", "ic", "ary", "ful", "less", "ly", "er",
        ];
        let Some(vb) = self.base_verb else {
            return;
        };
        let xpos = |tags: &[u16], i: usize| tags.get(i).map_or("", |&t| self.xpos(t));
        for j in 1..tags.len() {
            if !(one_of(forms.get(j), &["that"]) && one_of(forms.get(j - 1), DEMANDING)) {
                continue;
            }
            // The subject: determiners, adjectives and nouns, a noun or
            // pronoun last; then the misread verb.
            let mut head_seen = false;
            for k in j + 1..(j + 7).min(tags.len()) {
                let tag = xpos(tags, k);
                let form = forms.get(k).copied().unwrap_or("");
                let lower = form.to_lowercase();
                // "the military release": an adjective after a determiner
                // may head the subject itself.
                let adjective_head =
                    k >= j + 3 && xpos(tags, k - 1) == "JJ" && xpos(tags, k - 2) == "DT";
                let verb_like = (head_seen || adjective_head)
                    && matches!(tag, "NN" | "JJ" | "JJS" | "JJR")
                    && form.chars().all(|c| c.is_ascii_lowercase())
                    && !NOUN_ENDINGS.iter().any(|e| lower.ends_with(e));
                let next = xpos(tags, k + 1);
                // Not "of": "insisting that the preeminent threat of
                // terrorism" is a noun's phrase.
                let opens = !one_of(forms.get(k + 1), &["of"])
                    && matches!(
                        next,
                        "DT" | "PDT"
                            | "PRP$"
                            | "PRP"
                            | "JJ"
                            | "NNS"
                            | "NNP"
                            | "NNPS"
                            | "CD"
                            | "IN"
                            | "TO"
                            | "RB"
                            | "RP"
                            | "CC"
                            | "VBG"
                    );
                // After a singular common noun the word may be the last
                // of a compound ("that small package service between"):
                // only a plain object after it tells a verb.
                let after_common = xpos(tags, k - 1) == "NN";
                let object_follows = matches!(
                    next,
                    "DT" | "PDT" | "PRP$" | "PRP" | "NNS" | "NNP" | "NNPS" | "CD"
                );
                if verb_like && opens && (!after_common || object_follows) {
                    tags[k] = vb;
                    break;
                }
                match tag {
                    "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "CD" => head_seen = true,
                    "DT" | "PRP$" | "JJ" | "POS" => {}
                    _ => break,
                }
            }
        }
    }

    /// "Nakasone today called for", "one official today described": in
    /// news a subject often stands right before the day of its verb, and
    /// the tagger, seldom shown that order, reads the subject as an
    /// adjective or a determiner. Before a day and a past verb, such a
    /// word is a noun, unless it dates the day ("last Friday").
    fn noun_before_day(&self, forms: &[&str], tags: &mut [u16]) {
        const DAYS: &[&str] = &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
            "tonight",
        ];
        const DATING: &[&str] = &[
            "last", "next", "this", "early", "late", "earlier", "later", "same", "previous",
            "that", "each", "every", "on", "by",
        ];
        let (Some(nnp), Some(nn)) = (self.proper_noun, self.common_noun) else {
            return;
        };
        let xpos = |tags: &[u16], i: usize| tags.get(i).map_or("", |&t| self.xpos(t));
        let is = |i: usize, words: &[&str]| one_of(forms.get(i), words);
        for i in 0..tags.len().saturating_sub(2) {
            let capitalised = forms
                .get(i)
                .and_then(|f| f.chars().next())
                .is_some_and(char::is_uppercase);
            // A name read as a determiner ("Whittaker today reported"),
            // not a relative pronoun ("which yesterday started").
            let misread = xpos(tags, i) == "JJ"
                || (xpos(tags, i) == "WDT" && capitalised && !is(i, &["which", "that", "what"]));
            if misread
                && is(i + 1, DAYS)
                && matches!(xpos(tags, i + 2), "VBD" | "VBN")
                && !is(i, DATING)
            {
                tags[i] = if capitalised { nnp } else { nn };
            }
        }
    }

    /// "Ukraine fired missiles", "they fired rockets": a past participle
    /// right after a subject and right before an object is a finite past
    /// tense. Treebank English seldom shows some verbs so ("fired" is
    /// mostly "got fired" there), and the tagger follows the word; a reduced
    /// relative ("the shells fired at Seoul") has no object after it, and
    /// an auxiliary before it makes a real participle ("has fired").
    fn finite_past(&self, forms: &[&str], tags: &mut [u16]) {
        const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];
        const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us"];
        const AUXILIARIES: &[&str] = &[
            "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being",
            "get", "gets", "got", "getting", "'s", "'ve", "'d", "'re",
        ];
        // "the missiles fired two days ago": a time phrase follows a
        // participle, not an object.
        const TIME: &[&str] = &[
            "ago", "earlier", "later", "before", "days", "weeks", "months", "years",
        ];
        const TIME_OPENERS: &[&str] = &[
            "last",
            "next",
            "this",
            "overnight",
            "today",
            "yesterday",
            "tonight",
            "early",
            "late",
            "earlier",
            "later",
            "recent",
            "previous",
            "same",
        ];
        let Some(vbd) = self.past_tense else {
            return;
        };
        let xpos = |tags: &[u16], i: usize| tags.get(i).map_or("", |&t| self.xpos(t));
        for i in 1..tags.len() {
            if xpos(tags, i) != "VBN" {
                continue;
            }
            let subject = match xpos(tags, i - 1) {
                "PRP" => one_of(forms.get(i - 1), SUBJECT_PRONOUNS),
                "NNP" | "NNPS" | "NNS" | "NN" => true,
                _ => false,
            };
            // "arrested Russian students", "fired artillery": an
            // adjective or a bare noun opens an object too, unless it is
            // a time ("the drones launched overnight", "fired last week").
            let object = matches!(
                xpos(tags, i + 1),
                "DT" | "PRP$" | "CD" | "NNS" | "NNP" | "NNPS"
            ) || (xpos(tags, i + 1) == "PRP"
                && one_of(forms.get(i + 1), OBJECT_PRONOUNS))
                || (matches!(xpos(tags, i + 1), "JJ" | "NN")
                    && !one_of(forms.get(i + 1), TIME_OPENERS));
            let auxiliary = forms
                .get(i.saturating_sub(4)..i)
                .is_some_and(|before| before.iter().any(|f| one_of(Some(f), AUXILIARIES)));
            if subject && object && !auxiliary && !one_of(forms.get(i + 2), TIME) {
                tags[i] = vbd;
            }
        }
    }

    /// The VERB/VBD class, if the tagger has one.
    pub fn past_tense(&self) -> Option<u16> {
        self.past_tense
    }

    pub fn upos(&self, class: u16) -> &str {
        self.upos.get(class as usize).map_or("X", String::as_str)
    }

    pub fn xpos(&self, class: u16) -> &str {
        self.xpos.get(class as usize).map_or("_", String::as_str)
    }

    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    pub fn train(sentences: &[TaggedSentence], epochs: usize, seed: u64, runs: usize) -> Tagger {
        // Classes.
        let mut class_ids: HashMap<String, u16> = HashMap::new();
        let mut classes: Vec<String> = Vec::new();
        let mut gold: Vec<Vec<u16>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut ids = Vec::with_capacity(s.tags.len());
            for (u, x) in &s.tags {
                let key = format!("{u}\t{x}");
                let id = *class_ids.entry(key.clone()).or_insert_with(|| {
                    classes.push(key);
                    (classes.len() - 1) as u16
                });
                ids.push(id);
            }
            gold.push(ids);
        }
        let atoms: Vec<Vec<TokenAtoms>> = sentences
            .iter()
            .map(|s| s.forms.iter().map(|f| TokenAtoms::new(f)).collect())
            .collect();
        let ambiguity_map = build_ambiguity(&atoms, &gold);
        let amb: Vec<Vec<u64>> = atoms
            .iter()
            .map(|a| {
                let mut v = Vec::new();
                ambiguity(&ambiguity_map, a, &mut v);
                v
            })
            .collect();
        let data = PassData {
            forms: sentences
                .iter()
                .map(|s| s.forms.iter().map(String::as_str).collect())
                .collect(),
            atoms,
            amb,
            gold,
        };
        let all: Vec<usize> = (0..sentences.len()).collect();
        let n = classes.len();
        let weights = Pass {
            data: &data,
            subset: &all,
            n_classes: n,
            right: None,
            epochs,
        }
        .train(seed, runs);
        // The second pass learns from first-pass tags of held-out folds, so
        // it sees first-pass errors like those it will meet.
        const FOLDS: usize = 3;
        let mut first: Vec<Vec<u16>> = vec![Vec::new(); sentences.len()];
        for fold in 0..FOLDS {
            let part: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != fold).collect();
            let w = Pass {
                data: &data,
                subset: &part,
                n_classes: n,
                right: None,
                epochs,
            }
            .train(seed + 1 + fold as u64, runs);
            for si in all.iter().copied().filter(|i| i % FOLDS == fold) {
                let mut out = Vec::new();
                tag_pass(
                    &w,
                    &data.forms[si],
                    &data.atoms[si],
                    &data.amb[si],
                    None,
                    &[],
                    &mut out,
                );
                first[si] = out;
            }
        }
        let second = Pass {
            data: &data,
            subset: &all,
            n_classes: n,
            right: Some(&first),
            epochs,
        }
        .train(seed + 100, runs);
        Self::assemble(classes, ambiguity_map, weights, second)
    }

    fn assemble(
        classes: Vec<String>,
        ambiguity: AmbiguityMap,
        weights: Weights,
        second: Weights,
    ) -> Tagger {
        let split = |c: &String, k: usize| c.split('\t').nth(k).unwrap_or("_").to_string();
        let class = |name: &str| {
            classes
                .iter()
                .position(|c| c == name)
                .and_then(|c| u16::try_from(c).ok())
        };
        let past_tense = class("VERB\tVBD");
        let base_verb = class("VERB\tVB");
        let proper_noun = class("PROPN\tNNP");
        let common_noun = class("NOUN\tNN");
        let modal = class("AUX\tMD");
        let plural_noun = class("NOUN\tNNS");
        let proper_plural = class("PROPN\tNNPS");
        let infinitive_to = class("PART\tTO");
        let participle = class("VERB\tVBN");
        let aux_have = [
            class("AUX\tVB"),
            class("AUX\tVBZ"),
            class("AUX\tVBP"),
            class("AUX\tVBD"),
        ];
        Tagger {
            upos: classes.iter().map(|c| split(c, 0)).collect(),
            xpos: classes.iter().map(|c| split(c, 1)).collect(),
            classes,
            ambiguity,
            weights,
            second,
            past_tense,
            base_verb,
            proper_noun,
            common_noun,
            modal,
            plural_noun,
            proper_plural,
            infinitive_to,
            aux_have,
            participle,
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.strings(&self.classes);
        let mut amb: Vec<(&u64, &u64)> = self.ambiguity.iter().collect();
        amb.sort();
        w.u32(amb.len() as u32);
        for (k, v) in amb {
            w.u64(*k);
            w.u64(*v);
        }
        self.weights.write(w);
        self.second.write(w);
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Tagger, ModelError> {
        let classes = r.strings()?;
        let n = r.u32()? as usize;
        let mut ambiguity = AmbiguityMap::default();
        ambiguity.reserve(n.min(1 << 22));
        for _ in 0..n {
            let k = r.u64()?;
            ambiguity.insert(k, r.u64()?);
        }
        let weights = Weights::read(r)?;
        let second = Weights::read(r)?;
        if weights.n_classes() != classes.len() || second.n_classes() != classes.len() {
            return Err(ModelError::Corrupt(
                "tagger weights do not match its classes".into(),
            ));
        }
        Ok(Self::assemble(classes, ambiguity, weights, second))
    }
}
