//! Which column holds what: common German headers are recognised; an explicit mapping
//! (`--map text=Beitrag,received=Eingang`) overrides.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::messages::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Text,
    Received,
    Submitter,
    Organisation,
    SubmitterType,
    Measure,
    Field,
    ExternalId,
}

impl Target {
    pub const ALL: [Target; 8] = [
        Target::Text,
        Target::Received,
        Target::Submitter,
        Target::Organisation,
        Target::SubmitterType,
        Target::Measure,
        Target::Field,
        Target::ExternalId,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Target::Text => "text",
            Target::Received => "received",
            Target::Submitter => "submitter",
            Target::Organisation => "organisation",
            Target::SubmitterType => "submitter_type",
            Target::Measure => "measure",
            Target::Field => "field",
            Target::ExternalId => "external_id",
        }
    }

    /// As the import dialog names it.
    pub fn label(self) -> &'static str {
        match self {
            Target::Text => "Text der Stellungnahme",
            Target::Received => "Eingang (Datum)",
            Target::Submitter => "Name der Einreichenden",
            Target::Organisation => "Organisation",
            Target::SubmitterType => "Akteursgruppe",
            Target::Measure => "Maßnahme (Nummer)",
            Target::Field => "Handlungsfeld (Nummer)",
            Target::ExternalId => "Beitrags-ID",
        }
    }

    /// Without this column no comment can be imported.
    pub fn required(self) -> bool {
        matches!(self, Target::Text | Target::Received)
    }

    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.key() == s.trim())
    }

    /// Headers that mean this target, normalised (see [`normalise`]), best first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Target::Text => &[
                "beitrag",
                "stellungnahme",
                "anmerkung",
                "text",
                "kommentar",
                "inhalt",
                "beitragstext",
            ],
            Target::Received => &[
                "datum",
                "eingang",
                "eingangsdatum",
                "eingegangen",
                "zeitpunkt",
            ],
            Target::Submitter => &["name", "verfasser", "verfasserin", "einreicher", "absender"],
            Target::Organisation => &["organisation", "institution", "verband", "einrichtung"],
            Target::SubmitterType => &["akteursgruppe", "art", "gruppe", "typ"],
            Target::Measure => &["massnahme", "bezug", "massnahmennummer"],
            Target::Field => &["handlungsfeld", "feld"],
            Target::ExternalId => &["beitragsid", "id", "nr", "nummer", "lfdnr"],
        }
    }
}

/// Lower case, umlauts spelt out, only letters and digits: "Beitrags-ID" → "beitragsid",
/// "Maßnahme" → "massnahme".
fn normalise(header: &str) -> String {
    header
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Column index per target. `overrides` name the header (as written, any case) per target.
pub fn map_columns(
    headers: &[String],
    overrides: &[(Target, String)],
) -> Result<Vec<(Target, usize)>> {
    let mapping = recognise_columns(headers, overrides)?;
    if !mapping.iter().any(|(t, _)| *t == Target::Text) {
        return Err(Error::invalid(
            "map.text",
            Message::NoTextColumn {
                headers: headers.to_vec(),
            },
        ));
    }
    Ok(mapping)
}

/// The columns recognised or named so far, even when the text column is still missing (the
/// import dialog shows them and lets the user choose the rest).
pub fn recognise_columns(
    headers: &[String],
    overrides: &[(Target, String)],
) -> Result<Vec<(Target, usize)>> {
    let mut mapping: Vec<(Target, usize)> = Vec::new();
    for (target, name) in overrides {
        let index = headers
            .iter()
            .position(|h| {
                h.trim().eq_ignore_ascii_case(name.trim()) || normalise(h) == normalise(name)
            })
            .ok_or_else(|| {
                Error::invalid(
                    format!("map.{}", target.key()),
                    Message::ColumnNotFound {
                        name: name.clone(),
                        headers: headers.to_vec(),
                    },
                )
            })?;
        mapping.push((*target, index));
    }
    for target in Target::ALL {
        if mapping.iter().any(|(t, _)| *t == target) {
            continue;
        }
        let taken = |i: usize| mapping.iter().any(|(_, j)| *j == i);
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let found = target
            .synonyms()
            .iter()
            .find_map(|syn| (0..headers.len()).find(|&i| !taken(i) && normalised[i] == *syn));
        if let Some(i) = found {
            mapping.push((target, i));
        }
    }
    Ok(mapping)
}

/// `text=Beitrag,received=Eingang` → pairs.
pub fn parse_mapping(spec: &str) -> Result<Vec<(Target, String)>> {
    spec.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').ok_or_else(|| {
                Error::invalid(
                    "map",
                    Message::MappingInvalid {
                        pair: pair.to_string(),
                    },
                )
            })?;
            let target = Target::parse(k).ok_or_else(|| {
                Error::invalid(
                    "map",
                    Message::UnknownTarget {
                        target: k.to_string(),
                        known: Target::ALL.map(|t| t.key().to_string()).to_vec(),
                    },
                )
            })?;
            Ok((target, v.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn german_headers_are_recognised() {
        let h = headers(&[
            "Beitrags-ID",
            "Datum",
            "Name",
            "Organisation",
            "Akteursgruppe",
            "Handlungsfeld",
            "Maßnahme",
            "Beitrag",
        ]);
        let m = map_columns(&h, &[]).unwrap();
        let at = |t: Target| m.iter().find(|(x, _)| *x == t).map(|(_, i)| *i);
        assert_eq!(at(Target::ExternalId), Some(0));
        assert_eq!(at(Target::Received), Some(1));
        assert_eq!(at(Target::Measure), Some(6));
        assert_eq!(at(Target::Text), Some(7));
        let other = headers(&["Eingang", "Verfasser", "Stellungnahme", "Bezug"]);
        let m = map_columns(&other, &[]).unwrap();
        assert!(m.contains(&(Target::Text, 2)) && m.contains(&(Target::Measure, 3)));
    }

    #[test]
    fn an_explicit_mapping_wins_and_unknown_columns_are_named() {
        let h = headers(&["Kommentar", "Freitext", "Tag"]);
        let m = map_columns(&h, &parse_mapping("text=freitext, received=Tag").unwrap()).unwrap();
        assert!(m.contains(&(Target::Text, 1)) && m.contains(&(Target::Received, 2)));
        let err = map_columns(&h, &parse_mapping("text=Gibtsnicht").unwrap()).unwrap_err();
        assert!(err.to_string().contains("Gibtsnicht"), "{err}");
        assert!(parse_mapping("quatsch=Spalte").is_err());
        assert!(
            map_columns(&headers(&["A", "B"]), &[]).is_err(),
            "no text column"
        );
    }
}
