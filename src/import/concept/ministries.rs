//! Ministries named in a document: by abbreviation ("SMS"), by full name ("Sächsisches
//! Staatsministerium für Soziales und Verbraucherschutz") or both ("SMS – Sächsisches …", as
//! the fact box prints the lead). Unknown ones are created with a derived abbreviation.

use super::PlanMinistry;

/// Saxon ministries of both terms the concepts span (2014–2019 and from 2019), so that either
/// name is recognised.
const KNOWN: &[(&str, &str)] = &[
    (
        "SMEKUL",
        "Sächsisches Staatsministerium für Energie, Klimaschutz, Umwelt und Landwirtschaft",
    ),
    (
        "SMS",
        "Sächsisches Staatsministerium für Soziales und Gesellschaftlichen Zusammenhalt",
    ),
    (
        "SMJusDEG",
        "Sächsisches Staatsministerium der Justiz und für Demokratie, Europa und Gleichstellung",
    ),
    (
        "SMWA",
        "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
    ),
    (
        "SMR",
        "Sächsisches Staatsministerium für Regionalentwicklung",
    ),
];

/// The ministries met so far, in the order they were first named.
#[derive(Debug, Default)]
pub struct Registry {
    pub list: Vec<PlanMinistry>,
}

fn known() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::demo::ministries().chain(KNOWN.iter().copied())
}

/// Looks like an abbreviation: one word, 2–20 characters, at least two capitals ("SMS",
/// "SMJus", "BAMF", "SK").
pub fn is_abbreviation(s: &str) -> bool {
    let n = s.chars().count();
    (2..=20).contains(&n)
        && !s.contains(char::is_whitespace)
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
        && s.chars().next().is_some_and(char::is_uppercase)
}

fn is_ministry_name(s: &str) -> bool {
    let l = s.to_lowercase();
    ["ministeri", "staatskanzlei", "senat", "kanzleramt"]
        .iter()
        .any(|w| l.contains(w))
}

/// An abbreviation for a name nobody abbreviated: "Sächsisches Staatsministerium für
/// Regionalentwicklung" → "SMR", "Bundesministerium für Arbeit und Soziales" → "BMAS",
/// "Landesdirektion Sachsen" → "LS".
pub fn derive_abbreviation(name: &str) -> String {
    let small = [
        "für", "der", "des", "und", "die", "das", "den", "im", "in", "von", "zur", "zum",
    ];
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = String::new();
    let mut rest: &[&str] = &words;
    if words
        .iter()
        .any(|w| w.to_lowercase().contains("staatskanzlei"))
    {
        return "SK".into();
    }
    if let Some(i) = words.iter().position(|w| {
        let l = w.to_lowercase();
        l.ends_with("ministerium")
    }) {
        let l = words[i].to_lowercase();
        out.push_str(if l.starts_with("staats") {
            "SM"
        } else if l.starts_with("bundes") {
            "BM"
        } else {
            "M"
        });
        rest = &words[i + 1..];
    }
    for w in rest {
        if small.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        if let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) {
            out.extend(c.to_uppercase());
        }
    }
    if out.chars().count() < 2 {
        out = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(8)
            .collect();
    }
    out.chars().take(20).collect()
}

impl Registry {
    fn find(&self, abbreviation: &str) -> Option<&PlanMinistry> {
        self.list.iter().find(|m| m.abbreviation == abbreviation)
    }

    /// Records a ministry and returns its abbreviation; a second name for a known abbreviation
    /// keeps the first.
    fn add(&mut self, abbreviation: &str, name: &str, origin: &str) -> String {
        if self.find(abbreviation).is_none() {
            self.list.push(PlanMinistry {
                abbreviation: abbreviation.to_string(),
                name: name.to_string(),
                origin: origin.to_string(),
            });
        }
        abbreviation.to_string()
    }

