//! Sentence splitting and tokenization for news English.
//!
//! Tokens follow Universal Dependencies English conventions, because the
//! tagger and parser learn from UD treebanks: clitics are split ("Iran's" ->
//! "Iran" + "'s", "didn't" -> "did" + "n't"), punctuation is its own token,
//! letter-hyphen-letter compounds are split unless the first part is a prefix
//! ("well-known" -> "well" "-" "known", "non-state" stays whole), and URLs,
//! e-mail addresses, numbers ("1,000.50", "10:30"), abbreviations ("U.S.",
//! "Gen.") and initials stay whole.
//!
//! Guarantees: every token and sentence is a non-empty byte range of the
//! input on char boundaries; tokens are in order, never overlap and never
//! contain white space; every token belongs to exactly one sentence. The
//! work is linear in the input length. Nothing here allocates per token
//! beyond the output vectors.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// A token: a byte range of the text it was cut from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
}

/// A sentence: its byte range (first token start to last token end) and the
/// range of indices of its tokens in [`Segmentation::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// The sentences and tokens of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub tokens: Vec<TokenSpan>,
    pub sentences: Vec<SentenceSpan>,
}

impl Segmentation {
    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &SentenceSpan) -> &[TokenSpan] {
        &self.tokens[sentence.tokens.clone()]
    }
}

/// How a token is separated from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// Attached: no white space (or start of text).
    None,
    /// Spaces or tabs only.
    Space,
    /// One line break.
    Line,
    /// A blank line (two or more line breaks): a paragraph break.
    Paragraph,
}

struct Lists {
    abbreviations: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    hyphen_prefixes: HashSet<&'static str>,
    starters: HashSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut abbreviations = HashSet::new();
        let mut titles = HashSet::new();
        for line in data_lines(include_str!("../data/abbreviations.txt")) {
            let mut cols = line.split('\t');
            let Some(abbr) = cols.next() else { continue };
            abbreviations.insert(abbr);
            if cols.next() == Some("title") {
                titles.insert(abbr);
            }
        }
        let hyphen_prefixes = data_lines(include_str!("../data/hyphen_prefixes.txt")).collect();
        let starters = data_lines(include_str!("../data/sentence_starters.txt")).collect();
        Lists {
            abbreviations,
            titles,
            hyphen_prefixes,
            starters,
        }
    })
}

/// Non-empty, non-comment lines of a bundled data file.
fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Split `text` into sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    let (tokens, gaps) = tokenize_with_gaps(text);
    let sentences = split_sentences(text, &tokens, &gaps);
    Segmentation { tokens, sentences }
}

/// Split `text` into tokens only.
pub fn tokenize(text: &str) -> Vec<TokenSpan> {
    tokenize_with_gaps(text).0
}

