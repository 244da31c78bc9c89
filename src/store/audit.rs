//! The audit chain: a tamper-evident history (ARCHITECTURE.md, "Audit chain").
//!
//! Every changeset gets one link in `audit_chain`, in commit order, written by the transaction
//! that made the changeset as its last statement ([`append`], called by `Tx::commit`). A link
//! holds the *content hash* of its changeset (SHA-256 over a canonical encoding of the
//! changeset's row and its revisions exactly as stored) and the *link hash*, SHA-256 over the
//! previous link's hash and this content hash. Changing, deleting, inserting or reordering
//! anything already linked therefore breaks a hash that [`Store::audit_verify`] recomputes; and
//! a head written down elsewhere (`audit head`, in the e-file) proves that nothing up to it
//! changed since, even by someone who rewrote the whole chain.
//!
//! PostgreSQL computes the links itself (a trigger, `konzeptstudio_audit_link`, migration
//! 0005): a writer names only the changeset, so no login can choose a hash. SQLite has no
//! SHA-256; there the core computes them here, with the same encoding (a file has no access
//! control anyway: whoever holds it holds everything). Verification always runs here, so the
//! two implementations are held to each other by every story that verifies on PostgreSQL.
//!
//! Personal data: the chain hashes changesets and revisions only. Submitters' names, e-mail
//! addresses and the texts of comments are never in revisions (a comment's revision records
//! that it was created, not what it says), so erasing them on request (DSGVO Art. 17) leaves
//! every hash intact. A changeset names its actor by user id, not by name.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use ts_rs::TS;

use super::sql::{Col, ids_param};
use super::{Dialect, Store};
use crate::error::{Error, Result};
use crate::messages::Message;

/// The hash before the first link.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The version tag the canonical encoding starts with.
const FORMAT: &[u8] = b"ks-audit-1;";

/// Links are checked (and, on SQLite, written) in chunks of this many changesets: a bounded
/// `IN` set and bounded memory for any history.
const CHUNK: usize = 2_000;

/// The newest link: what `audit head` prints and `audit verify --head` takes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditHead {
    /// The changeset of the newest link (None while nothing was changed).
    pub changeset_id: Option<i64>,
    /// How many links the chain has.
    pub seq: i64,
    pub hash: String,
}

impl AuditHead {
    /// `ID:HASH`, the form written into the e-file and given to `audit verify --head`.
    pub fn token(&self) -> String {
        format!("{}:{}", self.changeset_id.unwrap_or(0), self.hash)
    }
}

/// What a successful verification covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditReport {
    /// Links checked (= changesets).
    pub links: i64,
    pub head: AuditHead,
    /// The head given with `--head`, found in the chain with the same hash.
    pub confirmed: Option<AuditHead>,
}

/// Parses `ID:HASH` as `audit head` prints it.
pub fn parse_head(token: &str) -> Result<(i64, String)> {
    let bad = || {
        Error::invalid(
            "head",
            Message::AuditHeadFormat {
                value: token.into(),
            },
        )
    };
    let (id, hash) = token.trim().split_once(':').ok_or_else(bad)?;
    let id: i64 = id.trim().parse().map_err(|_| bad())?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((id, hash))
}

/// The canonical content of one changeset, fed into SHA-256 as it is built: the format tag,
/// then each field as `~;` (NULL) or `<length in bytes>:<text>;`. The PostgreSQL trigger
/// (`konzeptstudio_audit_field`) writes the same bytes.
struct Content(Sha256);

impl Content {
    fn new(cs: &ChangesetRow) -> Self {
        let mut c = Content(Sha256::new());
        c.0.update(FORMAT);
        c.int(Some(cs.id));
        c.int(Some(cs.actor_id));
        c.text(Some(&cs.at));
        c.text(Some(&cs.action));
        c.text(cs.reason.as_deref());
        c.int(cs.comment_id);
        c
    }

    fn revision(&mut self, r: &RevisionRow) {
        self.text(Some(&r.entity_type));
        self.int(Some(r.entity_id));
        self.int(Some(r.version));
        self.text(Some(&r.op));
        self.text(Some(&r.changes));
        self.text(r.snapshot.as_deref());
    }

