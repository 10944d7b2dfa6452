//! Transition-based dependency parser: the arc-hybrid system (Kuhlmann et
//! al. 2011) with an averaged perceptron, trained with a dynamic oracle and
//! exploration (Goldberg & Nivre 2013). Labelled transitions produce
//! Universal Dependencies relations with subtypes. Greedy decoding is linear
//! in sentence length: each word is shifted once and reduced once.
//!
//! Word indices are 1-based; 0 is the artificial root, which sits at the
//! bottom of the stack and takes exactly one dependent (the last transition).

use crate::atoms::{TokenAtoms, NONE};
use crate::codec::{Reader, Writer};
use crate::perceptron::{argmax, feature, TrainWeights, Weights};
use crate::{ModelError, Rng};

const NO_HEAD: usize = usize::MAX;
const MAX_FEATS: usize = 120;

/// A transition: 0 = SHIFT, 1 + 2l = LEFT-ARC with label l, 2 + 2l = RIGHT-ARC.
type Action = usize;
const SHIFT: Action = 0;

/// Parser state. Child slots keep the two outermost children on each side
/// (for features) and counts (valency).
struct State {
    n: usize,
    stack: Vec<usize>,
    next: usize,
    heads: Vec<usize>,
    labels: Vec<u16>,
    left1: Vec<usize>,
    left2: Vec<usize>,
    right1: Vec<usize>,
    right2: Vec<usize>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            next: 1,
            heads: vec![NO_HEAD; n + 1],
            labels: vec![0; n + 1],
            left1: vec![0; n + 1],
            left2: vec![0; n + 1],
            right1: vec![0; n + 1],
            right2: vec![0; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
            left_labels: vec![0; n + 1],
            right_labels: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    fn b(&self, k: usize) -> Option<usize> {
        let i = self.next + k;
        (i <= self.n).then_some(i)
    }

    fn can_shift(&self) -> bool {
        self.next <= self.n
    }

    fn can_left(&self) -> bool {
        self.stack.len() >= 2 && self.next <= self.n
    }

    fn can_right(&self) -> bool {
        // The root takes its one dependent only when nothing else is left.
        self.stack.len() >= 3 || (self.stack.len() == 2 && self.next > self.n)
    }

    fn valid(&self, action: Action) -> bool {
        match action {
            SHIFT => self.can_shift(),
            a if a % 2 == 1 => self.can_left(),
            _ => self.can_right(),
        }
    }

    fn add_arc(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label as u16;
        let bit = 1u64 << (label % 64);
        if dep < head {
            if self.left1[head] == 0 || dep < self.left1[head] {
                self.left2[head] = self.left1[head];
                self.left1[head] = dep;
            } else if self.left2[head] == 0 || dep < self.left2[head] {
                self.left2[head] = dep;
            }
            self.n_left[head] = self.n_left[head].saturating_add(1);
            self.left_labels[head] |= bit;
        } else {
            if dep > self.right1[head] {
                self.right2[head] = self.right1[head];
                self.right1[head] = dep;
            } else if dep > self.right2[head] {
                self.right2[head] = dep;
            }
            self.n_right[head] = self.n_right[head].saturating_add(1);
            self.right_labels[head] |= bit;
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            a => {
                let label = (a - 1) / 2;
                let Some(s0) = self.stack.pop() else { return };
                if a % 2 == 1 {
                    let head = self.next;
                    self.add_arc(head, s0, label);
                } else if let Some(&s1) = self.stack.last() {
                    self.add_arc(s1, s0, label);
                }
            }
        }
    }
}

/// Gold tree for the oracle.
struct Gold<'a> {
    heads: &'a [usize],
    labels: &'a [u16],
}

