//! The concept as of any moment (store/as_of.rs), reconstructed from the revisions: at an
//! edition's freeze time it is exactly what the edition froze, on both databases; moments in
//! German time; the CLI's `--as-of` on lists, a measure, the overview and the documents.

use std::path::Path;
use std::time::Duration;

use crate::cli_support;
use crate::support::{Backend, measure, seeded};
use konzeptstudio::Store;
use konzeptstudio::model::EditionStatus;
use konzeptstudio::store::{AsOf, MeasureFilter, StateAt};

on_both!(
    the_state_at_an_editions_freeze_time_is_the_edition,
    the_cli_answers_as_of_a_date,
);

/// Waits past the millisecond that the last change was stamped with, so that the next change is
/// later than every moment taken now.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(3)).await;
}

fn sorted<T: Clone, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut v = items.to_vec();
    v.sort_by_key(key);
    v
}

/// `state` holds exactly what edition `name` froze.
async fn assert_is_edition(store: &Store, state: &StateAt, name: &str) {
    let e = store.edition_snapshot(name).await.unwrap();
    let theirs: Vec<_> = e
        .measures
        .iter()
        .map(|m| (m.code.clone(), m.version, m.data.clone()))
        .collect();
    let ours: Vec<_> = state
        .measures
        .iter()
        .map(|m| (m.code.clone(), m.version, m.data.clone()))
        .collect();
    assert_eq!(ours, theirs, "measures of {name}");
    assert_eq!(
        sorted(&state.fields, |f| f.id),
        sorted(&e.fields, |f| f.id),
        "fields of {name}"
    );
    assert_eq!(
        sorted(&state.goals, |g| g.id),
        sorted(&e.goals, |g| g.id),
        "goals of {name}"
    );
    assert_eq!(
        sorted(&state.ministries, |m| m.id),
        sorted(&e.ministries, |m| m.id),
        "ministries of {name}"
    );
    assert_eq!(state.concept, e.concept, "the concept of {name}");
}

async fn the_state_at_an_editions_freeze_time_is_the_edition(backend: Backend) {
    let (_db, admin) = seeded(backend).await;
    let before_all = AsOf::parse("2000-01-01", "as_of").unwrap();
    tick().await;
    let first = admin
        .freeze_edition("Entwurf 1", EditionStatus::Entwurf, None, "")
        .await
        .unwrap();
    tick().await;

    // Afterwards: a measure changed twice, one removed, one added, a field renamed.
    let m = admin.measure("3.5.2").await.unwrap();
    let mut data = m.data.clone();
    data.status = "umgesetzt".into();
    data.progress = 100;
    admin
        .update_measure("3.5.2", m.version, data.clone(), Some("Bericht 2019"), None)
        .await
        .unwrap();
    let mid = admin.measure("3.1.1").await.unwrap();
    admin
        .delete_measure("3.1.1", mid.version, Some("entfällt"))
        .await
        .unwrap();
    admin
        .create_measure("3.1.2", measure("Sprachmittlung", "3.1", "SMK", &[]), None)
        .await
        .unwrap();
    let f = admin.field("3.5").await.unwrap();
    admin
        .update_field("3.5", f.version, "Arbeit", "", None)
        .await
        .unwrap();
    tick().await;
    let second = admin
        .freeze_edition("Entwurf 2", EditionStatus::Ressortabstimmung, None, "")
        .await
        .unwrap();
    tick().await;
    let m = admin.measure("3.5.2").await.unwrap();
    let mut later = m.data.clone();
    later.title = "Nach der zweiten Fassung".into();
    admin
        .update_measure("3.5.2", m.version, later, None, None)
        .await
        .unwrap();

    for e in [&first, &second] {
        let at = AsOf::parse(&e.frozen_at, "as_of").unwrap();
        let state = admin.state_at(&at).await.unwrap();
        assert_is_edition(&admin, &state, &e.name).await;
    }
    // Between the two: the first edition's state, with what changed after it not yet there.
    let first_state = admin
        .state_at(&AsOf::parse(&first.frozen_at, "as_of").unwrap())
        .await
        .unwrap();
    let codes: Vec<_> = first_state
        .measures
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(codes, ["3.1.1", "3.5.2"]);
    let second_state = admin
        .state_at(&AsOf::parse(&second.frozen_at, "as_of").unwrap())
        .await
        .unwrap();
    let codes: Vec<_> = second_state
        .measures
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(codes, ["3.1.2", "3.5.2"], "3.1.1 removed, 3.1.2 added");
    let mentors = second_state.measure("3.5.2").unwrap();
    assert_eq!(mentors.data.status, "umgesetzt");
    assert_eq!(mentors.data.title, "Arbeitsmarktmentoren für Geflüchtete");
    assert!(mentors.created_at < mentors.updated_at);
    assert_eq!(
        second_state.measure("3.1.1").unwrap_err().code(),
        "not_found"
    );
    // The list at that moment, filtered as today's is.
    let listed = second_state.list(&MeasureFilter {
        ministry: Some("SMWA".into()),
        ..Default::default()
    });
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, "umgesetzt");
    assert_eq!(listed[0].budget_cents, 980_000_000);
    let searched = second_state.list(&MeasureFilter {
        search: Some("mentorinnen GEFLÜCHTETE".into()),
        ..Default::default()
    });
    assert_eq!(
        searched.len(),
        1,
        "all words, case-insensitive, in the texts of then"
    );
    // Now: the same as the current list.
    let now = admin
        .state_at(&AsOf::parse("2999-12-31", "as_of").unwrap())
        .await
        .unwrap();
    assert_eq!(
        now.list(&MeasureFilter::default()),
        admin
            .list_measures(&MeasureFilter::default())
            .await
            .unwrap()
    );
    // Before anything: nothing.
    let empty = admin.state_at(&before_all).await.unwrap();
    assert!(empty.measures.is_empty() && empty.fields.is_empty() && empty.concept.is_none());
    assert!(empty.editions(admin.editions().await.unwrap()).is_empty());

    // The editions as they were then: the first adopted later, so at the second's freeze it
    // was still a draft; now it is adopted. Editions frozen later are not there yet.
    tick().await;
    let adopted = chrono::NaiveDate::from_ymd_opt(2018, 4, 24);
    admin
        .set_edition_status("Entwurf 1", EditionStatus::Beschlossen, adopted)
        .await
        .unwrap();
    let then = second_state.editions(admin.editions().await.unwrap());
    let said: Vec<_> = then
        .iter()
        .map(|e| (e.name.as_str(), e.status, e.adopted_on))
        .collect();
    assert_eq!(
        said,
        [
            ("Entwurf 1", EditionStatus::Entwurf, None),
            ("Entwurf 2", EditionStatus::Ressortabstimmung, None)
        ]
    );
    let at_first = first_state.editions(admin.editions().await.unwrap());
    assert_eq!(at_first.len(), 1, "the second was frozen later");
    let today = admin
        .state_at(&AsOf::parse("2999-12-31", "as_of").unwrap())
        .await
        .unwrap()
        .editions(admin.editions().await.unwrap());
    assert_eq!(today, admin.editions().await.unwrap());
}