    fn text(&mut self, v: Option<&str>) {
        match v {
            None => self.0.update(b"~;"),
            Some(s) => {
                self.0.update(s.len().to_string().as_bytes());
                self.0.update(b":");
                self.0.update(s.as_bytes());
                self.0.update(b";");
            }
        }
    }

    fn int(&mut self, v: Option<i64>) {
        self.text(v.map(|v| v.to_string()).as_deref());
    }

    fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The link after `prev` for a changeset with `content_hash`.
fn link(prev: &str, content_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(content_hash.as_bytes());
    hex(&h.finalize())
}

#[derive(sqlx::FromRow)]
struct ChangesetRow {
    id: i64,
    actor_id: i64,
    at: String,
    action: String,
    reason: Option<String>,
    comment_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    changeset_id: i64,
    entity_type: String,
    entity_id: i64,
    version: i64,
    op: String,
    changes: String,
    snapshot: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    seq: i64,
    changeset_id: i64,
    content_hash: String,
    hash: String,
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    seq: i64,
    changeset_id: Option<i64>,
    hash: String,
}

impl From<HeadRow> for AuditHead {
    fn from(h: HeadRow) -> Self {
        AuditHead {
            changeset_id: h.changeset_id,
            seq: h.seq,
            hash: h.hash,
        }
    }
}

/// The content hashes of those of `ids` that exist, with their changeset rows (to name one in
/// a message). Revisions are streamed in the canonical order (entity type by bytes, entity id,
/// version), never held all at once.
async fn contents(
    conn: &mut AnyConnection,
    dialect: Dialect,
    ids: &[i64],
) -> Result<HashMap<i64, (ChangesetRow, String)>> {
    let param = ids_param(ids);
    let changesets: Vec<ChangesetRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, actor_id, at, action, reason, comment_id FROM changesets WHERE id IN ({})",
        dialect.json_ints(1)
    )))
    .bind(&param)
    .fetch_all(&mut *conn)
    .await?;
    let mut open: HashMap<i64, (ChangesetRow, Content)> = changesets
        .into_iter()
        .map(|cs| {
            let content = Content::new(&cs);
            (cs.id, (cs, content))
        })
        .collect();
    let collate = match dialect {
        Dialect::Postgres => " COLLATE \"C\"",
        Dialect::Sqlite => "",
    };
    let sql = format!(
        "SELECT changeset_id, entity_type, entity_id, version, op, changes, snapshot FROM revisions \
         WHERE changeset_id IN ({}) ORDER BY changeset_id, entity_type{collate}, entity_id, version",
        dialect.json_ints(1)
    );
    let mut rows = sqlx::query_as::<_, RevisionRow>(sqlx::AssertSqlSafe(sql))
        .bind(&param)
        .fetch(&mut *conn);
    while let Some(r) = rows.try_next().await? {
        if let Some((_, content)) = open.get_mut(&r.changeset_id) {
            content.revision(&r);
        }
    }
    Ok(open
        .into_iter()
        .map(|(id, (cs, content))| (id, (cs, content.finish())))
        .collect())
}

/// Links `changeset_ids`, in this order, after the current head: the last statement of the
/// transaction that wrote them (its lock on the head orders concurrent writers), or of a copy
/// that inserted a history with its original ids in the source's order (then the links equal
/// the source's).
pub(crate) async fn append(
    conn: &mut AnyConnection,
    dialect: Dialect,
    changeset_ids: &[i64],
) -> Result<()> {
    for ids in changeset_ids.chunks(CHUNK) {
        match dialect {
            // The trigger computes each link; rows are inserted (and linked) in array order.
            Dialect::Postgres => {
                sqlx::query(
                    "INSERT INTO audit_chain (changeset_id) \
                     SELECT CAST(t.v AS BIGINT) FROM json_array_elements_text(CAST($1 AS json)) \
                     WITH ORDINALITY AS t(v, ord) ORDER BY t.ord",
                )
                .bind(ids_param(ids))
                .execute(&mut *conn)
                .await?;
            }
            Dialect::Sqlite => append_sqlite(conn, dialect, ids).await?,
        }
    }
    Ok(())
}

