//! The values of a measure's facts as ministries write them, and as the printed fact box
//! (`render::facts`) prints them: amounts, timeframes, status and progress, indicators,
//! ministries. Pure functions; `None` means "not understood" and the caller reports the text.

use chrono::NaiveDate;

use crate::model::{BudgetLine, Indicator};

/// A German number: "1.200.000,50", "9,8", "4.700.000", "12.5" (read as 12,5 only when the
/// dot cannot be a thousands separator). Returns the value as an integer numerator and the
/// number of decimal places.
fn decimal(s: &str) -> Option<(i128, u32)> {
    let s = s.trim();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, f),
        None => {
            // "12.5" (one to two digits after a single dot) is a decimal point; "4.700" groups.
            let groups: Vec<&str> = s.split('.').collect();
            if groups.len() == 2 && groups[1].len() != 3 {
                (groups[0], groups[1])
            } else {
                (s, "")
            }
        }
    };
    let int: String = int.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.len() + frac.len() > 30
    {
        return None;
    }
    let digits = format!("{int}{frac}");
    Some((digits.parse().ok()?, frac.len() as u32))
}

/// Where `needle` occurs in `haystack`, ignoring case: byte start and end in `haystack`.
/// (Lower-casing the haystack first would shift byte offsets where a character's lower case
/// has another length, such as "İ".)
pub fn find_ci(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    for (start, _) in haystack.char_indices() {
        let mut want = needle.iter();
        let mut end = start;
        let mut matched = true;
        'chars: for (i, c) in haystack[start..].char_indices() {
            for lc in c.to_lowercase() {
                match want.next() {
                    Some(w) if *w == lc => {}
                    Some(_) => {
                        matched = false;
                        break 'chars;
                    }
                    None => break 'chars,
                }
            }
            end = start + i + c.len_utf8();
            if want.len() == 0 {
                break;
            }
        }
        if matched && want.len() == 0 {
            return Some((start, end));
        }
    }
    None
}

/// A German number as f64 ("1.358", "12,5").
pub fn number(s: &str) -> Option<f64> {
    let (n, places) = decimal(s)?;
    Some(n as f64 / 10f64.powi(places as i32))
}

/// An amount of money in cents: "9,8 Mio. €", "4.700.000 EUR", "1,2 Mrd. Euro", "350 T€",
/// "1.200.000,00 €", "50.000 Euro". The first amount in the text counts; None without one.
pub fn amount_cents(text: &str) -> Option<i64> {
    // "1 200 000 €" with (no-break, narrow) spaces between groups of thousands.
    let text = &text.replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ");
    let (start, len) = first_number(text)?;
    let (n, places) = decimal(&text[start..start + len])?;
    let rest = text[start + len..].trim_start().to_lowercase();
    let factor: i128 = if rest.starts_with("mrd") || rest.starts_with("milliarde") {
        1_000_000_000
    } else if rest.starts_with("mio") || rest.starts_with("million") {
        1_000_000
    } else if rest.starts_with("t€")
        || rest.starts_with("teur")
        || rest.starts_with("tsd")
        || rest.starts_with("tausend")
    {
        1_000
    } else {
        1
    };
    // Only a number with a currency is an amount: "2017" in "2017: 4.000 €" is not.
    let has_currency = ["€", "eur", "euro"].iter().any(|c| rest.contains(c));
    if !has_currency {
        return None;
    }
    let cents = n.checked_mul(factor * 100)? / 10i128.pow(places);
    i64::try_from(cents).ok()
}

/// Exactly three digits and then no digit: a group of thousands after a space.
fn thousands_group_follows(b: &[u8]) -> bool {
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| !c.is_ascii_digit())
}

