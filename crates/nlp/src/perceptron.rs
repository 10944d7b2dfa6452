//! Averaged perceptron weights over hashed features: a sparse trainable
//! table, and the compact frozen table the tagger and parser use at run
//! time (open addressing over 64-bit feature keys; one short list of
//! (class, weight) pairs per feature).

use crate::codec::{Reader, Writer};
use crate::ModelError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes one feature: its template number and up to four atoms (already
/// hashed words, tag ids, distances). Hot: called per feature.
#[inline]
pub fn feature(template: u32, atoms: &[u64]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ u64::from(template).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    for &a in atoms {
        h = (h ^ a).wrapping_mul(0x0000_0100_0000_01B3).rotate_left(29);
        h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h ^ (h >> 31)
}

/// Hashes a string atom (a word form or lemma). Hot: once per token.
#[inline]
pub fn string_atom(s: &str) -> u64 {
    // FNV-1a: simple and good enough ahead of `feature`'s mixing.
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// Keys are already hashes; do not hash them again.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// Trainable weights: sparse, averaged lazily.
pub struct TrainWeights {
    n_classes: usize,
    table: KeyMap<Vec<Entry>>,
    counts: KeyMap<u32>,
    step: u32,
}

impl TrainWeights {
    pub fn new(n_classes: usize) -> Self {
        TrainWeights {
            n_classes,
            table: KeyMap::default(),
            counts: KeyMap::default(),
            step: 0,
        }
    }

    /// Adds each feature's class weights into `scores` (length n_classes).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.table.get(f) {
                for e in row {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Counts how often each feature occurs in gold configurations (for
    /// pruning rare features when freezing).
    pub fn count(&mut self, feats: &[u64]) {
        for &f in feats {
            *self.counts.entry(f).or_insert(0) += 1;
        }
    }

    /// One training example seen.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Perceptron update: reward `truth`, penalise `guess`.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let step = self.step;
        for &f in feats {
            let row = self.table.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.total += f64::from(e.weight) * f64::from(step - e.stamp);
                        e.stamp = step;
                        e.weight += delta;
                    }
                    None => row.push(Entry {
                        class,
                        weight: delta,
                        total: 0.0,
                        stamp: step,
                    }),
                }
            }
        }
    }

    /// Trains `runs` models (at least one) with `train`, told each run's
    /// number and seed (run k from `seed + 1000 k`, so each sees its own
    /// order of the data), and freezes their mean as
    /// [`TrainWeights::freeze_mean`] does.
    pub fn mean_of_runs(
        runs: usize,
        seed: u64,
        min_count: u32,
        min_abs: f32,
        mut train: impl FnMut(usize, u64) -> TrainWeights,
    ) -> Weights {
        let models = (0..runs.max(1))
            .map(|run| train(run, seed.wrapping_add(1000 * run as u64)))
            .collect();
        Self::freeze_mean(models, min_count, min_abs)
    }

    /// The mean of several models' averaged weights (the same classes,
    /// trained on different orders of the data), frozen for prediction.
    /// Each model first drops its features seen fewer than `min_count`
    /// times; then mean weights smaller than `min_abs` are dropped.
    pub fn freeze_mean(models: Vec<TrainWeights>, min_count: u32, min_abs: f32) -> Weights {
        let n_classes = models.first().map_or(0, |m| m.n_classes);
        let share = 1.0 / models.len().max(1) as f64;
        let mut sums: KeyMap<Vec<(u16, f64)>> = KeyMap::default();
        for model in models {
            let step = f64::from(model.step.max(1));
            for (key, row) in model.table {
                if model.counts.get(&key).copied().unwrap_or(0) < min_count {
                    continue;
                }
                let sum = sums.entry(key).or_default();
                for e in row {
                    let total = e.total + f64::from(e.weight) * (step - f64::from(e.stamp));
                    let mean = total / step * share;
                    match sum.iter_mut().find(|(c, _)| *c == e.class) {
                        Some((_, v)) => *v += mean,
                        None => sum.push((e.class, mean)),
                    }
                }
            }
        }
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(sums.len());
        for (key, row) in sums {
            let mut kept: Vec<(u16, f32)> = row
                .into_iter()
                .map(|(c, v)| (c, v as f32))
                .filter(|(_, w)| w.abs() >= min_abs)
                .collect();
            if !kept.is_empty() {
                kept.sort_by_key(|(c, _)| *c);
                rows.push((key, kept));
            }
        }
        rows.sort_by_key(|(k, _)| *k);
        Weights::from_rows(n_classes, &rows)
    }
}

/// One slot of the frozen table: a 32-bit feature key (0 = empty) and its
/// row of (class, weight) entries. 32-bit keys keep the model small; the
/// rare collision only merges two features' evidence.
///
/// Eight bytes, so that eight share a cache line: the row's start (24
/// bits) and length (8 bits; `DENSE` marks a dense row, whose start is
/// its row number) are packed into one word.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u32,
    packed: u32,
}

