//! Segmentation invariants on arbitrary text.

use proptest::prelude::*;

fn check(text: &str) {
    let seg = dyad_text::segment(text);
    let mut prev_end = 0usize;
    for t in &seg.tokens {
        assert!(t.start < t.end, "empty token");
        assert!(t.start >= prev_end, "overlapping tokens");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(!text[t.start..t.end].contains(char::is_whitespace));
        prev_end = t.end;
    }
    // Every non-space char is in a token.
    let covered: usize = seg
        .tokens
        .iter()
        .map(|t| text[t.start..t.end].chars().count())
        .sum();
    assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    // Sentences partition the tokens, in order.
    let mut next = 0usize;
    for s in &seg.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        assert_eq!(s.start, seg.tokens[s.tokens.start].start);
        assert_eq!(s.end, seg.tokens[s.tokens.end - 1].end);
        next = s.tokens.end;
    }
    assert_eq!(next, seg.tokens.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn newsy_strings(parts in prop::collection::vec(prop::sample::select(vec![
        "Iran", "'s", "n't", "U.S.", "Mr.", " ", "  ", "\n", "\n\n", ".", "...", "?!", "\"", "“", "”", "’", "'",
        "-", "--", "—", "(", ")", "1,000.5", "10:30", "http://x.org/a.", "a@b.co", "#tag", "@user", "e-mail",
        "well-known", "and/or", "$", "%", "é", "\u{0301}", "\t", "*", "***", "Inc.", "J.", "cannot", ",",
    ]), 0..80)) {
        check(&parts.concat());
    }
}

#[test]
fn long_inputs_are_linear_enough() {
    // A 5 MB "sentence" with no breaks and a long run of punctuation.
    let text = "word, ".repeat(800_000) + &"!".repeat(100_000) + &"-".repeat(100_000);
    check(&text);
}

#[test]
fn pathological_chunks_finish() {
    for unit in [
        "1a-",
        "'",
        "a.",
        "x,",
        "--a",
        "a'",
        "(",
        "\u{201C}a",
        "a?b",
        "...a",
    ] {
        check(&unit.repeat(300_000));
    }
}