fn tokenize_with_gaps(text: &str) -> (Vec<TokenSpan>, Vec<Gap>) {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut gaps = Vec::with_capacity(text.len() / 5 + 1);
    let mut newlines = 0usize;
    let mut chunk_start: Option<usize> = None;
    // Trailing punctuation of the current chunk, reused across chunks.
    let mut trail: Vec<(usize, usize)> = Vec::with_capacity(8);
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // Hot loop over every byte: ASCII is decided without decoding.
    while i < bytes.len() {
        let b = bytes[i];
        let (is_space, is_newline, len) = if b < 0x80 {
            (b.is_ascii_whitespace() || b == 0x0b, b == b'\n', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (
                c.is_whitespace(),
                matches!(c, '\u{2029}' | '\u{2028}' | '\u{85}'),
                c.len_utf8(),
            )
        };
        if is_space {
            if let Some(s) = chunk_start.take() {
                let gap = gap_kind(newlines, tokens.is_empty());
                split_chunk(text, s, i, gap, &mut tokens, &mut gaps, &mut trail);
                newlines = 0;
            }
            newlines += usize::from(is_newline);
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = chunk_start {
        let gap = gap_kind(newlines, tokens.is_empty());
        split_chunk(text, s, text.len(), gap, &mut tokens, &mut gaps, &mut trail);
    }
    (tokens, gaps)
}

/// The gap before the first token of a chunk (chunks are separated by white
/// space, so never `Gap::None`).
fn gap_kind(newlines: usize, first: bool) -> Gap {
    if first || newlines >= 2 {
        Gap::Paragraph
    } else if newlines == 1 {
        Gap::Line
    } else {
        Gap::Space
    }
}

/// Whether the abbreviation `abbr` (ending a chunk at byte `end`) also ends
/// its sentence: end of text, a line break after it, or a sentence-starting
/// function word next. Titles and initials ("Gen.", "F.") never do.
fn abbreviation_ends_sentence(text: &str, abbr: &str, end: usize) -> bool {
    let lists = lists();
    if lists.titles.contains(abbr) || abbr.chars().count() == 2 {
        return false;
    }
    let rest = &text[end..];
    let ws = rest.len() - rest.trim_start().len();
    if ws == rest.len() {
        return true;
    }
    if rest[..ws].contains('\n') {
        return true;
    }
    let next_word = rest[ws..]
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
        .next()
        .unwrap_or("");
    lists.starters.contains(next_word)
}

/// Longest word (in bytes) that is split at internal punctuation.
const MAX_SPLIT_WORD: usize = 256;

/// Characters whose repeated runs form one token ("***", "==", "--", "..").
fn is_run_char(c: char) -> bool {
    matches!(
        c,
        '*' | '=' | '_' | '~' | '#' | '-' | '.' | '!' | '?' | '+' | '>' | '<' | '/'
    )
}

/// Byte length of the run of `c` at the start of `s`.
fn run_len(s: &str, c: char) -> usize {
    s.chars().take_while(|&x| x == c).count() * c.len_utf8()
}

/// Byte length of the run of `c` at the end of `s`.
fn run_len_back(s: &str, c: char) -> usize {
    s.chars().rev().take_while(|&x| x == c).count() * c.len_utf8()
}

/// Pushes tokens for one white-space-free chunk `text[start..end]`.
fn split_chunk(
    text: &str,
    start: usize,
    end: usize,
    gap: Gap,
    tokens: &mut Vec<TokenSpan>,
    gaps: &mut Vec<Gap>,
    trail: &mut Vec<(usize, usize)>,
) {
    let mut out = ChunkOut {
        tokens,
        gaps,
        first_gap: Some(gap),
    };
    let chunk = &text[start..end];
    // Fast path: most chunks are plain words.
    if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        match fused_split(chunk) {
            Some(cut) => {
                out.push(start, start + cut);
                out.push(start + cut, end);
            }
            None => out.push(start, end),
        }
        return;
    }
    if is_emoticon(chunk) {
        out.push(start, end);
        return;
    }
    let mut lo = start;
    let mut hi = end;

    // Leading punctuation.
    while lo < hi {
        let rest = &text[lo..hi];
        let Some(c) = rest.chars().next() else { break };
        let clen = c.len_utf8();
        if clen == rest.len() {
            break;
        }
        if is_run_char(c) {
            let n = run_len(rest, c);
            if n >= 2 {
                out.push(lo, lo + n.min(rest.len()));
                lo += n.min(rest.len());
                continue;
            }
        }
        let next = rest[clen..].chars().next();
        let opening = matches!(
            c,
            '(' | '['
                | '{'
                | '"'
                | '“'
                | '‘'
                | '«'
                | '‹'
                | '„'
                | '‚'
                | '`'
                | '—'
                | '–'
                | '¿'
                | '¡'
                | '*'
                | '…'
                | '<'
                | '|'
                | '•'
                | '·'
                | '>'
                | '~'
                | '='
        );
        let quote_apostrophe = (c == '\'' || c == '’')
            && next.is_some_and(char::is_alphabetic)
            && !is_clitic_word(&rest[clen..]);
        let currency =
            matches!(c, '$' | '£' | '€' | '¥' | '₹') && next.is_some_and(|n| n.is_ascii_digit());
        let dash = c == '-';
        if opening || quote_apostrophe || currency || dash {
            out.push(lo, lo + clen);
            lo += clen;
            continue;
        }
        break;
    }

    if is_url_or_email(&text[lo..hi]) {
        // Trailing sentence punctuation is not part of an address.
        trail.clear();
        while hi > lo {
            let Some(c) = text[lo..hi].chars().next_back() else {
                break;
            };
            let unbalanced_paren = c == ')' && !text[lo..hi].contains('(');
            let unbalanced_bracket = c == ']' && !text[lo..hi].contains('[');
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '>'
            ) || unbalanced_paren
                || unbalanced_bracket
            {
                trail.push((hi - c.len_utf8(), hi));
                hi -= c.len_utf8();
            } else {
                break;
            }
        }
        out.push(lo, hi);
        for &(s, e) in trail.iter().rev() {
            out.push(s, e);
        }
        return;
    }

    // Trailing punctuation, collected in reverse order.
    trail.clear();
    while hi > lo {
        let core = &text[lo..hi];
        let Some(c) = core.chars().next_back() else {
            break;
        };
        let clen = c.len_utf8();
        if core.len() == clen {
            break;
        }
        if c == '!' || c == '?' || (c == '.' && core.ends_with("..")) {
            // "?!", "!!!", "...", "?.": one token.
            let n = core
                .chars()
                .rev()
                .take_while(|&x| x == '!' || x == '?' || x == '.')
                .count();
            if n == core.len() {
                break;
            }
            trail.push((hi - n, hi));
            hi -= n;
            continue;
        }
        if is_run_char(c) && c != '.' {
            let n = run_len_back(core, c);
            if n >= 2 {
                if n == core.len() {
                    break;
                }
                trail.push((hi - n, hi));
                hi -= n;
                continue;
            }
        }
        match c {
            ')' | ']' | '}' | '"' | '”' | '’' | '»' | '›' | '\'' | ',' | ';' | ':' | '…' | '—'
            | '–' | '*' | '>' | '|' | '-' | '=' | '~' => {
                if (c == '\'' || c == '’') && is_clitic_tail(core) {
                    break;
                }
                trail.push((hi - clen, hi));
                hi -= clen;
            }
            '%' => {
                let before = core[..core.len() - 1].chars().next_back();
                if before.is_some_and(|b| b.is_ascii_digit()) {
                    trail.push((hi - 1, hi));
                    hi -= 1;
                } else {
                    break;
                }
            }
            '.' => {
                // UD splits the period off an abbreviation that ends a
                // sentence ("... in the U.S." + paragraph end).
                let closers_only = text[hi..end].chars().all(is_closer_char);
                if is_abbreviation(core)
                    && !(closers_only && abbreviation_ends_sentence(text, core, end))
                {
                    break;
                }
                trail.push((hi - 1, hi));
                hi -= 1;
            }
            _ => break,
        }
    }

    if hi > lo {
        split_word(text, lo, hi, &mut out);
    }
    for &(s, e) in trail.iter().rev() {
        out.push(s, e);
    }
}

struct ChunkOut<'a> {
    tokens: &'a mut Vec<TokenSpan>,
    gaps: &'a mut Vec<Gap>,
    first_gap: Option<Gap>,
}

