//! Backups, restores and copies between a concept file and the team database (issue 15,
//! part 3): consistent while others write, proven on restore (the same Langfassung byte for
//! byte, the same history, the same audit head), hostile files refused with nothing written,
//! and a concept moved from a file to PostgreSQL and back unchanged.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use konzeptstudio::store::{Login, TableDigest, restore, verify_backup};
use konzeptstudio::{Location, Store};
use sqlx::Connection;

use crate::cli_support;
use crate::support::{Backend, TestDb, admin_url, fresh, seeded};

/// The file's own name in `dir`, for files a test writes.
fn file_in(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

/// What a directory holds, to prove that a refused restore left nothing behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The tables of a PostgreSQL database (none: nothing was written).
async fn pg_tables(db: &TestDb) -> Vec<String> {
    let Location::Postgres(url) = &db.location else {
        unreachable!("a PostgreSQL test database")
    };
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut c)
    .await
    .unwrap()
}

/// `name=login` for every user of `store` without a login of their own on PostgreSQL: the
/// acting admin becomes the test cluster's login (who then opens the copy), everybody else
/// keeps their name.
async fn logins_for_postgres(store: &Store) -> Vec<Login> {
    let me: String = {
        let url = admin_url();
        let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
            .fetch_one(&mut c)
            .await
            .unwrap()
    };
    store
        .users()
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.db_login.is_none())
        .map(|u| Login {
            login: if u.name == store.actor().name {
                me.clone()
            } else {
                u.name.clone()
            },
            user: u.name,
        })
        .collect()
}

/// The Langfassung as the CLI prints it (`SOURCE_DATE_EPOCH` fixed), as the OS user `user`
/// where given (a file whose admin is not this account).
fn langfassung(db: &str, user: Option<&str>, dir: &Path, name: &str) -> Vec<u8> {
    let out = dir.join(name);
    let args = ["render", "long", "--out", out.to_str().unwrap()];
    cli_support::ok(match user {
        Some(user) => cli_support::run_as(user, Path::new(db), &args),
        None => cli_support::run(Path::new(db), &args),
    });
    std::fs::read(out).unwrap()
}

/// Every measure's history as the store gives it.
async fn histories(store: &Store) -> Vec<(String, Vec<konzeptstudio::store::Revision>)> {
    let mut out = Vec::new();
    for (code, _) in store.current_measure_data().await.unwrap() {
        out.push((code.clone(), store.measure_history(&code).await.unwrap()));
    }
    // By code: the order of measures with the same place is the database's.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn without(digest: &[TableDigest], tables: &[&str]) -> Vec<TableDigest> {
    digest
        .iter()
        .filter(|d| !tables.contains(&d.table.as_str()))
        .cloned()
        .collect()
}

// --- a backup while another writer works -------------------------------------------------

async fn backup_is_consistent_while_another_writer_works(backend: Backend) {
    let (db, admin) = seeded(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let out = file_in(&dir, "sicherung.sqlite");
    // Members may not: a backup holds internal notes and personal data.
    let anna = admin.act_as("anna").await.unwrap();
    let denied = anna.backup(&out, false).await.unwrap_err();
    assert_eq!(denied.code(), "permission_denied", "{denied}");
    assert!(!out.exists());

    // Another store on the same concept (its own connections), changing a measure in a loop.
    let writer = Store::open(&db.location, None).await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (written, mut seen) = tokio::sync::watch::channel(0_u64);
    let task = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut n = 0_u64;
            while !stop.load(Ordering::SeqCst) {
                let m = writer.measure("3.5.2").await.unwrap();
                let mut data = m.data.clone();
                data.title = format!("Arbeitsmarktmentoren, Runde {n}");
                writer
                    .update_measure("3.5.2", m.version, data, Some("Schleife"), None)
                    .await
                    .unwrap();
                n += 1;
                written.send_replace(n);
            }
            n
        })
    };
    seen.wait_for(|n| *n >= 3).await.unwrap();
    let report = admin.backup(&out, false).await.unwrap();
    let during = *seen.borrow();
    // The writer went on meanwhile and after.
    seen.wait_for(|n| *n >= during + 3).await.unwrap();
    stop.store(true, Ordering::SeqCst);
    let total = task.await.unwrap();
    assert!(total >= during + 3);

    // The backup is consistent: its chain verifies up to its head, every table matches its
    // manifest (rows and content), and its history is a prefix of the live one.
    let checked = verify_backup(&out).await.unwrap();
    assert_eq!(checked.audit_head, report.audit_head);
    assert_eq!(checked.tables, report.tables);
    let head = &report.audit_head;
    let live = admin
        .audit_verify(Some((head.changeset_id.unwrap(), head.hash.clone())))
        .await
        .unwrap();
    assert!(live.confirmed.is_some());
    assert!(
        live.head.seq > head.seq,
        "the writer went on after the backup"
    );
    // The backup's measure is the one its own history ends with (no torn write).
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = file_in(&restored_dir, "zurueck.sqlite");
    restore(&out, &Location::File(restored.clone()), &[])
        .await
        .unwrap();
    let r = Store::open(&Location::File(restored), None).await;
    // On PostgreSQL the admin is the cluster's login; the file opens as the OS user, who is
    // only a user of a concept made on a file.
    if backend == Backend::Sqlite {
        let r = r.unwrap();
        let m = r.measure("3.5.2").await.unwrap();
        let history = r.measure_history("3.5.2").await.unwrap();
        assert_eq!(history.last().unwrap().version, m.version);
        let rounds = report
            .tables
            .iter()
            .find(|t| t.table == "changesets")
            .unwrap()
            .rows;
        assert!(rounds > 3);
    }
    drop(db);
}

