//! Reminders for a reporting round: for every ministry whose report is not submitted, a text
//! to send, naming the measures still to fill in. Nothing is sent.

use crate::error::Result;
use crate::format;
use crate::model::FormState;
use crate::store::Store;
use crate::store::reminders::Reminder;

impl Store {
    /// The reminders of reporting round `round`: one per report not yet submitted.
    pub async fn report_reminders(&self, round: i64) -> Result<Vec<Reminder>> {
        let r = self.report_round(round).await?;
        let mut out = Vec::new();
        for f in r.forms.iter().filter(|f| f.state != FormState::Eingereicht) {
            let open: Vec<&str> = f
                .items
                .iter()
                .filter(|i| !i.filled)
                .map(|i| i.code.as_str())
                .collect();
            let mut points = vec![match (f.state, open.len()) {
                (FormState::NichtBegonnen, _) => format!(
                    "Ihr Bericht zu {} Maßnahmen ist noch nicht begonnen",
                    f.items.len()
                ),
                (_, 0) => "Ihr Bericht ist ausgefüllt, aber noch nicht eingereicht".to_string(),
                (_, _) => format!(
                    "Noch nicht ausgefüllt: {} von {} Maßnahmen ({})",
                    open.len(),
                    f.items.len(),
                    open.join(", ")
                ),
            }];
            if let Some(reason) = &f.reopened {
                points.push(format!(
                    "Die Geschäftsstelle hat Ihren Bericht wieder geöffnet: {}",
                    reason.trim_end_matches('.')
                ));
            }
            if f.overdue {
                points.push(format!(
                    "Die Frist ist am {} abgelaufen",
                    format::date(r.due)
                ));
            }
            out.push(Reminder::new(
                &f.ministry,
                &f.name,
                &format!("Berichtsabfrage zum Stichtag {}", format::date(r.cutoff)),
                &format!(
                    "für die Berichtsabfrage zum Stichtag {} (Frist {}) ist bei Ihnen noch offen:",
                    format::date(r.cutoff),
                    format::date(r.due)
                ),
                points,
                "Bitte füllen Sie den Bericht in Konzeptstudio aus und reichen Sie ihn ein, oder senden \
                 Sie die Excel-Vorlage ausgefüllt an die Geschäftsstelle.",
            ));
        }
        Ok(out)
    }
}
