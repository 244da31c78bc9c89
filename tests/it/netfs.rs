//! Concept files on network shares: never WAL, the rollback journal with exclusive locking, one
//! connection; a file in WAL mode switched safely or refused; and what the user is told. The
//! share is injected (`ShareMode::Network`, `KONZEPTSTUDIO_NETWORK_SHARE=1` for the binary):
//! the detection itself is unit-tested in `src/store/netfs.rs` with every file-system type.

use std::path::{Path, PathBuf};

use konzeptstudio::model::NewComment;
use konzeptstudio::store::{NetworkShare, ShareMode};
use konzeptstudio::{Location, Store};

use crate::support::concept;

fn on_share() -> ShareMode {
    ShareMode::Network(NetworkShare {
        kind: "SMB/CIFS".into(),
    })
}

fn file_in(dir: &tempfile::TempDir) -> (PathBuf, Location) {
    let path = dir.path().join("zik.konzept");
    (path.clone(), Location::File(path))
}

/// The SQLite header's file format versions (bytes 18 and 19): 1 for the rollback journal,
/// 2 for WAL, written by SQLite when the mode changes.
fn header_journal_version(path: &Path) -> (u8, u8) {
    let bytes = std::fs::read(path).unwrap();
    (bytes[18], bytes[19])
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn comments(n: usize) -> Vec<NewComment> {
    (0..n)
        .map(|i| NewComment {
            external_id: Some(format!("E-{i}")),
            submitter: None,
            organisation: Some("Landkreis Görlitz".into()),
            submitter_type: None,
            received_at: "2017-05-02T10:00:00Z".into(),
            text: format!("Stellungnahme Nummer {i} zu den Sprachkursen im ländlichen Raum."),
            measure: None,
            field: None,
            illustrative: true,
        })
        .collect()
}

#[tokio::test]
async fn a_concept_on_a_share_is_kept_without_wal_and_locked_for_one_program() {
    let dir = tempfile::tempdir().unwrap();
    let (path, location) = file_in(&dir);
    let store = Store::init_with(&location, &concept(), &on_share())
        .await
        .unwrap();
    assert_eq!(store.network_share().unwrap().kind, "SMB/CIFS");
    store
        .add_ministry("SMS", "Staatsministerium für Soziales", None)
        .await
        .unwrap();
    // The rollback journal: no WAL in the header, no -wal or -shm beside the file. (In
    // exclusive mode SQLite keeps the -journal file between transactions, its header zeroed.)
    assert_eq!(header_journal_version(&path), (1, 1));
    for suffix in ["-wal", "-shm"] {
        assert!(!side_file(&path, suffix).exists(), "{suffix} exists");
    }

    // Another program (here: another store of this one) is refused at once, in German, and
    // nothing is changed.
    let err = Store::open_with(&location, None, &on_share())
        .await
        .unwrap_err();
    assert_eq!(err.exit_code(), 1);
    assert_eq!(err.to_payload().detail.key(), "share_in_use");
    let text = err.to_string();
    assert!(
        text.contains("ist gerade in einem anderen Programm geöffnet")
            && text.contains("Netzlaufwerk (SMB/CIFS)")
            && text.contains("konzeptstudio copy --to postgres://"),
        "{text}"
    );
    // The store that has it goes on working.
    assert_eq!(store.ministries().await.unwrap().len(), 1);

    // Once closed, the file opens again, still without WAL.
    store.close().await;
    let again = Store::open_with(&location, None, &on_share())
        .await
        .unwrap();
    assert_eq!(again.ministries().await.unwrap()[0].abbreviation, "SMS");
    assert_eq!(header_journal_version(&path), (1, 1));
    again.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_on_a_share_wait_for_the_one_connection_and_all_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (_, location) = file_in(&dir);
    let store = Store::init_with(&location, &concept(), &on_share())
        .await
        .unwrap();
    // A long write (an import of 20,000 comments in one transaction), a second write and two
    // reads at the same time: on one connection, each waits for the one before; with a second
    // connection the later ones would wait for the file lock this process holds and fail.
    let import = {
        let s = store.clone();
        tokio::spawn(async move {
            s.insert_comments("online", "Online-Beteiligung", &comments(20_000), None)
                .await
        })
    };
    let ministry = {
        let s = store.clone();
        tokio::spawn(async move {
            s.add_ministry("SMK", "Staatsministerium für Kultus", None)
                .await
        })
    };
    let (overview, ministries) = tokio::join!(store.overview(), store.ministries());
    overview.unwrap();
    ministries.unwrap();
    assert_eq!(import.await.unwrap().unwrap().imported, 20_000);
    ministry.await.unwrap().unwrap();
    let page = store.comment_page(&Default::default()).await.unwrap();
    assert_eq!(page.total, 20_000);
    assert_eq!(store.ministries().await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn a_wal_file_moved_onto_a_share_is_switched_and_keeps_what_its_wal_held() {
    let local = tempfile::tempdir().unwrap();
    let (path, location) = file_in(&local);
    let store = Store::init_with(&location, &concept(), &ShareMode::Local)
        .await
        .unwrap();
    store
        .add_ministry("SMWA", "Staatsministerium für Wirtschaft", None)
        .await
        .unwrap();
    assert_eq!(header_journal_version(&path), (2, 2));
    // Copied while open: the ministry is only in the -wal file so far.
    let share = tempfile::tempdir().unwrap();
    let (moved, moved_location) = file_in(&share);
    for suffix in ["", "-wal", "-shm"] {
        std::fs::copy(side_file(&path, suffix), side_file(&moved, suffix)).unwrap();
    }
    assert!(std::fs::metadata(side_file(&moved, "-wal")).unwrap().len() > 0);
    store.close().await;

    let opened = Store::open_with(&moved_location, None, &on_share())
        .await
        .unwrap();
    assert_eq!(opened.ministries().await.unwrap()[0].abbreviation, "SMWA");
    assert_eq!(header_journal_version(&moved), (1, 1));
    assert!(!side_file(&moved, "-wal").exists());
    assert!(!side_file(&moved, "-shm").exists());
    opened.close().await;
}

#[tokio::test]
async fn a_wal_file_another_program_uses_is_refused_on_a_share_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (path, location) = file_in(&dir);
    // A program that opened it as a local file (WAL) and keeps it open.
    let local = Store::init_with(&location, &concept(), &ShareMode::Local)
        .await
        .unwrap();
    let err = Store::open_with(&location, None, &on_share())
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().detail.key(), "share_in_use");
    assert_eq!(header_journal_version(&path), (2, 2));
    // The other program goes on working.
    local
        .add_ministry("SMS", "Staatsministerium für Soziales", None)
        .await
        .unwrap();
    assert_eq!(local.ministries().await.unwrap().len(), 1);
    local.close().await;
}

#[test]
fn the_cli_warns_on_stderr_in_german_and_keeps_stdout_and_json_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zik.konzept");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_konzeptstudio"))
            .env_remove("KONZEPTSTUDIO_DB")
            .env("KONZEPTSTUDIO_NETWORK_SHARE", "1")
            .arg("--db")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let init = run(&["--json", "init", "--title", "ZIK"]);
    assert_eq!(
        init.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&init.stdout).unwrap();
    assert_eq!(
        report["network_share"]["kind"],
        "KONZEPTSTUDIO_NETWORK_SHARE=1"
    );
    let warning: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&init.stderr).trim()).unwrap();
    assert_eq!(warning["warning"]["key"], "network_share");
    assert_eq!(
        warning["warning"]["params"]["path"],
        path.display().to_string()
    );

    let overview = run(&["overview"]);
    assert_eq!(overview.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&overview.stdout).starts_with("ZIK\n"));
    let stderr = String::from_utf8_lossy(&overview.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "Hinweis: Die Konzeptdatei {} liegt auf einem Netzlaufwerk \
             (KONZEPTSTUDIO_NETWORK_SHARE=1). Dort öffnet Konzeptstudio sie nur für eine Person \
             zur Zeit (ohne WAL, exklusiv gesperrt), weil SQLite eine Datei auf einem \
             Netzlaufwerk nicht sicher mit anderen teilen kann. Ein Konzept, an dem mehrere \
             arbeiten, gehört in die Teamdatenbank: konzeptstudio copy --to postgres://…",
            path.display()
        )
    );
    assert_eq!(header_journal_version(&path), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_is_refused_while_a_concept_on_a_share_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, location) = file_in(&dir);
    let store = Store::init_with(&location, &concept(), &on_share())
        .await
        .unwrap();
    let run = {
        let path = path.clone();
        move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_konzeptstudio"))
                .env_remove("KONZEPTSTUDIO_DB")
                .env("KONZEPTSTUDIO_NETWORK_SHARE", "1")
                .arg("--db")
                .arg(&path)
                .arg("overview")
                .output()
                .unwrap()
        }
    };
    let refused = tokio::task::spawn_blocking(run.clone()).await.unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.starts_with(&format!(
            "Fehler: Die Konzeptdatei {} auf dem Netzlaufwerk (KONZEPTSTUDIO_NETWORK_SHARE=1) \
             ist gerade in einem anderen Programm geöffnet",
            path.display()
        )),
        "{stderr}"
    );
    store.close().await;
    let after = tokio::task::spawn_blocking(run).await.unwrap();
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
}