impl Gold<'_> {
    /// Cost of each action: gold arcs it makes unreachable (plus one for a
    /// wrong label on a correct arc).
    fn costs(&self, st: &State, n_actions: usize, costs: &mut [u32]) {
        let n = st.n;
        let s0 = st.s(0).filter(|&s| s != 0);
        let s1 = st.s(1);
        let b0 = st.b(0);
        let in_buffer = |i: usize| i >= st.next && i <= n;
        let deps_in_buffer =
            |h: usize| (st.next..=n).filter(|&d| self.heads[d] == h).count() as u32;
        // SHIFT
        let shift_cost = match b0 {
            Some(b) => {
                let head_lost = {
                    let g = self.heads[b];
                    g != 0 && Some(g) != s0 && st.stack.contains(&g)
                };
                let deps_lost = st
                    .stack
                    .iter()
                    .filter(|&&d| d != 0 && self.heads[d] == b)
                    .count() as u32;
                u32::from(head_lost) + deps_lost
            }
            None => u32::MAX,
        };
        let (left_base, left_gold_label) = match (s0, b0) {
            (Some(s), Some(b)) => {
                let g = self.heads[s];
                let head_lost = g != b && (Some(g) == s1 || g == 0 || in_buffer(g));
                let c = u32::from(head_lost) + deps_in_buffer(s);
                (c, (g == b).then(|| self.labels[s] as usize))
            }
            _ => (u32::MAX, None),
        };
        let (right_base, right_gold_label) = match (s0, s1) {
            (Some(s), Some(h)) if st.can_right() => {
                let g = self.heads[s];
                let head_lost = g != h && (in_buffer(g) || g == 0);
                let c = u32::from(head_lost) + deps_in_buffer(s);
                (c, (g == h).then(|| self.labels[s] as usize))
            }
            _ => (u32::MAX, None),
        };
        costs[SHIFT] = shift_cost;
        for (a, cost) in costs.iter_mut().enumerate().take(n_actions).skip(1) {
            let label = (a - 1) / 2;
            let (base, gold_label) = if a % 2 == 1 {
                (left_base, left_gold_label)
            } else {
                (right_base, right_gold_label)
            };
            *cost = if base == u32::MAX {
                u32::MAX
            } else {
                base + u32::from(gold_label.is_some_and(|g| g != label))
            };
        }
    }
}

/// Per-sentence inputs to the feature extractor.
pub struct SentenceView<'a> {
    /// Atoms per word, index 0 = root.
    pub atoms: &'a [TokenAtoms],
    /// Tag class per word, index 0 = root.
    pub tags: &'a [u64],
    /// Number of punctuation words before each index.
    pub punct_before: &'a [u32],
}

/// Prefix counts of punctuation words for [`SentenceView::punct_before`].
pub fn punct_counts(atoms: &[TokenAtoms]) -> Vec<u32> {
    let mut out = Vec::with_capacity(atoms.len() + 1);
    let mut n = 0u32;
    for (i, a) in atoms.iter().enumerate() {
        out.push(n);
        if i > 0 && a.flags & 16 != 0 {
            n += 1;
        }
    }
    out.push(n);
    out
}

const ROOT_ATOM: u64 = 0x7007;

