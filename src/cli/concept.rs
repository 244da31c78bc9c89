//! `konzeptstudio concept`: the concept's front matter and imprint, shown and set.

use super::args::{Cli, ConceptCommand, ConceptSetArgs};
use super::table::Table;
use super::{print, print_json};
use crate::error::{Error, Result};
use crate::model::Concept;
use crate::store::Store;

pub async fn run(cli: &Cli, store: &Store, command: &ConceptCommand) -> Result<()> {
    match command {
        ConceptCommand::Show => {
            let concept = store.concept().await?;
            let version = store.concept_version().await?;
            if cli.json {
                let mut json = serde_json::to_value(&concept).expect("serialises");
                json["version"] = version.into();
                return print_json(&json);
            }
            print(&table(&concept, version).render())
        }
        ConceptCommand::Set(a) => {
            let version = match a.expect_version {
                Some(v) => v,
                None => store.concept_version().await?,
            };
            let mut c = store.concept().await?;
            apply(&mut c, a)?;
            let saved = store
                .update_concept(version, &c, a.reason.as_deref())
                .await?;
            let version = store.concept_version().await?;
            if cli.json {
                let mut json = serde_json::to_value(&saved).expect("serialises");
                json["version"] = version.into();
                return print_json(&json);
            }
            print(&format!("Konzept gespeichert (Version {version})."))
        }
    }
}

fn apply(c: &mut Concept, a: &ConceptSetArgs) -> Result<()> {
    let set = |target: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            *target = v.replace("\\n", "\n");
        }
    };
    set(&mut c.title, &a.title);
    set(&mut c.short_title, &a.short_title);
    set(&mut c.leitidee, &a.leitidee);
    set(&mut c.motto, &a.motto);
    set(&mut c.issuer, &a.issuer);
    let i = &mut c.imprint;
    set(&mut i.address, &a.address);
    set(&mut i.editor, &a.editor);
    set(&mut i.design, &a.design);
    set(&mut i.printer, &a.printer);
    set(&mut i.ordering, &a.ordering);
    set(&mut i.copyright, &a.copyright);
    set(&mut i.distribution_note, &a.distribution_note);
    if let Some(path) = &a.foreword_file {
        c.foreword = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid(
                "foreword_file",
                format!("{}: {e} (eine UTF-8-Textdatei erwartet)", path.display()),
            )
        })?;
    }
    Ok(())
}

fn table(c: &Concept, version: i64) -> Table {
    let mut t = Table::new(["Angabe", "Wert"]);
    let i = &c.imprint;
    for (k, v) in [
        ("Titel", c.title.as_str()),
        ("Kurztitel", &c.short_title),
        ("Leitidee", &c.leitidee),
        ("Motto", &c.motto),
        ("Herausgeber", &c.issuer),
        ("Anschrift", &i.address),
        ("Redaktion", &i.editor),
        ("Gestaltung und Satz", &i.design),
        ("Druck", &i.printer),
        ("Bezug", &i.ordering),
        ("Copyright", &i.copyright),
        ("Verteilerhinweis", &i.distribution_note),
    ] {
        let shown: String = v.replace('\n', " / ");
        let shown = if shown.chars().count() > 90 {
            format!("{}…", shown.chars().take(89).collect::<String>())
        } else {
            shown
        };
        t.row(vec![k.to_string(), shown]);
    }
    t.row(vec!["Version".into(), version.to_string()]);
    t
}