/// Start and length of the first number (digits, dots, commas) in `text` that is followed by
/// a currency or a multiplier, skipping years and other numbers before it.
fn first_number(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            // Digits since the last separator: a space groups thousands only after 1–3.
            let mut group = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    group += 1;
                } else if ((bytes[i] == b'.' || bytes[i] == b',')
                    && i + 1 < bytes.len()
                    && bytes[i + 1].is_ascii_digit())
                    || (bytes[i] == b' ' && group <= 3 && thousands_group_follows(&bytes[i + 1..]))
                {
                    group = 0;
                } else {
                    break;
                }
                i += 1;
            }
            let rest = text[i..].trim_start().to_lowercase();
            if [
                "€",
                "eur",
                "mio",
                "mrd",
                "million",
                "milliarde",
                "t€",
                "teur",
                "tsd",
                "tausend",
            ]
            .iter()
            .any(|c| rest.starts_with(c))
            {
                return Some((start, i - start));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// What a timeframe says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timeframe {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub ongoing: bool,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        ymd(y + 1, 1, 1)?
    } else {
        ymd(y, m + 1, 1)?
    };
    next.pred_opt()
}

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// One point in time as a span of days: "31.12.2019", "2019", "03/2019", "März 2019",
/// "2. Quartal 2019", "II. Quartal 2019", "2. Halbjahr 2019", "Ende 2019", "Mitte 2019".
fn span(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .trim()
        .to_lowercase();
    let year = |t: &str| -> Option<i32> {
        let t = t.trim();
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
            .filter(|y| (1900..=2200).contains(y))
    };
    if let Some(y) = year(&s) {
        return Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?));
    }
    let parts: Vec<&str> = s.split('.').map(str::trim).collect();
    if parts.len() == 3
        && let (Ok(d), Ok(m)) = (parts[0].parse::<u32>(), parts[1].parse::<u32>())
    {
        let y: i32 = match parts[2].len() {
            4 => parts[2].parse().ok()?,
            2 => 2000 + parts[2].parse::<i32>().ok()?,
            _ => return None,
        };
        let d = ymd(y, m, d)?;
        return Some((d, d));
    }
    if let Some((m, y)) = s.split_once('/')
        && let (Ok(m), Some(y)) = (m.trim().parse::<u32>(), year(y))
        && (1..=12).contains(&m)
    {
        return Some((ymd(y, m, 1)?, month_end(y, m)?));
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() == 2
        && let Some(y) = year(words[1])
    {
        if let Some(m) = MONTHS.iter().position(|name| {
            *name == words[0]
                || (words[0].len() >= 3 && name.starts_with(words[0].trim_end_matches('.')))
        }) {
            let m = m as u32 + 1;
            return Some((ymd(y, m, 1)?, month_end(y, m)?));
        }
        return match words[0] {
            "anfang" | "beginn" => Some((ymd(y, 1, 1)?, ymd(y, 3, 31)?)),
            "mitte" => Some((ymd(y, 4, 1)?, ymd(y, 9, 30)?)),
            "ende" => Some((ymd(y, 10, 1)?, ymd(y, 12, 31)?)),
            _ => None,
        };
    }
    if words.len() == 3
        && let Some(y) = year(words[2])
    {
        let n = match words[0].trim_end_matches('.') {
            "1" | "i" | "erstes" | "erste" => 1,
            "2" | "ii" | "zweites" | "zweite" => 2,
            "3" | "iii" | "drittes" | "dritte" => 3,
            "4" | "iv" | "viertes" | "vierte" => 4,
            _ => return None,
        };
        if words[1].starts_with("quartal") && n <= 4 {
            let m = (n - 1) * 3 + 1;
            return Some((ymd(y, m, 1)?, month_end(y, m + 2)?));
        }
        if words[1].starts_with("halbjahr") && n <= 2 {
            let m = (n - 1) * 6 + 1;
            return Some((ymd(y, m, 1)?, month_end(y, m + 5)?));
        }
    }
    None
}

/// A timeframe: "fortlaufend", "Daueraufgabe", "2017–2019", "2017 bis 2019", "seit 2016",
/// "seit 01.01.2017, fortlaufend", "ab 2018", "bis 2020", "01.12.2016 – 31.12.2019",
/// "2. Quartal 2019", "2018". `seit` means begun and going on.
pub fn timeframe(text: &str) -> Option<Timeframe> {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_end_matches('.').trim();
    if lower.is_empty() {
        return None;
    }
    let ongoing_words = [
        "fortlaufend",
        "laufend",
        "daueraufgabe",
        "dauerhaft",
        "kontinuierlich",
        "ständig",
        "unbefristet",
    ];
    let mut ongoing = false;
    let mut rest = lower.to_string();
    for w in ongoing_words {
        if let Some(i) = rest.find(w) {
            ongoing = true;
            rest.replace_range(i..i + w.len(), "");
        }
    }
    let rest = rest
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string();
    if rest.is_empty() {
        return ongoing.then_some(Timeframe {
            start: None,
            end: None,
            ongoing: true,
        });
    }
    for (prefix, kind) in [("seit", 's'), ("ab", 'a'), ("bis", 'b'), ("von", 'v')] {
        if let Some(r) = rest.strip_prefix(prefix)
            && r.starts_with(' ')
        {
            let r = r.trim();
            if kind == 'v' {
                return range(r, ongoing);
            }
            let (from, to) = span(r)?;
            return Some(match kind {
                's' => Timeframe {
                    start: Some(from),
                    end: None,
                    ongoing: true,
                },
                'a' => Timeframe {
                    start: Some(from),
                    end: None,
                    ongoing,
                },
                _ => Timeframe {
                    start: None,
                    end: if ongoing { None } else { Some(to) },
                    ongoing,
                },
            });
        }
    }
    if let Some(tf) = range(&rest, ongoing) {
        return Some(tf);
    }
    let (from, to) = span(&rest)?;
    Some(Timeframe {
        start: Some(from),
        end: if ongoing { None } else { Some(to) },
        ongoing,
    })
}