async fn append_sqlite(conn: &mut AnyConnection, dialect: Dialect, ids: &[i64]) -> Result<()> {
    let contents = contents(conn, dialect, ids).await?;
    let head = head(conn).await?;
    let (mut seq, mut hash) = (head.seq, head.hash);
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let Some((_, content_hash)) = contents.get(id) else {
            return Err(Error::Internal(format!(
                "Prüfkette: Änderung {id} gibt es nicht"
            )));
        };
        seq += 1;
        hash = link(&hash, content_hash);
        rows.push(serde_json::json!({
            "seq": seq, "changeset_id": id, "content_hash": content_hash, "hash": hash,
        }));
    }
    let source = dialect.json_rows(
        1,
        &[
            ("seq", Col::Int),
            ("changeset_id", Col::Int),
            ("content_hash", Col::Text),
            ("hash", Col::Text),
        ],
    );
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO audit_chain (seq, changeset_id, content_hash, hash) \
         SELECT seq, changeset_id, content_hash, hash FROM ({source}) AS r ORDER BY ord"
    )))
    .bind(serde_json::Value::Array(rows).to_string())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET seq = $1, changeset_id = $2, hash = $3 WHERE id = 1")
        .bind(seq)
        .bind(ids.last().copied())
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Links every changeset that has no link yet, in id order: run once by the migration that
/// introduced the chain, for the history written before it.
pub(crate) async fn link_unlinked(conn: &mut AnyConnection, dialect: Dialect) -> Result<()> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT c.id FROM changesets c \
         WHERE NOT EXISTS (SELECT 1 FROM audit_chain a WHERE a.changeset_id = c.id) ORDER BY c.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::Executor::execute(&mut *conn, "BEGIN").await?;
    match append(conn, dialect, &ids).await {
        Ok(()) => {
            sqlx::Executor::execute(&mut *conn, "COMMIT").await?;
            Ok(())
        }
        Err(e) => {
            // The connection is returned clean; the error is what counts.
            let _ = sqlx::Executor::execute(&mut *conn, "ROLLBACK").await;
            Err(e)
        }
    }
}

