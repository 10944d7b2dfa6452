//! The matching key of a word: lower case, diacritics folded, apostrophes
//! unified, so "Erdoğan", "ERDOGAN" and "Erdogan" meet.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The key of one token.
pub fn fold(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    if token.is_ascii() {
        for b in token.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
        return out;
    }
    for c in token.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => out.push('-'),
            // Letters with no decomposition.
            'ı' => out.push('i'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The keys of a phrase, tokenized the way documents are, so a dictionary
/// phrase and the same words in a text give the same keys.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    dyad_text::tokenize(phrase)
        .iter()
        .map(|t| fold(&phrase[t.start..t.end]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_quotes() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ERDOGAN"), "erdogan");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Ş"), "s");
        assert_eq!(fold("Kılıçdaroğlu"), "kilicdaroglu");
        assert_eq!(fold("Sa\u{2019}ar"), "sa'ar");
        assert_eq!(fold("Støre"), "store");
    }

    #[test]
    fn phrases_split_like_text() {
        assert_eq!(
            phrase_keys("Iran's President"),
            vec!["iran", "'s", "president"]
        );
        assert_eq!(
            phrase_keys("the  White House"),
            vec!["the", "white", "house"]
        );
    }
}