/// "2017–2019", "2017 - 2019", "01.12.2016 – 31.12.2019", "2017 bis 2019".
fn range(s: &str, ongoing: bool) -> Option<Timeframe> {
    for sep in [" bis ", "–", "—", " - ", "-"] {
        if let Some((a, b)) = s.split_once(sep) {
            let (from, _) = span(a)?;
            let (_, to) = span(b)?;
            if to < from {
                return None;
            }
            return Some(Timeframe {
                start: Some(from),
                end: if ongoing { None } else { Some(to) },
                ongoing,
            });
        }
    }
    None
}

/// The status key and progress a text names: "in Umsetzung, Fortschritt 50 %", "umgesetzt",
/// "abgeschlossen", "begonnen", "geplant", "verzögert", "entfallen", "50 %".
pub fn status(text: &str) -> (Option<&'static str>, Option<i64>) {
    let lower = text.to_lowercase();
    let key = [
        ("entfallen", "entfallen"),
        ("gestrichen", "entfallen"),
        ("eingestellt", "entfallen"),
        ("noch nicht umgesetzt", "geplant"),
        ("noch nicht begonnen", "geplant"),
        ("nicht begonnen", "geplant"),
        ("verzögert", "verzoegert"),
        ("verzoegert", "verzoegert"),
        ("in verzug", "verzoegert"),
        ("fortlaufend", "fortlaufend"),
        ("daueraufgabe", "fortlaufend"),
        ("teilweise umgesetzt", "in-umsetzung"),
        ("umgesetzt", "umgesetzt"),
        ("abgeschlossen", "umgesetzt"),
        ("erledigt", "umgesetzt"),
        ("erfüllt", "umgesetzt"),
        ("in umsetzung", "in-umsetzung"),
        ("in-umsetzung", "in-umsetzung"),
        ("in bearbeitung", "in-umsetzung"),
        ("in arbeit", "in-umsetzung"),
        ("begonnen", "in-umsetzung"),
        ("laufend", "in-umsetzung"),
        ("läuft", "in-umsetzung"),
        ("geplant", "geplant"),
        ("in planung", "geplant"),
        ("vorgesehen", "geplant"),
        ("offen", "geplant"),
    ]
    .iter()
    .find(|(word, _)| lower.contains(word))
    .map(|(_, key)| *key);
    (key, percent(text))
}

/// "50 %", "Fortschritt 50%", "50 Prozent".
pub fn percent(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    let i = lower.find('%').or_else(|| lower.find("prozent"))?;
    let before = lower[..i].trim_end();
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let n: i64 = digits.parse().ok()?;
    (0..=100).contains(&n).then_some(n)
}

