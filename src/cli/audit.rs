//! `konzeptstudio audit`: the audit chain verified, and its head printed for the e-file.

use super::args::{AuditCommand, Cli};
use super::{print, print_json};
use crate::error::Result;
use crate::store::Store;
use crate::store::audit::{AuditHead, parse_head};

pub async fn run(cli: &Cli, store: &Store, command: &AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Head => {
            let head = store.audit_head().await?;
            if cli.json {
                return print_json(&head_json(&head));
            }
            print(&format!(
                "Kettenkopf: {}\n(Änderung {}, {} Glieder; so in die Akte übernehmen und später mit \
                 „konzeptstudio audit verify --head {}“ prüfen)",
                head.token(),
                head.changeset_id.unwrap_or(0),
                head.seq,
                head.token()
            ))
        }
        AuditCommand::Verify { head } => {
            let expected = head.as_deref().map(parse_head).transpose()?;
            let report = store.audit_verify(expected).await?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "ok": true,
                    "links": report.links,
                    "head": head_json(&report.head),
                    "confirmed": report.confirmed.as_ref().map(head_json),
                }));
            }
            let mut text = format!(
                "Prüfkette in Ordnung: {} Änderungen, jede unverändert und lückenlos verkettet.\n\
                 Kettenkopf: {}",
                report.links,
                report.head.token()
            );
            if let Some(c) = &report.confirmed {
                text.push_str(&format!(
                    "\nDer festgehaltene Kopf {} (Glied {}) ist Teil der Kette: bis dorthin wurde nichts verändert.",
                    c.token(),
                    c.seq
                ));
            }
            print(&text)
        }
    }
}

/// `{"changeset_id", "seq", "hash", "token"}`: the token is what `--head` takes back.
fn head_json(head: &AuditHead) -> serde_json::Value {
    serde_json::json!({
        "changeset_id": head.changeset_id,
        "seq": head.seq,
        "hash": head.hash,
        "token": head.token(),
    })
}