impl ChunkOut<'_> {
    fn push(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        self.tokens.push(TokenSpan { start, end });
        self.gaps.push(self.first_gap.take().unwrap_or(Gap::None));
    }
}

/// Splits a word without leading/trailing punctuation: clitics, fused
/// negations, hyphenated compounds, slashes and internal dashes.
fn split_word(text: &str, lo: usize, hi: usize, out: &mut ChunkOut<'_>) {
    let word = &text[lo..hi];
    // Fused forms UD splits into two words.
    if let Some(cut) = fused_split(word) {
        out.push(lo, lo + cut);
        out.push(lo + cut, hi);
        return;
    }
    let (base_end, clitic) = match clitic_start(word) {
        Some(cut) => (lo + cut, Some((lo + cut, hi))),
        None => (hi, None),
    };
    split_compound(text, lo, base_end, out);
    if let Some((s, e)) = clitic {
        out.push(s, e);
    }
}

/// Splits a word at internal punctuation the way UD English does: dash runs
/// ("word--word"), hyphens between words unless the first part is a prefix
/// ("well-known" but "non-state"), slashes between words ("and/or"), and
/// commas, question and exclamation marks glued to the next word
/// ("me,just", "shop?there"). Numbers keep their punctuation ("1,000.5",
/// "713-853-3989", "9/11").
fn split_compound(text: &str, lo: usize, hi: usize, out: &mut ChunkOut<'_>) {
    let word = &text[lo..hi];
    // Very long words (tables, junk) are not split: it could cost quadratic time.
    if word.len() < 3
        || word.len() > MAX_SPLIT_WORD
        || !word
            .bytes()
            .any(|b| matches!(b, b'-' | b'/' | b',' | b'?' | b'!' | b'.' | 0xE2))
    {
        out.push(lo, hi);
        return;
    }
    let hyphens = word.bytes().filter(|&b| b == b'-').count();
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    // Codes, phone numbers and dates with several hyphens stay whole
    // ("713-853-3989", "01-Feb-02"); so do digit pairs shaped like phone or
    // postcode parts ("853-5025"). Ranges and scores split ("1946-1954", "5-3").
    let keep_hyphens = (hyphens >= 2 && has_digit) || is_number_code(word);
    let mut piece_start = 0usize;
    let mut i = 0usize;
    while i < word.len() {
        let Some(c) = word[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        let prev = word[..i].chars().next_back();
        let next = word[i + clen..].chars().next();
        let cut_len = match c {
            '-' if next == Some('-') => {
                let n = run_len(&word[i..], '-');
                (i > 0 && i + n < word.len()).then_some(n)
            }
            '—' | '–' => (i > 0 && i + clen < word.len()).then_some(clen),
            '-' => {
                let alnum_both = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                let left = &word[piece_start..i];
                let left_mixed = left.chars().any(|c| c.is_ascii_digit())
                    && left.chars().any(char::is_alphabetic);
                let keep = !alnum_both
                    || keep_hyphens
                    || left_mixed
                    || (piece_start == 0
                        && lists()
                            .hyphen_prefixes
                            .contains(left.to_lowercase().as_str()))
                    || word.eq_ignore_ascii_case("e-mail")
                    || word.eq_ignore_ascii_case("e-mails");
                (!keep).then_some(1)
            }
            '/' => {
                // "and/or", "he/she"; not "w/o", "l/c" or dates.
                let left = &word[piece_start..i];
                let right_len = word[i + 1..]
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .count();
                let left_word = left.chars().count() >= 2 && left.chars().all(char::is_alphabetic);
                (left_word && right_len >= 2).then_some(1)
            }
            ',' => {
                let next_is_letter = next.is_some_and(char::is_alphabetic);
                let thousands = prev.is_some_and(|p| p.is_ascii_digit()) && {
                    let group = word[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
                    group == 3
                };
                (i > 0 && (next_is_letter || (next.is_some() && !thousands))).then_some(1)
            }
            '.' if next == Some('.') => {
                // "down...please": an ellipsis glued between words.
                let n = run_len(&word[i..], '.');
                let after = word[i + n..].chars().next();
                (prev.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic))
                    .then_some(n)
            }
            '.' => {
                // "quality.You'll": a missing space after a sentence.
                let left = &word[piece_start..i];
                let right = &word[i + 1..];
                let left_word = left.chars().count() >= 2 && left.chars().all(char::is_alphabetic);
                let right_word = right.chars().next().is_some_and(char::is_uppercase)
                    && right.chars().nth(1).is_some_and(char::is_lowercase);
                (left_word && right_word).then_some(1)
            }
            '?' | '!' => {
                let n = word[i..]
                    .chars()
                    .take_while(|&x| x == '?' || x == '!')
                    .count();
                let after = word[i + n..].chars().next();
                (prev.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic))
                    .then_some(n)
            }
            _ => None,
        };
        match cut_len {
            Some(n) => {
                out.push(lo + piece_start, lo + i);
                out.push(lo + i, lo + i + n);
                i += n;
                piece_start = i;
            }
            None => i += clen,
        }
    }
    out.push(lo + piece_start, hi);
}

