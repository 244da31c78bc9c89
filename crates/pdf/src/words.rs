//! What the line breakers need to know about German words: which must not be hyphenated at
//! all (abbreviations, proper names), how good a hyphenation point is, and where a space must
//! not break (number and unit, "e. V.", "§ 4", "24. April").

/// How good a hyphenation point is: German compounds read best broken where their parts meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    /// Between the parts of a compound (Wortfuge): "Kinder-betreuung".
    Compound,
    /// Between syllables of one part: "Betreu-ung".
    Syllable,
    /// Allowed but poor: between two vowels ("Sozi-al"), or leaving a short piece.
    Poor,
}

/// Place names the working group's texts name often; proper names are not hyphenated, and
/// German capitalises every noun, so names cannot be told by their capital letter.
const NAMES: &[&str] = &[
    // Saxony: its cities and districts.
    "Annaberg-Buchholz",
    "Aue",
    "Bautzen",
    "Borna",
    "Chemnitz",
    "Delitzsch",
    "Döbeln",
    "Dresden",
    "Erzgebirge",
    "Erzgebirgskreis",
    "Freiberg",
    "Görlitz",
    "Hoyerswerda",
    "Kamenz",
    "Leipzig",
    "Lausitz",
    "Meißen",
    "Mittelsachsen",
    "Nordsachsen",
    "Oberlausitz",
    "Pirna",
    "Plauen",
    "Radebeul",
    "Riesa",
    "Sachsen",
    "Torgau",
    "Vogtland",
    "Vogtlandkreis",
    "Weißwasser",
    "Zittau",
    "Zwickau",
    // The Länder and the capitals.
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
    "Bayern",
    "Baden-Württemberg",
    "Mecklenburg-Vorpommern",
    "Deutschland",
    "Europa",
];

/// A run of letters that must stay whole: an abbreviation or acronym (two capitals or more:
/// "SMWA", "DaZ", "BAMF") or a proper name, also inflected ("Sachsens", "Leipziger").
pub(crate) fn unbreakable(run: &str) -> bool {
    if run.chars().filter(|c| c.is_uppercase()).count() >= 2 {
        return true;
    }
    NAMES.iter().any(|name| {
        name.split('-').any(|part| {
            run.strip_prefix(part)
                .is_some_and(|rest| matches!(rest, "" | "s" | "er" | "ern" | "es"))
        })
    })
}

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'ä', 'ö', 'ü', 'y'];

/// Endings after which a Fugen-s joins a compound's first part to the next:
/// "Integration|s|konzept", "Beratung|s|dienst", "Gesundheit|s|karte".
const FUGE_S_AFTER: &[&str] = &[
    "ung", "heit", "keit", "tion", "sion", "schaft", "tät", "ling", "tum", "ions", "ats", "ams",
];

/// How good breaking `run` (a run of letters) at byte offset `at` is.
pub(crate) fn grade(run: &str, at: usize) -> Grade {
    let (left, right) = run.split_at(at);
    let lower_left = left.to_lowercase();
    let last = lower_left.chars().last();
    let first = right
        .chars()
        .next()
        .map(|c| c.to_lowercase().next().unwrap_or(c));
    if let Some(s) = lower_left.strip_suffix('s')
        && FUGE_S_AFTER.iter().any(|e| s.ends_with(e))
    {
        return Grade::Compound;
    }
    if super::compounds::is_boundary(&lower_left, &right.to_lowercase()) {
        return Grade::Compound;
    }
    // "Sozi-al", "Migrati-on", "Individu-um": legal, but the eye stumbles over them.
    if last.is_some_and(|c| VOWELS.contains(&c)) && first.is_some_and(|c| VOWELS.contains(&c)) {
        return Grade::Poor;
    }
    Grade::Syllable
}

/// Units, currencies and the like that stay on the line of the number before them.
const UNITS: &[&str] = &[
    "%",
    "‰",
    "€",
    "EUR",
    "Euro",
    "Mio.",
    "Mrd.",
    "Tsd.",
    "Prozent",
    "Prozentpunkte",
    "Jahre",
    "Jahren",
    "Monate",
    "Monaten",
    "Wochen",
    "Tage",
    "Tagen",
    "Stunden",
    "Std.",
    "Uhr",
    "km",
    "m²",
    "Plätze",
    "Personen",
    "Stellen",
];

/// Words that stay on the line of the number after them.
const BEFORE_NUMBERS: &[&str] = &[
    "§", "§§", "Art.", "Abs.", "Nr.", "S.", "Kap.", "Tit.", "Ziff.", "Anl.", "Bd.", "Rn.", "Ist",
    "Ziel", "Seite", "von", "Nummer", "Stand",
];

