//! HTML fragments (feed descriptions, titles) to plain text: tags dropped,
//! block elements become paragraph breaks, entities decoded. A single linear
//! scan with no recursion, so nesting depth cannot hurt it.

/// Block-level elements whose boundaries separate paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "pre",
    "hr",
];
/// Elements whose content is never text.
const SKIP: &[&str] = &["script", "style", "noscript", "template", "iframe", "svg"];

pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            // A stray '<' with no tag end: keep it as text.
            push_text(&mut out, &rest[lt..]);
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if tag.starts_with("!--") {
            // Comments may contain '>': skip to the real end.
            if let Some(end) = rest.find("-->").filter(|_| !tag.ends_with("--")) {
                rest = &rest[end + 3..];
            }
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !tag.starts_with('/') && SKIP.contains(&name.as_str()) {
            let close = format!("</{name}");
            match find_ascii_ci(rest, &close) {
                Some(pos) => {
                    rest = &rest[pos..];
                    if let Some(gt) = rest.find('>') {
                        rest = &rest[gt + 1..];
                    }
                }
                None => rest = "",
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    push_text(&mut out, rest);
    normalize_paragraphs(&out)
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn push_text(out: &mut String, raw: &str) {
    out.push_str(&decode_entities(raw));
}

/// Decodes the common named entities and all numeric ones.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "mdash" => '—',
                "ndash" => '–',
                "hellip" => '…',
                "lsquo" => '‘',
                "rsquo" => '’',
                "ldquo" => '“',
                "rdquo" => '”',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapses white space inside paragraphs; paragraphs separated by one
/// blank line; no leading or trailing white space.
pub fn normalize_paragraphs(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in s.split("\n\n") {
        let words: Vec<&str> = block.split_whitespace().collect();
        if !words.is_empty() {
            paragraphs.push(words.join(" "));
        }
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_decodes() {
        let html = "<p>Iran &amp; <b>Azerbaijan</b> met.</p><script>var x = '<p>';</script><p>Talks&#8212;tense &#x2019;24.</p><!-- c > d -->";
        assert_eq!(
            html_to_text(html),
            "Iran & Azerbaijan met.\n\nTalks—tense ’24."
        );
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(
            decode_entities("&bogus; &#0; &#99999999;"),
            "&bogus; &#0; &#99999999;"
        );
    }

    #[test]
    fn deep_nesting_is_linear() {
        let html = "<div>".repeat(10_000) + "text" + &"</div>".repeat(10_000);
        assert_eq!(html_to_text(&html), "text");
    }
}
