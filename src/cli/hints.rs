//! What to type next: the command line's hint under a refusal (the co-signing and reporting
//! rounds, the web edition). These messages name no flags, since the app shows them too,
//! beside its own buttons; the terminal gets the command or option that resolves the refusal.

use crate::messages::Message;

/// The command that resolves `m`, if there is one worth showing.
pub(super) fn hint(m: &Message) -> Option<String> {
    use Message as M;
    Some(match m {
        M::CosignNeedsDraft { edition, .. } => {
            format!("konzeptstudio editions status „{edition}“ ressortabstimmung")
        }
        M::CosignDueMissing => "--due JJJJ-MM-TT".into(),
        M::CosignRoundStillOpen { round } => format!("konzeptstudio cosign close {round}"),
        M::CosignNoneAsked | M::ReportNoneAsked => "--ministries SMS,SMK,…".into(),
        M::CosignTextMissing { .. } | M::CosignSettlementMissing => {
            "--text T oder --text @datei".into()
        }
        M::CosignReservationsOpen { round, ministries } => format!(
            "konzeptstudio cosign settle {round} --ministry {} --text …",
            ministries.first().map(String::as_str).unwrap_or("…")
        ),
        M::CosignAnswersMissing { round, .. } => format!(
            "konzeptstudio cosign reminders {round}, oder konzeptstudio cosign close {round} --allow-missing"
        ),
        M::ReportLocked {
            round, ministry, ..
        } => format!("konzeptstudio reports reopen {round} --ministry {ministry} --reason …"),
        M::ReportReasonMissing => "--reason …".into(),
        M::WebNotAsOf => "--format pdf oder --format docx".into(),
        _ => return None,
    })
}
