//! The team database's server dies in the middle of an import (`pg_ctl -m immediate stop`) and
//! comes back: nothing of the import is stored, the app's path and the CLI say in German that
//! the connection is lost (naming the server), and the same store works again once it is back.
//!
//! The test runs its own throw-away cluster (the shared test cluster must not be killed), with
//! the PostgreSQL binaries of the machine; without them it says so and does nothing (CI has
//! them: scripts/test.sh starts its cluster with the same binaries).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};

use konzeptstudio::import::{ImportOptions, import_file_with_progress};
use konzeptstudio::{Location, Store};
use sqlx::Connection;

use crate::support::concept;

/// A PostgreSQL cluster in a temporary folder, stopped and deleted when dropped.
struct Cluster {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    /// Root runs the server as `postgres` (initdb refuses root).
    as_postgres: bool,
}

impl Cluster {
    /// A new cluster, started; None without PostgreSQL binaries.
    fn start() -> Option<Cluster> {
        let bin = postgres_bin()?;
        let dir = tempfile::tempdir().unwrap();
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if as_postgres {
            let chown = Command::new("chown")
                .arg("postgres:postgres")
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(chown.success(), "chown of the cluster's folder");
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster {
            bin,
            dir,
            port,
            as_postgres,
        };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        );
        cluster.start_server();
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        let out = command.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Starts the server on the cluster's port (again).
    fn start_server(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "start",
            ],
        );
    }

    /// What `pg_ctl -m immediate stop` does: every server process ends at once, without
    /// finishing or rolling back anything (recovery does that at the next start).
    fn kill(&self) {
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // Best effort (a stopped server makes pg_ctl fail, which is fine); the folder goes
        // with the TempDir.
        let pg_ctl = self.bin.join("pg_ctl");
        let mut stop = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(pg_ctl);
            c
        } else {
            Command::new(pg_ctl)
        };
        let _ = stop
            .args(["-D", &self.data(), "-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// The newest installed PostgreSQL's binaries (Debian's layout), or those on the PATH.
fn postgres_bin() -> Option<PathBuf> {
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .ok()
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version: u32 = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, bin)| bin.join("initdb").exists())
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin);
    debian.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .find(|dir| dir.join("initdb").exists() && dir.join("pg_ctl").exists())
    })
}

/// A comment export of `n` rows, as a participation platform writes it.
fn export(n: usize) -> String {
    let mut csv = String::from("Beitrag;Datum;ID\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Stellungnahme {i}: mehr Sprachkurse im ländlichen Raum, bitte auch abends;22.04.2017 20:02;K-{i}\n"
        ));
    }
    csv
}

/// What the import left behind, counted on a connection of its own.
async fn import_traces(url: &str) -> [i64; 5] {
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    let mut counts = [0; 5];
    for (i, sql) in [
        "SELECT COUNT(*) FROM comments",
        "SELECT COUNT(*) FROM submitters",
        "SELECT COUNT(*) FROM channels WHERE key = 'online'",
        "SELECT COUNT(*) FROM changesets WHERE action = 'comments.insert'",
        "SELECT COUNT(*) FROM revisions WHERE entity_type = 'comment'",
    ]
    .into_iter()
    .enumerate()
    {
        counts[i] = sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
    counts
}

/// The comment import as the app runs it (its IPC commands go through `Store::recovering`);
/// `kill` ends the server after the first batch of 5,000 rows, with the rest still to be sent.
async fn import(
    store: &Store,
    csv: &str,
    kill: Option<(&Cluster, &AtomicBool)>,
) -> konzeptstudio::Result<konzeptstudio::import::ImportReport> {
    store
        .recovering(|s| async move {
            import_file_with_progress(
                &s,
                "beteiligung.csv",
                csv.as_bytes(),
                "Online",
                &ImportOptions::default(),
                &|written, total| {
                    if let Some((cluster, killed)) = kill
                        && written < total
                        && !killed.swap(true, Ordering::SeqCst)
                    {
                        cluster.kill();
                    }
                },
            )
            .await
        })
        .await
}

fn cli(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_konzeptstudio"))
        .env_remove("KONZEPTSTUDIO_DB")
        .arg("--db")
        .arg(url)
        .args(args)
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_during_an_import_leaves_nothing_and_app_and_cli_reconnect() {
    let Some(cluster) = Cluster::start() else {
        eprintln!(
            "SKIPPED pg_faults: no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql or \
             on the PATH; install PostgreSQL (Debian: apt-get install postgresql) to run it"
        );
        return;
    };
    let url = cluster.url();
    let server = format!("127.0.0.1:{}", cluster.port);
    let store = Store::init(&Location::Postgres(url.clone()), &concept())
        .await
        .unwrap();
    let csv = export(12_000);
    let killed = AtomicBool::new(false);
    let err = import(&store, &csv, Some((&cluster, &killed)))
        .await
        .unwrap_err();
    assert!(
        killed.load(Ordering::SeqCst),
        "the server was killed mid-way"
    );
    assert!(err.is_connection_lost(), "{err:?}");
    let payload = err.to_payload();
    assert_eq!(payload.code, "internal");
    assert_eq!(payload.detail.key(), "connection_lost");
    assert!(
        payload.message.starts_with(&format!(
            "Die Verbindung zur Teamdatenbank auf {server} ist abgebrochen ("
        )) && payload.message.ends_with(
            "Was noch nicht gespeichert war, wurde verworfen; bitte wiederholen Sie den Schritt, \
             die Verbindung wird dabei neu aufgebaut."
        ),
        "{}",
        payload.message
    );

    // The CLI against the stopped server: exit 1, in German, naming the server, at once.
    let down = tokio::task::spawn_blocking({
        let url = url.clone();
        move || cli(&url, &["overview"])
    })
    .await
    .unwrap();
    assert_eq!(down.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&down.stderr).trim(),
        format!(
            "Fehler: Die Teamdatenbank auf {server} ist nicht erreichbar (Verbindung abgelehnt). \
             Läuft der Server, und stimmen Adresse und Port? Es wurde nichts verändert."
        )
    );
    let down_json = cli(&url, &["--json", "overview"]);
    let error: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&down_json.stderr).trim()).unwrap();
    assert_eq!(error["error"]["key"], "server_unreachable");
    assert_eq!(error["error"]["params"]["server"], server);

    cluster.start_server();
    // Nothing of the import: no comment, submitter, channel, changeset or revision.
    assert_eq!(import_traces(&url).await, [0; 5]);
    // The same store works again (a new connection), and the import goes through whole.
    let page = store
        .recovering(|s| async move { s.comment_page(&Default::default()).await })
        .await
        .unwrap();
    assert_eq!(page.total, 0);
    let report = import(&store, &csv, None).await.unwrap();
    assert_eq!(report.imported, 12_000);
    assert_eq!(import_traces(&url).await, [12_000, 0, 1, 1, 12_000]);
    // And the CLI's next command.
    let up = tokio::task::spawn_blocking(move || cli(&url, &["overview"]))
        .await
        .unwrap();
    assert_eq!(
        up.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    assert!(String::from_utf8_lossy(&up.stdout).starts_with("Testkonzept\n"));
    store.close().await;
}
