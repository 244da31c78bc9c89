//! The audit chain (store/audit.rs): every changeset linked in the same transaction, tampering
//! through raw SQL named by `audit_verify`, a head written down earlier proving the history up to
//! it. On both databases: PostgreSQL links in a trigger, SQLite in the core, and one verifier
//! checks both.

use crate::support::{Backend, comment, measure, seeded};
use konzeptstudio::model::NewComment;
use konzeptstudio::{Error, Store};

on_both!(
    every_change_is_linked_and_the_chain_verifies,
    tampering_with_the_history_is_named,
    a_head_written_down_proves_the_history_up_to_it,
);

/// The integrity error's message (the violated rule with the changeset named).
fn violation(e: Error) -> String {
    assert_eq!(e.code(), "integrity_violated", "{e}");
    assert_eq!(e.exit_code(), 6);
    e.to_string()
}

async fn changesets(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM changesets")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Runs raw SQL as someone who can switch the protecting triggers off (a superuser, or the
/// holder of the file): what the chain is for.
async fn behind_the_back(store: &Store, b: Backend, sql: &str) {
    let mut c = store.pool().acquire().await.unwrap();
    let wrapped = match b {
        // Triggers (also the foreign keys') off for this session only.
        Backend::Postgres | Backend::PostgresRls => format!(
            "SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT"
        ),
        // SQLite's triggers cannot be disabled: dropped for the deed, then made again.
        Backend::Sqlite => format!(
            "PRAGMA foreign_keys = OFF; \
             DROP TRIGGER revisions_immutable_update; DROP TRIGGER revisions_immutable_delete; \
             DROP TRIGGER changesets_immutable_update; DROP TRIGGER changesets_immutable_delete; \
             DROP TRIGGER audit_chain_immutable_update; DROP TRIGGER audit_chain_immutable_delete; \
             {sql}; \
             CREATE TRIGGER revisions_immutable_update BEFORE UPDATE ON revisions BEGIN SELECT RAISE(ABORT, 'x'); END; \
             CREATE TRIGGER revisions_immutable_delete BEFORE DELETE ON revisions BEGIN SELECT RAISE(ABORT, 'x'); END; \
             CREATE TRIGGER changesets_immutable_update BEFORE UPDATE ON changesets BEGIN SELECT RAISE(ABORT, 'x'); END; \
             CREATE TRIGGER changesets_immutable_delete BEFORE DELETE ON changesets BEGIN SELECT RAISE(ABORT, 'x'); END; \
             CREATE TRIGGER audit_chain_immutable_update BEFORE UPDATE ON audit_chain BEGIN SELECT RAISE(ABORT, 'x'); END; \
             CREATE TRIGGER audit_chain_immutable_delete BEFORE DELETE ON audit_chain BEGIN SELECT RAISE(ABORT, 'x'); END; \
             PRAGMA foreign_keys = ON"
        ),
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(wrapped))
        .execute(&mut *c)
        .await
        .unwrap();
}

/// Measures, a comment import, a weighing and an erasure on request: each changeset is a link,
/// the chain verifies, and erasing personal data leaves it intact.
async fn every_change_is_linked_and_the_chain_verifies(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let empty_head = admin.audit_head().await.unwrap();
    assert_eq!(empty_head.seq, changesets(&admin).await);
    let anna = admin.act_as("anna").await.unwrap();
    let m = anna.measure("3.1.1").await.unwrap();
    let mut data = m.data.clone();
    data.title = "Sprachkurse für alle".into();
    anna.update_measure("3.1.1", m.version, data, Some("Titel geschärft"), None)
        .await
        .unwrap();
    admin
        .create_measure("3.1.9", measure("Neue Maßnahme", "3.1", "SMK", &[]), None)
        .await
        .unwrap();
    let staff = admin.act_as("emil").await.unwrap();
    staff
        .insert_comments(
            "web",
            "Web",
            &[
                NewComment {
                    submitter: Some("Erika Mustermann".into()),
                    ..comment("E-1", "Bitte mehr Kurse")
                },
                comment("E-2", "Mehr Kitaplätze"),
            ],
            None,
        )
        .await
        .unwrap();
    let id = staff.comments(&Default::default()).await.unwrap()[0].id;
    staff
        .erase_submitter(id, Some("Antrag vom 3.5."))
        .await
        .unwrap();

    let report = admin.audit_verify(None).await.unwrap();
    let n = changesets(&admin).await;
    assert_eq!(report.links, n, "one link per changeset");
    assert!(n >= empty_head.seq + 4);
    let head = admin.audit_head().await.unwrap();
    assert_eq!(report.head, head);
    assert_eq!(head.seq, n);
    assert_eq!(head.hash.len(), 64);
    assert_ne!(head.hash, empty_head.hash);
    // A rolled-back change leaves no link behind.
    let stale = anna
        .update_measure("3.1.1", m.version, m.data.clone(), None, None)
        .await
        .unwrap_err();
    assert_eq!(stale.code(), "conflict");
    assert_eq!(admin.audit_head().await.unwrap(), head);
    // The verifier reads from a second connection what the first wrote.
    let other = Store::open(&_db.location, None).await.unwrap();
    assert_eq!(other.audit_verify(None).await.unwrap().links, n);
}

/// A revision's snapshot, a changeset's reason, a whole changeset, a link, an inserted changeset:
/// each changed through raw SQL with the protecting triggers off, each named by the verifier,
/// and the chain verifies again once the change is undone.
async fn tampering_with_the_history_is_named(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let anna = admin.act_as("anna").await.unwrap();
    for title in ["Erster Titel", "Zweiter Titel"] {
        let m = anna.measure("3.1.1").await.unwrap();
        let mut data = m.data.clone();
        data.title = title.into();
        anna.update_measure("3.1.1", m.version, data, Some("Titel"), None)
            .await
            .unwrap();
    }
    admin.audit_verify(None).await.unwrap();
    // The first of anna's two changes.
    let (cs, rev): (i64, i64) = sqlx::query_as(
        "SELECT r.changeset_id, r.id FROM revisions r JOIN changesets c ON c.id = r.changeset_id \
         WHERE c.reason = 'Titel' ORDER BY r.id LIMIT 1",
    )
    .fetch_one(admin.pool())
    .await
    .unwrap();

    // 1. A snapshot edited.
    let snapshot: String = sqlx::query_scalar("SELECT snapshot FROM revisions WHERE id = $1")
        .bind(rev)
        .fetch_one(admin.pool())
        .await
        .unwrap();
    let forged = snapshot.replace("Erster Titel", "Gefälschter Titel");
    assert_ne!(forged, snapshot);
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    behind_the_back(
        &admin,
        b,
        &format!(
            "UPDATE revisions SET snapshot = {} WHERE id = {rev}",
            quote(&forged)
        ),
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(
        msg.contains(&format!("Änderung {cs} (measure.update")),
        "{msg}"
    );
    assert!(msg.contains("nachträglich verändert"), "{msg}");
    behind_the_back(
        &admin,
        b,
        &format!(
            "UPDATE revisions SET snapshot = {} WHERE id = {rev}",
            quote(&snapshot)
        ),
    )
    .await;
    admin.audit_verify(None).await.unwrap();

    // 2. A reason edited.
    behind_the_back(
        &admin,
        b,
        &format!("UPDATE changesets SET reason = 'Versehen' WHERE id = {cs}"),
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(msg.contains(&format!("Änderung {cs} ")), "{msg}");
    behind_the_back(
        &admin,
        b,
        &format!("UPDATE changesets SET reason = 'Titel' WHERE id = {cs}"),
    )
    .await;
    admin.audit_verify(None).await.unwrap();

    // 3. A changeset deleted with its revisions (its link stays: it names what is gone).
    behind_the_back(
        &admin,
        b,
        &format!(
            "CREATE TABLE saved_rev AS SELECT * FROM revisions WHERE changeset_id = {cs}; \
             CREATE TABLE saved_cs AS SELECT * FROM changesets WHERE id = {cs}; \
             DELETE FROM revisions WHERE changeset_id = {cs}; DELETE FROM changesets WHERE id = {cs}"
        ),
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(
        msg.contains(&format!("Änderung {cs} (Kettenglied")),
        "{msg}"
    );
    assert!(msg.contains("gelöscht"), "{msg}");
    // … and with its link too: the gap is named.
    behind_the_back(
        &admin,
        b,
        &format!(
            "CREATE TABLE saved_link AS SELECT * FROM audit_chain WHERE changeset_id = {cs}; \
             DELETE FROM audit_chain WHERE changeset_id = {cs}"
        ),
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(msg.contains("fehlt"), "{msg}");
    behind_the_back(
        &admin,
        b,
        "INSERT INTO changesets SELECT * FROM saved_cs; INSERT INTO revisions SELECT * FROM saved_rev; \
         INSERT INTO audit_chain SELECT * FROM saved_link; \
         DROP TABLE saved_cs; DROP TABLE saved_rev; DROP TABLE saved_link",
    )
    .await;
    admin.audit_verify(None).await.unwrap();

    // 4. A link's hash replaced.
    behind_the_back(
        &admin,
        b,
        &format!(
            "CREATE TABLE saved_link AS SELECT * FROM audit_chain WHERE changeset_id = {cs}; \
             UPDATE audit_chain SET hash = '{}' WHERE changeset_id = {cs}",
            "ab".repeat(32)
        ),
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(msg.contains(&format!("Änderung {cs}")), "{msg}");
    behind_the_back(
        &admin,
        b,
        &format!(
            "UPDATE audit_chain SET hash = (SELECT hash FROM saved_link) WHERE changeset_id = {cs}; \
             DROP TABLE saved_link"
        ),
    )
    .await;
    admin.audit_verify(None).await.unwrap();

    // 5. A changeset slipped in without a link.
    behind_the_back(
        &admin,
        b,
        "INSERT INTO changesets (id, actor_id, at, action, reason) \
         VALUES (900001, 1, '2026-01-01T00:00:00.000Z', 'measure.update', 'unterschoben')",
    )
    .await;
    let msg = violation(admin.audit_verify(None).await.unwrap_err());
    assert!(
        msg.contains("Änderung 900001 steht nicht in der Prüfkette"),
        "{msg}"
    );
}

/// `audit head` written into the e-file; later changes keep it in the chain. Removing the newest
/// changeset and resetting the head hides it from a plain verification (the rest is a consistent
/// chain), but not from one against the head written down.
async fn a_head_written_down_proves_the_history_up_to_it(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let anna = admin.act_as("anna").await.unwrap();
    let edit = |title: &'static str| {
        let anna = anna.clone();
        async move {
            let m = anna.measure("3.1.1").await.unwrap();
            let mut data = m.data.clone();
            data.title = title.into();
            anna.update_measure("3.1.1", m.version, data, None, None)
                .await
                .unwrap();
        }
    };
    edit("Eins").await;
    let written_down = admin.audit_head().await.unwrap();
    let token = konzeptstudio::store::audit::parse_head(&written_down.token()).unwrap();
    edit("Zwei").await;
    let report = admin.audit_verify(Some(token.clone())).await.unwrap();
    assert_eq!(report.confirmed.as_ref().unwrap().hash, written_down.hash);
    assert_eq!(report.links, written_down.seq + 1);

    // The newest change ("Eins") removed with everything pointing at it; the head set back.
    let last = written_down.changeset_id.unwrap();
    let (prev_seq, prev_cs, prev_hash): (i64, i64, String) =
        sqlx::query_as("SELECT seq, changeset_id, hash FROM audit_chain WHERE seq = $1")
            .bind(written_down.seq - 1)
            .fetch_one(admin.pool())
            .await
            .unwrap();
    let newest: i64 = sqlx::query_scalar("SELECT changeset_id FROM audit_chain WHERE seq = $1")
        .bind(written_down.seq + 1)
        .fetch_one(admin.pool())
        .await
        .unwrap();
    behind_the_back(
        &admin,
        b,
        &format!(
            "DELETE FROM audit_chain WHERE changeset_id IN ({last}, {newest}); \
             DELETE FROM revisions WHERE changeset_id IN ({last}, {newest}); \
             DELETE FROM changesets WHERE id IN ({last}, {newest}); \
             UPDATE audit_head SET seq = {prev_seq}, changeset_id = {prev_cs}, hash = '{prev_hash}'"
        ),
    )
    .await;
    // Consistent in itself …
    admin.audit_verify(None).await.unwrap();
    // … but not what was written down.
    let msg = violation(admin.audit_verify(Some(token)).await.unwrap_err());
    assert!(
        msg.contains(&format!("festgehaltene Änderung {last}")),
        "{msg}"
    );
}
