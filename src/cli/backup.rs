//! `backup`, `restore`, `copy`: the copier of `store::transfer`, with what it proved printed.

use super::args::{BackupArgs, CopyArgs, RestoreArgs};
use super::{Cli, print, print_json};
use crate::error::Result;
use crate::store::{BackupReport, Location, Login, Store, TableRows, TransferReport};

/// `1.234.567 Bytes` as `1,2 MB`.
fn size(bytes: i64) -> String {
    let b = bytes as f64;
    let (value, unit) = if b >= 1e9 {
        (b / 1e9, "GB")
    } else if b >= 1e6 {
        (b / 1e6, "MB")
    } else if b >= 1e3 {
        (b / 1e3, "kB")
    } else {
        return format!("{bytes} Bytes");
    };
    format!("{} {unit}", format!("{value:.1}").replace('.', ","))
}

fn total(tables: &[TableRows]) -> String {
    let rows: i64 = tables.iter().map(|t| t.rows).sum();
    format!(
        "{} Tabellen, {} Zeilen",
        tables.len(),
        crate::format::number(rows as f64)
    )
}

fn logins(args: &[String]) -> Result<Vec<Login>> {
    args.iter().map(|s| Login::parse(s)).collect()
}

pub(super) async fn backup(cli: &Cli, store: &Store, a: &BackupArgs) -> Result<()> {
    let r: BackupReport = store.backup(&a.out, a.replace).await?;
    if cli.json {
        return print_json(&r);
    }
    print(&format!(
        "Sicherung geschrieben: {} ({})\nAus {}, Schema {}, {}\nPrüfkette bis {} ({} Änderungen), in der Sicherung neu berechnet",
        r.path,
        size(r.bytes),
        r.source,
        r.schema_version,
        total(&r.tables),
        r.audit_head.token(),
        crate::format::number(r.audit_head.seq as f64),
    ))
}

fn transferred(cli: &Cli, what: &str, r: &TransferReport) -> Result<()> {
    if cli.json {
        return print_json(r);
    }
    let mut text = format!(
        "{what}: {} → {}{}\nGeprüft: Schema {}, {} wie in der Quelle, Prüfkette bis {} neu berechnet ({} Glieder)",
        r.source,
        r.target,
        r.bytes
            .map(|b| format!(" ({})", size(b)))
            .unwrap_or_default(),
        r.schema_version,
        total(&r.tables),
        r.audit_head.token(),
        crate::format::number(r.verified_links as f64),
    );
    if !r.logins.is_empty() {
        text.push_str("\nDatenbank-Anmeldungen zugeordnet (eine Änderung in der Historie):");
        for l in &r.logins {
            text.push_str(&format!("\n  {} → {}", l.user, l.login));
        }
    }
    print(&text)
}

pub(super) async fn restore(cli: &Cli, a: &RestoreArgs) -> Result<()> {
    let Some(to) = a.to.as_deref().filter(|_| !a.check) else {
        let r = crate::store::verify_backup(&a.backup).await?;
        if cli.json {
            return print_json(&r);
        }
        return print(&format!(
            "Sicherung in Ordnung: {} ({})
Erstellt {} aus {}, Schema {}, {} wie im Manifest
Prüfkette bis {} neu berechnet",
            r.path,
            size(r.bytes),
            crate::format::timestamp(&r.created_at),
            r.source,
            r.schema_version,
            total(&r.tables),
            r.audit_head.token(),
        ));
    };
    let r = crate::store::restore(&a.backup, &Location::parse(to), &logins(&a.logins)?).await?;
    transferred(cli, "Wiederhergestellt", &r)
}

pub(super) async fn copy(cli: &Cli, store: &Store, a: &CopyArgs) -> Result<()> {
    let r = store
        .copy_to(&Location::parse(&a.to), &logins(&a.logins)?)
        .await?;
    transferred(cli, "Kopiert", &r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_the_german_way() {
        assert_eq!(size(512), "512 Bytes");
        assert_eq!(size(1_234_567), "1,2 MB");
        assert_eq!(size(40_960), "41,0 kB");
    }
}