/// Byte index where a clitic starts at the end of `word`, if any:
/// n't, 's, 're, 've, 'll, 'd, 'm (ASCII or typographic apostrophe).
fn clitic_start(word: &str) -> Option<usize> {
    // Hot: called for every word. Most words have no apostrophe at all.
    let bytes = word.as_bytes();
    if !bytes.iter().any(|&b| b == b'\'' || b == 0xE2) {
        return None;
    }
    for neg in ["n't", "n’t"] {
        if word.len() > neg.len() {
            let cut = word.len() - neg.len();
            if word
                .get(cut..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(neg))
            {
                return Some(cut);
            }
        }
    }
    for apos in ["'", "’"] {
        let Some(pos) = word.rfind(if apos == "'" { '\'' } else { '’' }) else {
            continue;
        };
        let after = &word[pos + apos.len()..];
        let is_clitic = matches!(
            after,
            "s" | "S" | "re" | "RE" | "Re" | "ve" | "VE" | "ll" | "LL" | "d" | "D" | "m" | "M"
        );
        // "the 80's" keeps its plural apostrophe.
        let base_ok = word[..pos]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic());
        if is_clitic && base_ok && pos > 0 {
            return Some(pos);
        }
    }
    None
}

/// "853-5025", "77388-5746": digit groups shaped like phone or postal codes.
fn is_number_code(word: &str) -> bool {
    let Some((a, b)) = word.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(a) && digits(b) && (a.len() > 4 || b.len() > 4 || (a.len() == 3 && b.len() == 4))
}