/// Budget lines. The fact box's form: a total line "1.200.000 € insgesamt" and one line per
/// budget line "2018: 400.000 €, Haushaltsstelle 08 10 / 684 51 (Kursförderung)". Otherwise
/// each line with an amount is a line: "9,8 Mio. € (2017–2019)", "2017–2019: 4.700.000 EUR".
/// Returns None if a line has no amount (the caller reports the text).
pub fn budget(text: &str) -> Option<Vec<BudgetLine>> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines: Vec<&str> = if lines.len() > 1 && lines[0].to_lowercase().ends_with("insgesamt") {
        lines[1..].to_vec()
    } else {
        lines
    };
    let mut out = Vec::new();
    for line in lines {
        let amount = amount_cents(line)?;
        let (period, rest) = match line.split_once(": ") {
            Some((p, r)) if amount_cents(p).is_none() => (p.trim().to_string(), r),
            _ => (String::new(), line),
        };
        let (mut period, mut item, mut note) = (period, String::new(), String::new());
        // After the amount: ", Haushaltsstelle X" and " (note)".
        let after = rest
            .find('€')
            .map(|i| &rest[i + '€'.len_utf8()..])
            .or_else(|| {
                ["euro", "eur"]
                    .iter()
                    .find_map(|c| find_ci(rest, c).map(|(_, end)| &rest[end..]))
            })
            .unwrap_or("")
            .trim();
        let mut tail = after;
        if let Some(r) = tail
            .strip_prefix(", Haushaltsstelle ")
            .or_else(|| tail.strip_prefix(", Haushaltstitel "))
            .or_else(|| tail.strip_prefix(", Kap. "))
        {
            let end = r.find(" (").unwrap_or(r.len());
            item = r[..end].trim().to_string();
            tail = r[end..].trim();
        }
        if let Some(inner) = tail.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            let inner = inner.trim();
            // "(2017–2019)" is the period when none was given before the amount.
            if period.is_empty() && timeframe(inner).is_some_and(|t| t.start.is_some()) {
                period = inner.to_string();
            } else {
                note = inner.to_string();
            }
        } else if !tail.is_empty() {
            let t = tail.trim_start_matches([',', ';']).trim();
            if period.is_empty() && timeframe(t).is_some_and(|t| t.start.is_some()) {
                period = t.to_string();
            } else {
                note = t.to_string();
            }
        }
        out.push(BudgetLine {
            amount_cents: amount,
            budget_item: item,
            period,
            note,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Indicators, one per line. The fact box's form "Name: Ziel 100 Personen, Ist 50 Personen
/// (Stand 31.12.2018)" is read into its parts; any other line becomes an indicator's name.
pub fn indicators(text: &str) -> Vec<Indicator> {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['•', '-', '–', '*']).trim())
        .filter(|l| !l.is_empty())
        .map(indicator)
        .collect()
}

fn indicator(line: &str) -> Indicator {
    let plain = Indicator {
        name: line.to_string(),
        unit: String::new(),
        baseline: None,
        target: None,
        actual: None,
        as_of: None,
    };
    let Some(i) = line.rfind(": Ziel ") else {
        return plain;
    };
    let name = line[..i].trim().to_string();
    let mut rest = &line[i + ": Ziel ".len()..];
    let mut as_of = None;
    if let Some(j) = rest.rfind(" (Stand ")
        && rest.ends_with(')')
    {
        as_of = span(&rest[j + " (Stand ".len()..rest.len() - 1]).map(|(d, _)| d);
        rest = &rest[..j];
    }
    let Some((target, actual)) = rest.split_once(", Ist ") else {
        return plain;
    };
    let (target, unit_t) = value_unit(target);
    let (actual, unit_a) = value_unit(actual);
    Indicator {
        name,
        unit: if unit_t.is_empty() { unit_a } else { unit_t },
        baseline: None,
        target,
        actual,
        as_of,
    }
}