// --- restore on both databases -------------------------------------------------------------

/// The demo concept on `source`, backed up, restored into a new file and into an empty
/// PostgreSQL database: each prints the same Langfassung byte for byte, has the same history
/// and content, and ends with the same audit head.
async fn restored_concepts_print_the_same_and_have_the_same_history(source: Backend) {
    let db = fresh(source).await;
    let original = konzeptstudio::demo::create(&db.location).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let backup = file_in(&dir, "zik-sicherung.sqlite");
    let report = original.backup(&backup, false).await.unwrap();
    assert_eq!(report.audit_head, original.audit_head().await.unwrap());
    let digest = original.content_digest().await.unwrap();
    let history = histories(&original).await;
    let print = langfassung(&db.url(), None, dir.path(), "original.pdf");
    // A concept made on PostgreSQL has its admin by login; in a file it is that OS user.
    let file_user = match source {
        Backend::Sqlite => None,
        Backend::Postgres | Backend::PostgresRls => Some(original.actor().name.as_str()),
    };

    // Into a file.
    let file = file_in(&dir, "wiederhergestellt.sqlite");
    let to_file = restore(&backup, &Location::File(file.clone()), &[])
        .await
        .unwrap();
    assert_eq!(to_file.audit_head, report.audit_head);
    assert_eq!(to_file.tables, report.tables);
    assert!(to_file.verified_links >= report.audit_head.seq);
    assert!(to_file.logins.is_empty());
    assert_eq!(
        listing(dir.path()),
        [
            "original.pdf",
            "wiederhergestellt.sqlite",
            "zik-sicherung.sqlite"
        ],
        "no temporary file left"
    );
    assert_eq!(
        langfassung(
            file.to_str().unwrap(),
            file_user,
            dir.path(),
            "aus-datei.pdf"
        ),
        print,
        "the Langfassung of the restored file"
    );
    if source == Backend::Sqlite {
        // (A concept from PostgreSQL has no user for this process's OS account; its content
        // through a file is compared in `copy_from_postgres_to_a_file_and_back_changes_nothing`.)
        let restored = Store::open(&Location::File(file.clone()), None)
            .await
            .unwrap();
        assert_eq!(restored.content_digest().await.unwrap(), digest);
        assert_eq!(histories(&restored).await, history);
        restored.audit_verify(None).await.unwrap();
    }

    // Into an empty PostgreSQL database.
    let pg = fresh(Backend::Postgres).await;
    let logins = match source {
        // A concept from a file: its users get logins, recorded as one change.
        Backend::Sqlite => logins_for_postgres(&original).await,
        Backend::Postgres | Backend::PostgresRls => Vec::new(),
    };
    let to_pg = restore(&backup, &pg.location, &logins).await.unwrap();
    assert_eq!(to_pg.audit_head, report.audit_head);
    assert_eq!(to_pg.logins.len(), logins.len());
    assert_eq!(
        langfassung(&pg.url(), None, dir.path(), "aus-postgres.pdf"),
        print,
        "the Langfassung restored on PostgreSQL"
    );
    let on_pg = Store::open(&pg.location, None).await.unwrap();
    let after = on_pg
        .audit_verify(Some((
            report.audit_head.changeset_id.unwrap(),
            report.audit_head.hash.clone(),
        )))
        .await
        .unwrap();
    assert!(after.confirmed.is_some());
    assert_eq!(histories(&on_pg).await, history);
    let pg_digest = on_pg.content_digest().await.unwrap();
    match source {
        Backend::Postgres | Backend::PostgresRls => assert_eq!(pg_digest, digest),
        Backend::Sqlite => {
            // Everything but the users' logins and the change that set them.
            let skip = ["users", "changesets", "revisions"];
            assert_eq!(without(&pg_digest, &skip), without(&digest, &skip));
            assert_eq!(after.head.seq, report.audit_head.seq + 1);
        }
    }
    // New ids continue after the copied ones (PostgreSQL's identity sequences).
    let mut new = on_pg.current_measure_data().await.unwrap()[0].1.clone();
    new.title = "Neu nach der Wiederherstellung".into();
    new.parent = None;
    let field = new.field.clone();
    on_pg
        .create_measure(&format!("{field}-99"), new, None)
        .await
        .unwrap();
}