/// "cannot" -> "can"+"not", "gonna" -> "gon"+"na", "dont" -> "do"+"nt".
fn fused_split(word: &str) -> Option<usize> {
    if word.len() > 9 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match std::str::from_utf8(lower).unwrap_or("") {
        "cannot" => Some(3),
        "gonna" | "wanna" | "gotta" => Some(3),
        "dont" | "didnt" | "doesnt" | "isnt" | "wasnt" | "arent" | "werent" | "hasnt"
        | "havent" | "hadnt" | "couldnt" | "wouldnt" | "shouldnt" | "cant" | "wont" => {
            Some(word.len() - 2)
        }
        "thats" | "theres" | "whats" => Some(word.len() - 1),
        "alot" => Some(1),
        "im" => Some(1),
        _ => None,
    }
}

/// True when `rest` (after a leading apostrophe) is itself a clitic or an
/// elided form that keeps its apostrophe ("'s", "'em", "'90s").
fn is_clitic_word(rest: &str) -> bool {
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let word = &rest[..len];
    [
        "s", "re", "ve", "ll", "d", "m", "t", "em", "tis", "twas", "cause", "n",
    ]
    .iter()
    .any(|c| word.eq_ignore_ascii_case(c))
}

/// True when the final apostrophe of `core` belongs to the word ("rock'n'",
/// never a plural possessive, which UD splits).
fn is_clitic_tail(core: &str) -> bool {
    // A lone "s'" plural possessive is split like a closing quote; keep only
    // elisions like "goin'" whole.
    let before: String = core
        .chars()
        .rev()
        .skip(1)
        .take(3)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    before.ends_with("in") && core.len() > 4 && !core.starts_with(['\'', '’'])
}

fn is_emoticon(chunk: &str) -> bool {
    matches!(
        chunk,
        ":)" | ":-)"
            | ":("
            | ":-("
            | ";)"
            | ";-)"
            | ":D"
            | ":-D"
            | ":P"
            | ":-P"
            | ":p"
            | "<3"
            | "^_^"
    )
}

