//! Co-signing rounds (store/cosign): a full round on both databases, and under row-level
//! security as the working group runs it (members through their own logins): a reservation
//! settled, two ministries asked again after a new draft, one answer recorded by the drafters
//! for a ministry that wrote a letter, the cabinet statement read back from the PDF.

use std::path::Path;

use crate::cli_support;
use crate::support::{Backend, as_user, seeded};
use konzeptstudio::model::{CosignResult, CosignState, EditionStatus, EntityType, RoundStatus};
use konzeptstudio::store::cosign::{CosignReply, MeasureChange, NewRound};

on_both!(
    a_full_cosigning_round,
    the_cli_runs_a_round_and_prints_the_statement
);
under_rls!(a_full_cosigning_round);

fn reply(result: CosignResult, text: &str, measures: &[&str]) -> CosignReply {
    CosignReply {
        result,
        text: text.into(),
        measures: measures.iter().map(|s| s.to_string()).collect(),
        ministry: None,
    }
}

async fn a_full_cosigning_round(backend: Backend) {
    let (_db, admin) = seeded(backend).await;
    admin
        .add_ministry("SMF", "Staatsministerium der Finanzen", None)
        .await
        .unwrap();
    let dora = as_user(backend, &admin, "dora").await;
    let [anna, ben, carla, ulf, emil] = [
        as_user(backend, &admin, "anna").await,
        as_user(backend, &admin, "ben").await,
        as_user(backend, &admin, "carla").await,
        as_user(backend, &admin, "ulf").await,
        as_user(backend, &admin, "emil").await,
    ];
    dora.freeze_edition("Entwurf 1", EditionStatus::Ressortabstimmung, None, "")
        .await
        .unwrap();
    // A member opens no round; a round goes only on a draft for the co-signing.
    let new = NewRound {
        edition: "Entwurf 1".into(),
        due: Some(chrono::Local::now().date_naive() + chrono::Days::new(14)),
        ministries: None,
        required: vec!["SMF".into()],
        note: "Kabinettsbefassung im Mai".into(),
    };
    assert_eq!(
        anna.open_cosign_round(new.clone())
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    let round = dora.open_cosign_round(new.clone()).await.unwrap();
    // Every ministry that leads or shares a measure, and the finance ministry.
    let asked: Vec<_> = round
        .ministries
        .iter()
        .map(|m| m.ministry.as_str())
        .collect();
    assert_eq!(asked, ["SMF", "SMK", "SMS", "SMUL", "SMWA"]);
    assert!(round.ministry("SMF").unwrap().required);
    assert!(
        round
            .ministries
            .iter()
            .all(|m| m.state == CosignState::Offen && !m.overdue)
    );
    // One round at a time.
    assert_eq!(
        dora.open_cosign_round(new).await.unwrap_err().exit_code(),
        5
    );

    // Members answer for their own ministry only; staff do not answer.
    let mut for_smk = reply(CosignResult::Mitgezeichnet, "", &[]);
    for_smk.ministry = Some("SMK".into());
    assert_eq!(
        anna.answer_cosign(round.id, for_smk.clone())
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    assert_eq!(
        emil.answer_cosign(round.id, for_smk)
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    carla
        .answer_cosign(round.id, reply(CosignResult::Mitgezeichnet, "", &[]))
        .await
        .unwrap();
    // Once per draft.
    let again = carla
        .answer_cosign(round.id, reply(CosignResult::Abgelehnt, "doch nicht", &[]))
        .await
        .unwrap_err();
    assert_eq!(again.exit_code(), 5, "{again}");
    // A reservation says what it is.
    assert_eq!(
        anna.answer_cosign(round.id, reply(CosignResult::Vorbehalt, " ", &[]))
            .await
            .unwrap_err()
            .exit_code(),
        5
    );
    let reservation = anna
        .answer_cosign(
            round.id,
            reply(
                CosignResult::Vorbehalt,
                "Die Finanzierung der Kurse ist nicht gesichert.",
                &["3.1.1"],
            ),
        )
        .await
        .unwrap();
    assert_eq!(reservation.answered_by, "anna");
    assert!(!reservation.on_behalf);
    ben.answer_cosign(
        round.id,
        reply(
            CosignResult::Massgaben,
            "Mit der BA abzustimmen.",
            &["3.5.2"],
        ),
    )
    .await
    .unwrap();
    ulf.answer_cosign(round.id, reply(CosignResult::Mitgezeichnet, "", &[]))
        .await
        .unwrap();
    // Not closed: the reservation stands and the finance ministry has not agreed.
    let refused = dora.close_cosign_round(round.id, true).await.unwrap_err();
    assert!(
        refused.to_string().contains("Offener Vorbehalt: SMS"),
        "{refused}"
    );

    // A new draft: SMWA's measure changed, so SMWA and SMUL (which shares it) are asked again;
    // SMK and SMS keep their answers.
    let m = ben.measure("3.5.2").await.unwrap();
    let mut data = m.data.clone();
    data.text_long = "Mentorinnen und Mentoren begleiten Geflüchtete bis in die Ausbildung.".into();
    ben.update_measure("3.5.2", m.version, data, None, None)
        .await
        .unwrap();
    dora.freeze_edition("Entwurf 2", EditionStatus::Ressortabstimmung, None, "")
        .await
        .unwrap();
    let r = dora.cosign_round(round.id).await.unwrap();
    assert_eq!(r.edition, "Entwurf 2");
    assert_eq!(r.earlier_editions, ["Entwurf 1"]);
    let state = |m: &str| r.ministry(m).unwrap().state;
    assert_eq!(state("SMWA"), CosignState::ErneutGefragt);
    assert_eq!(state("SMUL"), CosignState::ErneutGefragt);
    assert_eq!(state("SMK"), CosignState::Beantwortet);
    assert_eq!(state("SMS"), CosignState::Beantwortet);
    assert_eq!(
        r.ministry("SMK").unwrap().answer.as_ref().unwrap().edition,
        "Entwurf 1"
    );
    let old = &r.ministry("SMWA").unwrap().superseded[0];
    assert_eq!(old.superseded_by.as_deref(), Some("Entwurf 2"));
    assert_eq!(old.result, CosignResult::Massgaben);

    // What SMWA is asked to sign: its measure changed since the draft it co-signed.
    let brief = ben.cosign_brief(round.id, "SMWA").await.unwrap();
    assert_eq!(brief.since.as_deref(), Some("Entwurf 1"));
    let changes: Vec<_> = brief
        .measures
        .iter()
        .map(|m| (m.code.as_str(), m.change))
        .collect();
    assert_eq!(changes, [("3.5.2", MeasureChange::Geaendert)]);
    let brief = carla.cosign_brief(round.id, "SMK").await.unwrap();
    assert_eq!(brief.measures[0].change, MeasureChange::Unveraendert);

    // Reminders name each ministry's open points.
    let reminders = dora.cosign_reminders(round.id).await.unwrap();
    let to: Vec<_> = reminders.iter().map(|r| r.ministry.as_str()).collect();
    assert_eq!(to, ["SMF", "SMS", "SMUL", "SMWA"]);
    let smwa = &reminders[3];
    assert!(
        smwa.text.contains("Entwurf 1") && smwa.text.contains("(3.5.2)"),
        "{}",
        smwa.text
    );
    assert!(
        reminders[1].text.contains("Vorbehalt"),
        "{}",
        reminders[1].text
    );

    ben.answer_cosign(round.id, reply(CosignResult::Mitgezeichnet, "", &[]))
        .await
        .unwrap();
    ulf.answer_cosign(round.id, reply(CosignResult::Mitgezeichnet, "", &[]))
        .await
        .unwrap();
    // The finance ministry wrote a letter: the drafters record its answer for it.
    let mut letter = reply(CosignResult::Mitgezeichnet, "Schreiben vom 2. Mai", &[]);
    letter.ministry = Some("SMF".into());
    let smf = dora.answer_cosign(round.id, letter).await.unwrap();
    assert!(smf.on_behalf);
    assert_eq!(smf.answered_by, "dora");
    // Settling a reservation is the drafters' call.
    assert_eq!(
        anna.settle_cosign(round.id, "SMS", "erledigt")
            .await
            .unwrap_err()
            .exit_code(),
        4
    );
    let settled = dora
        .settle_cosign(
            round.id,
            "SMS",
            "Das SMS finanziert die Kurse aus Kapitel 08 03.",
        )
        .await
        .unwrap();
    assert!(!settled.open_reservation());
    let closed = dora.close_cosign_round(round.id, false).await.unwrap();
    assert_eq!(closed.status, RoundStatus::Abgeschlossen);
    assert!(closed.ministries.iter().all(|m| m.answer.is_some()));
    assert_eq!(
        ulf.answer_cosign(round.id, reply(CosignResult::Abgelehnt, "zu spät", &[]))
            .await
            .unwrap_err()
            .exit_code(),
        5
    );

    // Every answer is a revision: who and when, and the settlement as a change.
    let revs = dora
        .revisions(EntityType::CosignAnswer, settled.id)
        .await
        .unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].changeset.actor, "anna");
    assert_eq!(revs[1].changeset.actor, "dora");
    assert!(
        revs[1].changes.iter().any(|c| c.field == "settlement"),
        "{:?}",
        revs[1].changes
    );
    // The round's history names its drafts.
    let revs = dora
        .revisions(EntityType::CosignRound, round.id)
        .await
        .unwrap();
    assert_eq!(revs.len(), 3, "opened, moved to the new draft, closed");
    // The chain still verifies (an error otherwise), one link per changeset.
    let report = admin.audit_verify(None).await.unwrap();
    assert!(report.links > 10, "{report:?}");
    for s in [dora, anna, ben, carla, ulf, emil] {
        s.close().await;
    }
}

/// The CLI as the ministries' scripts use it: JSON ids, exit codes, the statement as PDF and
/// Word, the Synopse of a ministry's measures.
async fn the_cli_runs_a_round_and_prints_the_statement(backend: Backend) {
    let (db, admin) = seeded(backend).await;
    admin
        .add_ministry("SMF", "Staatsministerium der Finanzen", None)
        .await
        .unwrap();
    admin
        .freeze_edition("Entwurf 1", EditionStatus::Ressortabstimmung, None, "")
        .await
        .unwrap();
    let url = db.url();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| cli_support::run(Path::new(&url), args);
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend(args);
        serde_json::from_slice(&cli_support::ok(run(&all)).stdout).unwrap()
    };
    let due = (chrono::Local::now().date_naive() + chrono::Days::new(7)).to_string();
    let opened = json(&[
        "--as",
        "dora",
        "cosign",
        "open",
        "--edition",
        "Entwurf 1",
        "--due",
        &due,
        "--required",
        "SMF",
    ]);
    let id = opened["id"].as_i64().unwrap().to_string();
    // Bad input and wrong people: the contract's exit codes.
    assert_eq!(
        run(&[
            "--as",
            "dora",
            "cosign",
            "answer",
            &id,
            "--result",
            "vielleicht",
            "--ministry",
            "SMK"
        ])
        .status
        .code(),
        Some(5)
    );
    assert_eq!(
        run(&[
            "--as",
            "anna",
            "cosign",
            "answer",
            &id,
            "--result",
            "mitgezeichnet",
            "--ministry",
            "SMK"
        ])
        .status
        .code(),
        Some(4)
    );
    let missing = run(&["cosign", "status", "999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("Mitzeichnungsrunde 999 gibt es nicht")
    );
    let conditions = dir.path().join("massgaben.md");
    std::fs::write(
        &conditions,
        "Die Zahl der Kurse ist mit der BA abzustimmen.",
    )
    .unwrap();
    let answered = json(&[
        "--as",
        "ben",
        "cosign",
        "answer",
        &id,
        "--result",
        "massgaben",
        "--text",
        &format!("@{}", conditions.display()),
        "--measure",
        "3.5.2",
    ]);
    assert_eq!(answered["result"], "massgaben");
    assert_eq!(answered["measures"], serde_json::json!(["3.5.2"]));
    cli_support::ok(run(&[
        "--as",
        "anna",
        "cosign",
        "answer",
        &id,
        "--result",
        "vorbehalt",
        "--text",
        "<script>alert(1)</script> Finanzierung offen",
    ]));
    cli_support::ok(run(&[
        "--as",
        "dora",
        "cosign",
        "answer",
        &id,
        "--result",
        "mitgezeichnet",
        "--ministry",
        "SMF",
    ]));
    let status = json(&["cosign", "status", &id]);
    assert_eq!(status["ministries"].as_array().unwrap().len(), 5);
    // Closing with an open reservation: refused, named.
    let out = run(&["--as", "dora", "cosign", "close", &id, "--allow-missing"]);
    assert_eq!(out.status.code(), Some(5));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Vorbehalt: SMS"), "{said}");
    // The message names no flag (the app shows it too); the terminal gets the command.
    assert!(
        said.contains(&format!(
            "\nHinweis: konzeptstudio cosign settle {id} --ministry SMS --text …"
        )),
        "{said}"
    );
    cli_support::ok(run(&[
        "--as",
        "dora",
        "cosign",
        "settle",
        &id,
        "--ministry",
        "SMS",
        "--text",
        "Geklärt im Gespräch am 3. Mai.",
    ]));
    cli_support::ok(run(&[
        "--as",
        "dora",
        "cosign",
        "close",
        &id,
        "--allow-missing",
    ]));

    let pdf = dir.path().join("kabinett.pdf");
    let printed = json(&[
        "render",
        "cosign",
        "--round",
        &id,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(printed["pages"].as_i64().unwrap() >= 2);
    let text: Vec<String> =
        konzeptstudio::pdf::reading::read_structure(&std::fs::read(&pdf).unwrap())
            .unwrap()
            .into_iter()
            // Words as a reader gets them (a date's no-break space is a space).
            .map(|e| e.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
    let all = text.join("\n");
    for expected in [
        "Ergebnis der Ressortabstimmung",
        "Mit Maßgaben mitgezeichnet haben: SMWA.",
        "Keine Rückmeldung gaben: SMK und SMUL.",
        "hat am",
        "Die Zahl der Kurse ist mit der BA abzustimmen.",
        "<script>alert(1)</script> Finanzierung offen",
        "Geklärt im Gespräch am 3. Mai.",
        "schriftlich übermittelt",
    ] {
        assert!(
            all.contains(expected),
            "{expected:?} not in the tagged text:\n{all}"
        );
    }
    let docx = dir.path().join("kabinett.docx");
    cli_support::ok(run(&[
        "render",
        "cosign",
        "--round",
        &id,
        "--out",
        docx.to_str().unwrap(),
        "--format",
        "docx",
    ]));
    assert!(std::fs::metadata(&docx).unwrap().len() > 5_000);

    // The Synopse a ministry checks: no earlier co-signed edition yet, said so.
    let out = run(&[
        "render",
        "synopse",
        "--round",
        &id,
        "--ministry",
        "SMWA",
        "--out",
        dir.path().join("s.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nichts zu vergleichen"));
}
