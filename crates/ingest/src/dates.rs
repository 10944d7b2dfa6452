//! Dates and times as news pages print them: "11 July 2025 | 06:15",
//! "July 11, 2025 6:15 PM", "2025-07-11T06:15:00+03:30", "14.03.2024",
//! "Updated: Friday, 11 July 2025, 14:05 GMT".

use chrono::{DateTime, NaiveDate, NaiveTime};
use regex::Regex;
use std::sync::OnceLock;

/// A date, time and UTC offset found in a line, with the byte range of the
/// line they cover (so callers can read what else the line says).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FoundDateTime {
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub utc_offset_minutes: Option<i32>,
    /// Byte ranges of the line taken by the date and the time.
    pub spans: Vec<(usize, usize)>,
}

struct Patterns {
    iso: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    numeric: Regex,
    time: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        let build = |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("static pattern: {e}"));
        Patterns {
            iso: build(
                r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
            ),
            day_month_year: build(&format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})\b")),
            month_day_year: build(&format!(r"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
            numeric: build(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b"),
            time: build(
                r"(?i)\b(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(GMT|UTC|Z)\b|\s*([+-]\d{2}:?\d{2})\b)?",
            ),
        }
    })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn parse_offset(s: &str) -> Option<i32> {
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("gmt") || s.eq_ignore_ascii_case("utc")
    {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Finds the first date (and a time, if any) in `line`.
pub fn find_date_time(line: &str) -> FoundDateTime {
    let p = patterns();
    let mut found = FoundDateTime::default();
    let num = |s: Option<regex::Match<'_>>| s.and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = p.iso.captures(line) {
        let date = NaiveDate::from_ymd_opt(
            num(c.get(1)).unwrap_or(0) as i32,
            num(c.get(2)).unwrap_or(0),
            num(c.get(3)).unwrap_or(0),
        );
        if date.is_some() {
            found.date = date;
            if let (Some(h), Some(m)) = (num(c.get(4)), num(c.get(5))) {
                found.time = NaiveTime::from_hms_opt(h, m, 0);
                found.utc_offset_minutes = c.get(7).and_then(|o| parse_offset(o.as_str()));
            }
            if let Some(m) = c.get(0) {
                found.spans.push((m.start(), m.end()));
            }
            if found.time.is_some() {
                return found;
            }
        }
    }
    if found.date.is_none() {
        let dmy = p.day_month_year.captures(line).and_then(|c| {
            let date = NaiveDate::from_ymd_opt(
                num(c.get(3))? as i32,
                month_number(c.get(2)?.as_str())?,
                num(c.get(1))?,
            )?;
            Some((date, c.get(0)?))
        });
        let mdy = p.month_day_year.captures(line).and_then(|c| {
            let date = NaiveDate::from_ymd_opt(
                num(c.get(3))? as i32,
                month_number(c.get(1)?.as_str())?,
                num(c.get(2))?,
            )?;
            Some((date, c.get(0)?))
        });
        let numeric = p.numeric.captures(line).and_then(|c| {
            let (a, b, y) = (num(c.get(1))?, num(c.get(3))?, num(c.get(4))? as i32);
            // "14.03.2024" is day-first; "03/14/2024" month-first unless
            // the first number cannot be a month.
            let day_first = c.get(2)?.as_str() == "." || a > 12;
            let (d, m) = if day_first { (a, b) } else { (b, a) };
            Some((NaiveDate::from_ymd_opt(y, m, d)?, c.get(0)?))
        });
        let best = [dmy, mdy, numeric]
            .into_iter()
            .flatten()
            .min_by_key(|(_, m)| m.start());
        if let Some((date, m)) = best {
            found.date = Some(date);
            found.spans.push((m.start(), m.end()));
        }
    }
    // A time outside the date's own text.
    let taken = found.spans.clone();
    for c in p.time.captures_iter(line) {
        let Some(m) = c.get(0) else { continue };
        if taken.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
            continue;
        }
        let (Some(mut h), Some(min)) = (num(c.get(1)), num(c.get(2))) else {
            continue;
        };
        if let Some(ampm) = c.get(3) {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            if h == 0 || h > 12 {
                continue;
            }
            h = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
        } else if m.as_str().contains('.') {
            // "14.03" without am/pm is too easily a number.
            continue;
        }
        let Some(time) = NaiveTime::from_hms_opt(h, min, 0) else {
            continue;
        };
        found.time = Some(time);
        found.utc_offset_minutes = c
            .get(4)
            .or(c.get(5))
            .and_then(|o| parse_offset(o.as_str()))
            .or(found.utc_offset_minutes);
        found.spans.push((m.start(), m.end()));
        break;
    }
    found
}

/// Parses a machine-readable timestamp (meta tags, JSON-LD, `<time
/// datetime>`): RFC 3339 or a bare ISO date.
pub fn parse_timestamp(s: &str) -> Option<(NaiveDate, Option<NaiveTime>, Option<i32>)> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some((
            dt.date_naive(),
            Some(dt.time()),
            Some(dt.offset().local_minus_utc() / 60),
        ));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some((
            dt.date_naive(),
            Some(dt.time()),
            Some(dt.offset().local_minus_utc() / 60),
        ));
    }
    let found = find_date_time(s);
    found
        .date
        .map(|d| (d, found.time, found.utc_offset_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(line: &str) -> (Option<String>, Option<String>, Option<i32>) {
        let f = find_date_time(line);
        (
            f.date.map(|d| d.to_string()),
            f.time.map(|t| t.format("%H:%M").to_string()),
            f.utc_offset_minutes,
        )
    }

    #[test]
    fn news_styles() {
        let d = Some("2025-07-11".to_string());
        assert_eq!(
            dt("11 July 2025 | 06:15 Code : 2033885 Middle East"),
            (d.clone(), Some("06:15".into()), None)
        );
        assert_eq!(
            dt("July 11, 2025 6:15 PM"),
            (d.clone(), Some("18:15".into()), None)
        );
        assert_eq!(
            dt("2025-07-11T06:15:00+03:30"),
            (d.clone(), Some("06:15".into()), Some(210))
        );
        assert_eq!(
            dt("Updated: Friday, 11 July 2025, 14:05 GMT"),
            (d.clone(), Some("14:05".into()), Some(0))
        );
        assert_eq!(
            dt("Published: 14.03.2024 | 09:40 | Politics"),
            (Some("2024-03-14".into()), Some("09:40".into()), None)
        );
        assert_eq!(
            dt("Jul 3, 2026 - 17:20 | World"),
            (Some("2026-07-03".into()), Some("17:20".into()), None)
        );
        assert_eq!(
            dt("12:00 a.m. 31 Dec. 2024"),
            (Some("2024-12-31".into()), Some("00:00".into()), None)
        );
        assert_eq!(dt("no date here at all"), (None, None, None));
        assert_eq!(dt("31 February 2025"), (None, None, None));
    }

    #[test]
    fn timestamps() {
        let (d, t, o) = parse_timestamp("2026-02-02T18:30:00Z").unwrap_or_default();
        assert_eq!(d.to_string(), "2026-02-02");
        assert_eq!(t.map(|t| t.to_string()), Some("18:30:00".into()));
        assert_eq!(o, Some(0));
        assert!(parse_timestamp("2024-11-05")
            .is_some_and(|(d, t, _)| d.to_string() == "2024-11-05" && t.is_none()));
        assert!(parse_timestamp("garbage").is_none());
    }
}
