//! `konzeptstudio reports`: reporting rounds (Berichtsabfrage).

use super::args::{Cli, ReportsCommand};
use super::table::Table;
use super::{parse_date, print, print_json, text_or_file};
use crate::error::{Error, Result};
use crate::format;
use crate::messages::Message;
use crate::model::{
    FormState, IndicatorActual, MilestoneDone, ReportForm, ReportRound, ReportValues,
};
use crate::store::Store;

pub async fn run(cli: &Cli, store: &Store, command: &ReportsCommand) -> Result<()> {
    match command {
        ReportsCommand::Open {
            cutoff,
            due,
            ministries,
            note,
        } => {
            let round = store
                .open_report_round(
                    parse_date(cutoff, "cutoff")?,
                    parse_date(due, "due")?,
                    ministries.clone(),
                    note,
                )
                .await?;
            if cli.json {
                print_json(&round)
            } else {
                print(&format!(
                    "{}\nGefragt: {}",
                    round.id,
                    round
                        .forms
                        .iter()
                        .map(|f| f.ministry.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
        ReportsCommand::List => {
            let rounds = store.report_rounds().await?;
            if cli.json {
                return print_json(&rounds);
            }
            let mut t = Table::new(["Runde", "Stichtag", "Frist", "eingereicht"]);
            for r in rounds {
                let done = r
                    .forms
                    .iter()
                    .filter(|f| f.state == FormState::Eingereicht)
                    .count();
                t.row(vec![
                    r.id.to_string(),
                    format::date(r.cutoff),
                    format::date(r.due),
                    format!("{done} von {}", r.forms.len()),
                ]);
            }
            print(&t.render())
        }
        ReportsCommand::Status { round } => {
            let r = store.report_round(*round).await?;
            if cli.json {
                return print_json(&r);
            }
            print(&status_text(&r))
        }
        ReportsCommand::Show { round, ministry } => {
            let ministry =
                store.ministry_or_own(ministry.as_deref(), "dessen Bericht gezeigt wird")?;
            let r = store.report_round(*round).await?;
            let form = r.form(&ministry).ok_or_else(|| {
                Error::invalid(
                    "ministry",
                    Message::ReportNotAsked {
                        ministry: ministry.clone(),
                        round: *round,
                    },
                )
            })?;
            if cli.json {
                return print_json(form);
            }
            print(&form_text(&r, form))
        }
        ReportsCommand::Set {
            round,
            code,
            assignments,
        } => {
            let (r, form) = store.report_form_of(*round, code).await?;
            let item = form
                .items
                .iter()
                .find(|i| i.code == *code)
                .expect("found by code");
            let mut values = item.values.clone();
            for a in assignments {
                assign(&mut values, a, r.cutoff)?;
            }
            let form = store.set_report_values(*round, code, values).await?;
            if cli.json {
                print_json(&form)
            } else {
                print(&format!(
                    "Bericht von {} zu {code} gespeichert (Entwurf; einreichen mit: konzeptstudio reports submit {round}).",
                    form.ministry
                ))
            }
        }
        ReportsCommand::Submit { round, ministry } => {
            let (form, changed) = store.submit_report(*round, ministry.as_deref()).await?;
            if cli.json {
                let mut json =
                    serde_json::to_value(&form).map_err(|e| Error::Internal(e.to_string()))?;
                json["measures_changed"] = changed.into();
                print_json(&json)
            } else {
                print(&format!(
                    "Bericht von {} eingereicht: {} Maßnahmen, davon {changed} aktualisiert.",
                    form.ministry,
                    form.items.len()
                ))
            }
        }
        ReportsCommand::Reopen {
            round,
            ministry,
            reason,
        } => {
            let form = store.reopen_report(*round, ministry, reason).await?;
            if cli.json {
                print_json(&form)
            } else {
                print(&format!("Bericht von {} wieder geöffnet.", form.ministry))
            }
        }
        ReportsCommand::Export {
            round,
            ministry,
            out,
        } => {
            let (bytes, n) =
                crate::workbook::report::export_report_form(store, *round, ministry).await?;
            crate::render::write_atomically(out, &bytes)?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "round": round,
                    "ministry": ministry,
                    "out": out.display().to_string(),
                    "measures": n,
                    "bytes": bytes.len(),
                }));
            }
            print(&format!(
                "Bericht von {ministry}: {n} Maßnahmen → {}",
                out.display()
            ))
        }
        ReportsCommand::Import { round, file } => {
            let bytes = std::fs::read(file).map_err(|e| {
                Error::invalid("file", format!("{} ist nicht lesbar: {e}", file.display()))
            })?;
            let r = crate::workbook::report::import_report_form(
                store,
                *round,
                &file.display().to_string(),
                &bytes,
            )
            .await?;
            if cli.json {
                print_json(&r)?;
            } else {
                let mut s = format!("{}: {} Zeilen.\n", r.file, r.rows);
                for p in &r.problems {
                    s.push_str(&format!(
                        "Problem: {}: {}\n",
                        super::measures::place(p),
                        p.reason
                    ));
                }
                if r.problems.is_empty() {
                    s.push_str(&format!(
                        "{} Maßnahmen als Entwurf übernommen ({}); einreichen mit: konzeptstudio reports submit {round} --ministry …",
                        r.filled.len(),
                        r.ministries.join(", ")
                    ));
                } else {
                    s.push_str("Nichts übernommen.");
                }
                print(&s)?;
            }
            match r.refusal() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        }
        ReportsCommand::Reminders { round } => {
            let reminders = store.report_reminders(*round).await?;
            if cli.json {
                return print_json(&reminders);
            }
            if reminders.is_empty() {
                return print("Alle Berichte sind eingereicht: keine Erinnerung nötig.");
            }
            let texts: Vec<String> = reminders.into_iter().map(|r| r.text).collect();
            print(&texts.join("\n----------------------------------------\n\n"))
        }
    }
}

/// Applies one `FELD=WERT` of `reports set`. An indicator's date defaults to the cut-off date.
fn assign(v: &mut ReportValues, assignment: &str, cutoff: chrono::NaiveDate) -> Result<()> {
    let (key, raw) = assignment.split_once('=').ok_or_else(|| {
        Error::invalid(
            "assignment",
            format!("„{assignment}“ hat nicht die Form FELD=WERT"),
        )
    })?;
    let key = key.trim();
    if let Some(name) = key.strip_prefix("indicator:") {
        let name = name.trim().trim_matches('"');
        let (value, day) = match raw.split_once('@') {
            Some((value, day)) => (value, parse_date(day.trim(), "indicators")?),
            None => (raw, cutoff),
        };
        let actual = match value.trim() {
            "" | "-" | "–" => None,
            v => Some(crate::workbook::columns::number(v).ok_or_else(|| {
                Error::invalid(
                    "indicators",
                    format!("Indikator „{name}“: „{v}“ ist keine Zahl"),
                )
            })?),
        };
        match v.indicators.iter_mut().find(|i| i.name == name) {
            Some(i) => {
                i.actual = actual;
                i.as_of = Some(day);
            }
            None => v.indicators.push(IndicatorActual {
                name: name.to_string(),
                actual,
                as_of: Some(day),
            }),
        }
        return Ok(());
    }
    if let Some(title) = key.strip_prefix("milestone:") {
        let title = title.trim().trim_matches('"');
        let done = match raw.trim().to_lowercase().as_str() {
            "ja" | "erreicht" | "true" | "1" => true,
            "nein" | "offen" | "false" | "0" => false,
            other => {
                return Err(Error::invalid(
                    "milestones",
                    format!("Meilenstein „{title}“: „{other}“ ist weder ja noch nein"),
                ));
            }
        };
        match v.milestones.iter_mut().find(|m| m.title == title) {
            Some(m) => m.done = done,
            None => v.milestones.push(MilestoneDone {
                title: title.to_string(),
                done,
            }),
        }
        return Ok(());
    }
    match key {
        "status" => v.status = raw.trim().to_string(),
        "progress" => {
            v.progress = raw
                .trim()
                .trim_end_matches('%')
                .trim()
                .parse()
                .map_err(|_| Error::invalid("progress", format!("„{raw}“ ist keine ganze Zahl")))?
        }
        "sachstand" => v.sachstand = text_or_file(raw, "sachstand")?,
        other => {
            return Err(Error::invalid(
                "assignment",
                format!(
                    "Feld „{other}“ gibt es im Bericht nicht (möglich: status, progress, sachstand, \
                     indicator:NAME, milestone:TITEL)"
                ),
            ));
        }
    }
    Ok(())
}

fn status_text(r: &ReportRound) -> String {
    let mut s = format!(
        "Berichtsabfrage {} zum Stichtag {}, Frist {}\nEröffnet von {} am {}\n\n",
        r.id,
        format::date(r.cutoff),
        format::date(r.due),
        r.opened_by,
        format::timestamp(&r.opened_at)
    );
    let mut t = Table::new([
        "Ressort",
        "Stand",
        "Maßnahmen",
        "ausgefüllt",
        "eingereicht",
        "von",
    ]);
    for f in &r.forms {
        let filled = f.items.iter().filter(|i| i.filled).count();
        t.row(vec![
            f.ministry.clone(),
            format!(
                "{}{}{}",
                f.state.label(),
                if f.overdue { ", überfällig" } else { "" },
                if f.reopened.is_some() && f.state != FormState::Eingereicht {
                    ", wieder geöffnet"
                } else {
                    ""
                }
            ),
            f.items.len().to_string(),
            filled.to_string(),
            f.submitted_at
                .as_deref()
                .map(format::timestamp)
                .unwrap_or_default(),
            match (&f.submitted_by, f.on_behalf) {
                (Some(by), true) => format!("{by} (für das Ressort)"),
                (Some(by), false) => by.clone(),
                (None, _) => String::new(),
            },
        ]);
    }
    s.push_str(&t.render());
    s
}

fn form_text(r: &ReportRound, f: &ReportForm) -> String {
    let mut s = format!(
        "Bericht von {} zum Stichtag {}: {}{}\n\n",
        f.ministry,
        format::date(r.cutoff),
        f.state.label(),
        f.reopened
            .as_deref()
            .map(|x| format!(" (wieder geöffnet: {x})"))
            .unwrap_or_default()
    );
    let mut t = Table::new([
        "Maßnahme",
        "Status",
        "%",
        "Indikatoren",
        "Sachstand",
        "vorige Runde",
    ]);
    for i in &f.items {
        let v = &i.values;
        t.row(vec![
            format!("{}{}", i.code, if i.filled { "" } else { " (vorbelegt)" }),
            v.status.clone(),
            v.progress.to_string(),
            v.indicators
                .iter()
                .map(|x| {
                    format!(
                        "{}: {}",
                        x.name,
                        x.actual.map_or_else(|| "–".into(), format::number)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            v.sachstand.clone(),
            i.previous
                .as_ref()
                .map(|p| format!("{}, {} %", p.status, p.progress))
                .unwrap_or_default(),
        ]);
    }
    s.push_str(&t.render());
    s
}
