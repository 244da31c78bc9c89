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
    /// PostgreSQL as a working group runs it: the concept belongs to an owner login (not a
    /// superuser), `team setup` has run, and every user acts through a login of their own, so
    /// that the database's row-level security applies to everything a story does
    /// ([`seeded`], [`as_user`], [`open_as`]).
    PostgresRls,
}

impl Backend {
    pub fn is_postgres(self) -> bool {
        matches!(self, Backend::Postgres | Backend::PostgresRls)
    }
}

/// Keeps a test database alive for the test's duration and drops it afterwards.
pub struct TestDb {
    pub location: Location,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
    /// PostgresRls: the owner's location (`location` becomes the admin's login after
    /// [`seeded`]), and the cluster-wide roles made for this database, dropped with it.
    pub owner_location: Option<Location>,
    pub roles: Vec<String>,
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
            // Best effort: the throw-away cluster is deleted after the run anyway. Roles are
            // cluster-wide: dropped after the database, which holds their privileges.
            let admin = admin_url();
            let roles = std::mem::take(&mut self.roles);
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
                        for role in roles.iter().rev() {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP ROLE IF EXISTS \"{role}\""
                            )))
                            .execute(&mut c)
                            .await;
                        }
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
                owner_location: None,
                roles: Vec::new(),
            }
        }
        Backend::Postgres | Backend::PostgresRls => {
            let admin = admin_url();
            let name = format!(
                "ks_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            let mut c = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to test PostgreSQL");
            let mut roles = Vec::new();
            let url = konzeptstudio::store::postgres_url_with_database(&admin, &name);
            let url = if backend == Backend::PostgresRls {
                // The owner: a login of its own that may create roles (for `team setup`).
                let owner = format!("{name}_owner");
                for sql in [
                    format!("DROP ROLE IF EXISTS {owner}"),
                    format!("CREATE ROLE {owner} LOGIN CREATEROLE"),
                ] {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut c)
                        .await
                        .unwrap();
                }
                roles.push(owner.clone());
                roles.extend(
                    konzeptstudio::store::GroupRoles::for_database(&name)
                        .unwrap()
                        .names,
                );
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "CREATE DATABASE {name} OWNER {owner}"
                )))
                .execute(&mut c)
                .await
                .unwrap();
                with_login(&url, &owner)
            } else {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .unwrap();
                url
            };
            let location = Location::Postgres(url);
            TestDb {
                owner_location: (backend == Backend::PostgresRls).then(|| location.clone()),
                location,
                backend,
                _dir: None,
                pg_name: Some(name),
                roles,
            }
        }
    }
}

/// The same PostgreSQL URL with another login (trust authentication: no password).
pub fn with_login(url: &str, login: &str) -> String {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .expect("a postgres:// URL");
    let host = rest.split_once('@').map(|(_, h)| h).unwrap_or(rest);
    format!("postgres://{login}@{host}")
}

/// Creates a login role for the test database `db` (dropped with it) and returns its name.
pub async fn create_login(db: &mut TestDb, name: &str) -> String {
    let login = format!(
        "{}_{name}",
        db.pg_name.as_deref().expect("a PostgreSQL test database")
    );
    let mut c = sqlx::PgConnection::connect(&admin_url()).await.unwrap();
    for sql in [
        format!("DROP ROLE IF EXISTS {login}"),
        format!("CREATE ROLE {login} LOGIN"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut c)
            .await
            .unwrap();
    }
    db.roles.push(login.clone());
    login
}

/// A login for a user a story adds: on [`Backend::PostgresRls`] created on the server (IT's
/// job), elsewhere none (the default: the user's name).
pub async fn new_login(db: &mut TestDb, name: &str) -> Option<String> {
    match db.backend {
        Backend::PostgresRls => Some(create_login(db, name).await),
        _ => None,
    }
}

/// `name`'s store: on [`Backend::PostgresRls`] opened through the user's own login (the
/// database's policies apply), elsewhere the admin acting as them (`act_as`).
pub async fn as_user(b: Backend, admin: &Store, name: &str) -> Store {
    if b != Backend::PostgresRls {
        return admin.act_as(name).await.unwrap();
    }
    let user = admin
        .user_by_name(name)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no user {name}"));
    let login = user
        .db_login
        .expect("a user of the team database has a login");
    let Location::Postgres(url) = admin.location() else {
        unreachable!("PostgresRls is PostgreSQL")
    };
    let store = Store::open(&Location::Postgres(with_login(url, &login)), None)
        .await
        .unwrap_or_else(|e| panic!("{name} opens as {login}: {e}"));
    assert_eq!(store.identity(), login, "the database knows who acts");
    store
}

/// `Store::open(&db.location, act_as)`, on [`Backend::PostgresRls`] through `act_as`'s own
/// login (without one: the admin's).
pub async fn open_as(db: &TestDb, act_as: Option<&str>) -> konzeptstudio::Result<Store> {
    match (db.backend, act_as) {
        (Backend::PostgresRls, Some(name)) => {
            let admin = Store::open(&db.location, None).await?;
            let store = as_user(db.backend, &admin, name).await;
            admin.close().await;
            Ok(store)
        }
        _ => Store::open(&db.location, act_as).await,
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
///
/// On [`Backend::PostgresRls`] the owner creates the concept and runs `team setup`; every user
/// gets a login of their own (`<database>_<name>`), an admin "chef" too, and the store returned
/// is chef's, opened through that login (`db.location` becomes chef's).
pub async fn seeded(backend: Backend) -> (TestDb, Store) {
    let mut db = fresh(backend).await;
    let admin = Store::init(&db.location, &concept()).await.expect("init");
    let rls = backend == Backend::PostgresRls;
    if rls {
        konzeptstudio::store::setup_team(&db.location)
            .await
            .expect("team setup");
    }
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
        ("chef", konzeptstudio::model::Role::Admin, None),
    ] {
        if name == "chef" && !rls {
            continue;
        }
        let db_login = match rls {
            true => Some(create_login(&mut db, name).await),
            false => None,
        };
        admin
            .add_user(NewUser {
                name: name.into(),
                display_name: None,
                role,
                ministry: ministry.map(str::to_string),
                db_login,
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
    if rls {
        let chef = as_user(backend, &admin, "chef").await;
        db.location = chef.location().clone();
        admin.close().await;
        return (db, chef);
    }
    (db, admin)
}

/// The sheet `sheet` of a workbook as a spreadsheet program saves it again: every cell a
/// string, edited by `edit(first cell of the row, column header, value)`.
pub fn resave(
    xlsx: &[u8],
    sheet: &str,
    edit: impl Fn(&str, &str, &str) -> Option<String>,
) -> Vec<u8> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let v = if r == 0 {
                v.clone()
            } else {
                edit(&row[0], &rows[0][c], v).unwrap_or(v.clone())
            };
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    out.save_to_buffer().unwrap()
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

/// Generates `#[tokio::test]`s that run stories a second time on PostgreSQL as the working
/// group runs it ([`Backend::PostgresRls`]: per-user logins under row-level security).
#[macro_export]
macro_rules! under_rls {
    ($($story:ident),* $(,)?) => {
        mod postgres_rls {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story($crate::support::Backend::PostgresRls).await;
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