/// Features of a parser state. Hot: per transition.
fn features(v: &SentenceView<'_>, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let w = |i: Option<usize>| match i {
        Some(0) => ROOT_ATOM,
        Some(i) => v.atoms[i].lower,
        None => NONE,
    };
    let t = |i: Option<usize>| match i {
        Some(0) => ROOT_ATOM,
        Some(i) => v.tags[i],
        None => NONE,
    };
    let sfx = |i: Option<usize>| match i {
        Some(i) if i > 0 => v.atoms[i].suffix[2],
        _ => NONE,
    };
    let lab = |i: Option<usize>| i.map_or(NONE, |i| u64::from(st.labels[i]) + 1);
    let kid = |slot: &[usize], i: Option<usize>| i.and_then(|i| Some(slot[i]).filter(|&c| c != 0));
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.b(0), st.b(1), st.b(2));
    let s0l = kid(&st.left1, s0);
    let s0r = kid(&st.right1, s0);
    let s0l2 = kid(&st.left2, s0);
    let s0r2 = kid(&st.right2, s0);
    let s1l = kid(&st.left1, s1);
    let s1r = kid(&st.right1, s1);
    let b0l = kid(&st.left1, b0);
    let b0l2 = kid(&st.left2, b0);
    let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) =
        (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
    let (s2t, b2t) = (t(s2), t(b2));
    let dist = match (s0, b0) {
        (Some(a), Some(b)) => (b - a).min(6) as u64,
        _ => 0,
    };
    let dist_s1 = match (s1, s0) {
        (Some(a), Some(b)) if b > a => (b - a).min(6) as u64,
        _ => 0,
    };
    let punct_between = match (s0, b0) {
        (Some(a), Some(b)) if b > a => {
            u64::from((v.punct_before[b] - v.punct_before[a + 1]).min(2))
        }
        _ => 9,
    };
    let val = |counts: &[u8], i: Option<usize>| i.map_or(NONE, |i| u64::from(counts[i].min(4)));
    let labs = |sets: &[u64], i: Option<usize>| i.map_or(NONE, |i| sets[i]);
    let f = [
        // Single positions.
        feature(1, &[s0w]),
        feature(2, &[s0t]),
        feature(3, &[s0w, s0t]),
        feature(4, &[s1w]),
        feature(5, &[s1t]),
        feature(6, &[s1w, s1t]),
        feature(7, &[b0w]),
        feature(8, &[b0t]),
        feature(9, &[b0w, b0t]),
        feature(10, &[b1w]),
        feature(11, &[b1t]),
        feature(12, &[b1w, b1t]),
        feature(13, &[b2t]),
        feature(14, &[s2t]),
        feature(15, &[sfx(s0)]),
        feature(16, &[sfx(b0)]),
        // Pairs.
        feature(20, &[s0w, s0t, b0w, b0t]),
        feature(21, &[s0w, s0t, b0w]),
        feature(22, &[s0w, b0w, b0t]),
        feature(23, &[s0w, s0t, b0t]),
        feature(24, &[s0t, b0w, b0t]),
        feature(25, &[s0w, b0w]),
        feature(26, &[s0t, b0t]),
        feature(27, &[b0t, b1t]),
        feature(28, &[s1t, s0t]),
        feature(29, &[s1w, s0w]),
        feature(30, &[s1t, b0t]),
        feature(31, &[s1w, s0t]),
        feature(32, &[s1t, s0w]),
        feature(33, &[b0w, b1t]),
        feature(34, &[b0t, b1w]),
        // Triples of tags.
        feature(40, &[b0t, b1t, b2t]),
        feature(41, &[s0t, b0t, b1t]),
        feature(42, &[s1t, s0t, b0t]),
        feature(43, &[s2t, s1t, s0t]),
        feature(44, &[s0t, t(s0l), b0t]),
        feature(45, &[s0t, t(s0r), b0t]),
        feature(46, &[s1t, s0t, t(s0l)]),
        feature(47, &[s1t, s0t, t(s0r)]),
        feature(48, &[s0t, b0t, t(b0l)]),
        feature(49, &[s1t, t(s1r), s0t]),
        feature(50, &[s1t, t(s1l), s0t]),
        feature(51, &[s0t, t(s0l), t(s0l2)]),
        feature(52, &[s0t, t(s0r), t(s0r2)]),
        feature(53, &[b0t, t(b0l), t(b0l2)]),
        // Distance.
        feature(60, &[s0w, dist]),
        feature(61, &[s0t, dist]),
        feature(62, &[b0w, dist]),
        feature(63, &[b0t, dist]),
        feature(64, &[s0w, b0w, dist]),
        feature(65, &[s0t, b0t, dist]),
        feature(66, &[s1t, s0t, dist_s1]),
        // Valency.
        feature(70, &[s0w, val(&st.n_left, s0)]),
        feature(71, &[s0t, val(&st.n_left, s0)]),
        feature(72, &[s0w, val(&st.n_right, s0)]),
        feature(73, &[s0t, val(&st.n_right, s0)]),
        feature(74, &[b0w, val(&st.n_left, b0)]),
        feature(75, &[b0t, val(&st.n_left, b0)]),
        feature(76, &[s1t, val(&st.n_right, s1)]),
        // Children.
        feature(80, &[w(s0l)]),
        feature(81, &[t(s0l)]),
        feature(82, &[lab(s0l)]),
        feature(83, &[w(s0r)]),
        feature(84, &[t(s0r)]),
        feature(85, &[lab(s0r)]),
        feature(86, &[t(s0l2), lab(s0l2)]),
        feature(87, &[t(s0r2), lab(s0r2)]),
        feature(88, &[w(b0l)]),
        feature(89, &[t(b0l)]),
        feature(90, &[lab(b0l)]),
        feature(91, &[t(b0l2), lab(b0l2)]),
        feature(92, &[t(s1l), lab(s1l)]),
        feature(93, &[t(s1r), lab(s1r)]),
        feature(94, &[s0t, lab(s0l), lab(s0l2)]),
        feature(95, &[s0t, lab(s0r), lab(s0r2)]),
        feature(96, &[b0t, lab(b0l), lab(b0l2)]),
        // Label sets.
        feature(100, &[s0t, labs(&st.left_labels, s0)]),
        feature(101, &[s0t, labs(&st.right_labels, s0)]),
        feature(102, &[b0t, labs(&st.left_labels, b0)]),
        feature(103, &[s0w, labs(&st.right_labels, s0)]),
        // Root proximity and sentence end.
        feature(
            110,
            &[s0t, u64::from(s1 == Some(0)), u64::from(b0.is_none())],
        ),
        feature(111, &[b0t, u64::from(st.stack.len() == 1)]),
        // Punctuation between s0 and b0; more word combinations.
        feature(120, &[s0t, b0t, punct_between]),
        feature(121, &[b0w, b1w]),
        feature(122, &[s0w, s1t, b0t]),
        feature(123, &[s0t, b0w, b1t]),
        feature(124, &[s1w, b0w]),
        feature(125, &[sfx(s0), b0t]),
        feature(126, &[s0t, sfx(b0)]),
        feature(127, &[w(b2)]),
        feature(128, &[s1t, s0t, punct_between]),
        // Bilexical: a head with its outermost dependents.
        feature(130, &[s0w, w(s0l)]),
        feature(131, &[s0w, w(s0r)]),
        feature(132, &[b0w, w(b0l)]),
        feature(133, &[s0w, lab(s0l), b0t]),
        feature(134, &[s1w, w(s1r)]),
        feature(135, &[s0t, w(s0r), b0w]),
    ];
    out.extend_from_slice(&f);
}