async fn the_cli_answers_as_of_a_date(backend: Backend) {
    let (db, admin) = seeded(backend).await;
    tick().await;
    let frozen = admin
        .freeze_edition("Stand A", EditionStatus::Entwurf, None, "")
        .await
        .unwrap();
    tick().await;
    let m = admin.measure("3.5.2").await.unwrap();
    let mut data = m.data.clone();
    data.status = "verzoegert".into();
    admin
        .update_measure("3.5.2", m.version, data, Some("später"), None)
        .await
        .unwrap();
    let url = db.url();
    // The CLI acts as the concept's admin: the OS user who made the file, or the login.
    let run = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend(args);
        let out = cli_support::ok(cli_support::run(Path::new(&url), &all));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let shown = run(&["measures", "show", "3.5.2", "--as-of", &frozen.frozen_at]);
    assert_eq!(shown["status"], "in-umsetzung");
    assert_eq!(shown["version"], m.version);
    let now = run(&["measures", "show", "3.5.2"]);
    assert_eq!(now["status"], "verzoegert");
    let listed = run(&["measures", "list", "--as-of", &frozen.frozen_at]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let overview = run(&["overview", "--as-of", &frozen.frozen_at]);
    assert_eq!(overview["measure_count"], 2);
    assert_eq!(overview["as_of"], frozen.frozen_at);
    // A date is the end of that day in German time: up to the last change, made that day.
    let last = admin.measure("3.5.2").await.unwrap().updated_at;
    let today = chrono::DateTime::parse_from_rfc3339(&last)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%Y-%m-%d")
        .to_string();
    let shown = run(&["measures", "show", "3.5.2", "--as-of", &today]);
    assert_eq!(shown["status"], "verzoegert");
    // Before the concept existed the measure did not.
    let out = cli_support::run(
        Path::new(&url),
        &["measures", "show", "3.5.2", "--as-of", "2019-12-31"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    // The Langfassung of that moment.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("lang.pdf");
    let written = run(&[
        "render",
        "long",
        "--as-of",
        &frozen.frozen_at,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(written["as_of"], frozen.frozen_at);
    assert!(pdf.exists());

    // A moment that is none is named.
    let bad = cli_support::run(
        Path::new(&url),
        &["measures", "list", "--as-of", "31.12.2019 abends"],
    );
    assert_eq!(bad.status.code(), Some(5), "{bad:?}");
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("31.12.2019 abends"), "{said}");
}

#[test]
fn moments_are_german_time() {
    // Winter: UTC+1; the end of the day.
    let a = AsOf::parse("2019-12-31", "as_of").unwrap();
    assert_eq!(a.until, "2019-12-31T22:59:59.999Z");
    assert_eq!(a.label, "31.12.2019");
    // Summer: UTC+2; the end of the minute.
    let b = AsOf::parse("2019-07-01T14:30", "as_of").unwrap();
    assert_eq!(b.until, "2019-07-01T12:30:59.999Z");
    assert_eq!(b.label, "01.07.2019, 14:30 Uhr");
    // An exact instant stays as it is.
    let c = AsOf::parse("2026-12-03T06:32:59.431Z", "as_of").unwrap();
    assert_eq!(c.until, "2026-12-03T06:32:59.431Z");
    for bad in ["", "2019-13-01", "31.12.2019 abends", "2019-02-30"] {
        let e = AsOf::parse(bad, "as_of").unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{bad}");
    }
}