    fn by_name(&mut self, name: &str, place: &str) -> String {
        let name = name.trim();
        let lower = name.to_lowercase();
        if let Some(m) = self.list.iter().find(|m| m.name.to_lowercase() == lower) {
            return m.abbreviation.clone();
        }
        let without_state = |n: &str| {
            n.to_lowercase()
                .trim_start_matches("sächsisches ")
                .trim_start_matches("sächsische ")
                .to_string()
        };
        if let Some((abbr, full)) = known().find(|(_, n)| without_state(n) == without_state(name)) {
            if self.find(abbr).is_some() {
                return abbr.to_string();
            }
            return self.add(abbr, full, "bekannt");
        }
        let mut abbr = derive_abbreviation(name);
        let base = abbr.clone();
        let mut n = 2;
        while self
            .find(&abbr)
            .is_some_and(|m| m.name.to_lowercase() != lower)
            || known().any(|(a, full)| a == abbr && full.to_lowercase() != lower)
        {
            abbr = format!("{base}{n}");
            n += 1;
        }
        self.add(
            &abbr,
            name,
            &format!("neu, Kürzel abgeleitet aus dem Namen ({place})"),
        )
    }

    fn by_abbreviation(&mut self, abbr: &str, place: &str) -> String {
        if self.find(abbr).is_some() {
            return abbr.to_string();
        }
        if let Some((a, full)) = known().find(|(a, _)| a.eq_ignore_ascii_case(abbr)) {
            return self.add(a, full, "bekannt");
        }
        self.add(
            abbr,
            abbr,
            &format!("neu, nur das Kürzel ist bekannt ({place}); Name bitte nachtragen"),
        )
    }

