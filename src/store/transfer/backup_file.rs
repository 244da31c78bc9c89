//! A backup file: a concept in SQLite's format, with a manifest that says what it holds
//! (`backup_manifest`, `backup_tables`, migration 0007): the schema version, the audit chain's
//! head, and per table the number of rows and a SHA-256 over its content. `check` proves a file
//! before anything is restored from it: that it is a whole SQLite file, undamaged, a concept of
//! this program's schema, and that every table still holds what the manifest says.
//!
//! The content hash reads each table as it is in the file (`SELECT *`, by rowid, every value by
//! its stored type), whatever columns the schema of its time had, so a newer program checks an
//! older backup with the same code. It guards against damage (a disk, a copy cut short, a byte
//! flipped); against forgery it is the audit head, compared with one written down elsewhere
//! (`audit verify --head`), that proves the history.

use std::io::Read;
use std::path::Path;

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow, AnyTypeInfoKind};
use sqlx::{AnyConnection, AnyPool, Row, ValueRef};

use super::tables::TABLES;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::store::Dialect;
use crate::store::audit::AuditHead;

/// The manifest's format (`backup_manifest.format`): what `check` knows how to read.
pub(crate) const FORMAT: i64 = 1;

/// The tag every table hash starts with.
const HASH_TAG: &[u8] = b"ks-backup-1;";

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a backup says about itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Manifest {
    pub schema_version: i64,
    pub created_at: String,
    /// "sqlite" or "postgres": where the concept was backed up from.
    pub source: String,
    pub program_version: String,
    pub audit_head: AuditHead,
    /// Per table: name, rows, content hash.
    pub tables: Vec<(String, i64, String)>,
}

#[derive(sqlx::FromRow)]
struct ManifestRow {
    format: i64,
    schema_version: i64,
    created_at: String,
    source: String,
    program_version: String,
    audit_seq: i64,
    audit_changeset_id: Option<i64>,
    audit_hash: String,
}

#[derive(sqlx::FromRow)]
struct TableRow {
    name: String,
    row_count: i64,
    content_hash: String,
}

/// A table name as an SQL identifier (names come from a file that may be hostile).
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// One value as stored, by its own type (a file may hold anything in any column).
fn hash_value(row: &AnyRow, i: usize, h: &mut Sha256) -> Result<()> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        h.update(b"n");
        return Ok(());
    }
    let kind = raw.type_info().kind();
    match kind {
        AnyTypeInfoKind::Bool
        | AnyTypeInfoKind::SmallInt
        | AnyTypeInfoKind::Integer
        | AnyTypeInfoKind::BigInt => {
            h.update(b"i");
            h.update(row.try_get::<i64, _>(i)?.to_be_bytes());
        }
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => {
            h.update(b"r");
            h.update(row.try_get::<f64, _>(i)?.to_bits().to_be_bytes());
        }
        AnyTypeInfoKind::Text => {
            let s: String = row.try_get(i)?;
            h.update(b"t");
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
        AnyTypeInfoKind::Blob | AnyTypeInfoKind::Null => {
            let b: Vec<u8> = row.try_get(i)?;
            h.update(b"b");
            h.update((b.len() as u64).to_be_bytes());
            h.update(&b);
        }
    }
    Ok(())
}

