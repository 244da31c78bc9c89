//! `konzeptstudio comments …` and `konzeptstudio export …`

use super::args::{Cli, CommentsCommand, ExportCommand};
use super::table::Table;
use super::{parse_date, print, print_json, printable};
use crate::error::{Error, Result};
use crate::format;
use crate::import::{DelimiterChoice, EncodingChoice, Format, ImportReport};
use crate::store::{CommentFilter, Store};

/// `konzeptstudio export abwaegung …`
pub async fn export(cli: &Cli, store: &Store, c: &ExportCommand) -> Result<()> {
    let ExportCommand::Abwaegung {
        format,
        out,
        anonymise,
    } = c;
    let rows = crate::export::write_consideration_table(store, format, *anonymise, out).await?;
    if cli.json {
        print_json(&serde_json::json!({ "rows": rows, "out": out.display().to_string() }))
    } else {
        print(&format!("{} Stellungnahmen → {}", rows, out.display()))
    }
}

/// Prints what an import did; a refused (strict) import is invalid input (exit code 5).
fn import_report(cli: &Cli, name: &str, r: &ImportReport) -> Result<()> {
    if cli.json {
        print_json(r)?;
    } else {
        let mut s = format!(
            "{name}: {} Zeilen ({}, Trennzeichen {}).\n",
            r.rows,
            r.detected.encoding,
            r.detected.delimiter.as_deref().unwrap_or("–")
        );
        s.push_str(&format!(
            "Spalten: {}\n",
            r.detected
                .columns
                .iter()
                .map(|(t, h)| format!("{}={h}", t.key()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for p in &r.rejected {
            s.push_str(&format!(
                "Zeile {}{}: {}\n",
                p.line,
                p.column
                    .as_deref()
                    .map(|c| format!(", Spalte „{c}“"))
                    .unwrap_or_default(),
                p.reason
            ));
        }
        if r.written {
            s.push_str(&format!(
                "{} importiert, {} schon vorhanden, {} Zeilen abgewiesen.",
                r.imported,
                r.duplicates,
                r.rejected.len()
            ));
        } else {
            s.push_str("Nichts importiert.");
        }
        print(&printable(&s))?;
    }
    if r.written {
        Ok(())
    } else {
        Err(Error::invalid(
            "file",
            format!(
                "{} Probleme in {name}; nichts importiert (--skip-invalid importiert die gültigen Zeilen)",
                r.rejected.len()
            ),
        ))
    }
}

pub async fn run(cli: &Cli, store: &Store, c: &CommentsCommand) -> Result<()> {
    let filter = match c {
        CommentsCommand::Import {
            file,
            channel,
            format,
            encoding,
            delimiter,
            map,
            skip_invalid,
        } => {
            let options = crate::import::ImportOptions {
                format: format.as_deref().map(Format::parse).transpose()?,
                encoding: EncodingChoice::parse(encoding)?,
                delimiter: DelimiterChoice::parse(delimiter)?,
                mapping: match map {
                    Some(spec) => crate::import::parse_mapping(spec)?,
                    None => Vec::new(),
                },
                skip_invalid: *skip_invalid,
            };
            let bytes = std::fs::read(file).map_err(|e| {
                Error::invalid("file", format!("{} ist nicht lesbar: {e}", file.display()))
            })?;
            let name = file.display().to_string();
            // Progress on the terminal only; scripts reading stderr get no carriage returns.
            let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let progress = |done: usize, total: usize| {
                if tty && total >= 10_000 {
                    eprint!("\rImport: {done} von {total} Stellungnahmen");
                    if done == total {
                        eprintln!();
                    }
                }
            };
            let report = crate::import::import_file_with_progress(
                store, &name, &bytes, channel, &options, &progress,
            )
            .await?;
            if tty && report.imported >= 10_000 {
                eprintln!("Suchindex wird aktualisiert …");
            }
            store.index_pending_comments().await?;
            return import_report(cli, &name, &report);
        }
        CommentsCommand::Assign {
            ids,
            ministry,
            to,
            due,
            reason,
        } => {
            let due = due.as_deref().map(|d| parse_date(d, "due")).transpose()?;
            let n = store
                .assign_comments(ids, ministry, to.as_deref(), due, reason.as_deref())
                .await?;
            return if cli.json {
                print_json(&serde_json::json!({ "assigned": n }))
            } else {
                print(&format!("{n} Stellungnahmen {ministry} zugewiesen."))
            };
        }
        CommentsCommand::Resolve {
            id,
            vote,
            answer,
            measure,
            expect_version,
        } => {
            let vote = crate::model::Vote::parse(vote).ok_or_else(|| {
                Error::invalid(
                    "vote",
                    format!(
                        "„{vote}“: beruecksichtigt, teilweise, nicht-beruecksichtigt, zur-kenntnis oder nicht-zustaendig"
                    ),
                )
            })?;
            let c = store
                .resolve_comment(*id, *expect_version, vote, answer, measure.as_deref())
                .await?;
            return if cli.json {
                print_json(&c)
            } else {
                print(&format!(
                    "Stellungnahme {} abgewogen ({}), Version {}.",
                    c.id,
                    vote.key(),
                    c.version
                ))
            };
        }
        CommentsCommand::Anonymise { id, reason } => {
            let n = store.anonymise_submitter(*id, reason.as_deref()).await?;
            return if cli.json {
                print_json(&serde_json::json!({ "anonymised_comments": n }))
            } else {
                print(&format!(
                    "Personenbezogene Daten entfernt ({n} Stellungnahmen)."
                ))
            };
        }
        CommentsCommand::Erase { id, reason } => {
            let n = store.erase_submitter(*id, reason.as_deref()).await?;
            return if cli.json {
                print_json(&serde_json::json!({ "erased_comments": n }))
            } else {
                print(&format!(
                    "Personenbezogene Daten gelöscht ({n} Stellungnahmen)."
                ))
            };
        }
        CommentsCommand::Cluster { threshold } => {
            let r = store.cluster_comments(*threshold).await?;
            return if cli.json {
                print_json(&r)
            } else {
                print(&format!(
                    "{} Gruppen ({} gleiche, {} ähnliche Texte) mit {} Stellungnahmen.",
                    r.clusters, r.exact, r.near, r.comments
                ))
            };
        }
        CommentsCommand::List {
            status,
            channel,
            search,
            limit,
            ministry,
            measure,
            overdue,
            cluster,
        } => CommentFilter {
            status: status.clone(),
            channel: channel.clone(),
            search: search.clone(),
            limit: *limit,
            ministry: ministry.clone(),
            measure: measure.clone(),
            overdue_on: overdue.then(|| chrono::Local::now().date_naive().to_string()),
            cluster: *cluster,
            ..Default::default()
        },
    };
    let list = store.comments(&filter).await?;
    if cli.json {
        return print_json(&list);
    }
    let mut t = Table::new([
        "Nr.",
        "ID",
        "Kanal",
        "Eingang",
        "Status",
        "Maßnahme",
        "Text",
    ]);
    for c in list {
        t.row(vec![
            c.id.to_string(),
            c.external_id.unwrap_or_default(),
            c.channel,
            format::timestamp(&c.received_at),
            c.status.key().into(),
            c.measure.unwrap_or_default(),
            c.text,
        ]);
    }
    print(&t.render())
}