const MONTHS: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// `text` with no-break spaces where German typesetting does not break a line: between a
/// number and its unit ("9,8 Mio. €", "63,3 %", "15 Prozent"), inside abbreviations ("e. V.",
/// "z. B.", "i. d. R."), between a day and its month ("24. April"), after "§", "Nr.", "Ist"
/// and the like before a number, between groups of digits ("684 51"), and before a dash that
/// introduces a last word ("… – neu"). Only plain spaces change; nothing else does.
pub fn tie(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    let n = words.len();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        let Some(next) = words.get(i + 1) else { break };
        // "Titel – neu": a dash and one short last word stay with what they follow.
        let tail = n >= 3
            && i + 3 >= n
            && words[n - 2] == "–"
            && words[n - 1].chars().count() <= 12
            && !words[n - 1].contains('\u{A0}');
        // A line break inside the text ends a word as a space does.
        let (w, next) = (
            w.rsplit('\n').next().unwrap_or(w),
            next.split('\n').next().unwrap_or(next),
        );
        out.push(if tail || keeps_together(w, next) {
            '\u{A0}'
        } else {
            ' '
        });
    }
    out
}

fn is_number(w: &str) -> bool {
    let core = w.trim_start_matches(['(', '„', '"']);
    core.chars().next().is_some_and(|c| c.is_ascii_digit())
        && core
            .trim_end_matches([',', ';', ':', ')', '“', '"', '.'])
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '–' | '-' | '/'))
}

/// `w` is nothing but ASCII digits, as many as `count` allows.
fn digits(w: &str, count: std::ops::RangeInclusive<usize>) -> bool {
    count.contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
}

/// One letter and a full stop: a piece of an abbreviation like "z." in "z. B.".
fn abbreviation_piece(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_alphabetic())
}

fn keeps_together(word: &str, next: &str) -> bool {
    let unit = |w: &str| {
        UNITS
            .iter()
            .any(|u| w.trim_end_matches([',', ';', ':', ')', '.']) == u.trim_end_matches('.'))
    };
    if word.is_empty() || next.is_empty() {
        return false;
    }
    (is_number(word) && unit(next))
        || (matches!(word, "Mio." | "Mrd." | "Tsd.") && unit(next))
        // "Ist 190", and "Ist –" where a value is missing.
        || (BEFORE_NUMBERS.contains(&word.trim_start_matches('('))
            && (is_number(next) || next.trim_end_matches([',', ';', ')', '.']) == "–"))
        || (abbreviation_piece(word) && abbreviation_piece(next.trim_end_matches([',', ';', ')'])))
        || (is_number(word)
            && word.ends_with('.')
            && MONTHS.contains(&next.trim_end_matches([',', '.'])))
        // Groups of a number ("684 51", "07 03"): short groups only, so that a run of years
        // or a list of numbers does not become one unbreakable word.
        || (digits(word, 1..=3) && digits(next, 2..=3))
        // "Integrationskonzept II": a numeral stays with its name.
        || matches!(
            next.trim_end_matches([',', ';', ':', '.']),
            "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X"
        ) && word.chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: char = '\u{A0}';

    #[test]
    fn numbers_keep_their_units_and_abbreviations_their_parts() {
        let t =
            tie("Insgesamt 9,8 Mio. € für 63,3 % der Fälle, 15 Prozent mehr; Ist 497, Ziel 500.");
        assert_eq!(
            t,
            format!(
                "Insgesamt 9,8{NB}Mio.{NB}€ für 63,3{NB}% der Fälle, 15{NB}Prozent mehr; Ist{NB}497, Ziel{NB}500."
            )
        );
        assert_eq!(
            tie("Der Verein e. V. hat z. B. und i. d. R. gemäß § 4 Abs. 2"),
            format!("Der Verein e.{NB}V. hat z.{NB}B. und i.{NB}d.{NB}R. gemäß §{NB}4 Abs.{NB}2")
        );
        assert_eq!(
            tie("am 24. April 2018, Kap. 07 03 / Tit. 684 51 (Stand 30.09.2018)"),
            format!(
                "am 24.{NB}April 2018, Kap.{NB}07{NB}03 / Tit.{NB}684{NB}51 (Stand{NB}30.09.2018)"
            )
        );
        assert_eq!(
            tie("Ergänzende Sprachkurse – neu"),
            format!("Ergänzende Sprachkurse{NB}–{NB}neu")
        );
        assert_eq!(tie(&tie("z. B. 5 %")), tie("z. B. 5 %"), "idempotent");
        assert_eq!(tie(&tie("x – y – neu")), tie("x – y – neu"), "idempotent");
        assert_eq!(
            tie("2015 2016 2017 und 1 2 3"),
            "2015 2016 2017 und 1 2 3",
            "years and lists stay breakable"
        );
        assert_eq!(
            tie("Ist 190 (63,3 %)\nZiel 5"),
            format!("Ist{NB}190 (63,3{NB}%)\nZiel{NB}5"),
            "lines of a cell"
        );
        assert_eq!(
            tie("Integrationskonzept II des Freistaates"),
            format!("Integrationskonzept{NB}II des Freistaates")
        );
        // Ordinary words and numbers in prose stay breakable.
        assert_eq!(tie("In 2014 und 2015 kamen"), "In 2014 und 2015 kamen");
    }

    #[test]
    fn names_and_abbreviations_stay_whole() {
        for run in ["Chemnitz", "Sachsens", "Leipziger", "SMWA", "DaZ", "BAMF"] {
            assert!(unbreakable(run), "{run}");
        }
        for run in ["Sprachkurse", "Kinderbetreuung", "Sachbearbeitung"] {
            assert!(!unbreakable(run), "{run}");
        }
    }
}