    /// The ministries a fact names, in order, and the parts that are no ministry (for the
    /// caller to use as partners or report).
    pub fn resolve(&mut self, text: &str, place: &str) -> (Vec<String>, Vec<String>) {
        let mut found: Vec<(usize, String)> = Vec::new();
        let mut rest = text.replace(['\n', ';'], ",");
        // Full names first (they contain commas and "und"), longest first; a known name also
        // without its "Sächsisches" ("Staatsministerium für Kultus").
        let mut names: Vec<(String, String, String)> = known()
            .flat_map(|(a, n)| {
                let short = n
                    .strip_prefix("Sächsisches ")
                    .or_else(|| n.strip_prefix("Sächsische "))
                    .map(|s| (a.to_string(), s.to_string(), n.to_string()));
                std::iter::once((a.to_string(), n.to_string(), n.to_string())).chain(short)
            })
            .chain(
                self.list
                    .iter()
                    .map(|m| (m.abbreviation.clone(), m.name.clone(), m.name.clone())),
            )
            .filter(|(a, n, _)| a != n)
            .collect();
        names.sort_by_key(|(_, n, _)| std::cmp::Reverse(n.len()));
        for (abbr, name, full) in names {
            if let Some((i, end)) = super::values::find_ci(&rest, &name) {
                // "SMS – Sächsisches Staatsministerium …": the abbreviation before the name is
                // the same ministry, and is removed with it.
                let mut start = i;
                let before = rest[..i].trim_end();
                for dash in ["–", "—", "-", ":"] {
                    if let Some(b) = before.strip_suffix(dash) {
                        let word = b.trim_end().rsplit([',', ' ']).next().unwrap_or("");
                        if word == abbr || is_abbreviation(word) {
                            start = b.trim_end().len() - word.len();
                        }
                    }
                }
                let word_before = rest[start..i]
                    .trim()
                    .trim_end_matches(['–', '—', '-', ':'])
                    .trim()
                    .to_string();
                let abbr = if !word_before.is_empty()
                    && is_abbreviation(&word_before)
                    && word_before != abbr
                {
                    // The document's own abbreviation for a name we know under another one.
                    self.add(&word_before, &full, &format!("aus dem Dokument ({place})"))
                } else {
                    if self.find(&abbr).is_some() {
                        abbr.clone()
                    } else {
                        self.add(&abbr, &full, "bekannt")
                    }
                };
                found.push((start, abbr));
                rest.replace_range(start..end, &" ".repeat(end - start));
            }
        }
        // "ABC – Name eines Ressorts" for names not known yet.
        let mut others = Vec::new();
        let mut offset = 0;
        for part in rest.split(',') {
            let pos = offset;
            offset += part.len() + 1;
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let part = strip_parenthetical(part);
            let mut handled = false;
            for dash in [" – ", " — ", " - "] {
                if let Some((a, n)) = part.split_once(dash)
                    && is_abbreviation(a.trim())
                    && !n.trim().is_empty()
                {
                    let a = a.trim();
                    let abbr = if self.find(a).is_some() {
                        a.to_string()
                    } else {
                        self.add(a, n.trim(), &format!("neu, aus dem Dokument ({place})"))
                    };
                    found.push((pos, abbr));
                    handled = true;
                    break;
                }
            }
            if handled {
                continue;
            }
            // "SMS / SMI", "SMK und SMS" are several; "Kinder- und Jugendhilfe" is one.
            let tokens: Vec<&str> = part
                .split(['/', '&'])
                .flat_map(|t| t.split(" und "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            let tokens = if tokens.len() > 1
                && tokens
                    .iter()
                    .all(|t| is_abbreviation(t) || is_ministry_name(t))
            {
                tokens
            } else {
                vec![part]
            };
            for token in tokens {
                if is_abbreviation(token) {
                    found.push((pos, self.by_abbreviation(token, place)));
                } else if is_ministry_name(token) {
                    found.push((pos, self.by_name(token, place)));
                } else {
                    others.push(token.to_string());
                }
            }
        }
        found.sort_by_key(|(pos, _)| *pos);
        let mut out: Vec<String> = Vec::new();
        for (_, a) in found {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        (out, others)
    }

    /// A ministry for a lead that names no ministry ("Landesdirektion Sachsen"): created under
    /// a derived abbreviation.
    pub fn lead_from_name(&mut self, name: &str, place: &str) -> String {
        self.by_name(name, place)
    }

    /// The stand-in lead of a measure whose document names none.
    pub fn placeholder(&mut self) -> String {
        self.add(
            PLACEHOLDER,
            "Federführung nicht angegeben (bitte nachtragen)",
            "Platzhalter für Maßnahmen ohne erkannte Federführung",
        )
    }
}

pub const PLACEHOLDER: &str = "N.N.";

/// "SMK (federführend)" → "SMK".
fn strip_parenthetical(s: &str) -> &str {
    match s.find(" (") {
        Some(i) if s.ends_with(')') => s[..i].trim(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_names_and_both() {
        let mut r = Registry::default();
        assert_eq!(r.resolve("SMS", "A1").0, vec!["SMS"]);
        assert_eq!(
            r.resolve(
                "SMWA – Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
                "A2"
            )
            .0,
            vec!["SMWA"]
        );
        let (m, rest) = r.resolve(
            "Sächsisches Staatsministerium für Kultus, SMWK, Kommunen und Landkreise",
            "A3",
        );
        assert_eq!(m, vec!["SMK", "SMWK"]);
        assert_eq!(rest, vec!["Kommunen und Landkreise"]);
        let (m, _) = r.resolve(
            "Sächsisches Staatsministerium für Regionalentwicklung",
            "A4",
        );
        assert_eq!(m, vec!["SMR"]);
        let (m, _) = r.resolve("Staatsministerium für Digitales und Verwaltung", "A5");
        assert_eq!(m, vec!["SMDV"]);
        assert_eq!(
            r.find("SMDV").unwrap().name,
            "Staatsministerium für Digitales und Verwaltung"
        );
        // Without "Sächsisches", and in any case.
        let (m, _) = r.resolve("STAATSMINISTERIUM DES INNERN", "A5b");
        assert_eq!(m, vec!["SMI"]);
        assert_eq!(
            r.find("SMI").unwrap().name,
            "Sächsisches Staatsministerium des Innern"
        );
        let (m, _) = r.resolve("SMK (federführend), SMS / SMI", "A6");
        assert_eq!(m, vec!["SMK", "SMS", "SMI"]);
        let (m, _) = r.resolve("LDS – Landesdirektion Sachsen", "A7");
        assert_eq!(m, vec!["LDS"]);
        assert_eq!(r.find("LDS").unwrap().name, "Landesdirektion Sachsen");
    }

    #[test]
    fn derived_abbreviations() {
        assert_eq!(
            derive_abbreviation(
                "Sächsisches Staatsministerium für Energie, Klimaschutz, Umwelt und Landwirtschaft"
            ),
            "SMEKUL"
        );
        assert_eq!(
            derive_abbreviation("Bundesministerium für Arbeit und Soziales"),
            "BMAS"
        );
        assert_eq!(derive_abbreviation("Sächsische Staatskanzlei"), "SK");
    }
}