// --- hostile backups -----------------------------------------------------------------------

/// A good small backup to damage, and its concept's admin (the OS user).
async fn good_backup(dir: &tempfile::TempDir) -> (PathBuf, String) {
    let (_db, admin) = seeded(Backend::Sqlite).await;
    let out = file_in(dir, "gut.sqlite");
    admin.backup(&out, false).await.unwrap();
    (out, admin.actor().name.clone())
}

/// Every way a backup can be bad, refused with its own message, and nothing written: neither a
/// file target (nor its temporary file) nor anything in an empty PostgreSQL database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_backups_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (good, admin) = good_backup(&dir).await;
    let bytes = std::fs::read(&good).unwrap();
    let bad = tempfile::tempdir().unwrap();
    let write = |name: &str, content: &[u8]| {
        let p = file_in(&bad, name);
        std::fs::write(&p, content).unwrap();
        p
    };

    let truncated = write("abgeschnitten.sqlite", &bytes[..bytes.len() / 2]);
    // Bytes flipped inside a measure's long text (stored in the measure and in its revision's
    // snapshot, in no index): the pages stay well-formed, the content does not.
    let mut flipped = bytes.clone();
    let marker: &[u8] = b"Mentorinnen und Mentoren begleiten";
    let at = flipped
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("the text is stored in the file");
    for b in &mut flipped[at..at + 6] {
        *b ^= 0x20;
    }
    let flipped = write("gekippt.sqlite", &flipped);
    // A whole page in the middle overwritten.
    let mut smashed = bytes.clone();
    let middle = (smashed.len() / 2 / 4096) * 4096;
    for b in &mut smashed[middle..middle + 4096] {
        *b = 0xA5;
    }
    let smashed = write("zerstoert.sqlite", &smashed);
    let text = write(
        "notizen.sqlite",
        "Das ist keine Datenbank.\n".repeat(50).as_bytes(),
    );
    let foreign = file_in(&bad, "fremd.sqlite");
    {
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", foreign.display()))
                .await
                .unwrap();
        sqlx::query("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    }
    let newer = file_in(&bad, "neuer.sqlite");
    std::fs::copy(&good, &newer).unwrap();
    {
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rw", newer.display()))
                .await
                .unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99, 'aus der Zukunft', TRUE, X'00', 0)",
        )
        .execute(&mut c)
        .await
        .unwrap();
        c.close().await.unwrap();
    }
    let edited = file_in(&bad, "bearbeitet.sqlite");
    std::fs::copy(&good, &edited).unwrap();
    {
        // Opened and changed behind the backup's back: a row more than its manifest says.
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rw", edited.display()))
                .await
                .unwrap();
        sqlx::query(
            "INSERT INTO channels (key, name, kind) VALUES ('x', 'Nachgetragen', 'online')",
        )
        .execute(&mut c)
        .await
        .unwrap();
        c.close().await.unwrap();
    }
    let missing = file_in(&bad, "gibt-es-nicht.sqlite");

    let cases: [(&Path, &str, &str); 9] = [
        (&truncated, "invalid_input", "backup_truncated"),
        (&flipped, "integrity_violated", "backup_content_differs"),
        (&smashed, "invalid_input", "backup_damaged"),
        (&text, "invalid_input", "backup_not_sqlite"),
        (&foreign, "invalid_input", "backup_not_concept"),
        (&newer, "schema_too_new", "schema_too_new"),
        (&edited, "integrity_violated", "backup_rows_differ"),
        (&missing, "not_found", "backup_missing"),
        (&good, "", ""),
    ];
    let pg = fresh(Backend::Postgres).await;
    for (file, code, key) in cases {
        if code.is_empty() {
            continue;
        }
        let before = listing(bad.path());
        let target = file_in(&bad, "ziel.sqlite");
        let e = restore(file, &Location::File(target.clone()), &[])
            .await
            .unwrap_err();
        assert_eq!(e.code(), code, "{}: {e}", file.display());
        assert_eq!(e.message().key(), key, "{}: {e}", file.display());
        assert!(
            e.to_string().contains(&file.display().to_string()) || code == "schema_too_new",
            "the message names the file: {e}"
        );
        assert_eq!(
            listing(bad.path()),
            before,
            "{}: nothing written",
            file.display()
        );
        let e = restore(file, &pg.location, &[]).await.unwrap_err();
        assert_eq!(e.message().key(), key, "{}: {e}", file.display());
        assert_eq!(
            pg_tables(&pg).await,
            Vec::<String>::new(),
            "{}",
            file.display()
        );
        // `restore --check` says the same without a target.
        assert_eq!(verify_backup(file).await.unwrap_err().message().key(), key);
    }
    // The flipped bytes are named by table.
    let e = verify_backup(&flipped).await.unwrap_err();
    assert!(
        e.to_string().contains("„measures“") || e.to_string().contains("„revisions“"),
        "{e}"
    );
    assert_eq!(e.exit_code(), 6);
    // The good one restores.
    restore(&good, &pg.location, &logins_of_seeded(&admin))
        .await
        .unwrap();
}