/// A training sentence for the parser: forms, tag class ids, gold heads
/// and labels (1-based; index 0 unused).
pub struct ParseExample {
    pub atoms: Vec<TokenAtoms>,
    pub tags: Vec<u64>,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

pub struct Parser {
    labels: Vec<String>,
    weights: Weights,
}

/// Training settings.
pub struct ParserTraining {
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following the model's own wrong prediction, from
    /// epoch `explore_after` (0-based) on.
    pub explore: f64,
    pub explore_after: usize,
    /// Models trained, each on its own order of the data; the parser keeps
    /// their mean weights.
    pub runs: usize,
    /// Mean weights smaller than this are dropped. In the mean of several
    /// runs many features carry only a share of one run's weight: 0.4
    /// keeps a three-run model at the size of a one-run model (0.01).
    pub min_weight: f32,
}

impl Parser {
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// Parses one sentence. `view` has index 0 for the root; returns heads
    /// and label ids for words 1..=n (index 0 unused).
    pub fn parse(&self, view: &SentenceView<'_>, heads: &mut Vec<usize>, labels: &mut Vec<u16>) {
        let n = view.atoms.len().saturating_sub(1);
        let mut st = State::new(n);
        let n_actions = self.weights.n_classes();
        let mut scores = vec![0f32; n_actions];
        let mut feats = Vec::with_capacity(MAX_FEATS);
        while !st.done() {
            features(view, &st, &mut feats);
            self.weights.score(&feats, &mut scores);
            let action = argmax(&scores, |a| st.valid(a)).unwrap_or(SHIFT);
            if !st.valid(action) {
                break;
            }
            st.apply(action);
        }
        heads.clear();
        labels.clear();
        heads.extend(st.heads.iter().map(|&h| if h == NO_HEAD { 0 } else { h }));
        labels.extend_from_slice(&st.labels);
    }

    /// Trains on `examples`; `on_epoch` is told each run's and epoch's
    /// number.
    pub fn train(
        examples: &[ParseExample],
        labels: Vec<String>,
        settings: &ParserTraining,
        mut on_epoch: impl FnMut(usize, usize),
    ) -> Parser {
        let n_actions = 1 + 2 * labels.len();
        let weights = TrainWeights::mean_of_runs(
            settings.runs,
            settings.seed,
            2,
            settings.min_weight,
            |run, seed| {
                Self::train_run(examples, n_actions, seed, settings, &mut |epoch| {
                    on_epoch(run, epoch)
                })
            },
        );
        Parser { labels, weights }
    }

    /// One training run from `seed`.
    fn train_run(
        examples: &[ParseExample],
        n_actions: usize,
        seed: u64,
        settings: &ParserTraining,
        on_epoch: &mut dyn FnMut(usize),
    ) -> TrainWeights {
        let mut weights = TrainWeights::new(n_actions);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut feats = Vec::with_capacity(MAX_FEATS);
        let mut scores = vec![0f32; n_actions];
        let mut costs = vec![0u32; n_actions];
        for epoch in 0..settings.epochs {
            rng.shuffle(&mut order);
            for &ei in &order {
                let ex = &examples[ei];
                let n = ex.atoms.len() - 1;
                let punct = punct_counts(&ex.atoms);
                let view = SentenceView {
                    atoms: &ex.atoms,
                    tags: &ex.tags,
                    punct_before: &punct,
                };
                let gold = Gold {
                    heads: &ex.heads,
                    labels: &ex.labels,
                };
                let mut st = State::new(n);
                while !st.done() {
                    features(&view, &st, &mut feats);
                    weights.score(&feats, &mut scores);
                    gold.costs(&st, n_actions, &mut costs);
                    let Some(guess) = argmax(&scores, |a| st.valid(a)) else {
                        break;
                    };
                    let min_cost = (0..n_actions)
                        .filter(|&a| st.valid(a))
                        .map(|a| costs[a])
                        .min()
                        .unwrap_or(0);
                    let Some(best) = argmax(&scores, |a| st.valid(a) && costs[a] == min_cost)
                    else {
                        break;
                    };
                    // Counted in the first epoch only: pruning keeps
                    // features seen at least twice in the data.
                    if epoch == 0 {
                        weights.count(&feats);
                    }
                    if costs[guess] != min_cost {
                        weights.update(&feats, best, guess);
                    }
                    weights.tick();
                    let follow = if epoch >= settings.explore_after
                        && costs[guess] != min_cost
                        && rng.next_f64() < settings.explore
                    {
                        guess
                    } else {
                        best
                    };
                    st.apply(follow);
                }
            }
            on_epoch(epoch);
        }
        weights
    }

