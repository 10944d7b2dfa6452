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

/// Every way a text may tokenize a phrase: as [`phrase_keys`] does, and,
/// for a phrase whose closing period the tokenizer splits off as if it
/// ended a sentence ("U.S."), with the period kept on its word, as a text
/// writes it before more words ("U.S. troops").
pub fn phrase_key_forms(phrase: &str) -> Vec<Vec<String>> {
    let keys = phrase_keys(phrase);
    let mut forms = vec![keys.clone()];
    if let [.., word, stop] = keys.as_slice() {
        if stop == "." && !phrase.trim_end().ends_with(" .") {
            let mut merged = keys[..keys.len() - 2].to_vec();
            merged.push(format!("{word}."));
            forms.push(merged);
        }
    }
    forms
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
    fn a_closing_period_may_stay_on_its_word() {
        let forms = phrase_key_forms("the U.S.");
        assert!(
            forms.contains(&vec!["the".to_string(), "u.s.".to_string()]),
            "{forms:?}"
        );
        assert!(forms.contains(&phrase_keys("the U.S.")), "{forms:?}");
        assert_eq!(phrase_key_forms("Iran"), vec![vec!["iran".to_string()]]);
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
