//! The command line as scripts use it: JSON fields and exit codes are a contract.

use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_konzeptstudio"));
    c.env_remove("KONZEPTSTUDIO_DB");
    c
}

struct Concept {
    _dir: tempfile::TempDir,
    db: String,
}

impl Concept {
    fn new() -> Concept {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("zik.sqlite").display().to_string();
        let c = Concept { _dir: dir, db };
        let out = c.run(&["init", "--demo"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        bin().arg("--db").arg(&self.db).args(args).output().unwrap()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn measures_show_json_is_the_contract() {
    let c = Concept::new();
    let m = c.json(&["measures", "show", "3.5-2"]);
    for key in [
        "code",
        "title",
        "field",
        "lead_ministry",
        "co_ministries",
        "status",
        "version",
    ] {
        assert!(m.get(key).is_some(), "missing {key} in {m}");
    }
    assert_eq!(m["code"], "3.5-2");
    assert_eq!(m["lead_ministry"], "SMWA");
    assert_eq!(m["field"], "3.5");
    assert!(m["co_ministries"].is_array());

    let list = c.json(&["measures", "list", "--ministry", "SMWA"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"3.5-2"));
    let limited = c.json(&["measures", "list", "--limit", "3"]);
    assert_eq!(limited.as_array().unwrap().len(), 3);
    let all = c.json(&["measures", "list"]);
    assert!(
        all.as_array().unwrap().len() > 80,
        "all rows without --limit"
    );
}

#[test]
fn set_history_diff_restore_and_exit_codes() {
    let c = Concept::new();
    let v = c.json(&["measures", "show", "3.2-1"])["version"]
        .as_i64()
        .unwrap();
    let version = v.to_string();
    let ok = c.run(&[
        "--as",
        "redaktion",
        "measures",
        "set",
        "3.2-1",
        "title=Neuer Titel",
        "status=umgesetzt",
        "--expect-version",
        &version,
        "--reason",
        "Test",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));

    let stale = c.run(&[
        "--as",
        "redaktion",
        "measures",
        "set",
        "3.2-1",
        "title=Zu spät",
        "--expect-version",
        &version,
    ]);
    assert_eq!(stale.status.code(), Some(3), "conflict: {}", stderr(&stale));
    assert!(stderr(&stale).contains("Konflikt"));

    let next = (v + 1).to_string();
    let lead = c.json(&["measures", "show", "3.2-1"])["lead_ministry"]
        .as_str()
        .unwrap()
        .to_string();
    let outsider = if lead == "SMWA" {
        "weber.smk"
    } else {
        "schmidt.smwa"
    };
    let denied = c.run(&[
        "--as",
        outsider,
        "measures",
        "set",
        "3.2-1",
        "title=Fremd",
        "--expect-version",
        &next,
    ]);
    assert_eq!(denied.status.code(), Some(4), "{}", stderr(&denied));

    let invalid = c.run(&[
        "--as",
        "redaktion",
        "measures",
        "set",
        "3.2-1",
        "progress=150",
        "--expect-version",
        &next,
    ]);
    assert_eq!(invalid.status.code(), Some(5), "{}", stderr(&invalid));
    assert!(stderr(&invalid).contains("progress"));

    let usage = c.run(&["measures", "set", "3.2-1", "title=x"]);
    assert_eq!(
        usage.status.code(),
        Some(2),
        "missing --expect-version is a usage error"
    );

    let missing = c.run(&["measures", "show", "9.9.9"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("9.9.9"));

    let hist = c.json(&["measures", "history", "3.2-1"]);
    let last = hist.as_array().unwrap().last().unwrap();
    assert_eq!(last["actor"], "redaktion");
    assert_eq!(last["reason"], "Test");
    let diff = c.run(&["measures", "diff", "3.2-1", &version, &next]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("Titel: „"), "German field label: {text}");
    assert!(text.contains("→ „Neuer Titel“"), "{text}");

    let restore = c.json(&[
        "--as",
        "redaktion",
        "measures",
        "restore",
        "3.2-1",
        &version,
    ]);
    assert_eq!(restore["version"], v + 2);
    assert_eq!(
        c.json(&["measures", "show", "3.2-1"])["status"],
        c.json(&["measures", "show", "3.2-1"])["status"]
    );
}

#[test]
fn two_processes_updating_the_same_version_one_gets_exit_code_3() {
    let c = Concept::new();
    let v = c.json(&["measures", "show", "3.4-1"])["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let spawn = |title: &str| {
        bin()
            .args([
                "--db",
                &c.db,
                "--as",
                "redaktion",
                "measures",
                "set",
                "3.4-1",
            ])
            .arg(format!("title={title}"))
            .args(["--expect-version", &v])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("Prozess A"), spawn("Prozess B"));
    let mut codes = vec![a.wait().unwrap().code(), b.wait().unwrap().code()];
    codes.sort();
    assert_eq!(codes, vec![Some(0), Some(3)]);
}

#[test]
fn users_ministries_editions_search() {
    let c = Concept::new();
    let out = c.run(&["users", "add", "frau.x", "--role", "member"]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "members need a ministry: {}",
        stderr(&out)
    );
    let out = c.run(&[
        "users",
        "add",
        "frau.x",
        "--role",
        "member",
        "--ministry",
        "SMS",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = c.run(&[
        "--as", "frau.x", "users", "add", "herr.y", "--role", "admin",
    ]);
    assert_eq!(out.status.code(), Some(4));
    let users = c.json(&["users", "list"]);
    assert!(
        users
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "frau.x" && u["role"] == "member")
    );

    assert_eq!(
        c.run(&[
            "ministries",
            "add",
            "SMEKUL",
            "--name",
            "Staatsministerium für Energie, Klimaschutz, Umwelt und Landwirtschaft"
        ])
        .status
        .code(),
        Some(0)
    );
    let r = c.json(&[
        "ministries",
        "restructure",
        "SMUL",
        "--successor",
        "SMEKUL",
        "--date",
        "2019-12-20",
    ]);
    assert_eq!(r["to"], "SMEKUL");
    assert_eq!(
        c.run(&[
            "ministries",
            "restructure",
            "SMUL",
            "--successor",
            "SMEKUL",
            "--date",
            "2019-12-20"
        ])
        .status
        .code(),
        Some(5)
    );
    assert_eq!(
        c.run(&[
            "ministries",
            "restructure",
            "SMS",
            "--successor",
            "SMK",
            "--date",
            "2019-02-30"
        ])
        .status
        .code(),
        Some(5)
    );

    let v = c.json(&["measures", "show", "3.11-8"])["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let deleted = c.json(&[
        "--as",
        "redaktion",
        "measures",
        "delete",
        "3.11-8",
        "--expect-version",
        &v,
        "--reason",
        "entfällt",
    ]);
    assert_eq!(deleted["deleted"], true);
    assert_eq!(
        c.run(&["measures", "show", "3.11-8"]).status.code(),
        Some(1)
    );
    let history = c.json(&["measures", "history", "3.11-8"]);
    assert_eq!(history.as_array().unwrap().last().unwrap()["op"], "delete");

    let e = c.json(&["editions", "freeze", "Arbeitsstand"]);
    assert_eq!(e["name"], "Arbeitsstand");
    let list = c.json(&["editions", "list"]);
    assert!(list.as_array().unwrap().len() >= 3);

    let s = c.json(&["search", "Sprachkurs"]);
    assert!(s["measure_total"].as_i64().unwrap() >= 1);
    assert!(s["comment_total"].as_i64().unwrap() >= 1);

    let comments = c.json(&["comments", "list", "--channel", "forum", "--limit", "5"]);
    let first = &comments.as_array().unwrap()[0];
    for key in [
        "id",
        "external_id",
        "channel",
        "status",
        "text",
        "submitter",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn missing_database_and_unknown_user_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir
        .path()
        .join("gibt-es-nicht.sqlite")
        .display()
        .to_string();
    let out = bin()
        .args(["--db", &db, "measures", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("konzeptstudio init"),
        "{}",
        stderr(&out)
    );
    assert!(
        !std::path::Path::new(&db).exists(),
        "opening does not create files"
    );

    let c = Concept::new();
    let out = bin()
        .args(["--db", &c.db, "measures", "list"])
        .env("USER", "fremd")
        .env("USERNAME", "fremd")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    // With --json the error carries its message key and parameters beside the German text.
    let out = bin()
        .args(["--db", &c.db, "--json", "measures", "list"])
        .env("USER", "fremd")
        .env("USERNAME", "fremd")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["code"], "permission_denied");
    assert_eq!(err["error"]["key"], "unknown_user");
    assert_eq!(err["error"]["params"]["user"], "fremd");
    assert_eq!(
        err["error"]["message"],
        "Keine Berechtigung: der Benutzer „fremd“ ist in diesem Konzept nicht angelegt; eine Administratorin oder ein Administrator kann ihn mit „konzeptstudio users add“ anlegen"
    );
    let out = bin()
        .args(["--db", &c.db, "overview"])
        .env("KONZEPTSTUDIO_DB", &c.db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Sprache und Verständigung"));
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn comments_import_is_strict_and_names_every_problem() {
    let c = Concept::new();
    let before = c.json(&["comments", "list"]).as_array().unwrap().len();
    let out = c.run(&[
        "comments",
        "import",
        &fixture("nasty.csv"),
        "--channel",
        "Forum Test",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["imported"], 0);
    assert_eq!(report["written"], false);
    let rejected: Vec<(u64, String)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = rejected.iter().map(|(l, _)| *l).collect();
    // Line 2 spans two lines (a quoted line break), so the rows after it start one line later.
    assert_eq!(lines, vec![5, 6, 7, 8], "{rejected:?}");
    assert!(rejected[0].1.contains("kein gültiges Datum"));
    assert!(rejected[1].1.contains("9.9.9"));
    assert!(rejected[2].1.contains("2 statt 5 Spalten"));
    assert!(rejected[3].1.contains("leer"));
    assert_eq!(
        c.json(&["comments", "list"]).as_array().unwrap().len(),
        before,
        "nothing written"
    );

    let skip = c.json(&[
        "comments",
        "import",
        &fixture("nasty.csv"),
        "--channel",
        "Forum Test",
        "--skip-invalid",
    ]);
    assert_eq!(
        (skip["imported"].as_u64(), skip["written"].as_bool()),
        (Some(2), Some(true))
    );
    let hostile = c.json(&[
        "comments",
        "list",
        "--channel",
        "forum-test",
        "--search",
        "SUMME",
    ]);
    assert_eq!(
        hostile[0]["text"], "<script>alert(1)</script> =SUMME(A1)",
        "stored exactly"
    );
    assert_eq!(hostile[0]["submitter"], "<img src=x onerror=alert(1)>");
    let again = c.json(&[
        "comments",
        "import",
        &fixture("nasty.csv"),
        "--channel",
        "Forum Test",
        "--skip-invalid",
    ]);
    assert_eq!(
        (again["imported"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(2))
    );
}

/// Broken files as they arrive: exit code 5, the place named, nothing written.
#[test]
fn hostile_comment_files_exit_5_and_write_nothing() {
    let c = Concept::new();
    let dir = tempfile::tempdir().unwrap();
    let before = c.json(&["comments", "list"]).as_array().unwrap().len();
    let mut unclosed = String::from("ID;Datum;Beitrag\n");
    for i in 1..=59 {
        let text = if i == 10 {
            "\"offen".to_string()
        } else {
            format!("Beitrag {i}")
        };
        unclosed.push_str(&format!("U-{i};01.03.2017;{text}\n"));
    }
    let files: [(&str, &[u8], &[&str], &str); 3] = [
        (
            "offen.csv",
            unclosed.as_bytes(),
            &[],
            "Anführungszeichen nicht geschlossen",
        ),
        (
            "nul.csv",
            b"ID;Datum;Beitrag\nN-1;01.03.2017;a\0b\n",
            &[],
            "Nullzeichen",
        ),
        (
            "ansi.csv",
            b"ID;Datum;Beitrag\nA-1;01.03.2017;Gr\xf6\xdfe\n",
            &["--encoding", "utf-8"],
            "Zeile 2, Zeichen 18",
        ),
    ];
    for (name, bytes, extra, expected) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.display().to_string();
        let out = c.run(&[&["comments", "import", &path, "--channel", "Test"], extra].concat());
        assert_eq!(out.status.code(), Some(5), "{name}: {}", stderr(&out));
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(said.contains(expected), "{name}: {said}");
        assert_eq!(
            c.json(&["comments", "list"]).as_array().unwrap().len(),
            before,
            "{name}"
        );
    }
    // With --skip-invalid the 58 readable rows come in, each on its own.
    let path = dir.path().join("offen.csv").display().to_string();
    let r = c.json(&[
        "comments",
        "import",
        &path,
        "--channel",
        "Test",
        "--skip-invalid",
    ]);
    assert_eq!(
        (r["imported"].as_u64(), r["rejected"][0]["line"].as_u64()),
        (Some(58), Some(11))
    );
}

#[test]
fn comments_import_reads_german_excel_csv_and_takes_a_mapping() {
    let c = Concept::new();
    let r = c.json(&[
        "comments",
        "import",
        &fixture("comments-forum-excel-cp1252.csv"),
        "--channel",
        "Forum Chemnitz",
        "--skip-invalid",
    ]);
    assert_eq!(r["detected"]["encoding"], "windows-1252");
    assert_eq!(r["detected"]["delimiter"], ";");
    assert!(r["imported"].as_u64().unwrap() >= 30, "{r}");
    let rows = c.json(&["comments", "list", "--channel", "forum-chemnitz"]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["submitter"] == "Özlem Groß"),
        "names decoded from Windows-1252"
    );
    let found = c.json(&[
        "comments",
        "list",
        "--channel",
        "forum-chemnitz",
        "--search",
        "außerdem",
    ]);
    assert!(
        !found.as_array().unwrap().is_empty(),
        "texts decoded and searchable"
    );

    let out = c.run(&[
        "comments",
        "import",
        &fixture("nasty.csv"),
        "--channel",
        "X",
        "--map",
        "text=Gibtsnicht",
    ]);
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("Gibtsnicht"), "{}", stderr(&out));
}

#[test]
fn comments_are_assigned_and_resolved_from_the_command_line() {
    let c = Concept::new();
    // A comment nobody has touched yet (the demo works through some of them).
    let first = c.json(&["comments", "list", "--status", "neu", "--limit", "1"])[0].clone();
    assert_eq!(first["version"], 1);
    let id = first["id"].as_i64().unwrap().to_string();
    let assigned = c.json(&[
        "comments",
        "assign",
        &id,
        "--ministry",
        "SMWA",
        "--to",
        "schmidt.smwa",
        "--due",
        "2017-06-30",
    ]);
    assert_eq!(assigned["assigned"], 1);
    let out = c.run(&[
        "comments",
        "resolve",
        &id,
        "--vote",
        "nicht-beruecksichtigt",
        "--expect-version",
        "2",
    ]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "an answer is required: {}",
        stderr(&out)
    );
    let stale = c.run(&[
        "comments",
        "resolve",
        &id,
        "--vote",
        "teilweise",
        "--answer",
        "x",
        "--expect-version",
        "1",
    ]);
    assert_eq!(stale.status.code(), Some(3));
    let done = c.json(&[
        "comments",
        "resolve",
        &id,
        "--vote",
        "teilweise",
        "--answer",
        "Wird geprüft.",
        "--measure",
        "3.5-2",
        "--expect-version",
        "2",
    ]);
    assert_eq!(
        (
            done["status"].as_str(),
            done["vote"].as_str(),
            done["version"].as_i64()
        ),
        (Some("abgewogen"), Some("teilweise"), Some(3))
    );
    let about = c.json(&["comments", "list", "--measure", "3.5-2"]);
    assert!(
        about
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == first["id"]),
        "linked while weighing: {about}"
    );
    assert!(about.as_array().unwrap().iter().all(|x| {
        x["measure"] == "3.5-2" || x["measures"].as_array().unwrap().contains(&"3.5-2".into())
    }));
    let smwa = c.json(&["comments", "list", "--ministry", "SMWA", "--overdue"]);
    assert!(
        !smwa.as_array().unwrap().is_empty(),
        "the demo has overdue SMWA comments"
    );
    assert!(
        smwa.as_array()
            .unwrap()
            .iter()
            .all(|x| x["assigned_ministry"] == "SMWA"
                && x["due_date"].as_str().unwrap() < "2026"
                && x["status"] != "abgewogen"),
        "{smwa}"
    );
    let erased = c.json(&["comments", "erase", &id, "--reason", "Antrag"]);
    assert_eq!(erased["erased_comments"], 1);
    let after = c.json(&["comments", "list", "--measure", "3.5-2"]);
    let me = after
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == first["id"])
        .unwrap();
    assert_eq!(
        (&me["submitter"], &me["organisation"], &me["privacy"]),
        (
            &serde_json::Value::Null,
            &serde_json::Value::Null,
            &"gelöscht".into()
        )
    );
}

#[test]
fn the_consideration_table_exports_without_names_or_formulas() {
    let c = Concept::new();
    c.json(&[
        "comments",
        "import",
        &fixture("nasty.csv"),
        "--channel",
        "Forum Test",
        "--skip-invalid",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("abwaegung.csv");
    let r = c.json(&[
        "export",
        "abwaegung",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
        "--anonymise",
    ]);
    assert!(r["rows"].as_u64().unwrap() > 800, "{r}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Stellungnahme;Votum"), "header");
    assert!(!text.contains("Erika Muster"), "names left out");
    assert!(
        text.contains("<script>alert(1)</script> =SUMME(A1)"),
        "text kept as text"
    );
    assert!(
        !text.contains(";=") && !text.contains("\n="),
        "no cell starts a formula"
    );
    let xlsx = dir.path().join("abwaegung.xlsx");
    c.json(&[
        "export",
        "abwaegung",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let pdf = c.run(&[
        "export",
        "abwaegung",
        "--format",
        "pdf",
        "--out",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(pdf.status.code(), Some(0), "{}", stderr(&pdf));
    assert!(
        std::fs::read(dir.path().join("x.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn the_demo_form_letters_are_clustered() {
    let c = Concept::new();
    let r = c.json(&["comments", "cluster"]);
    assert!(r["clusters"].as_u64().unwrap() >= 1, "{r}");
    assert!(r["comments"].as_u64().unwrap() >= 2 * r["clusters"].as_u64().unwrap());
    let out = c.run(&["comments", "cluster", "--threshold", "1.5"]);
    assert_eq!(out.status.code(), Some(5));
}
