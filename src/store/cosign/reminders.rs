//! Reminders: for every asked ministry that still owes something (no answer to the current
//! draft, or a reservation not settled), a text to send by mail or letter, naming its open
//! points. Nothing is sent: the working group uses its own mail.

use super::{MeasureChange, codes_of, pinned_measures};
use crate::error::Result;
use crate::format;
use crate::model::{CosignState, RoundStatus};
use crate::store::Store;
use crate::store::reminders::Reminder;

impl Store {
    /// The reminders of round `round`: empty when nobody owes anything (or it is closed).
    pub async fn cosign_reminders(&self, round: i64) -> Result<Vec<Reminder>> {
        let r = self.cosign_round(round).await?;
        if r.status == RoundStatus::Abgeschlossen {
            return Ok(Vec::new());
        }
        let draft = self.edition(&r.edition).await?;
        let pinned = pinned_measures(&mut *self.conn().await?, draft.id).await?;
        let mut out = Vec::new();
        for m in &r.ministries {
            let mut points = Vec::new();
            match (&m.answer, m.state) {
                (Some(a), _) if a.open_reservation() => points.push(format!(
                    "Ihr Vorbehalt vom {} ist noch nicht ausgeräumt: „{}“",
                    format::timestamp(&a.answered_at),
                    // „… gesichert“. rather than „… gesichert.“.
                    a.text.trim().trim_end_matches('.')
                )),
                (Some(_), _) => continue,
                (None, CosignState::ErneutGefragt) => {
                    let last = m.superseded.last().expect("asked again after an answer");
                    let brief = self.cosign_brief(round, &m.ministry).await?;
                    let changed: Vec<&str> = brief
                        .measures
                        .iter()
                        .filter(|b| b.change != MeasureChange::Unveraendert)
                        .map(|b| b.code.as_str())
                        .collect();
                    points.push(format!(
                        "Ihre Antwort vom {} („{}“) bezog sich auf den Entwurf „{}“; im neuen Entwurf „{}“ \
                         haben sich Ihre Maßnahmen geändert{}. Bitte zeichnen Sie erneut mit",
                        format::timestamp(&last.answered_at),
                        last.result.label(),
                        last.edition,
                        r.edition,
                        if changed.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", changed.join(", "))
                        }
                    ));
                }
                (None, _) => {
                    let codes = codes_of(&pinned, &m.ministry);
                    points.push(format!(
                        "Ihre Mitzeichnung zum Entwurf „{}“ steht aus{}",
                        r.edition,
                        match codes.len() {
                            0 => String::new(),
                            1 => format!(" (Ihre Maßnahme {})", codes[0]),
                            n => format!(" ({n} Maßnahmen Ihres Hauses: {})", codes.join(", ")),
                        }
                    ));
                }
            }
            if m.overdue {
                points.push(format!(
                    "Die Frist ist am {} abgelaufen",
                    format::date(r.due)
                ));
            }
            out.push(Reminder::new(
                &m.ministry,
                &m.name,
                &format!("Ressortabstimmung zum Entwurf „{}“", r.edition),
                &format!(
                    "für die Ressortabstimmung zum Entwurf „{}“ (Mitzeichnungsrunde {}, Frist {}) ist bei \
                     Ihnen noch offen:",
                    r.edition,
                    r.id,
                    format::date(r.due)
                ),
                points,
                "Bitte antworten Sie in Konzeptstudio (Mitzeichnung) oder schriftlich an die Geschäftsstelle.",
            ));
        }
        Ok(out)
    }
}