fn is_url_or_email(chunk: &str) -> bool {
    let lower_start = |p: &str| {
        chunk.len() >= p.len() && chunk.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    if lower_start("http://")
        || lower_start("https://")
        || lower_start("www.")
        || lower_start("mailto:")
    {
        return chunk.len() > 7;
    }
    // user@host.tld
    if let Some(at) = chunk.find('@') {
        let user = &chunk[..at];
        let host = chunk[at + 1..].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        return !user.is_empty()
            && user
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
            && host.contains('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b));
    }
    false
}

/// True when `core` (ending in '.') is an abbreviation or initial that keeps
/// its period.
fn is_abbreviation(core: &str) -> bool {
    let lists = lists();
    if lists.abbreviations.contains(core) {
        return true;
    }
    let stem = &core[..core.len() - 1];
    if stem.is_empty() {
        return false;
    }
    // All-caps text (wire copy): "GEN." matches "Gen.".
    if stem.chars().all(|c| !c.is_lowercase()) && stem.chars().any(char::is_alphabetic) {
        let mut titled = String::with_capacity(core.len());
        let mut chars = core.chars();
        if let Some(first) = chars.next() {
            titled.push(first);
            titled.extend(chars.flat_map(char::to_lowercase));
        }
        if lists.abbreviations.contains(titled.as_str()) && stem.chars().count() > 1 {
            return true;
        }
    }
    // Initial: "J." / dotted letters: "U.S.", "e.g.", "U.N.", "D.C."
    let mut letters = 0usize;
    let mut expect_letter = true;
    for c in core.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    if letters == 1 {
        return stem.chars().all(char::is_uppercase);
    }
    expect_letter
}

/// Sentence boundaries over the token stream.
fn split_sentences(text: &str, tokens: &[TokenSpan], gaps: &[Gap]) -> Vec<SentenceSpan> {
    let mut sentences = Vec::new();
    let mut begin = 0usize;
    let n = tokens.len();
    let mut i = 0usize;
    while i < n {
        let tok = &text[tokens[i].start..tokens[i].end];
        let mut end_after: Option<usize> = None; // last token index of the sentence
        if is_terminal(tok) {
            // Closing quotes and brackets that follow belong to this sentence.
            let mut j = i;
            while j + 1 < n
                && gaps[j + 1] == Gap::None
                && is_closer(&text[tokens[j + 1].start..tokens[j + 1].end])
            {
                j += 1;
            }
            // Also a closing quote after one space: `."` is handled above; `. "` is an opener.
            let next = j + 1;
            if next >= n || gaps[next] == Gap::Paragraph || gaps[next] == Gap::Line {
                end_after = Some(j);
            } else {
                let next_text = &text[tokens[next].start..tokens[next].end];
                if starts_sentence(next_text, text, tokens, next) {
                    end_after = Some(j);
                }
            }
            i = j;
        } else if tok.ends_with('.') && tok.len() > 1 && i + 1 < n {
            // An abbreviation that may also end the sentence ("... in the U.S. The ...").
            let next_text = &text[tokens[i + 1].start..tokens[i + 1].end];
            let lists = lists();
            if !lists.titles.contains(tok)
                && tok.chars().count() != 2
                && gaps[i + 1] != Gap::None
                && lists.starters.contains(next_text)
            {
                end_after = Some(i);
            }
        }
        if end_after.is_none() && i + 1 < n && i + 1 > begin {
            match gaps[i + 1] {
                Gap::Paragraph => end_after = Some(i),
                Gap::Line if line_break_ends_sentence(text, tokens, i) => end_after = Some(i),
                _ => {}
            }
        }
        if let Some(last) = end_after {
            sentences.push(SentenceSpan {
                start: tokens[begin].start,
                end: tokens[last].end,
                tokens: begin..last + 1,
            });
            begin = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if begin < n {
        sentences.push(SentenceSpan {
            start: tokens[begin].start,
            end: tokens[n - 1].end,
            tokens: begin..n,
        });
    }
    sentences
}

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && (tok.bytes().all(|b| matches!(b, b'.' | b'!' | b'?')) || tok == "…")
}

fn is_closer_char(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '}' | '»')
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "”" | "’" | "'" | ")" | "]" | "}" | "»" | "''")
}

/// Whether the token after terminal punctuation opens a new sentence.
fn starts_sentence(next: &str, text: &str, tokens: &[TokenSpan], next_idx: usize) -> bool {
    let Some(c) = next.chars().next() else {
        return false;
    };
    if c.is_uppercase() || c.is_ascii_digit() {
        return true;
    }
    if matches!(
        c,
        '"' | '“' | '‘' | '(' | '[' | '\'' | '¿' | '¡' | '-' | '—' | '•' | '*'
    ) {
        // An opening quote or bracket: look at the word inside.
        let after = tokens
            .get(next_idx + 1)
            .map(|t| &text[t.start..t.end])
            .and_then(|t| t.chars().next());
        return after.is_none_or(|a| !a.is_lowercase());
    }
    // "..." followed by lower case continues; so does "?" / "!" ("Why?" he asked).
    false
}

/// A single line break ends a sentence unless the next line continues it
/// (starts in lower case, or the line ends with a comma or a joining word).
fn line_break_ends_sentence(text: &str, tokens: &[TokenSpan], i: usize) -> bool {
    let prev = &text[tokens[i].start..tokens[i].end];
    let next = &text[tokens[i + 1].start..tokens[i + 1].end];
    if matches!(
        prev,
        "," | "-" | "(" | "\"" | ":" | ";" | "&" | "and" | "or" | "the" | "of" | "to" | "a"
    ) {
        return false;
    }
    match next.chars().next() {
        Some(c) => !c.is_lowercase(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_clitics_and_possessives() {
        assert_eq!(
            toks("Iran's envoy didn't go."),
            ["Iran", "'s", "envoy", "did", "n't", "go", "."]
        );
        assert_eq!(
            toks("They can't, won't."),
            ["They", "ca", "n't", ",", "wo", "n't", "."]
        );
        assert_eq!(
            toks("the ministers' talks"),
            ["the", "ministers", "'", "talks"]
        );
        assert_eq!(toks("Tehran’s reply"), ["Tehran", "’s", "reply"]);
        assert_eq!(toks("I cannot"), ["I", "can", "not"]);
        assert_eq!(
            toks("we're here, I'd say"),
            ["we", "'re", "here", ",", "I", "'d", "say"]
        );
    }

    #[test]
    fn keeps_abbreviations_numbers_and_addresses() {
        assert_eq!(
            toks("Mr. Smith of the U.S. paid $1,000.50 at 10:30 a.m. (see https://x.org/a?b=1)."),
            [
                "Mr.",
                "Smith",
                "of",
                "the",
                "U.S.",
                "paid",
                "$",
                "1,000.50",
                "at",
                "10:30",
                "a.m.",
                "(",
                "see",
                "https://x.org/a?b=1",
                ")",
                "."
            ]
        );
        assert_eq!(
            toks("Write to info@example.com."),
            ["Write", "to", "info@example.com", "."]
        );
        assert_eq!(toks("John F. Kennedy"), ["John", "F.", "Kennedy"]);
        assert_eq!(toks("up 5% #Iran @UN"), ["up", "5", "%", "#Iran", "@UN"]);
    }

    #[test]
    fn hyphens_follow_ud() {
        assert_eq!(
            toks("well-known non-state F-16"),
            ["well", "-", "known", "non-state", "F", "-", "16"]
        );
        assert_eq!(toks("Iran--and Iraq"), ["Iran", "--", "and", "Iraq"]);
        assert_eq!(toks("and/or"), ["and", "/", "or"]);
        assert_eq!(toks("e-mail 9/11"), ["e-mail", "9/11"]);
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            toks("\"We will,\" he said... “No.”"),
            ["\"", "We", "will", ",", "\"", "he", "said", "...", "“", "No", ".", "”"]
        );
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        assert_eq!(
            sents(
                "Gen. Smith met Mr. Jones in the U.S. on Monday. They talked. \"Why?\" he asked."
            ),
            [
                "Gen. Smith met Mr. Jones in the U.S. on Monday.",
                "They talked.",
                "\"Why?\" he asked."
            ]
        );
        assert_eq!(
            sents("He said \"Stop.\" Then he left.\n\nNew paragraph without end\nNext line"),
            [
                "He said \"Stop.\"",
                "Then he left.",
                "New paragraph without end",
                "Next line"
            ]
        );
        assert_eq!(
            sents("Prices rose in the U.S. The dollar fell."),
            ["Prices rose in the U.S.", "The dollar fell."]
        );
    }

    #[test]
    fn dateline_stays_in_first_sentence() {
        assert_eq!(
            sents("TEHRAN, July 11 (Reuters) - Iran recalled its envoy. Baku protested."),
            [
                "TEHRAN, July 11 (Reuters) - Iran recalled its envoy.",
                "Baku protested."
            ]
        );
    }

    #[test]
    fn spans_are_valid() {
        let text = "  «Já» — disse ele…  ";
        let seg = segment(text);
        for t in &seg.tokens {
            assert!(
                t.start < t.end && text.is_char_boundary(t.start) && text.is_char_boundary(t.end)
            );
            assert!(!text[t.start..t.end].contains(char::is_whitespace));
        }
        assert_eq!(toks(text), ["«", "Já", "»", "—", "disse", "ele", "…"]);
    }
}