/// The newest link as stored (`audit_head`).
pub(crate) async fn head(conn: &mut AnyConnection) -> Result<AuditHead> {
    let head: HeadRow =
        sqlx::query_as("SELECT seq, changeset_id, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    Ok(head.into())
}

fn violated(message: Message) -> Error {
    Error::Integrity(Box::new(message))
}

impl Store {
    /// The newest link of the chain.
    pub async fn audit_head(&self) -> Result<AuditHead> {
        head(&mut *self.conn().await?).await
    }

    /// Recomputes the whole chain from the stored history, on one consistent snapshot (writers
    /// may go on meanwhile). `expected` is a head written down earlier (`ID:HASH`): it must
    /// still be in the chain with that hash. The first violation found is the error
    /// ([`Error::Integrity`], exit code 6), naming the changeset.
    pub async fn audit_verify(&self, expected: Option<(i64, String)>) -> Result<AuditReport> {
        let dialect = self.dialect();
        let begin = match dialect {
            Dialect::Sqlite => "BEGIN",
            Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        };
        let mut tx = super::Tx::begin(self.conn().await?, begin, dialect).await?;
        let report = verify(&mut tx, dialect, expected).await;
        // Read only: ending it either way changes nothing.
        tx.commit().await?;
        report
    }
}

pub(crate) async fn verify(
    conn: &mut AnyConnection,
    dialect: Dialect,
    expected: Option<(i64, String)>,
) -> Result<AuditReport> {
    let head = head(conn).await?;
    let mut seq = 0_i64;
    let mut hash = GENESIS.to_string();
    let mut last_changeset: Option<i64> = None;
    let mut confirmed = None;
    loop {
        let links: Vec<LinkRow> = sqlx::query_as(
            "SELECT seq, changeset_id, content_hash, hash FROM audit_chain \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(seq)
        .bind(CHUNK as i64)
        .fetch_all(&mut *conn)
        .await?;
        if links.is_empty() {
            break;
        }
        let ids: Vec<i64> = links.iter().map(|l| l.changeset_id).collect();
        let contents = contents(conn, dialect, &ids).await?;
        for l in links {
            if l.seq != seq + 1 {
                return Err(violated(Message::AuditLinkMissing {
                    seq: seq + 1,
                    after: last_changeset.unwrap_or(0),
                }));
            }
            let Some((cs, content_hash)) = contents.get(&l.changeset_id) else {
                return Err(violated(Message::AuditChangesetMissing {
                    changeset: l.changeset_id,
                    seq: l.seq,
                }));
            };
            if *content_hash != l.content_hash {
                return Err(violated(Message::AuditContentChanged {
                    changeset: cs.id,
                    at: cs.at.clone(),
                    action: cs.action.clone(),
                }));
            }
            if link(&hash, &l.content_hash) != l.hash {
                return Err(violated(Message::AuditLinkBroken {
                    changeset: l.changeset_id,
                }));
            }
            seq = l.seq;
            hash = l.hash;
            last_changeset = Some(l.changeset_id);
            if let Some((id, expected_hash)) = &expected
                && *id == l.changeset_id
            {
                if *expected_hash != hash {
                    return Err(violated(Message::AuditExpectedHeadDiffers {
                        changeset: *id,
                    }));
                }
                confirmed = Some(AuditHead {
                    changeset_id: Some(*id),
                    seq,
                    hash: hash.clone(),
                });
            }
        }
    }
    if head.seq != seq || head.hash != hash || head.changeset_id != last_changeset {
        return Err(violated(Message::AuditHeadMismatch {
            seq: head.seq,
            changeset: last_changeset.unwrap_or(0),
        }));
    }
    let unlinked: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(c.id) FROM changesets c \
         WHERE NOT EXISTS (SELECT 1 FROM audit_chain a WHERE a.changeset_id = c.id)",
    )
    .fetch_one(&mut *conn)
    .await?;
    if let Some(changeset) = unlinked {
        return Err(violated(Message::AuditUnlinked { changeset }));
    }
    if let Some((id, _)) = expected
        && confirmed.is_none()
    {
        // The empty chain's head is `0:<genesis>`.
        if !(id == 0 && expected.as_ref().is_some_and(|(_, h)| h == GENESIS)) {
            return Err(violated(Message::AuditExpectedHeadMissing {
                changeset: id,
            }));
        }
    }
    Ok(AuditReport {
        links: seq,
        head,
        confirmed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changeset() -> ChangesetRow {
        ChangesetRow {
            id: 7,
            actor_id: 1,
            at: "2026-12-02T10:00:00.000Z".into(),
            action: "measure.update".into(),
            reason: None,
            comment_id: None,
        }
    }

    #[test]
    fn the_encoding_is_length_prefixed_and_marks_null() {
        // Spelled out, so that the PostgreSQL trigger's twin can be checked against it by hand.
        let mut expected = Sha256::new();
        expected.update(b"ks-audit-1;1:7;1:1;24:2026-12-02T10:00:00.000Z;14:measure.update;~;~;");
        expected.update("7:measure;1:3;1:2;6:update;2:[];10:{\"t\":\"Ä\"};".as_bytes());
        let mut c = Content::new(&changeset());
        c.revision(&RevisionRow {
            changeset_id: 7,
            entity_type: "measure".into(),
            entity_id: 3,
            version: 2,
            op: "update".into(),
            changes: "[]".into(),
            snapshot: Some("{\"t\":\"Ä\"}".into()),
        });
        assert_eq!(c.finish(), hex(&expected.finalize()));
    }

    #[test]
    fn an_empty_reason_and_no_reason_differ() {
        let none = Content::new(&changeset()).finish();
        let mut cs = changeset();
        cs.reason = Some(String::new());
        assert_ne!(Content::new(&cs).finish(), none);
    }

    #[test]
    fn a_link_depends_on_its_predecessor() {
        let content = Content::new(&changeset()).finish();
        assert_ne!(
            link(GENESIS, &content),
            link(&link(GENESIS, &content), &content)
        );
        assert_eq!(link(GENESIS, &content).len(), 64);
    }

    #[test]
    fn a_head_token_parses_back() {
        let head = AuditHead {
            changeset_id: Some(12),
            seq: 12,
            hash: "AB".repeat(32),
        };
        assert_eq!(parse_head(&head.token()).unwrap(), (12, "ab".repeat(32)));
        for bad in ["12", "x:ab", "12:abc", &format!("12:{}", "zz".repeat(32))] {
            assert_eq!(
                parse_head(bad).unwrap_err().code(),
                "invalid_input",
                "{bad}"
            );
        }
    }
}