/// The seeded concept's users, each with a login; its admin (`admin`, the OS user who made
/// the file) becomes the test cluster's login.
fn logins_of_seeded(admin: &str) -> Vec<Login> {
    ["anna", "ben", "carla", "ulf", "dora", "emil"]
        .into_iter()
        .map(|n| Login {
            user: n.into(),
            login: n.into(),
        })
        .chain([Login {
            user: admin.into(),
            login: "postgres".into(),
        }])
        .collect()
}

/// Restores only into something new: an existing file, or a database with tables of its own,
/// is refused untouched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_writes_only_into_a_new_file_or_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let (good, admin) = good_backup(&dir).await;
    let existing = file_in(&dir, "vorhanden.sqlite");
    std::fs::write(&existing, b"wichtig").unwrap();
    let e = restore(&good, &Location::File(existing.clone()), &[])
        .await
        .unwrap_err();
    assert_eq!(e.message().key(), "target_exists", "{e}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"wichtig");

    let pg = fresh(Backend::Postgres).await;
    let Location::Postgres(url) = &pg.location else {
        unreachable!()
    };
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query("CREATE TABLE kunden (id BIGINT PRIMARY KEY)")
        .execute(&mut c)
        .await
        .unwrap();
    let e = restore(&good, &pg.location, &logins_of_seeded(&admin))
        .await
        .unwrap_err();
    assert_eq!(e.message().key(), "target_not_empty", "{e}");
    assert_eq!(pg_tables(&pg).await, ["kunden"]);

    // A file's users without logins are listed, nothing is written.
    let empty = fresh(Backend::Postgres).await;
    let e = restore(&good, &empty.location, &[]).await.unwrap_err();
    assert_eq!(e.message().key(), "logins_missing", "{e}");
    assert!(e.to_string().contains("anna, ben"), "{e}");
    assert_eq!(pg_tables(&empty).await, Vec::<String>::new());
    let e = restore(
        &good,
        &Location::File(file_in(&dir, "neu.sqlite")),
        &logins_of_seeded(&admin),
    )
    .await
    .unwrap_err();
    assert_eq!(e.message().key(), "logins_only_for_postgres", "{e}");
}

// --- copy: file → PostgreSQL → file ----------------------------------------------------------

