//! Event dates: the document date, moved by a time expression in the
//! predicate's clause ("on Monday", "yesterday", "last week", "in June",
//! "on July 14", "14 July 2025"). Unknown stays unknown.

use crate::sentence::Sentence;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() >= 3 && m.starts_with(w) && w != "may" && w.len() <= 4 && *m != "may")
        })
        .map(|i| i as u32 + 1)
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A day named relative to the report: a weekday, "today", "yesterday",
/// "tonight" (lower-cased).
pub(crate) fn is_day_word(w: &str) -> bool {
    weekday(w).is_some() || matches!(w, "today" | "yesterday" | "tonight")
}

/// A full weekday or month name ("monday", "june"), lower-cased.
pub(crate) fn is_calendar_name(w: &str) -> bool {
    MONTHS.contains(&w) || weekday(w).is_some()
}

/// The most recent `day` on or before `doc` (news reports the past);
/// with `future` the next one on or after.
fn nearest_weekday(doc: NaiveDate, day: Weekday, future: bool) -> NaiveDate {
    let from = doc.weekday().num_days_from_monday() as i64;
    let to = day.num_days_from_monday() as i64;
    if future {
        doc + Duration::days((to - from).rem_euclid(7))
    } else {
        doc - Duration::days((from - to).rem_euclid(7))
    }
}

/// Date of the event whose clause head is `clause`, given the document
/// date. `future` reads bare weekdays and months forward.
pub fn event_date(
    s: &Sentence<'_>,
    clause: usize,
    doc: Option<NaiveDate>,
    future: bool,
) -> Option<NaiveDate> {
    let doc = doc?;
    // Time words: the clause's own obl/advmod/nmod:tmod dependents.
    for c in s.children(clause) {
        let rel = s.deprel(c);
        if !(rel.starts_with("obl") || rel.starts_with("advmod") || rel.starts_with("nmod")) {
            continue;
        }
        let w = s.lower(c);
        match w.as_str() {
            "yesterday" => return Some(doc - Duration::days(1)),
            "today" | "tonight" => return Some(doc),
            "tomorrow" => return Some(doc + Duration::days(1)),
            _ => {}
        }
        if let Some(d) = weekday(&w) {
            return Some(nearest_weekday(doc, d, future));
        }
        // "last week/month/year" and "next ...": keep the document date's
        // granularity honest: shift by the unit.
        let modifier = s
            .children(c)
            .map(|m| s.lower(m))
            .find(|m| m == "last" || m == "next" || m == "this");
        if let Some(m) = modifier {
            let sign = if m == "last" {
                -1
            } else if m == "next" {
                1
            } else {
                0
            };
            match w.as_str() {
                "week" => return Some(doc + Duration::days(7 * sign)),
                "month" => return doc.checked_add_signed(Duration::days(30 * sign)),
                "year" => {
                    return NaiveDate::from_ymd_opt(
                        doc.year() + sign as i32,
                        doc.month(),
                        doc.day().min(28),
                    )
                }
                _ => {}
            }
            if let Some(d) = weekday(&w) {
                return Some(
                    nearest_weekday(doc, d, m == "next")
                        + Duration::days(if m == "last" && nearest_weekday(doc, d, false) == doc {
                            -7
                        } else {
                            0
                        }),
                );
            }
        }
        if let Some(mo) = month(&w) {
            // "on July 14", "14 July 2025", "in June".
            let nums: Vec<u32> = s
                .children(c)
                .filter_map(|k| s.tokens.get(k).and_then(|t| t.text.parse::<u32>().ok()))
                .collect();
            let day = nums.iter().copied().find(|&n| (1..=31).contains(&n));
            let year = nums
                .iter()
                .copied()
                .find(|&n| (1900..=2100).contains(&n))
                .map(|y| y as i32);
            let mut y = year.unwrap_or(doc.year());
            if year.is_none() {
                let candidate = NaiveDate::from_ymd_opt(y, mo, day.unwrap_or(1))?;
                if !future && candidate > doc {
                    y -= 1;
                } else if future && candidate < doc && day.is_some() {
                    y += 1;
                }
            }
            return match day {
                Some(d) => NaiveDate::from_ymd_opt(y, mo, d),
                // A month alone: the event is somewhere in it; report its
                // first day only when it is not the document's own month.
                None if y == doc.year() && mo == doc.month() => Some(doc),
                None => NaiveDate::from_ymd_opt(y, mo, 1),
            };
        }
    }
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_count_back_from_the_document() {
        let doc = NaiveDate::from_ymd_opt(2025, 7, 16).unwrap_or_default(); // a Wednesday
        assert_eq!(
            nearest_weekday(doc, Weekday::Mon, false),
            NaiveDate::from_ymd_opt(2025, 7, 14).unwrap_or_default()
        );
        assert_eq!(nearest_weekday(doc, Weekday::Wed, false), doc);
        assert_eq!(
            nearest_weekday(doc, Weekday::Fri, true),
            NaiveDate::from_ymd_opt(2025, 7, 18).unwrap_or_default()
        );
        assert_eq!(month("july"), Some(7));
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("march"), Some(3));
    }
}