/// "1.358 Personen" → (1358, "Personen"); "–" → (None, "").
fn value_unit(s: &str) -> (Option<f64>, String) {
    let s = s.trim();
    if s == "–" || s == "-" || s.is_empty() {
        return (None, String::new());
    }
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    match number(&s[..end]) {
        Some(n) => (Some(n), s[end..].trim().to_string()),
        None => (None, s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn case_insensitive_find_keeps_byte_offsets() {
        assert_eq!(find_ci("İİ 4.000 EUR", "eur"), Some((11, 14)));
        assert_eq!(find_ci("ein Staatsministerium", "STAATS"), Some((4, 10)));
        assert_eq!(find_ci("abc", "abcd"), None);
    }

    #[test]
    fn amounts_in_all_common_forms() {
        assert_eq!(amount_cents("9,8 Mio. €"), Some(980_000_000));
        assert_eq!(amount_cents("4.700.000 EUR"), Some(470_000_000));
        assert_eq!(amount_cents("1,2 Mrd. Euro"), Some(120_000_000_000));
        assert_eq!(amount_cents("350 T€"), Some(35_000_000));
        assert_eq!(amount_cents("1.200.000,00 €"), Some(120_000_000));
        assert_eq!(amount_cents("50.000,50 €"), Some(5_000_050));
        assert_eq!(amount_cents("2018: 400.000 €"), Some(40_000_000));
        assert_eq!(
            amount_cents("jährlich 2,5 Millionen Euro"),
            Some(250_000_000)
        );
        assert_eq!(amount_cents("1 200 000 €"), Some(120_000_000));
        assert_eq!(amount_cents("9,8\u{a0}Mio.\u{a0}€"), Some(980_000_000));
        assert_eq!(amount_cents("2018 400 000 EUR"), Some(40_000_000));
        assert_eq!(amount_cents("aus laufenden Mitteln"), None);
        assert_eq!(amount_cents("2017–2019"), None);
    }

    #[test]
    fn timeframes_in_all_common_forms() {
        let tf = |s| timeframe(s).unwrap();
        assert_eq!(
            tf("fortlaufend"),
            Timeframe {
                start: None,
                end: None,
                ongoing: true
            }
        );
        assert_eq!(tf("2017–2019").start, d(2017, 1, 1));
        assert_eq!(tf("2017–2019").end, d(2019, 12, 31));
        assert_eq!(tf("2017 bis 2019").end, d(2019, 12, 31));
        let seit = tf("seit 2016");
        assert_eq!(
            (seit.start, seit.end, seit.ongoing),
            (d(2016, 1, 1), None, true)
        );
        let exact = tf("01.12.2016 – 31.12.2019");
        assert_eq!((exact.start, exact.end), (d(2016, 12, 1), d(2019, 12, 31)));
        let q = tf("2. Quartal 2019");
        assert_eq!((q.start, q.end), (d(2019, 4, 1), d(2019, 6, 30)));
        let printed = tf("seit 01.01.2017, fortlaufend");
        assert_eq!(
            (printed.start, printed.end, printed.ongoing),
            (d(2017, 1, 1), None, true)
        );
        assert_eq!(tf("ab 01.03.2018").start, d(2018, 3, 1));
        assert!(!tf("ab 01.03.2018").ongoing);
        assert_eq!(tf("bis 31.12.2020").end, d(2020, 12, 31));
        assert_eq!(tf("März 2019").end, d(2019, 3, 31));
        assert_eq!(tf("2018").end, d(2018, 12, 31));
        assert_eq!(tf("2. Halbjahr 2019").start, d(2019, 7, 1));
        assert_eq!(timeframe("nach Bedarf"), None);
        assert_eq!(timeframe("2019–2017"), None);
    }

    #[test]
    fn status_and_progress() {
        assert_eq!(
            status("in Umsetzung, Fortschritt 50 %"),
            (Some("in-umsetzung"), Some(50))
        );
        assert_eq!(status("abgeschlossen"), (Some("umgesetzt"), None));
        assert_eq!(status("teilweise umgesetzt"), (Some("in-umsetzung"), None));
        assert_eq!(
            status("verzögert, Fortschritt 20 %"),
            (Some("verzoegert"), Some(20))
        );
        assert_eq!(
            status("fortlaufend, Fortschritt 0 %").0,
            Some("fortlaufend")
        );
        assert_eq!(status("unklar"), (None, None));
        assert_eq!(percent("Fortschritt 150 %"), None);
    }

    #[test]
    fn budget_as_the_fact_box_prints_it_and_as_people_write_it() {
        let lines = budget(
            "1.200.000 € insgesamt\n2018: 400.000 €, Haushaltsstelle 08 10 / 684 51 (Förderung (vorbehaltlich Haushalt))\n2019–2020: 800.000,50 €",
        )
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].amount_cents, 40_000_000);
        assert_eq!(lines[0].period, "2018");
        assert_eq!(lines[0].budget_item, "08 10 / 684 51");
        assert_eq!(lines[0].note, "Förderung (vorbehaltlich Haushalt)");
        assert_eq!(lines[1].amount_cents, 80_000_050);
        assert_eq!(lines[1].period, "2019–2020");
        let one = budget("9,8 Mio. € (2017–2019)").unwrap();
        assert_eq!(
            (one[0].amount_cents, one[0].period.as_str()),
            (980_000_000, "2017–2019")
        );
        assert_eq!(budget("aus vorhandenen Mitteln"), None);
    }

    #[test]
    fn indicators_as_printed() {
        let i = indicators(
            "Beratene Personen: Ziel 1.358 Personen je VZÄ, Ist 12,5 Personen je VZÄ (Stand 31.12.2018)\nAnzahl Kurse",
        );
        assert_eq!(i.len(), 2);
        assert_eq!(i[0].name, "Beratene Personen");
        assert_eq!(i[0].target, Some(1358.0));
        assert_eq!(i[0].actual, Some(12.5));
        assert_eq!(i[0].unit, "Personen je VZÄ");
        assert_eq!(i[0].as_of, d(2018, 12, 31));
        assert_eq!(i[1].name, "Anzahl Kurse");
        let none = indicators("Quote: Ziel 80 %, Ist –");
        assert_eq!(
            (none[0].target, none[0].actual, none[0].unit.as_str()),
            (Some(80.0), None, "%")
        );
    }
}