/// The demo concept moved from a file to the team database (users given their logins as the
/// admin says) and back into a file: the same content, history, Langfassung; the logins were
/// set by one recorded change after the copied history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_moves_a_concept_from_a_file_to_postgres_and_back_unchanged() {
    let db = fresh(Backend::Sqlite).await;
    let original = konzeptstudio::demo::create(&db.location).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let print = langfassung(&db.url(), None, dir.path(), "original.pdf");
    let digest = original.content_digest().await.unwrap();
    let history = histories(&original).await;
    let head = original.audit_head().await.unwrap();

    let pg = fresh(Backend::Postgres).await;
    // Without logins for the file's users: refused with their names, nothing written.
    let e = original.copy_to(&pg.location, &[]).await.unwrap_err();
    assert_eq!(e.message().key(), "logins_missing", "{e}");
    assert_eq!(pg_tables(&pg).await, Vec::<String>::new());
    let logins = logins_for_postgres(&original).await;
    let there = original.copy_to(&pg.location, &logins).await.unwrap();
    assert_eq!(there.audit_head, head);
    assert_eq!(there.logins.len(), logins.len());

    let on_pg = Store::open(&pg.location, None).await.unwrap();
    assert_eq!(
        on_pg.actor().name,
        original.actor().name,
        "the admin, by login"
    );
    let users = on_pg.users().await.unwrap();
    for l in &logins {
        let u = users.iter().find(|u| u.name == l.user).unwrap();
        assert_eq!(u.db_login.as_deref(), Some(l.login.as_str()));
    }
    // The login change is in the history, after the copied one, by the admin.
    let feed = on_pg
        .changes_since(head.changeset_id.unwrap(), 10)
        .await
        .unwrap();
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0].changeset.action, "user.login");
    assert_eq!(feed[0].changeset.actor, original.actor().name);
    assert_eq!(feed[0].entities.len(), logins.len());

    // And back into a file.
    let back = file_in(&dir, "zurueck.sqlite");
    let returned = on_pg
        .copy_to(&Location::File(back.clone()), &[])
        .await
        .unwrap();
    assert_eq!(returned.audit_head.seq, head.seq + 1);
    let local = Store::open(&Location::File(back.clone()), None)
        .await
        .unwrap();
    let skip = ["users", "changesets", "revisions"];
    assert_eq!(
        without(&local.content_digest().await.unwrap(), &skip),
        without(&digest, &skip)
    );
    assert_eq!(histories(&local).await, history);
    let v = local
        .audit_verify(Some((head.changeset_id.unwrap(), head.hash.clone())))
        .await
        .unwrap();
    assert!(v.confirmed.is_some());
    assert_eq!(
        langfassung(back.to_str().unwrap(), None, dir.path(), "zurueck.pdf"),
        print
    );
    // A copy never overwrites: the same file again, or a database now holding a concept.
    let e = original
        .copy_to(&Location::File(back.clone()), &[])
        .await
        .unwrap_err();
    assert_eq!(e.message().key(), "target_exists");
    let e = original.copy_to(&pg.location, &logins).await.unwrap_err();
    assert_eq!(e.message().key(), "target_not_empty");
}

/// A concept made on PostgreSQL (every user has a login) goes to a file and back with nothing
/// changed at all: every table the same, byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_from_postgres_to_a_file_and_back_changes_nothing() {
    let (db, admin) = seeded(Backend::Postgres).await;
    let dir = tempfile::tempdir().unwrap();
    let file = file_in(&dir, "team.sqlite");
    admin
        .copy_to(&Location::File(file.clone()), &[])
        .await
        .unwrap();
    let again = fresh(Backend::Postgres).await;
    // The file's admin is the PostgreSQL login that made the concept: that OS user copies.
    let o = cli_support::ok(cli_support::run_as(
        &admin.actor().name,
        &file,
        &["copy", "--to", &again.url(), "--json"],
    ));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["logins"], serde_json::json!([]));
    let back = Store::open(&again.location, None).await.unwrap();
    assert_eq!(
        back.content_digest().await.unwrap(),
        admin.content_digest().await.unwrap()
    );
    drop(db);
}

// --- daily backups -------------------------------------------------------------------------