    pub fn write(&self, w: &mut Writer) {
        w.strings(&self.labels);
        self.weights.write(w);
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Parser, ModelError> {
        let labels = r.strings()?;
        let weights = Weights::read(r)?;
        if weights.n_classes() != 1 + 2 * labels.len() {
            return Err(ModelError::Corrupt(
                "parser weights do not match its labels".into(),
            ));
        }
        Ok(Parser { labels, weights })
    }
}

/// The actions that rebuild a projective gold tree, if the arc-hybrid
/// system can (used to test the oracle).
pub fn oracle_actions(heads: &[usize], labels: &[u16], n_labels: usize) -> Option<Vec<Action>> {
    let n = heads.len().checked_sub(1)?;
    let gold = Gold { heads, labels };
    let n_actions = 1 + 2 * n_labels;
    let mut costs = vec![0u32; n_actions];
    let mut st = State::new(n);
    let mut actions = Vec::with_capacity(2 * n);
    while !st.done() {
        gold.costs(&st, n_actions, &mut costs);
        let a = (0..n_actions).find(|&a| st.valid(a) && costs[a] == 0)?;
        st.apply(a);
        actions.push(a);
    }
    let rebuilt_ok = (1..=n).all(|i| st.heads[i] == heads[i] && st.labels[i] == labels[i]);
    rebuilt_ok.then_some(actions)
}

/// Whether a tree (1-based heads, index 0 unused) is projective.
pub fn is_projective(heads: &[usize]) -> bool {
    let n = heads.len().saturating_sub(1);
    for d in 1..=n {
        let h = heads[d];
        let (lo, hi) = if h < d { (h, d) } else { (d, h) };
        for k in lo + 1..hi {
            // Every word between must be dominated by h.
            let mut a = k;
            let mut steps = 0;
            while a != h && a != 0 && steps <= n {
                a = heads[a];
                steps += 1;
            }
            if a != h {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_depend_on_exactly_their_positions() {
        let forms = ["Iran", "recalled", "its", "ambassador", "from", "Baku", "."];
        let mut atoms = vec![TokenAtoms::default()];
        atoms.extend(forms.iter().map(|f| TokenAtoms::new(f)));
        let tags: Vec<u64> = (0..=forms.len() as u64).collect();
        let punct = punct_counts(&atoms);
        let view = SentenceView {
            atoms: &atoms,
            tags: &tags,
            punct_before: &punct,
        };
        let mut st = State::new(forms.len());
        st.apply(SHIFT); // stack: root, Iran; buffer: recalled ...
        let mut a = Vec::new();
        features(&view, &st, &mut a);
        let mut again = Vec::new();
        features(&view, &st, &mut again);
        assert_eq!(a, again, "deterministic");
        assert!(a.len() > 80 && a.len() <= MAX_FEATS);
        // b2 is "ambassador" (index 4): change only its tag.
        let mut tags2 = tags.clone();
        tags2[4] = 99;
        let view2 = SentenceView {
            atoms: &atoms,
            tags: &tags2,
            punct_before: &punct,
        };
        let mut b = Vec::new();
        features(&view2, &st, &mut b);
        let changed = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        assert_eq!(changed, 2, "only the b2 tag templates change");
    }

    #[test]
    fn oracle_rebuilds_projective_trees() {
        // "Iran recalled its envoy ." : recalled is root.
        let heads = [0, 2, 0, 4, 2, 2];
        let labels = [0, 1, 0, 2, 3, 4];
        let actions = oracle_actions(&heads, &labels, 5);
        assert!(actions.is_some());
        assert_eq!(actions.map(|a| a.len()), Some(10));
        assert!(is_projective(&heads));
        assert!(!is_projective(&[0, 3, 4, 0, 3]));
    }
}