/// `Slot::len` of a dense row.
const DENSE: u32 = 0xFF;
/// Row starts must fit in 24 bits.
const MAX_START: u32 = 1 << 24;

impl Slot {
    fn new(key: u32, start: u32, len: u32) -> Slot {
        Slot {
            key,
            packed: (start << 8) | len.min(DENSE),
        }
    }

    #[inline]
    fn start(self) -> u32 {
        self.packed >> 8
    }

    #[inline]
    fn len(self) -> u32 {
        self.packed & 0xFF
    }
}

/// Frozen weights for prediction, quantised to 16 bits. Scores come out
/// scaled by a positive constant, which no argmax cares about.
pub struct Weights {
    n_classes: usize,
    slots: Vec<Slot>,
    mask: usize,
    /// Sparse rows, each contiguous: (class, quantised weight).
    entries: Vec<(u16, i16)>,
    /// Dense rows (n_classes weights each) for features with weights for
    /// many classes: a vectorised add beats scattered ones there.
    dense: Vec<i16>,
    scale: f32,
    n_features: usize,
}

/// A row of weights as stored: every class's weight, or only the
/// (class, weight) entries that are not zero.
enum Row<'w> {
    Dense(&'w [i16]),
    Sparse(&'w [(u16, i16)]),
}

#[inline]
fn slot_key(key: u64) -> u32 {
    // 0 marks an empty slot.
    ((key ^ (key >> 32)) as u32).max(1)
}

impl Weights {
    fn from_rows(n_classes: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let max_abs = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|(_, v)| v.abs()))
            .fold(0f32, f32::max)
            .max(1e-9);
        let scale = max_abs / 32767.0;
        let mut entries = Vec::new();
        let mut index = Vec::with_capacity(rows.len());
        for (key, row) in rows {
            let start = entries.len() as u32;
            for &(c, v) in row {
                let q = (v / scale).round() as i16;
                if q != 0 {
                    entries.push((c, q));
                }
            }
            let len = entries.len() as u32 - start;
            if len > 0 {
                index.push((slot_key(*key), start, len));
            }
        }
        Self::build(n_classes, index, entries, scale)
    }

    fn build(
        n_classes: usize,
        index: Vec<(u32, u32, u32)>,
        all: Vec<(u16, i16)>,
        scale: f32,
    ) -> Weights {
        let cap = (index.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        let mut entries = Vec::with_capacity(all.len());
        let mut dense = Vec::new();
        for &(key, start, len) in &index {
            let row = &all[start as usize..(start + len) as usize];
            // A row too long for the length byte, or past where 24 bits
            // reach in the sparse table, goes dense.
            let sparse_fits =
                len < DENSE && (entries.len() as u64 + u64::from(len)) < u64::from(MAX_START);
            let slot = if (len as usize) * 4 >= n_classes || !sparse_fits {
                let number = dense.len() / n_classes.max(1);
                if number as u64 >= u64::from(MAX_START) {
                    // Beyond any model this crate trains (16 M dense
                    // rows); such a feature is left out.
                    continue;
                }
                let at = dense.len();
                dense.resize(at + n_classes, 0i16);
                for &(c, v) in row {
                    dense[at + c as usize] = v;
                }
                Slot::new(key, number as u32, DENSE)
            } else {
                let at = entries.len() as u32;
                entries.extend_from_slice(row);
                Slot::new(key, at, len)
            };
            let mut i = (key as usize) & mask;
            while slots[i].key != 0 && slots[i].key != key {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
        Weights {
            n_classes,
            slots,
            mask,
            entries,
            dense,
            scale,
            n_features: index.len(),
        }
    }

    /// A slot's row where it is stored (empty if the slot points outside
    /// the table, which `build` never does).
    #[inline]
    fn row_of(&self, slot: Slot) -> Row<'_> {
        let start = slot.start() as usize;
        if slot.len() == DENSE {
            let at = start * self.n_classes;
            Row::Dense(self.dense.get(at..at + self.n_classes).unwrap_or_default())
        } else {
            let end = start + slot.len() as usize;
            Row::Sparse(self.entries.get(start..end).unwrap_or_default())
        }
    }

    /// The (class, weight) entries of a slot's row, dense or sparse.
    fn row(&self, slot: &Slot) -> Vec<(u16, i16)> {
        match self.row_of(*slot) {
            Row::Dense(row) => row
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .map(|(c, v)| (c as u16, *v))
                .collect(),
            Row::Sparse(row) => row.to_vec(),
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Adds each feature's class weights into `scores`. Hot: per token
    /// (tagger) and per transition (parser); no allocation.
    ///
    /// Memory-bound (profiled: most time goes to cache misses on slots and
    /// rows), so it works in three phases over a batch of features: ask
    /// for every feature's home slot, then probe the slots (by now on
    /// their way) and ask for the rows found, then add the rows. A miss
    /// no longer waits for the one before it.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        // Sums in integers: no conversion per weight, and exact (a
        // feature vector's sum stays far below 2^24, so the f32 scores
        // are the same numbers).
        let mut stack = [0i32; 256];
        let mut heap = Vec::new();
        let acc: &mut [i32] = if scores.len() <= stack.len() {
            &mut stack[..scores.len()]
        } else {
            heap.resize(scores.len(), 0);
            &mut heap
        };
        const BATCH: usize = 64;
        let mut home = [(0u32, 0usize); BATCH];
        let mut found = [Slot::default(); BATCH];
        for chunk in feats.chunks(BATCH) {
            for (h, &f) in home.iter_mut().zip(chunk) {
                let k = slot_key(f);
                let i = (k as usize) & self.mask;
                if let Some(slot) = self.slots.get(i) {
                    prefetch(slot);
                }
                *h = (k, i);
            }
            let mut n = 0usize;
            for &(k, start) in &home[..chunk.len()] {
                if let Some(slot) = self.probe(k, start) {
                    match self.row_of(slot) {
                        // A dense row spans a few cache lines.
                        Row::Dense(row) => {
                            for line in row.chunks(32) {
                                prefetch(line.as_ptr());
                            }
                        }
                        // A sparse row may straddle two lines.
                        Row::Sparse(row) => {
                            for e in [row.first(), row.last()].into_iter().flatten() {
                                prefetch(e);
                            }
                        }
                    }
                    found[n] = slot;
                    n += 1;
                }
            }
            for &slot in &found[..n] {
                match self.row_of(slot) {
                    Row::Dense(row) => {
                        for (sum, &v) in acc.iter_mut().zip(row) {
                            *sum += i32::from(v);
                        }
                    }
                    Row::Sparse(row) => {
                        for &(c, v) in row {
                            if let Some(sum) = acc.get_mut(c as usize) {
                                *sum += i32::from(v);
                            }
                        }
                    }
                }
            }
        }
        for (score, &sum) in scores.iter_mut().zip(acc.iter()) {
            *score = sum as f32;
        }
    }

    /// The slot holding key `k` (already folded), probing from `i`.
    #[inline]
    fn probe(&self, k: u32, mut i: usize) -> Option<Slot> {
        loop {
            let slot = *self.slots.get(i)?;
            if slot.key == k {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        let mut slots: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        slots.sort_by_key(|r| r.key);
        let rows: Vec<Vec<(u16, i16)>> = slots.iter().map(|s| self.row(s)).collect();
        w.u32(slots.len() as u32);
        for (slot, row) in slots.iter().zip(&rows) {
            w.u32(slot.key);
            w.u16(row.len() as u16);
        }
        for row in &rows {
            for &(c, v) in row {
                w.u16(c);
                w.i16(v);
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, ModelError> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut index = Vec::with_capacity(n.min(1 << 26));
        let mut start = 0u32;
        for _ in 0..n {
            let key = r.u32()?;
            if key == 0 {
                return Err(ModelError::Corrupt("zero feature key".into()));
            }
            let len = u32::from(r.u16()?);
            index.push((key, start, len));
            start += len;
        }
        let total = start as usize;
        let mut entries = Vec::with_capacity(total.min(1 << 28));
        for _ in 0..total {
            let c = r.u16()?;
            if c as usize >= n_classes {
                return Err(ModelError::Corrupt(format!("class {c} out of range")));
            }
            entries.push((c, r.i16()?));
        }
        Ok(Self::build(n_classes, index, entries, scale))
    }
}

/// Asks the CPU to start loading the cache line holding `p` into L1,
/// without waiting for it.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` is only a hint: it never faults, reads no value
    // into the program and writes nothing, whatever the address (Intel SDM,
    // PREFETCHh: "a prefetch ... does not cause an exception"). SSE, which
    // the instruction needs, is part of the x86_64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Index of the best score among classes allowed by `valid`.
#[inline]
pub fn argmax(scores: &[f32], valid: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if valid(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        let mut w = TrainWeights::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| {
                (
                    vec![feature(1, &[i % 3]), feature(2, &[7])],
                    (i % 3) as usize,
                )
            })
            .collect();
        let mut scores = vec![0f32; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                w.count(f);
                w.score(f, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                w.update(f, *y, guess);
                w.tick();
            }
        }
        let frozen = TrainWeights::freeze_mean(vec![w], 1, 0.0);
        let mut buf = Writer::default();
        frozen.write(&mut buf);
        let bytes = buf.into_bytes();
        let loaded = Weights::read(&mut Reader::new(&bytes));
        assert!(loaded.is_ok());
        let loaded = loaded.unwrap_or_else(|_| unreachable!());
        for (f, y) in &data {
            loaded.score(f, &mut scores);
            assert_eq!(argmax(&scores, |_| true), Some(*y));
        }
        assert!(Weights::read(&mut Reader::new(&bytes[..bytes.len() - 3])).is_err());
    }

    /// One update: `truth` +1 and `guess` -1 on feature 5.
    fn one_update(truth: usize, guess: usize) -> TrainWeights {
        let mut w = TrainWeights::new(2);
        w.count(&[5]);
        w.update(&[5], truth, guess);
        w.tick();
        w
    }

    #[test]
    fn mean_of_runs_averages_their_weights() {
        let mut scores = vec![0f32; 2];
        let same = TrainWeights::freeze_mean(vec![one_update(0, 1), one_update(0, 1)], 1, 0.5);
        same.score(&[5], &mut scores);
        assert!(scores[0] > 0.0 && scores[1] < 0.0, "{scores:?}");
        // Opposite runs cancel out, and the zero weights are dropped.
        let opposite = TrainWeights::freeze_mean(vec![one_update(0, 1), one_update(1, 0)], 1, 0.5);
        assert_eq!(opposite.n_features(), 0);
        // Rare features go before the mean is taken.
        let rare = TrainWeights::freeze_mean(vec![one_update(0, 1)], 2, 0.0);
        assert_eq!(rare.n_features(), 0);
    }
}
