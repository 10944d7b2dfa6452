//! Per-token feature atoms (hashed lowercase form, affixes, shape), computed
//! once per token of a sentence and shared by the tagger and the parser.
//! Nothing here allocates per token.

use crate::perceptron::string_atom;

#[derive(Clone, Copy, Debug, Default)]
pub struct TokenAtoms {
    /// Lowercased form, numbers collapsed to shape classes.
    pub lower: u64,
    /// Exact form (case kept).
    pub form: u64,
    pub suffix: [u64; 4],
    pub prefix: [u64; 3],
    pub shape: u64,
    /// Bit flags: 1 capitalised, 2 all caps, 4 has digit, 8 has hyphen,
    /// 16 punctuation only.
    pub flags: u64,
}

/// Atom for positions outside the sentence.
pub const NONE: u64 = 0x5151_5151;

const NUMBER: u64 = 0xA1;
const YEAR: u64 = 0xA2;

#[inline]
fn lower_hash(s: &str, skip_chars: usize, take_chars: Option<usize>) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for (n, c) in s.chars().skip(skip_chars).enumerate() {
        if take_chars.is_some_and(|t| n >= t) {
            break;
        }
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for b in l.encode_utf8(&mut buf).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01B3);
            }
        }
    }
    h
}

/// Word shape: "Xxxx" -> "Xx", "U.S." -> "X.X.", "1,000" -> "d,d".
#[inline]
fn shape_hash(s: &str) -> u64 {
    let mut h = 0x1234_5678u64;
    let mut last = '\0';
    let mut run = 0u8;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = k;
        h = (h ^ u64::from(k as u32)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

impl TokenAtoms {
    pub fn new(form: &str) -> TokenAtoms {
        let n_chars = form.chars().count();
        let mut flags = 0u64;
        let mut has_digit = false;
        let mut all_upper = true;
        let mut any_alpha = false;
        let mut all_punct = true;
        for c in form.chars() {
            if c.is_ascii_digit() {
                has_digit = true;
            }
            if c.is_alphabetic() {
                any_alpha = true;
                if !c.is_uppercase() {
                    all_upper = false;
                }
            }
            if c.is_alphanumeric() {
                all_punct = false;
            }
            if c == '-' {
                flags |= 8;
            }
        }
        if form.chars().next().is_some_and(char::is_uppercase) {
            flags |= 1;
        }
        if any_alpha && all_upper {
            flags |= 2;
        }
        if has_digit {
            flags |= 4;
        }
        if all_punct {
            flags |= 16;
        }
        let lower = if has_digit && !any_alpha {
            if n_chars == 4 && form.bytes().all(|b| b.is_ascii_digit()) {
                YEAR
            } else {
                NUMBER
            }
        } else {
            lower_hash(form, 0, None)
        };
        let mut suffix = [NONE; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            if n_chars > k + 1 {
                *s = lower_hash(form, n_chars - (k + 1), None) ^ (k as u64 + 1);
            }
        }
        let mut prefix = [NONE; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            if n_chars > k + 1 {
                *p = lower_hash(form, 0, Some(k + 1)) ^ ((k as u64 + 1) << 8);
            }
        }
        TokenAtoms {
            lower,
            form: string_atom(form),
            suffix,
            prefix,
            shape: shape_hash(form),
            flags,
        }
    }
}
