//! Test databases: a fresh SQLite file or a fresh PostgreSQL database per test.
//!
//! PostgreSQL comes from `KONZEPTSTUDIO_TEST_POSTGRES` (a URL with the right to create
//! databases), which `scripts/test.sh` sets after starting a throw-away cluster. Without it the
//! PostgreSQL tests fail with a message saying so: they are never skipped.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use konzeptstudio::model::{Concept, MeasureData};
use konzeptstudio::store::NewUser;
use konzeptstudio::{Location, Store};
use sqlx::Connection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Keeps a test database alive for the test's duration and drops it afterwards.
pub struct TestDb {
    pub location: Location,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    pub fn url(&self) -> String {
        match &self.location {
            Location::File(p) => p.display().to_string(),
            Location::Postgres(u) => u.clone(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            // Best effort: the throw-away cluster is deleted after the run anyway.
            let admin = admin_url();
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut c)
                        .await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn admin_url() -> String {
    std::env::var("KONZEPTSTUDIO_TEST_POSTGRES").expect(
        "KONZEPTSTUDIO_TEST_POSTGRES is not set: the PostgreSQL half of the storage tests needs a \
         server. Run ./scripts/test.sh, which starts a throw-away cluster, or set the variable to \
         a postgres:// URL that may create databases.",
    )
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub async fn fresh(backend: Backend) -> TestDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("konzept.sqlite");
            TestDb {
                location: Location::File(path),
                backend,
                _dir: Some(dir),
                pg_name: None,
            }
        }
        Backend::Postgres => {
            let admin = admin_url();
            let name = format!(
                "ks_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            let mut c = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to test PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut c)
                .await
                .unwrap();
            TestDb {
                location: Location::Postgres(konzeptstudio::store::postgres_url_with_database(
                    &admin, &name,
                )),
                backend,
                _dir: None,
                pg_name: Some(name),
            }
        }
    }
}

pub fn concept() -> Concept {
    Concept {
        title: "Testkonzept".into(),
        short_title: "Test".into(),
        leitidee: "Zusammenhalt leben".into(),
        issuer: "SMS".into(),

        ..Default::default()
    }
}

pub fn measure(title: &str, field: &str, lead: &str, co: &[&str]) -> MeasureData {
    MeasureData {
        title: title.into(),
        text_long: "Die Sprachkursangebote werden im ländlichen Raum ausgebaut.".into(),
        text_short: "Mehr Sprachkurse.".into(),
        field: field.into(),
        parent: None,
        goals: vec![],
        lead_ministry: lead.into(),
        co_ministries: co.iter().map(|s| s.to_string()).collect(),
        partners: vec!["Bundesagentur für Arbeit".into(), "Kommunen".into()],
        start: chrono::NaiveDate::from_ymd_opt(2018, 1, 1),
        end: chrono::NaiveDate::from_ymd_opt(2020, 12, 31),
        ongoing: false,
        budget: vec![konzeptstudio::model::BudgetLine {
            amount_cents: 980_000_000,
            budget_item: "07 03 / 684 51".into(),
            period: "2017–2019".into(),
            note: String::new(),
        }],
        status: "in-umsetzung".into(),
        progress: 40,
        indicators: vec![],
        milestones: vec![],
        in_short: true,
        sort_order: 0,
        illustrative: true,
    }
}

/// A small concept: ministries SMS, SMWA, SMK, SMUL; fields 3.1 (with 3.1.4) and 3.5;
/// measures 3.1.1 (in 3.1.4, SMS lead, SMK co) and 3.5.2 (SMWA lead), codes of an older
/// numbering that the store still accepts (it only refuses a code equal to a field's number);
/// users for every role.
pub async fn seeded(backend: Backend) -> (TestDb, Store) {
    let db = fresh(backend).await;
    let admin = Store::init(&db.location, &concept()).await.expect("init");
    for (abbr, name) in [
        (
            "SMS",
            "Staatsministerium für Soziales und Verbraucherschutz",
        ),
        (
            "SMWA",
            "Staatsministerium für Wirtschaft, Arbeit und Verkehr",
        ),
        ("SMK", "Staatsministerium für Kultus"),
        ("SMUL", "Staatsministerium für Umwelt und Landwirtschaft"),
    ] {
        admin
            .add_ministry(abbr, name, chrono::NaiveDate::from_ymd_opt(2014, 11, 13))
            .await
            .unwrap();
    }
    admin
        .add_field("3.1", "Sprache und Verständigung", None, "", 1)
        .await
        .unwrap();
    admin
        .add_field("3.1.4", "Sprache", Some("3.1"), "", 2)
        .await
        .unwrap();
    admin
        .add_field("3.5", "Aus- und Weiterbildung/Arbeit", None, "", 3)
        .await
        .unwrap();
    for (name, role, ministry) in [
        ("anna", konzeptstudio::model::Role::Member, Some("SMS")),
        ("ben", konzeptstudio::model::Role::Member, Some("SMWA")),
        ("carla", konzeptstudio::model::Role::Member, Some("SMK")),
        ("ulf", konzeptstudio::model::Role::Member, Some("SMUL")),
        ("dora", konzeptstudio::model::Role::Drafter, None),
        ("emil", konzeptstudio::model::Role::Staff, None),
    ] {
        admin
            .add_user(NewUser {
                name: name.into(),
                display_name: None,
                role,
                ministry: ministry.map(str::to_string),
                db_login: None,
            })
            .await
            .unwrap();
    }
    admin
        .create_measure(
            "3.1.1",
            measure("Sprachkurse im ländlichen Raum", "3.1.4", "SMS", &["SMK"]),
            None,
        )
        .await
        .unwrap();
    let mut mentors = measure(
        "Arbeitsmarktmentoren für Geflüchtete",
        "3.5",
        "SMWA",
        &["SMUL"],
    );
    mentors.text_long =
        "Mentorinnen und Mentoren begleiten Geflüchtete in Ausbildung und Arbeit.".into();
    mentors.text_short = "Begleitung in Arbeit.".into();
    admin.create_measure("3.5.2", mentors, None).await.unwrap();
    (db, admin)
}

/// Generates `#[tokio::test]`s that run one story on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story($crate::support::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story($crate::support::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// A comment received on 1 April 2017 with an external id, from nobody in particular.
pub fn comment(external_id: &str, text: &str) -> konzeptstudio::model::NewComment {
    konzeptstudio::model::NewComment {
        external_id: Some(external_id.into()),
        submitter: None,
        organisation: None,
        submitter_type: None,
        received_at: "2017-04-01T10:00:00.000Z".into(),
        text: text.into(),
        measure: None,
        field: None,
        illustrative: false,
    }
}