/// One backup a day beside the concept file, the newest `keep` kept; other files in the
/// folder and a day that has its backup are left alone; 0 turns them off without deleting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_backups_keep_the_newest_and_touch_nothing_else() {
    let (db, admin) = seeded(Backend::Sqlite).await;
    let Location::File(concept) = &db.location else {
        unreachable!()
    };
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let folder = concept.parent().unwrap().join("konzept.sicherungen");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notiz.txt"), b"bleibt").unwrap();
    for d in 1..=5 {
        let s = admin.daily_backup(3, day(d)).await.unwrap();
        assert!(s.written.is_some(), "day {d}");
        assert!(s.files.len() <= 3);
    }
    let s = admin.daily_backup(3, day(5)).await.unwrap();
    assert!(s.written.is_none(), "the day has its backup");
    let dates: Vec<&str> = s.files.iter().map(|f| f.date.as_str()).collect();
    assert_eq!(dates, ["2026-11-05", "2026-11-04", "2026-11-03"]);
    assert_eq!(
        listing(&folder),
        [
            "konzept-2026-11-03.sqlite",
            "konzept-2026-11-04.sqlite",
            "konzept-2026-11-05.sqlite",
            "notiz.txt"
        ]
    );
    // Each one is a proven backup.
    verify_backup(Path::new(&s.files[0].path)).await.unwrap();
    let off = admin.daily_backup(0, day(6)).await.unwrap();
    assert!(off.written.is_none());
    assert_eq!(off.files.len(), 3);
    let e = admin
        .act_as("anna")
        .await
        .unwrap()
        .daily_backup(3, day(7))
        .await;
    assert_eq!(e.unwrap_err().code(), "permission_denied");
}

// --- the command line ------------------------------------------------------------------------

/// `backup`, `restore --check`, `restore`, `copy` through the binary: JSON fields and exit codes
/// (5 a bad file, 6 a backup that does not match its manifest).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_backs_up_checks_restores_and_copies() {
    let (db, _admin) = seeded(Backend::Sqlite).await;
    let Location::File(concept) = &db.location else {
        unreachable!()
    };
    let dir = tempfile::tempdir().unwrap();
    let out = file_in(&dir, "sicherung.sqlite");
    let o = cli_support::ok(cli_support::run(
        concept,
        &["backup", "--out", out.to_str().unwrap(), "--json"],
    ));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["path"], out.to_str().unwrap());
    assert!(json["bytes"].as_i64().unwrap() > 0);
    assert_eq!(json["audit_head"]["hash"].as_str().unwrap().len(), 64);
    assert!(
        json["tables"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["table"] == "measures" && t["rows"] == 2)
    );
    // Again: refused (exit 5) unless --replace.
    let again = cli_support::run(concept, &["backup", "--out", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(5));
    cli_support::ok(cli_support::run(
        concept,
        &["backup", "--out", out.to_str().unwrap(), "--replace"],
    ));
    let o = cli_support::ok(cli_support::run(
        concept,
        &["restore", out.to_str().unwrap(), "--check"],
    ));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Sicherung in Ordnung"));
    let target = file_in(&dir, "wieder.sqlite");
    let o = cli_support::ok(cli_support::run(
        concept,
        &[
            "restore",
            out.to_str().unwrap(),
            "--to",
            target.to_str().unwrap(),
            "--json",
        ],
    ));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["target"], target.to_str().unwrap());
    assert!(json["verified_links"].as_i64().unwrap() > 0);
    // Not a backup: exit 5, the file named.
    let text = file_in(&dir, "text.sqlite");
    std::fs::write(&text, "kein SQLite".repeat(20)).unwrap();
    let o = cli_support::run(
        concept,
        &["restore", text.to_str().unwrap(), "--check", "--json"],
    );
    assert_eq!(o.status.code(), Some(5));
    let err: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["key"], "backup_not_sqlite");
    // Changed after the backup: exit 6.
    let edited = file_in(&dir, "bearbeitet.sqlite");
    std::fs::copy(&out, &edited).unwrap();
    {
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rw", edited.display()))
                .await
                .unwrap();
        sqlx::query("UPDATE concept SET motto = 'nachträglich'")
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    }
    let o = cli_support::run(
        concept,
        &["restore", edited.to_str().unwrap(), "--check", "--json"],
    );
    assert_eq!(
        o.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "integrity_violated");
    assert_eq!(err["error"]["params"]["table"], "concept");
    // copy --to a file, and a malformed --login.
    let copied = file_in(&dir, "kopie.sqlite");
    cli_support::ok(cli_support::run(
        concept,
        &["copy", "--to", copied.to_str().unwrap()],
    ));
    let o = cli_support::run(
        concept,
        &[
            "copy",
            "--to",
            "postgres://x@127.0.0.1:1/x",
            "--login",
            "anna",
        ],
    );
    assert_eq!(o.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&o.stderr).contains("BENUTZER=ANMELDUNG"));
}

on_both!(
    backup_is_consistent_while_another_writer_works,
    restored_concepts_print_the_same_and_have_the_same_history,
);
