//! Reporting rounds (store/reports): a round on both databases and under row-level security
//! (members through their own logins): one ministry late, one report reopened and submitted
//! again, the measures updated by each submission in one changeset, the next round compared
//! with it.

use std::path::Path;

use crate::cli_support;
use crate::support::{Backend, as_user, seeded};
use chrono::NaiveDate;
use konzeptstudio::model::{EntityType, FormState, Indicator, Milestone};

on_both!(
    a_reporting_round_with_a_late_ministry,
    the_cli_fills_in_and_submits_a_report,
    a_form_goes_to_excel_and_comes_back,
);
under_rls!(
    a_reporting_round_with_a_late_ministry,
    a_form_goes_to_excel_and_comes_back
);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn a_reporting_round_with_a_late_ministry(backend: Backend) {
    let (_db, admin) = seeded(backend).await;
    // 3.5.2 (SMWA) measures how many mentees it reached and has a milestone.
    let m = admin.measure("3.5.2").await.unwrap();
    let mut data = m.data.clone();
    data.indicators = vec![Indicator {
        name: "Begleitete Personen".into(),
        unit: "Personen".into(),
        baseline: Some(0.0),
        target: Some(500.0),
        actual: Some(120.0),
        as_of: Some(day(2019, 6, 30)),
    }];
    data.milestones = vec![Milestone {
        title: "Landesweites Netz".into(),
        due: Some(day(2019, 12, 31)),
        done: false,
    }];
    admin
        .update_measure("3.5.2", m.version, data, None, None)
        .await
        .unwrap();

    let [anna, ben, emil, dora] = [
        as_user(backend, &admin, "anna").await,
        as_user(backend, &admin, "ben").await,
        as_user(backend, &admin, "emil").await,
        as_user(backend, &admin, "dora").await,
    ];
    // Staff open rounds; members do not.
    assert_eq!(
        anna.open_report_round(day(2019, 12, 31), day(2020, 1, 31), None, "")
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    let round = emil
        .open_report_round(
            day(2019, 12, 31),
            day(2020, 1, 31),
            None,
            "Jahresbericht 2019",
        )
        .await
        .unwrap();
    let asked: Vec<_> = round.forms.iter().map(|f| f.ministry.as_str()).collect();
    assert_eq!(
        asked,
        ["SMS", "SMWA"],
        "every ministry that leads a measure"
    );
    // One round per cut-off date.
    assert_eq!(
        emil.open_report_round(day(2019, 12, 31), day(2020, 2, 28), None, "")
            .await
            .unwrap_err()
            .exit_code(),
        5
    );

    // The form is prefilled from the measure as it stands.
    let (_, form) = ben.report_form_of(round.id, "3.5.2").await.unwrap();
    assert_eq!(form.ministry, "SMWA");
    let item = &form.items[0];
    assert!(!item.filled);
    assert_eq!(item.values.progress, 40);
    assert_eq!(item.values.indicators[0].actual, Some(120.0));
    // Members fill in their own ministry's form only.
    let mut values = item.values.clone();
    values.progress = 60;
    assert_eq!(
        anna.set_report_values(round.id, "3.5.2", values.clone())
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    // Bad values are named.
    let mut bad = values.clone();
    bad.status = "fertig".into();
    let e = ben
        .set_report_values(round.id, "3.5.2", bad)
        .await
        .unwrap_err();
    assert_eq!(e.exit_code(), 5);
    assert!(e.to_string().contains("Status „fertig“"), "{e}");

    // SMS reports on time: status and Sachstand; submitting updates the measure.
    let (_, sms) = anna.report_form_of(round.id, "3.1.1").await.unwrap();
    let mut v = sms.items[0].values.clone();
    v.status = "verzoegert".into();
    v.progress = 45;
    v.sachstand = "Zwei Kurse fielen aus, weil Lehrkräfte fehlten.".into();
    let form = anna.set_report_values(round.id, "3.1.1", v).await.unwrap();
    assert_eq!(form.state, FormState::Entwurf);
    // Staff do not submit (submitting changes measures); the ministry does.
    assert_eq!(
        emil.submit_report(round.id, Some("SMS"))
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    let (form, changed) = anna.submit_report(round.id, None).await.unwrap();
    assert_eq!((form.state, changed), (FormState::Eingereicht, 1));
    assert_eq!(form.submitted_by.as_deref(), Some("anna"));
    let m = anna.measure("3.1.1").await.unwrap();
    assert_eq!(
        (m.data.status.as_str(), m.data.progress),
        ("verzoegert", 45)
    );
    // Submitted reports are locked.
    let mut more = form.items[0].values.clone();
    more.progress = 50;
    assert_eq!(
        anna.set_report_values(round.id, "3.1.1", more.clone())
            .await
            .unwrap_err()
            .exit_code(),
        5
    );

    // SMWA is late: after the deadline its form is overdue and the only reminder.
    let r = emil.report_round(round.id).await.unwrap();
    assert!(r.form("SMWA").unwrap().overdue);
    assert!(!r.form("SMS").unwrap().overdue);
    let reminders = emil.report_reminders(round.id).await.unwrap();
    assert_eq!(reminders.len(), 1);
    assert!(
        reminders[0]
            .text
            .contains("Frist ist am 31.01.2020 abgelaufen"),
        "{}",
        reminders[0].text
    );
    // Its report arrives late: the indicator's actual with its date, the milestone reached.
    values.indicators[0].actual = Some(310.0);
    values.indicators[0].as_of = Some(day(2019, 12, 31));
    values.milestones[0].done = true;
    values.sachstand = "Das Netz steht in allen Landkreisen.".into();
    ben.set_report_values(round.id, "3.5.2", values)
        .await
        .unwrap();
    ben.submit_report(round.id, None).await.unwrap();
    let m = ben.measure("3.5.2").await.unwrap();
    assert_eq!(m.data.progress, 60);
    assert_eq!(m.data.indicators[0].actual, Some(310.0));
    assert_eq!(m.data.indicators[0].as_of, Some(day(2019, 12, 31)));
    assert!(m.data.milestones[0].done);
    // One changeset per ministry report, with the measure's revision in it.
    let revs = ben.revisions(EntityType::Measure, m.id).await.unwrap();
    let last = revs.last().unwrap();
    assert_eq!(last.changeset.action, "report.submit");
    assert!(
        last.changeset
            .reason
            .as_deref()
            .unwrap()
            .contains("Bericht von SMWA")
    );

    // Staff reopen SMS's report, with a reason; SMS corrects and submits again.
    assert_eq!(
        anna.reopen_report(round.id, "SMS", "Korrektur")
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    assert_eq!(
        emil.reopen_report(round.id, "SMS", " ")
            .await
            .unwrap_err()
            .exit_code(),
        5
    );
    let reopened = emil
        .reopen_report(
            round.id,
            "SMS",
            "Der Fortschritt widerspricht dem Sachstand.",
        )
        .await
        .unwrap();
    assert_eq!(reopened.state, FormState::Entwurf);
    anna.set_report_values(round.id, "3.1.1", more)
        .await
        .unwrap();
    // The drafters may submit for a ministry (e.g. after a phone call).
    let (form, _) = dora.submit_report(round.id, Some("SMS")).await.unwrap();
    assert!(form.on_behalf);
    assert_eq!(anna.measure("3.1.1").await.unwrap().data.progress, 50);
    let form_revs = emil
        .revisions(EntityType::ReportForm, form.id)
        .await
        .unwrap();
    let actions: Vec<_> = form_revs
        .iter()
        .map(|r| r.changeset.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "report.open",
            "report.fill",
            "report.submit",
            "report.reopen",
            "report.fill",
            "report.submit"
        ]
    );

    // The next round compares with this one.
    let next = emil
        .open_report_round(day(2020, 12, 31), day(2021, 1, 31), None, "")
        .await
        .unwrap();
    assert_eq!(next.previous, Some(round.id));
    let (_, smwa) = ben.report_form_of(next.id, "3.5.2").await.unwrap();
    let previous = smwa.items[0].previous.as_ref().unwrap();
    assert_eq!(previous.sachstand, "Das Netz steht in allen Landkreisen.");
    assert_eq!(previous.progress, 60);
    assert!(!smwa.items[0].filled);
    let mut later = smwa.items[0].values.clone();
    later.progress = 80;
    later.sachstand = "Zwölf weitere Mentorinnen begannen im Herbst.".into();
    ben.set_report_values(next.id, "3.5.2", later)
        .await
        .unwrap();
    ben.submit_report(next.id, None).await.unwrap();

    // The Umsetzungsbericht for each cut-off date, read as assistive technology reads it.
    let text = |round: konzeptstudio::model::ReportRound| {
        let emil = emil.clone();
        async move {
            let content = konzeptstudio::render::Content::for_report_round(&emil, &round)
                .await
                .unwrap();
            let created = konzeptstudio::pdf::creation_time();
            let bytes = konzeptstudio::render::report_round::layout(
                &content,
                &round,
                konzeptstudio::render::Options::at(created),
            )
            .to_pdf()
            .unwrap();
            konzeptstudio::pdf::reading::read_structure(&bytes)
                .unwrap()
                .into_iter()
                .map(|e| e.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let first = text(emil.report_round(round.id).await.unwrap()).await;
    for expected in [
        "Berichtsabfrage zum Stichtag 31.12.2019",
        "2 von 2 Ressorts haben berichtet.",
        "(nach Fristablauf)",
        "Das Netz steht in allen Landkreisen.",
        "Dies ist die erste Berichtsabfrage",
    ] {
        assert!(first.contains(expected), "{expected:?} not in:\n{first}");
    }
    let second = text(emil.report_round(next.id).await.unwrap()).await;
    for expected in [
        "Berichtsabfrage zum Stichtag 31.12.2020",
        "1 von 2 Ressorts hat berichtet.",
        "60 % → 80 %",
        "Zwölf weitere Mentorinnen begannen im Herbst.",
        "nicht eingereicht",
    ] {
        assert!(second.contains(expected), "{expected:?} not in:\n{second}");
    }
    admin.audit_verify(None).await.unwrap();
    for s in [anna, ben, emil, dora] {
        s.close().await;
    }
}

async fn the_cli_fills_in_and_submits_a_report(backend: Backend) {
    let (db, _admin) = seeded(backend).await;
    let url = db.url();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| cli_support::run(Path::new(&url), args);
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend(args);
        serde_json::from_slice(&cli_support::ok(run(&all)).stdout).unwrap()
    };
    let opened = json(&[
        "--as",
        "emil",
        "reports",
        "open",
        "--cutoff",
        "2019-12-31",
        "--due",
        "2099-01-31",
    ]);
    let id = opened["id"].as_i64().unwrap().to_string();
    let sachstand = dir.path().join("sachstand.md");
    std::fs::write(
        &sachstand,
        "Die Mentorinnen sind **in allen Kreisen** tätig.",
    )
    .unwrap();
    let form = json(&[
        "--as",
        "ben",
        "reports",
        "set",
        &id,
        "3.5.2",
        "status=umgesetzt",
        "progress=100 %",
        &format!("sachstand=@{}", sachstand.display()),
    ]);
    assert_eq!(form["state"], "entwurf");
    // Bad assignments: exit 5, named.
    let out = run(&[
        "--as",
        "ben",
        "reports",
        "set",
        &id,
        "3.5.2",
        "fortschritt=3",
    ]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("„fortschritt“"));
    let out = run(&[
        "--as",
        "ben",
        "reports",
        "set",
        &id,
        "3.5.2",
        "indicator:Unbekannt=3",
    ]);
    assert_eq!(out.status.code(), Some(5));
    let status = json(&["reports", "status", &id]);
    let forms = status["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 2);
    assert!(forms.iter().all(|f| f["overdue"] == false));
    let submitted = json(&["--as", "ben", "reports", "submit", &id]);
    assert_eq!(submitted["state"], "eingereicht");
    assert_eq!(submitted["measures_changed"], 1);
    let shown = json(&["measures", "show", "3.5.2"]);
    assert_eq!(shown["status"], "umgesetzt");
    // Locked now; reopening needs staff and a reason.
    assert_eq!(
        run(&["--as", "ben", "reports", "set", &id, "3.5.2", "progress=90"])
            .status
            .code(),
        Some(5)
    );
    assert_eq!(
        run(&[
            "--as",
            "ben",
            "reports",
            "reopen",
            &id,
            "--ministry",
            "SMWA",
            "--reason",
            "x"
        ])
        .status
        .code(),
        Some(4)
    );
    cli_support::ok(run(&[
        "--as",
        "emil",
        "reports",
        "reopen",
        &id,
        "--ministry",
        "SMWA",
        "--reason",
        "Zahl prüfen",
    ]));
    let pdf = dir.path().join("bericht.pdf");
    let printed = json(&[
        "render",
        "report",
        "--round",
        &id,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(printed["round"].as_i64().unwrap().to_string(), id);
    let docx = dir.path().join("bericht.docx");
    cli_support::ok(run(&[
        "render",
        "report",
        "--round",
        &id,
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
    ]));
    // --round is the report's; another document or a date with it is refused.
    assert_eq!(
        run(&[
            "render",
            "long",
            "--round",
            &id,
            "--out",
            pdf.to_str().unwrap()
        ])
        .status
        .code(),
        Some(5)
    );
    assert_eq!(
        run(&[
            "render",
            "report",
            "--round",
            &id,
            "--as-of",
            "2020-01-01",
            "--out",
            pdf.to_str().unwrap()
        ])
        .status
        .code(),
        Some(2)
    );
    let reminders = json(&["reports", "reminders", &id]);
    assert_eq!(
        reminders.as_array().unwrap().len(),
        2,
        "SMS not begun, SMWA reopened"
    );
}

/// The Excel route: staff export a ministry's form, the ministry fills it in (Excel saves it
/// again), staff read it back as a draft; a file with bad cells writes nothing and names them.
async fn a_form_goes_to_excel_and_comes_back(backend: Backend) {
    use konzeptstudio::workbook::report::{REPORT_SHEET, export_report_form, import_report_form};
    let (_db, admin) = seeded(backend).await;
    let emil = as_user(backend, &admin, "emil").await;
    let round = emil
        .open_report_round(day(2019, 12, 31), day(2099, 1, 31), None, "")
        .await
        .unwrap();
    let (xlsx, n) = export_report_form(&emil, round.id, "SMWA").await.unwrap();
    assert_eq!(n, 1);
    // Hostile and wrong cells: each named with row and column, nothing written.
    let bad = crate::support::resave(&xlsx, REPORT_SHEET, |code, column, _| {
        match (code, column) {
            ("3.5.2", "Status") => Some("fertig".into()),
            ("3.5.2", "Fortschritt (%)") => Some("=HYPERLINK(\"http://x\")".into()),
            _ => None,
        }
    });
    let r = import_report_form(&emil, round.id, "smwa.xlsx", &bad)
        .await
        .unwrap();
    let problems: Vec<_> = r
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        problems,
        [
            (2, "Status".to_string()),
            (2, "Fortschritt (%)".to_string())
        ]
    );
    assert_eq!(r.refusal().unwrap().exit_code(), 5);
    let (_, form) = emil.report_form_of(round.id, "3.5.2").await.unwrap();
    assert_eq!(form.state, FormState::NichtBegonnen, "nothing was written");
    // A code that is not in the round.
    let stray = crate::support::resave(&xlsx, REPORT_SHEET, |code, column, _| {
        (code == "3.5.2" && column == "Nr.").then(|| "9.9.9".into())
    });
    let r = import_report_form(&emil, round.id, "smwa.xlsx", &stray)
        .await
        .unwrap();
    assert!(r.problems[0].reason.contains("9.9.9"), "{:?}", r.problems);

    let filled = crate::support::resave(&xlsx, REPORT_SHEET, |code, column, _| {
        match (code, column) {
            ("3.5.2", "Status") => Some("umgesetzt".into()),
            ("3.5.2", "Fortschritt (%)") => Some("100".into()),
            ("3.5.2", "Sachstand") => Some("Alle Kreise haben Mentorinnen.\r\n- seit Mai".into()),
            _ => None,
        }
    });
    let r = import_report_form(&emil, round.id, "smwa.xlsx", &filled)
        .await
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.ministries, ["SMWA"]);
    let (_, form) = emil.report_form_of(round.id, "3.5.2").await.unwrap();
    assert_eq!(form.state, FormState::Entwurf);
    let v = &form.items[0].values;
    assert_eq!((v.status.as_str(), v.progress), ("umgesetzt", 100));
    assert_eq!(v.sachstand, "Alle Kreise haben Mentorinnen.\n- seit Mai");
    // The ministry member (or the drafters) submit; the measure changes then.
    let ben = as_user(backend, &admin, "ben").await;
    ben.submit_report(round.id, None).await.unwrap();
    assert_eq!(ben.measure("3.5.2").await.unwrap().data.status, "umgesetzt");
    // A member reads back only their own ministry's rows.
    let anna = as_user(backend, &admin, "anna").await;
    let (sms, _) = export_report_form(&emil, round.id, "SMS").await.unwrap();
    let e = import_report_form(&ben, round.id, "sms.xlsx", &sms)
        .await
        .unwrap_err();
    assert_eq!(e.exit_code(), 4);
    import_report_form(&anna, round.id, "sms.xlsx", &sms)
        .await
        .unwrap();
    for s in [emil, ben, anna] {
        s.close().await;
    }
}
