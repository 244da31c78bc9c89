//! The demo concept as data: `zik2.toml` (concept, ministries, fields of action with their
//! goals, users, editions, answer templates, measures) and `zik2-comments.toml` (the
//! illustrative comments of the participation rounds), embedded in the binary and read into the
//! model's own types (`Concept`, `MeasureData`, `NewComment`, `AnswerTemplate`, …).
//!
//! Reading is strict: a malformed date is an error (dates are `NaiveDate`, not strings), the
//! demo's own tables refuse unknown keys, and [`DemoData::check`] refuses references to a
//! ministry, field, goal or measure that does not exist. The tests below also check that every
//! key of the files is read (a misspelt key in a `MeasureData` table would otherwise be ignored).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{AnswerTemplate, Concept, EditionStatus, MeasureData, NewComment, Role};

/// The concept file. Why TOML: see ARCHITECTURE.md ("Demo concept").
pub const ZIK2_TOML: &str = include_str!("zik2.toml");
/// The illustrative comments (generated once, stored as data so the demo needs no generator).
pub const ZIK2_COMMENTS_TOML: &str = include_str!("zik2-comments.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    pub concept: Concept,
    pub ministries: Vec<MinistryEntry>,
    pub fields: Vec<FieldEntry>,
    pub users: Vec<UserEntry>,
    pub editions: Editions,
    pub templates: Vec<AnswerTemplate>,
    pub measures: Vec<MeasureEntry>,
}

/// A ministry as `Store::add_ministry` takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinistryEntry {
    pub abbreviation: String,
    pub name: String,
}

/// A field of action as `Store::add_field` takes it, with its goals in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEntry {
    pub number: String,
    pub title: String,
    /// Number of the enclosing field, for sub-fields.
    pub parent: Option<String>,
    /// Markdown.
    pub intro: String,
    pub goals: Vec<String>,
}

/// A member of the working group (`NewUser` without a database login).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub ministry: Option<String>,
}

/// An edition as `Store::freeze_edition` takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionEntry {
    pub name: String,
    pub status: EditionStatus,
    pub adopted_on: Option<NaiveDate>,
    pub note: String,
}

/// The three editions the demo's history passes through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Editions {
    /// The 2012 concept (superseded by the 2018 one at the end).
    pub concept_2012: EditionEntry,
    /// The draft for the cabinet, frozen after the participation.
    pub cabinet_draft: EditionEntry,
    /// ZIK II as adopted in 2018.
    pub adopted_2018: EditionEntry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureEntry {
    /// Stable code: the number of its field, a hyphen and a running number ("3.5-2"); a
    /// sub-measure adds its own number to its parent's ("3.5-2.1").
    pub code: String,
    /// The long text as it read in the 2012 concept, for measures that existed then (same
    /// title; older, shorter wording, so that a diff between the editions shows real changes).
    pub text_long_2012: Option<String>,
    /// The measure as of 2018. In the file, `goals` are 1-based positions in the field's goal
    /// list (a goal has no key; [`DemoData::goal_ids`] maps them to the stored ids), and
    /// `sort_order` is the measure's position in the file.
    pub data: MeasureData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentsData {
    pub rounds: Vec<CommentRound>,
}

/// One participation channel (`Store::insert_comments`: key, name, comments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRound {
    pub key: String,
    pub name: String,
    pub comments: Vec<NewComment>,
}

/// The embedded concept file, read and checked once. The file is part of the binary and its
/// test (`demo::data::tests`) reads it, so a failure here is a build defect, not user input.
pub fn demo() -> &'static DemoData {
    static DATA: LazyLock<DemoData> = LazyLock::new(|| {
        parse(ZIK2_TOML).unwrap_or_else(|e| panic!("src/demo/zik2.toml is invalid: {e}"))
    });
    &DATA
}

/// The embedded comments file (read on `init --demo` only).
pub fn comments() -> CommentsData {
    parse_comments(ZIK2_COMMENTS_TOML, demo())
        .unwrap_or_else(|e| panic!("src/demo/zik2-comments.toml is invalid: {e}"))
}

/// Reads and checks a concept file.
pub fn parse(text: &str) -> Result<DemoData, String> {
    let data: DemoData = toml::from_str(text).map_err(|e| e.to_string())?;
    let problems = data.check();
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems.join("\n"))
    }
}

/// Reads a comments file and checks its references against `demo`.
pub fn parse_comments(text: &str, demo: &DemoData) -> Result<CommentsData, String> {
    let data: CommentsData = toml::from_str(text).map_err(|e| e.to_string())?;
    let problems = demo.check_comments(&data);
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems.join("\n"))
    }
}

