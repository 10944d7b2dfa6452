//! Every reader gets arbitrary bytes: it must return documents or errors
//! that name the input, and never panic.

use dyad_ingest::{parse_bytes, InputFormat};
use proptest::prelude::*;

const FORMATS: [InputFormat; 5] = [
    InputFormat::Auto,
    InputFormat::NewsPage,
    InputFormat::Jsonl,
    InputFormat::Html,
    InputFormat::Feed,
];

fn check(bytes: &[u8]) {
    for format in FORMATS {
        let out = parse_bytes("fuzz.input", bytes, format);
        for e in &out.errors {
            assert!(e.to_string().starts_with("fuzz.input"), "{e}");
        }
        for d in &out.documents {
            assert!(!d.id.is_empty());
            let seg = dyad_text::segment(&d.text);
            for t in &seg.tokens {
                assert!(t.start < t.end && t.end <= d.text.len());
            }
        }
    }
}

/// Fragments that steer random input into each reader's interesting paths.
fn structured() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<div>",
        "<p>",
        "<rss version=\"2.0\"><channel>",
        "<item>",
        "<title>",
        "</title>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<entry>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#",
        ";",
        "{\"id\":",
        "\"text\":",
        "\"",
        "}",
        "\n",
        "\n\n",
        "By ",
        "tags: ",
        "11 July 2025 | 06:15",
        " ",
        "Iran's",
        "U.S.",
        "...",
        "—",
        "\u{FFFD}",
        "é",
        "<script>",
        "<!--",
        "-->",
        "\r\n",
        "\u{1F600}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn structured_input_never_panics(bytes in structured()) {
        check(&bytes);
    }

    #[test]
    fn gzip_of_anything_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), cut in 0usize..64) {
        let mut gz = vec![0x1f, 0x8b];
        gz.extend_from_slice(&bytes);
        gz.truncate(gz.len().saturating_sub(cut).max(2));
        check(&gz);
    }
}