/// Rows and SHA-256 (hex) of `table` in the SQLite file behind `conn`, as it is stored.
pub(crate) async fn table_hash(conn: &mut AnyConnection, table: &str) -> Result<(i64, String)> {
    let mut h = Sha256::new();
    h.update(HASH_TAG);
    h.update(table.as_bytes());
    h.update(b";");
    let sql = format!("SELECT * FROM {} ORDER BY rowid", ident(table));
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *conn);
    let mut count = 0_i64;
    while let Some(row) = rows.try_next().await? {
        count += 1;
        h.update(b"|");
        for i in 0..row.len() {
            hash_value(&row, i, &mut h)?;
        }
    }
    Ok((count, hex(&h.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the manifest of the SQLite file behind `conn` (inside the caller's transaction):
/// rows and hash of every copied table as the file holds them now, the schema version and the
/// audit head. A manifest the file had before (a backup of a backup) is replaced.
pub(crate) async fn write_manifest(
    conn: &mut AnyConnection,
    schema_version: i64,
    source: Dialect,
    head: &AuditHead,
) -> Result<Manifest> {
    sqlx::query("DELETE FROM backup_tables")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM backup_manifest")
        .execute(&mut *conn)
        .await?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for t in TABLES {
        let (rows, hash) = table_hash(conn, t.name).await?;
        sqlx::query(
            "INSERT INTO backup_tables (name, row_count, content_hash) VALUES ($1, $2, $3)",
        )
        .bind(t.name)
        .bind(rows)
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
        tables.push((t.name.to_string(), rows, hash));
    }
    let manifest = Manifest {
        schema_version,
        created_at: crate::store::now_utc(),
        source: match source {
            Dialect::Sqlite => "sqlite".into(),
            Dialect::Postgres => "postgres".into(),
        },
        program_version: env!("CARGO_PKG_VERSION").into(),
        audit_head: head.clone(),
        tables,
    };
    sqlx::query(
        "INSERT INTO backup_manifest (id, format, schema_version, created_at, source, \
         program_version, audit_seq, audit_changeset_id, audit_hash) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(FORMAT)
    .bind(manifest.schema_version)
    .bind(&manifest.created_at)
    .bind(&manifest.source)
    .bind(&manifest.program_version)
    .bind(head.seq)
    .bind(head.changeset_id)
    .bind(&head.hash)
    .execute(&mut *conn)
    .await?;
    Ok(manifest)
}

/// What the first page of a file says about its size, or why it is no whole SQLite file.
fn check_header(path: &Path) -> Result<()> {
    let shown = || path.display().to_string();
    let len = std::fs::metadata(path)
        .map_err(|_| Error::not_found(Message::BackupMissing { path: shown() }))?
        .len();
    let mut header = [0_u8; 100];
    let mut file = std::fs::File::open(path)?;
    let read = file.read(&mut header)?;
    if read < SQLITE_MAGIC.len() || &header[..16] != SQLITE_MAGIC {
        return Err(Error::input(Message::BackupNotSqlite { path: shown() }));
    }
    if read < header.len() {
        return Err(Error::input(Message::BackupTruncated {
            path: shown(),
            size: len as i64,
            expected: header.len() as i64,
        }));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536_u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => {
            return Err(Error::input(Message::BackupDamaged {
                path: shown(),
                detail: "ungültige Seitengröße im Dateikopf".into(),
            }));
        }
    };
    // The page count in the header is valid when the change counter and the "version valid
    // for" number agree (SQLite file format, 1.3.7); older writers left it stale.
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let counter = &header[24..28];
    let valid_for = &header[92..96];
    let expected = if pages > 0 && counter == valid_for {
        pages * page_size
    } else {
        len.div_ceil(page_size) * page_size
    };
    if len < expected {
        return Err(Error::input(Message::BackupTruncated {
            path: shown(),
            size: len as i64,
            expected: expected as i64,
        }));
    }
    if len > expected {
        return Err(Error::input(Message::BackupDamaged {
            path: shown(),
            detail: format!("{len} Bytes, der Dateikopf nennt {expected}"),
        }));
    }
    Ok(())
}

/// A file read but never written: `mode=ro`, and no code of the file's own schema runs
/// (`trusted_schema = OFF`: a hostile file's views and triggers cannot call functions).
pub(crate) async fn open_read_only(path: &Path) -> Result<AnyPool> {
    crate::store::open::install_drivers();
    let url = crate::store::open::sqlite_url(path, false);
    let url = format!("{}?mode=ro", url.strip_suffix("?mode=rw").unwrap_or(&url));
    let options: AnyConnectOptions = url.parse()?;
    Ok(AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                sqlx::Executor::execute(
                    &mut *conn,
                    "PRAGMA trusted_schema = OFF; PRAGMA query_only = ON; PRAGMA busy_timeout = 15000;",
                )
                .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// Any failure of SQLite on a file being checked: the file is damaged (or no database at all).
fn damaged(path: &Path) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Database(db) => Error::input(Message::BackupDamaged {
            path: path.display().to_string(),
            detail: db
                .as_database_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| db.to_string()),
        }),
        other => other,
    }
}

/// A backup proven whole: its pool (read only) and what its manifest says.
pub(crate) struct Checked {
    pub pool: AnyPool,
    pub manifest: Manifest,
}

/// Proves the backup at `path` before anything is restored from it, and writes nothing
/// anywhere: a whole SQLite file (header, size), undamaged (`integrity_check`), a concept of
/// this program's migrations and not of a newer one, with a manifest, each table holding the
/// rows and content it lists, and an audit chain that verifies up to the manifest's head.
pub(crate) async fn check(path: &Path, supported: i64) -> Result<Checked> {
    check_header(path)?;
    let pool = open_read_only(path).await.map_err(damaged(path))?;
    let result = check_content(&pool, path, supported).await;
    match result {
        Ok(manifest) => Ok(Checked { pool, manifest }),
        Err(e) => {
            pool.close().await;
            Err(e)
        }
    }
}

async fn check_content(pool: &AnyPool, path: &Path, supported: i64) -> Result<Manifest> {
    let shown = || path.display().to_string();
    let mut conn = pool.acquire().await.map_err(|e| damaged(path)(e.into()))?;
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check(5)")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| damaged(path)(e.into()))?;
    if problems.iter().any(|p| p != "ok") {
        return Err(Error::input(Message::BackupDamaged {
            path: shown(),
            detail: problems.join("; "),
        }));
    }
    let version = schema_version(&mut conn, path, supported).await?;
    if version == supported
        && super::tables::uncovered_column(&mut conn, Dialect::Sqlite)
            .await?
            .is_some()
    {
        return Err(Error::input(Message::BackupNotConcept { path: shown() }));
    }
    if version < super::MANIFEST_SINCE {
        return Err(Error::input(Message::BackupWithoutManifest {
            path: shown(),
        }));
    }
    let manifest: Option<ManifestRow> = sqlx::query_as(
        "SELECT format, schema_version, created_at, source, program_version, audit_seq, \
         audit_changeset_id, audit_hash FROM backup_manifest WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(|e| damaged(path)(e.into()))?;
    let Some(m) = manifest else {
        return Err(Error::input(Message::BackupWithoutManifest {
            path: shown(),
        }));
    };
    if m.format != FORMAT || m.schema_version != version {
        return Err(Error::input(Message::BackupDamaged {
            path: shown(),
            detail: format!(
                "Manifest im Format {} für Schema {}, die Datei hat Schema {version}",
                m.format, m.schema_version
            ),
        }));
    }
    let listed: Vec<TableRow> =
        sqlx::query_as("SELECT name, row_count, content_hash FROM backup_tables ORDER BY name")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| damaged(path)(e.into()))?;
    let in_file: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| damaged(path)(e.into()))?;
    // The tables a backup of this schema must list: every copied table.
    if version == supported {
        for t in TABLES {
            if !listed.iter().any(|l| l.name == t.name) {
                return Err(Error::Integrity(Box::new(Message::BackupTableMissing {
                    path: shown(),
                    table: t.name.into(),
                })));
            }
        }
    }
    let mut tables = Vec::with_capacity(listed.len());
    for l in listed {
        if !in_file.contains(&l.name) {
            return Err(Error::Integrity(Box::new(Message::BackupTableMissing {
                path: shown(),
                table: l.name,
            })));
        }
        let (rows, hash) = table_hash(&mut conn, &l.name)
            .await
            .map_err(damaged(path))?;
        if rows != l.row_count {
            return Err(Error::Integrity(Box::new(Message::BackupRowsDiffer {
                path: shown(),
                table: l.name,
                expected: l.row_count,
                found: rows,
            })));
        }
        if hash != l.content_hash {
            return Err(Error::Integrity(Box::new(Message::BackupContentDiffers {
                path: shown(),
                table: l.name,
            })));
        }
        tables.push((l.name, rows, hash));
    }
    // In copy order, as a backup's report lists them (tables of an older schema last).
    tables.sort_by_key(|(name, ..)| {
        TABLES
            .iter()
            .position(|t| t.name == name.as_str())
            .unwrap_or(usize::MAX)
    });
    let head = AuditHead {
        changeset_id: m.audit_changeset_id,
        seq: m.audit_seq,
        hash: m.audit_hash,
    };
    // The chain up to the manifest's head, recomputed from the revisions in the file.
    let report = crate::store::audit::verify(
        &mut conn,
        Dialect::Sqlite,
        Some((head.changeset_id.unwrap_or(0), head.hash.clone())),
    )
    .await?;
    if report.head != head {
        return Err(Error::Integrity(Box::new(Message::TransferHeadDiffers {
            source: head.token(),
            target: report.head.token(),
        })));
    }
    Ok(Manifest {
        schema_version: version,
        created_at: m.created_at,
        source: m.source,
        program_version: m.program_version,
        audit_head: head,
        tables,
    })
}

/// The schema version of the concept in `conn`: its migrations must be this program's (same
/// versions, same checksums), and none newer than `supported`.
async fn schema_version(conn: &mut AnyConnection, path: &Path, supported: i64) -> Result<i64> {
    let shown = || path.display().to_string();
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| damaged(path)(e.into()))?;
    if has_table == 0 {
        return Err(Error::input(Message::BackupNotConcept { path: shown() }));
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success = TRUE ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(|_| Error::input(Message::BackupNotConcept { path: shown() }))?;
    let Some(found) = applied.last().map(|(v, _)| *v) else {
        return Err(Error::input(Message::BackupNotConcept { path: shown() }));
    };
    if found > supported {
        return Err(Error::SchemaTooNew { found, supported });
    }
    let ours = &crate::store::MIGRATIONS_SQLITE;
    for (version, checksum) in &applied {
        let matches = ours
            .iter()
            .any(|m| m.version == *version && m.checksum.as_ref() == checksum.as_slice());
        if !matches {
            return Err(Error::input(Message::BackupNotConcept { path: shown() }));
        }
    }
    // Applied in order from the first: a gap is no schema of ours either.
    let expected: Vec<i64> = ours.iter().map(|m| m.version).take(applied.len()).collect();
    if applied.iter().map(|(v, _)| *v).collect::<Vec<_>>() != expected {
        return Err(Error::input(Message::BackupNotConcept { path: shown() }));
    }
    Ok(found)
}
