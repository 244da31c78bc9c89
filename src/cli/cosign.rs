//! `konzeptstudio cosign`: co-signing rounds (Mitzeichnung).

use super::args::{Cli, CosignCommand};
use super::table::Table;
use super::{parse_date, print, print_json, text_or_file};
use crate::error::{Error, Result};
use crate::format;
use crate::model::{CosignMinistry, CosignResult, CosignRound, CosignState, RoundStatus};
use crate::store::Store;
use crate::store::cosign::{CosignReply, MeasureChange, NewRound};

pub async fn run(cli: &Cli, store: &Store, command: &CosignCommand) -> Result<()> {
    match command {
        CosignCommand::Open {
            edition,
            due,
            ministries,
            required,
            note,
        } => {
            let round = store
                .open_cosign_round(NewRound {
                    edition: edition.clone(),
                    due: Some(parse_date(due, "due")?),
                    ministries: ministries.clone(),
                    required: required.clone(),
                    note: note.clone(),
                })
                .await?;
            if cli.json {
                print_json(&round)
            } else {
                print(&format!(
                    "{}\nGefragt: {}",
                    round.id,
                    round
                        .ministries
                        .iter()
                        .map(|m| m.ministry.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
        CosignCommand::List => {
            let rounds = store.cosign_rounds().await?;
            if cli.json {
                return print_json(&rounds);
            }
            let mut t = Table::new(["Runde", "Entwurf", "Status", "Frist", "beantwortet"]);
            for r in rounds {
                let answered = r.ministries.iter().filter(|m| m.answer.is_some()).count();
                t.row(vec![
                    r.id.to_string(),
                    r.edition.clone(),
                    r.status.key().into(),
                    format::date(r.due),
                    format!("{answered} von {}", r.ministries.len()),
                ]);
            }
            print(&t.render())
        }
        CosignCommand::Status { round } => {
            let r = store.cosign_round(*round).await?;
            if cli.json {
                print_json(&r)
            } else {
                print(&status_text(&r))
            }
        }
        CosignCommand::Brief { round, ministry } => {
            let ministry =
                store.ministry_or_own(ministry.as_deref(), "dessen Mitzeichnung gezeigt wird")?;
            let brief = store.cosign_brief(*round, &ministry).await?;
            if cli.json {
                return print_json(&brief);
            }
            let mut s = format!(
                "{} soll den Entwurf „{}“ mitzeichnen (Runde {}).\n{}\n\n",
                brief.ministry,
                brief.edition,
                brief.round,
                match &brief.since {
                    Some(e) => format!("Änderungen seit „{e}“:"),
                    None => "Keine frühere Fassung mitgezeichnet oder beschlossen: alle Maßnahmen sind neu.".into(),
                }
            );
            let mut t = Table::new(["Maßnahme", "Titel", "Rolle", "Änderung"]);
            for m in &brief.measures {
                t.row(vec![
                    m.code.clone(),
                    m.title.clone(),
                    if m.lead { "federführend" } else { "beteiligt" }.into(),
                    m.change.label().into(),
                ]);
            }
            s.push_str(&t.render());
            let changed = brief
                .measures
                .iter()
                .filter(|m| m.change != MeasureChange::Unveraendert)
                .count();
            s.push_str(&format!(
                "\n{changed} von {} Maßnahmen geändert, neu oder entfallen.",
                brief.measures.len()
            ));
            if let Some(since) = &brief.since {
                s.push_str(&format!(
                    "\nSynopse: konzeptstudio render synopse --round {} --ministry {} --out synopse.pdf (seit „{since}“)",
                    brief.round, brief.ministry
                ));
            }
            print(&s)
        }
        CosignCommand::Answer {
            round,
            result,
            text,
            measures,
            ministry,
        } => {
            let result = CosignResult::parse(result).ok_or_else(|| {
                Error::invalid(
                    "result",
                    format!(
                        "Ergebnis „{result}“ gibt es nicht (möglich: {})",
                        CosignResult::ALL.map(|r| r.key()).join(", ")
                    ),
                )
            })?;
            let answer = store
                .answer_cosign(
                    *round,
                    CosignReply {
                        result,
                        text: text_or_file(text, "text")?,
                        measures: measures.clone(),
                        ministry: ministry.clone(),
                    },
                )
                .await?;
            if cli.json {
                print_json(&answer)
            } else {
                print(&format!(
                    "{}: {} zum Entwurf „{}“ vermerkt{}.",
                    answer.ministry,
                    answer.result.label(),
                    answer.edition,
                    if answer.on_behalf {
                        format!(" (durch {} für das Ressort)", answer.answered_by)
                    } else {
                        String::new()
                    }
                ))
            }
        }
        CosignCommand::Settle {
            round,
            ministry,
            text,
        } => {
            let answer = store
                .settle_cosign(*round, ministry, &text_or_file(text, "text")?)
                .await?;
            if cli.json {
                print_json(&answer)
            } else {
                print(&format!(
                    "Vorbehalt von {} als ausgeräumt vermerkt.",
                    answer.ministry
                ))
            }
        }
        CosignCommand::Close {
            round,
            allow_missing,
        } => {
            let r = store.close_cosign_round(*round, *allow_missing).await?;
            if cli.json {
                print_json(&r)
            } else {
                print(&format!(
                    "Mitzeichnungsrunde {} abgeschlossen.\n\n{}",
                    r.id,
                    status_text(&r)
                ))
            }
        }
        CosignCommand::Reminders { round } => {
            let reminders = store.cosign_reminders(*round).await?;
            if cli.json {
                return print_json(&reminders);
            }
            if reminders.is_empty() {
                return print("Niemand schuldet etwas: keine Erinnerung nötig.");
            }
            let texts: Vec<String> = reminders.into_iter().map(|r| r.text).collect();
            print(&texts.join("\n----------------------------------------\n\n"))
        }
    }
}

/// Where a ministry stands, in words: the result (with the settlement of a reservation), or
/// open, asked again, overdue.
pub(crate) fn state_label(m: &CosignMinistry, status: RoundStatus) -> String {
    match (&m.answer, m.state) {
        (Some(a), _) if a.result == CosignResult::Vorbehalt && a.settlement.is_some() => {
            "Vorbehalt (ausgeräumt)".into()
        }
        (Some(a), _) => a.result.label().into(),
        (None, _) if status == RoundStatus::Abgeschlossen => "keine Rückmeldung".into(),
        (None, CosignState::ErneutGefragt) if m.overdue => "erneut gefragt, überfällig".into(),
        (None, CosignState::ErneutGefragt) => "erneut gefragt".into(),
        (None, _) if m.overdue => "offen, überfällig".into(),
        (None, _) => "offen".into(),
    }
}

fn status_text(r: &CosignRound) -> String {
    let mut s = format!(
        "Mitzeichnungsrunde {} zum Entwurf „{}“: {}, Frist {}\nEröffnet von {} am {}",
        r.id,
        r.edition,
        r.status.key(),
        format::date(r.due),
        r.opened_by,
        format::timestamp(&r.opened_at)
    );
    if !r.earlier_editions.is_empty() {
        s.push_str(&format!(
            "; frühere Entwürfe: {}",
            r.earlier_editions
                .iter()
                .map(|e| format!("„{e}“"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s.push_str("\n\n");
    let mut t = Table::new(["Ressort", "Stand", "am", "von", "Text"]);
    for m in &r.ministries {
        let (at, by, text) = match &m.answer {
            Some(a) => (
                format::timestamp(&a.answered_at),
                if a.on_behalf {
                    format!("{} (schriftlich)", a.answered_by)
                } else {
                    a.answered_by.clone()
                },
                match &a.settlement {
                    Some(done) => format!("{} – ausgeräumt: {done}", a.text),
                    None => a.text.clone(),
                },
            ),
            None => Default::default(),
        };
        t.row(vec![
            format!("{}{}", m.ministry, if m.required { " *" } else { "" }),
            state_label(m, r.status),
            at,
            by,
            text,
        ]);
    }
    s.push_str(&t.render());
    if r.ministries.iter().any(|m| m.required) {
        s.push_str("\n* Zustimmung erforderlich");
    }
    s
}