impl DemoData {
    /// Everything a reference can get wrong, as one message per problem.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let ministries: HashSet<&str> = self
            .ministries
            .iter()
            .map(|m| m.abbreviation.as_str())
            .collect();
        if ministries.len() != self.ministries.len() {
            problems.push("ministries: an abbreviation occurs twice".to_string());
        }
        let mut goals: HashMap<&str, usize> = HashMap::new();
        for f in &self.fields {
            if let Some(parent) = &f.parent
                && !goals.contains_key(parent.as_str())
            {
                problems.push(format!(
                    "field {}: parent {parent} is not a field listed before it",
                    f.number
                ));
            }
            if goals.insert(&f.number, f.goals.len()).is_some() {
                problems.push(format!("field {}: listed twice", f.number));
            }
        }
        for u in &self.users {
            if let Some(m) = &u.ministry
                && !ministries.contains(m.as_str())
            {
                problems.push(format!("user {}: no ministry {m}", u.name));
            }
        }
        let codes: HashSet<&str> = self.measures.iter().map(|m| m.code.as_str()).collect();
        if codes.len() != self.measures.len() {
            problems.push("measures: a code occurs twice".to_string());
        }
        for (i, m) in self.measures.iter().enumerate() {
            let d = &m.data;
            let at = format!("measure {}", m.code);
            match goals.get(d.field.as_str()) {
                None => problems.push(format!("{at}: no field {}", d.field)),
                Some(&n) => {
                    for g in &d.goals {
                        if !(1..=n as i64).contains(g) {
                            problems.push(format!(
                                "{at}: field {} has no goal {g} (it has {n})",
                                d.field
                            ));
                        }
                    }
                }
            }
            if !m.code.starts_with(&format!("{}-", d.field)) {
                problems.push(format!("{at}: the code does not start with {}-", d.field));
            }
            for min in std::iter::once(&d.lead_ministry).chain(&d.co_ministries) {
                if !ministries.contains(min.as_str()) {
                    problems.push(format!("{at}: no ministry {min}"));
                }
            }
            if d.co_ministries.contains(&d.lead_ministry) {
                problems.push(format!("{at}: the lead ministry is also co-responsible"));
            }
            if let Some(p) = &d.parent
                && !codes.contains(p.as_str())
            {
                problems.push(format!("{at}: no parent measure {p}"));
            }
            if d.sort_order != i as i64 {
                problems.push(format!("{at}: sort_order is not its position {i}"));
            }
            if let (Some(s), Some(e)) = (d.start, d.end)
                && s > e
            {
                problems.push(format!("{at}: ends before it starts"));
            }
            if !(0..=100).contains(&d.progress) {
                problems.push(format!("{at}: progress {} is not 0–100", d.progress));
            }
        }
        problems
    }

    fn check_comments(&self, comments: &CommentsData) -> Vec<String> {
        let mut problems = Vec::new();
        let codes: HashSet<&str> = self.measures.iter().map(|m| m.code.as_str()).collect();
        let fields: HashSet<&str> = self.fields.iter().map(|f| f.number.as_str()).collect();
        for round in &comments.rounds {
            for c in &round.comments {
                let at = format!(
                    "comment {}",
                    c.external_id.as_deref().unwrap_or(c.text.as_str())
                );
                if chrono::DateTime::parse_from_rfc3339(&c.received_at).is_err() {
                    problems.push(format!("{at}: received_at {} is no date", c.received_at));
                }
                if let Some(m) = &c.measure
                    && !codes.contains(m.as_str())
                {
                    problems.push(format!("{at}: no measure {m}"));
                }
                if let Some(f) = &c.field
                    && !fields.contains(f.as_str())
                {
                    problems.push(format!("{at}: no field {f}"));
                }
            }
        }
        problems
    }

    /// The stored ids of `data`'s goals, whose file values are positions in its field's goal
    /// list. `field_goals` holds each field's goal ids in order (as `Store::goals` lists them).
    pub fn goal_ids(data: &MeasureData, field_goals: &HashMap<String, Vec<i64>>) -> Vec<i64> {
        let ids = field_goals.get(&data.field);
        data.goals
            .iter()
            .map(|&position| {
                // `check` guarantees the position exists in the file; the structure is the
                // file's own (`ensure_structure`), so the id exists as well.
                ids.and_then(|ids| ids.get((position - 1) as usize))
                    .copied()
                    .unwrap_or_else(|| panic!("goal {position} of field {} not stored", data.field))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded concept file with `from` replaced by `to` once, read and checked.
    fn edited(from: &str, to: &str) -> Result<DemoData, String> {
        assert!(ZIK2_TOML.contains(from), "{from}");
        parse(&ZIK2_TOML.replacen(from, to, 1))
    }

    #[test]
    fn the_files_read_and_check_clean() {
        let demo = parse(ZIK2_TOML).unwrap();
        assert_eq!(demo.check(), Vec::<String>::new());
        let comments = parse_comments(ZIK2_COMMENTS_TOML, &demo).unwrap();
        let n: usize = comments.rounds.iter().map(|r| r.comments.len()).sum();
        // "weit über 800 Anmerkungen" (press release); all of them illustrative.
        assert_eq!(n, 840);
        assert!(
            comments
                .rounds
                .iter()
                .flat_map(|r| &r.comments)
                .all(|c| c.illustrative)
        );
        // Online participation ran from 29 March to 30 June 2017 (facts file).
        for c in comments.rounds.iter().flat_map(|r| &r.comments) {
            let at = chrono::DateTime::parse_from_rfc3339(&c.received_at).unwrap();
            let day = at.date_naive();
            assert!(
                (NaiveDate::from_ymd_opt(2017, 3, 29).unwrap()
                    ..=NaiveDate::from_ymd_opt(2017, 6, 30).unwrap())
                    .contains(&day),
                "{day}"
            );
        }
    }

    /// Every key in the files is read: serialising what was read gives the file's tables back,
    /// so a misspelt or unknown key (which serde ignores in the model's own types) fails here.
    #[test]
    fn every_key_of_the_files_is_read() {
        let read = toml::Table::try_from(parse(ZIK2_TOML).unwrap()).unwrap();
        let file: toml::Table = toml::from_str(ZIK2_TOML).unwrap();
        assert!(read == file, "zik2.toml has keys the demo does not read");
        let demo = demo();
        let read =
            toml::Table::try_from(parse_comments(ZIK2_COMMENTS_TOML, demo).unwrap()).unwrap();
        let file: toml::Table = toml::from_str(ZIK2_COMMENTS_TOML).unwrap();
        assert!(
            read == file,
            "zik2-comments.toml has keys the demo does not read"
        );
    }

    #[test]
    fn a_malformed_date_is_an_error() {
        for bad in ["2017-02-30", "2017-13-01", "2017-1-1x", "01.01.2017", ""] {
            let e = edited(r#"start = "2017-01-01""#, &format!(r#"start = "{bad}""#));
            assert!(e.is_err(), "{bad} was accepted");
        }
        assert!(edited(r#"due = "2017-02-15""#, r#"due = "2017-02-31""#).is_err());
        assert!(edited(r#"as_of = "2018-06-30""#, r#"as_of = "30.06.2018""#).is_err());
        assert!(edited("adopted_on = \"2012-03-20\"", "adopted_on = \"2012-03-32\"").is_err());
        let comments =
            ZIK2_COMMENTS_TOML.replacen("received_at = \"2017-", "received_at = \"17-", 1);
        assert!(parse_comments(&comments, demo()).is_err());
    }

    #[test]
    fn unknown_keys_of_the_demo_tables_are_errors() {
        let e = edited(
            "[[measures]]\ncode = ",
            "[[measures]]\ncolour = \"rot\"\ncode = ",
        );
        assert!(e.unwrap_err().contains("colour"));
        let e = edited("[[fields]]\n", "[[fields]]\nziele = []\n");
        assert!(e.unwrap_err().contains("ziele"));
    }

    #[test]
    fn dangling_references_are_errors() {
        let cases = [
            // A lead ministry that does not exist.
            (
                r#"lead_ministry = "SMWA""#,
                r#"lead_ministry = "SMWX""#,
                "no ministry SMWX",
            ),
            // A co-responsible ministry that does not exist.
            (
                r#"co_ministries = ["SMK"]"#,
                r#"co_ministries = ["SMKX"]"#,
                "no ministry SMKX",
            ),
            // A field that does not exist (and so a code that does not start with it).
            ("field = \"3.5\"\n", "field = \"3.55\"\n", "no field 3.55"),
            // A goal position beyond the field's goals.
            (
                "goals = [\n    1,\n    3,\n]",
                "goals = [\n    1,\n    9,\n]",
                "has no goal 9",
            ),
            // A parent measure that does not exist.
            (
                r#"parent = "3.5-2""#,
                r#"parent = "3.5-99""#,
                "no parent measure 3.5-99",
            ),
            // A sub-field whose parent is not a field.
            (
                r#"parent = "3.1""#,
                r#"parent = "3.0""#,
                "parent 3.0 is not a field",
            ),
            // A user of a ministry that does not exist.
            (
                r#"ministry = "SMS""#,
                r#"ministry = "SMSX""#,
                "no ministry SMSX",
            ),
        ];
        for (from, to, message) in cases {
            let e = edited(from, to).unwrap_err();
            assert!(e.contains(message), "{to}: {e}");
        }
        let comments = ZIK2_COMMENTS_TOML.replacen("measure = \"", "measure = \"9.9-", 1);
        assert!(
            parse_comments(&comments, demo())
                .unwrap_err()
                .contains("no measure 9.9-")
        );
    }

    /// The real facts of ZIK II (docs/zik2-facts.md) are in the data, unflagged.
    #[test]
    fn the_real_facts_are_present() {
        let demo = demo();
        let c = &demo.concept;
        assert_eq!(
            c.leitidee,
            "Zuwanderung und Integration gut gestalten – Zusammenhalt leben"
        );
        assert_eq!(
            c.motto,
            "Integration und ein gutes Miteinander gelingen immer dann, wenn Türen geöffnet werden."
        );
        assert!(c.foreword.contains("Weit über 800 Anmerkungen"));

        let m = demo.measures.iter().find(|m| m.code == "3.5-2").unwrap();
        let d = &m.data;
        assert_eq!(d.title, "Arbeitsmarktmentoren für Geflüchtete");
        assert_eq!(d.lead_ministry, "SMWA");
        assert!(!d.illustrative);
        assert_eq!(d.budget_total_cents(), 980_000_000);
        assert!(d.text_long.contains("9,8 Millionen Euro"));
        assert!(d.text_long.contains("1.358 Geflüchtete"));
        assert!(
            d.indicators
                .iter()
                .any(|i| i.name == "Abgeschlossene Integrationsvereinbarungen"
                    && i.actual == Some(1358.0))
        );
        assert_eq!(d.start, NaiveDate::from_ymd_opt(2016, 12, 1));
        assert_eq!(d.end, NaiveDate::from_ymd_opt(2019, 12, 31));

        let smwa = demo
            .ministries
            .iter()
            .find(|m| m.abbreviation == "SMWA")
            .unwrap();
        assert_eq!(
            smwa.name,
            "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr"
        );
        let abbreviations: Vec<&str> = demo
            .ministries
            .iter()
            .map(|m| m.abbreviation.as_str())
            .collect();
        assert_eq!(
            abbreviations,
            [
                "SK", "SMI", "SMF", "SMJus", "SMK", "SMWK", "SMWA", "SMS", "SMUL"
            ]
        );

        let top: Vec<&str> = demo
            .fields
            .iter()
            .filter(|f| f.parent.is_none())
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(
            top,
            [
                "Sprache und Verständigung",
                "Frühkindliche und schulische Bildung",
                "Nachholende Schulbildung",
                "Hochschulbildung/Wissenschaft",
                "Aus- und Weiterbildung/Arbeit",
                "Wohnen/Wohnumfeld",
                "Gesundheit und Pflege",
                "Gleichstellung von Frau und Mann",
                "Gewaltschutz",
                "Antidiskriminierungspolitik",
                "Interkulturelle Öffnung von Verwaltung, Wirtschaft und Zivilgesellschaft",
            ]
        );
        let sub: Vec<(&str, &str)> = demo
            .fields
            .iter()
            .filter(|f| f.parent.is_some())
            .map(|f| (f.number.as_str(), f.title.as_str()))
            .collect();
        assert_eq!(sub, [("3.1.1", "Sprache"), ("3.1.2", "Verständigung")]);

        let e = &demo.editions;
        assert_eq!(e.concept_2012.name, "ZIK 2012");
        assert_eq!(e.concept_2012.status, EditionStatus::Beschlossen);
        assert_eq!(
            e.concept_2012.adopted_on,
            NaiveDate::from_ymd_opt(2012, 3, 20)
        );
        assert_eq!(e.adopted_2018.name, "ZIK II 2018");
        assert_eq!(e.adopted_2018.status, EditionStatus::Beschlossen);
        assert_eq!(
            e.adopted_2018.adopted_on,
            NaiveDate::from_ymd_opt(2018, 4, 24)
        );
        assert!(demo.measures.iter().any(|m| m.text_long_2012.is_some()));
        assert!(demo.measures.iter().any(|m| m.text_long_2012.is_none()));
    }

    /// Whatever is not a fact of the facts file is flagged as an example.
    #[test]
    fn the_examples_are_flagged() {
        let demo = demo();
        let real: Vec<&str> = demo
            .measures
            .iter()
            .filter(|m| !m.data.illustrative)
            .map(|m| m.code.as_str())
            .collect();
        assert_eq!(real, ["3.5-2"]);
        assert!(
            demo.users
                .iter()
                .all(|u| u.display_name.contains("(Beispiel)"))
        );
    }
}
