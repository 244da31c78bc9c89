//! The team database's own rules (PostgreSQL): every user acts through a login of their own,
//! and the database itself enforces the core's permission table (row-level security, column
//! privileges, the team rules' triggers). Here through plain SQL, as psql, ODBC or a script
//! would, and through `team setup`, `users add`, `users deactivate` and opening a concept. The
//! core's own stories run under the same rules in `storage::postgres_rls`.

use crate::support::{self, Backend, TestDb, admin_url, create_login, seeded, with_login};
use konzeptstudio::model::{NewComment, Role};
use konzeptstudio::store::{CommentFilter, NewUser, Resolution};
use konzeptstudio::{Location, Store};
use sqlx::{Connection, PgConnection};

fn url(location: &Location) -> &str {
    match location {
        Location::Postgres(u) => u,
        Location::File(_) => unreachable!("the team database is PostgreSQL"),
    }
}

/// A plain connection as `name`'s login, as psql would open it.
async fn sql_as(db: &TestDb, admin: &Store, name: &str) -> PgConnection {
    let login = admin
        .user_by_name(name)
        .await
        .unwrap()
        .unwrap()
        .db_login
        .unwrap();
    PgConnection::connect(&with_login(url(&db.location), &login))
        .await
        .unwrap()
}

/// A superuser's connection to the test database, to look at what really happened.
async fn superuser(db: &TestDb) -> PgConnection {
    let name = url(&db.location)
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    PgConnection::connect(&konzeptstudio::store::postgres_url_with_database(
        &admin_url(),
        &name,
    ))
    .await
    .unwrap()
}

/// Runs `sql`, which the database must refuse with SQLSTATE 42501 (insufficient privilege:
/// a missing privilege, a row-level security policy or a team-rules trigger); returns why.
async fn refused(c: &mut PgConnection, sql: &str) -> String {
    match sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut *c)
        .await
    {
        Ok(done) => panic!(
            "{sql}: the database allowed it ({} rows)",
            done.rows_affected()
        ),
        Err(e) => {
            let db = e
                .as_database_error()
                .unwrap_or_else(|| panic!("{sql}: {e}"));
            assert_eq!(db.code().as_deref(), Some("42501"), "{sql}: {e}");
            db.message().to_string()
        }
    }
}

async fn rows(c: &mut PgConnection, sql: &str) -> u64 {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut *c)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .rows_affected()
}

async fn count(c: &mut PgConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&mut *c)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Two comments, one on SMS's measure 3.1.1 and one on SMWA's 3.5.2, each weighed by staff
/// with an internal note. Returns their ids.
async fn weighed_comments(admin: &Store) -> (i64, i64) {
    let staff = support::as_user(Backend::PostgresRls, admin, "emil").await;
    let mk = |ext: &str, measure: &str| NewComment {
        measure: Some(measure.into()),
        ..support::comment(ext, &format!("Stellungnahme zu {measure}"))
    };
    staff
        .insert_comments(
            "web",
            "Online-Beteiligung",
            &[mk("W-1", "3.1.1"), mk("W-2", "3.5.2")],
            None,
        )
        .await
        .unwrap();
    let all = staff.comments(&CommentFilter::default()).await.unwrap();
    let id = |ext: &str| {
        all.iter()
            .find(|c| c.external_id.as_deref() == Some(ext))
            .unwrap()
            .id
    };
    for ext in ["W-1", "W-2"] {
        let c = staff.comment(id(ext)).await.unwrap();
        staff
            .weigh_comment(
                c.id,
                c.version,
                &Resolution {
                    vote: konzeptstudio::model::Vote::ZurKenntnis,
                    answer: "Wird geprüft.".into(),
                    measure: None,
                    internal_note: Some(format!("intern: {ext} ist heikel")),
                    template: None,
                },
            )
            .await
            .unwrap();
    }
    staff.close().await;
    (id("W-1"), id("W-2"))
}

/// Anna, member for SMS (lead of 3.1.1), with psql: what the program lets her do works, nothing
/// else does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_login_keeps_to_the_rules_in_plain_sql() {
    let (db, admin) = seeded(Backend::PostgresRls).await;
    let (on_sms, on_smwa) = weighed_comments(&admin).await;
    let mut anna = sql_as(&db, &admin, "anna").await;

    // Her ministry's measure: yes (the policies allow what the core allows).
    assert_eq!(
        rows(
            &mut anna,
            "UPDATE measures SET progress = 41, version = version + 1 WHERE code = '3.1.1'"
        )
        .await,
        1
    );
    // Another ministry's measure: refused, and unchanged.
    let why = refused(
        &mut anna,
        "UPDATE measures SET title = 'gekapert' WHERE code = '3.5.2'",
    )
    .await;
    assert!(why.contains("row-level security"), "{why}");
    assert_eq!(
        admin.measure("3.5.2").await.unwrap().data.title,
        "Arbeitsmarktmentoren für Geflüchtete"
    );
    // Nor its child rows: a DELETE finds none of them, an INSERT is refused.
    assert_eq!(
        rows(
            &mut anna,
            "DELETE FROM measure_partners WHERE measure_id = (SELECT id FROM measures WHERE code = '3.5.2')"
        )
        .await,
        0
    );
    refused(
        &mut anna,
        "INSERT INTO milestones (measure_id, position, title) \
         SELECT id, 9, 'Übernahme' FROM measures WHERE code = '3.5.2'",
    )
    .await;
    // Responsibility stays the drafters' call, also on her own measure.
    let why = refused(
        &mut anna,
        "UPDATE measures SET lead_ministry_id = (SELECT id FROM ministries WHERE abbreviation = 'SMK') \
         WHERE code = '3.1.1'",
    )
    .await;
    assert!(why.contains("Federführung"), "{why}");
    refused(
        &mut anna,
        "INSERT INTO measure_co_ministries (measure_id, ministry_id) \
         SELECT m.id, mi.id FROM measures m, ministries mi WHERE m.code = '3.5.2' AND mi.abbreviation = 'SMS'",
    )
    .await;
    refused(
        &mut anna,
        "UPDATE measures SET deleted = 1 WHERE code = '3.1.1'",
    )
    .await;

    // Internal notes: never, not even with SELECT *; whether one exists, yes.
    let why = refused(&mut anna, "SELECT internal_note FROM comments").await;
    assert!(why.contains("permission denied"), "{why}");
    refused(&mut anna, "SELECT * FROM comments").await;
    assert_eq!(
        count(
            &mut anna,
            &format!("SELECT has_internal_note FROM comments WHERE id = {on_sms}")
        )
        .await,
        1
    );
    // Only the comments the program shows her: the one on her ministry's measure.
    assert_eq!(count(&mut anna, "SELECT COUNT(*) FROM comments").await, 1);
    assert_eq!(
        count(
            &mut anna,
            &format!("SELECT COUNT(*) FROM comments WHERE id = {on_smwa}")
        )
        .await,
        0
    );
    // Nor the other comment's revisions (its answer, its proposals).
    assert_eq!(
        count(
            &mut anna,
            &format!(
                "SELECT COUNT(*) FROM revisions WHERE entity_type = 'comment' AND entity_id = {on_smwa}"
            )
        )
        .await,
        0
    );
    // Weighing is the staff's; proposing in another's name is not allowed.
    refused(
        &mut anna,
        &format!("UPDATE comments SET vote = 'beruecksichtigt' WHERE id = {on_sms}"),
    )
    .await;
    refused(
        &mut anna,
        &format!(
            "UPDATE comments SET proposed_by = (SELECT id FROM users WHERE name = 'dora') WHERE id = {on_sms}"
        ),
    )
    .await;

    // History: insert-only, and only in her own name.
    refused(&mut anna, "UPDATE revisions SET changes = '[]'").await;
    refused(&mut anna, "DELETE FROM revisions").await;
    refused(&mut anna, "UPDATE changesets SET reason = 'nie passiert'").await;
    refused(&mut anna, "DELETE FROM changesets").await;
    refused(&mut anna, "DELETE FROM edition_items").await;
    refused(
        &mut anna,
        "INSERT INTO changesets (actor_id, at, action) \
         SELECT id, '2026-01-01T00:00:00.000Z', 'measure.update' FROM users WHERE name = 'dora'",
    )
    .await;

    // Users and roles: not hers to change; nor can she become somebody else.
    refused(
        &mut anna,
        "UPDATE users SET role = 'admin' WHERE name = 'anna'",
    )
    .await;
    let ben = admin.user_by_name("ben").await.unwrap().unwrap();
    let ben_login = ben.db_login.unwrap();
    let err = sqlx::query(sqlx::AssertSqlSafe(format!("SET ROLE {ben_login}")))
        .execute(&mut anna)
        .await
        .unwrap_err();
    assert_eq!(
        err.as_database_error().unwrap().code().as_deref(),
        Some("42501")
    );
    let groups = konzeptstudio::store::GroupRoles::for_database(
        url(&db.location).rsplit('/').next().unwrap(),
    )
    .unwrap();
    refused(&mut anna, &format!("SET ROLE {}", groups.name(Role::Admin))).await;
    // Her own group role she may take, and then she is nobody: no user has that name.
    rows(
        &mut anna,
        &format!("SET ROLE {}", groups.name(Role::Member)),
    )
    .await;
    assert_eq!(count(&mut anna, "SELECT COUNT(*) FROM measures").await, 0);
    rows(&mut anna, "RESET ROLE").await;
    // The login-granting function and temporary tables (which could shadow `users`) are not
    // for members.
    refused(&mut anna, "SELECT konzeptstudio_sync_login('x')").await;
    refused(
        &mut anna,
        "CREATE TEMP TABLE users (db_login text, role text)",
    )
    .await;
    anna.close().await.unwrap();
    admin.close().await;
}

/// Emil (staff) manages comments and reads internal notes, but changes no measure and no
/// ministry; Dora (drafter) edits measures but reads no internal note and moves nobody.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_and_drafter_logins_keep_to_their_rules_in_plain_sql() {
    let (db, admin) = seeded(Backend::PostgresRls).await;
    weighed_comments(&admin).await;
    let mut emil = sql_as(&db, &admin, "emil").await;
    refused(
        &mut emil,
        "UPDATE measures SET title = 'x' WHERE code = '3.1.1'",
    )
    .await;
    refused(&mut emil, "DELETE FROM measure_partners").await;
    refused(&mut emil, "UPDATE ministries SET name = 'x'").await;
    // Staff may lock a ministry (assigning comments holds it), not change it.
    let why = refused(&mut emil, "UPDATE ministries SET version = version").await;
    assert!(why.contains("row-level security"), "{why}");
    assert_eq!(
        count(
            &mut emil,
            "SELECT COUNT(*) FROM comments WHERE internal_note LIKE 'intern:%'"
        )
        .await,
        2
    );
    emil.close().await.unwrap();

    let mut dora = sql_as(&db, &admin, "dora").await;
    assert_eq!(
        rows(
            &mut dora,
            "UPDATE measures SET title = 'Neuer Titel', version = version + 1 WHERE code = '3.5.2'"
        )
        .await,
        1
    );
    refused(&mut dora, "SELECT internal_note FROM comments").await;
    let why = refused(
        &mut dora,
        "UPDATE users SET ministry_id = (SELECT id FROM ministries WHERE abbreviation = 'SMK') \
         WHERE name = 'anna'",
    )
    .await;
    assert!(why.contains("Umressortierung"), "{why}");
    refused(
        &mut dora,
        "UPDATE users SET role = 'admin' WHERE name = 'dora'",
    )
    .await;
    let why = refused(
        &mut dora,
        "UPDATE concept SET rules = '{\"reason_required\":true}'",
    )
    .await;
    assert!(why.contains("Administration"), "{why}");
    refused(&mut dora, "INSERT INTO comments (channel_id, received_at, original_text, content_hash, import_key, created_at, updated_at) \
         SELECT id, 'x', 'x', 'x', 'x', 'x', 'x' FROM channels").await;
    dora.close().await.unwrap();
    admin.close().await;
}

/// What the database says about the concept's roles and rights, to compare two runs.
async fn rights_state(c: &mut PgConnection, groups: &konzeptstudio::store::GroupRoles) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT g.rolname || ' > ' || r.rolname || ' admin=' || m.admin_option FROM pg_auth_members m \
         JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member \
         WHERE g.rolname LIKE $1 ORDER BY 1",
        "SELECT c.relname || ' ' || COALESCE(c.relacl::text, '-') || ' ' || c.relrowsecurity || c.relforcerowsecurity \
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'S') \
           AND $1 <> '' ORDER BY 1",
        "SELECT c.relname || '.' || a.attname || ' ' || a.attacl::text FROM pg_attribute a \
         JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace \
           AND a.attacl IS NOT NULL AND $1 <> '' ORDER BY 1",
        "SELECT p.proname || ' ' || COALESCE(p.proacl::text, '-') FROM pg_proc p \
         WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'konzeptstudio%' AND $1 <> '' ORDER BY 1",
        "SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || COALESCE(qual, '') || ' ' || COALESCE(with_check, '') \
         FROM pg_policies WHERE $1 <> '' ORDER BY 1",
        "SELECT COALESCE(datacl::text, '-') FROM pg_database WHERE datname = current_database() AND $1 <> ''",
        "SELECT COALESCE(nspacl::text, '-') FROM pg_namespace WHERE nspname = 'public' AND $1 <> ''",
    ] {
        let lines: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(format!("konzeptstudio_{}_%", groups.database))
            .fetch_all(&mut *c)
            .await
            .unwrap();
        out.push_str(&lines.join("\n"));
        out.push_str("\n--\n");
    }
    out
}

/// `team setup` is the owner's, all or nothing, and a second run leaves everything as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_setup_is_the_owners_and_idempotent() {
    let (db, admin) = seeded(Backend::PostgresRls).await;
    let owner = db.owner_location.clone().unwrap();
    let database = url(&owner).rsplit('/').next().unwrap().to_string();
    let groups = konzeptstudio::store::GroupRoles::for_database(&database).unwrap();
    let mut su = superuser(&db).await;
    let before = rights_state(&mut su, &groups).await;
    assert!(before.contains(&format!("{} > {database}_anna", groups.name(Role::Member))));
    assert!(before.contains(&format!("{} > {database}_chef", groups.name(Role::Admin))));

    let again = konzeptstudio::store::setup_team(&owner).await.unwrap();
    assert!(again.roles.iter().all(|r| !r.created), "{again:?}");
    assert!(again.connect_restricted);
    let anna = again
        .logins
        .iter()
        .find(|l| l.user.as_deref() == Some("anna"))
        .unwrap();
    assert_eq!(anna.state, "member");
    assert_eq!(
        rights_state(&mut su, &groups).await,
        before,
        "a second run changes nothing"
    );

    // Every table: row-level security, forced, and a decision in the grant table.
    let tables: Vec<(String, bool)> = sqlx::query_as(
        "SELECT CAST(relname AS TEXT), relrowsecurity AND relforcerowsecurity FROM pg_class \
         WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1",
    )
    .fetch_all(&mut su)
    .await
    .unwrap();
    assert!(tables.len() >= 24, "{tables:?}");
    for (table, forced) in &tables {
        assert!(forced, "{table} has no forced row-level security");
        assert!(
            konzeptstudio::store::TEAM_GRANTS
                .iter()
                .any(|(t, _)| t == table),
            "{table} is missing in store::team::GRANTS"
        );
    }

    // Not the owner: refused, nothing changed.
    let err = konzeptstudio::store::setup_team(&db.location)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "permission_denied", "{err}");
    assert!(err.to_string().contains("Eigentümer"), "{err}");
    // A file has no team database.
    let file = support::fresh(Backend::Sqlite).await;
    let err = konzeptstudio::store::setup_team(&file.location)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert_eq!(rights_state(&mut su, &groups).await, before);
    su.close().await.unwrap();
    admin.close().await;
}

/// `users add … --db-login` grants the login its group role (and refuses a login the server
/// does not have), `users deactivate` takes it away, `users activate` gives it back. The login
/// then opens the concept, which failed before ("Migration fehlgeschlagen: … permission
/// denied for schema public").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_follow_the_users_table() {
    let (mut db, admin) = seeded(Backend::PostgresRls).await;
    let database = url(db.owner_location.as_ref().unwrap())
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let groups = konzeptstudio::store::GroupRoles::for_database(&database).unwrap();
    let login = format!("{database}_greta");
    let greta = NewUser {
        name: "greta".into(),
        display_name: Some("Greta Beispiel".into()),
        role: Role::Member,
        ministry: Some("SMK".into()),
        db_login: Some(login.clone()),
    };
    let users_before = admin.users().await.unwrap().len();
    let err = admin.add_user(greta.clone()).await.unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert_eq!(err.message().key(), "db_login_missing");
    assert!(err.to_string().contains(&login), "{err}");
    assert_eq!(
        admin.users().await.unwrap().len(),
        users_before,
        "nothing written"
    );

    assert_eq!(create_login(&mut db, "greta").await, login);
    admin.add_user(greta).await.unwrap();
    let mut su = superuser(&db).await;
    let holds = |group: String| {
        format!(
            "SELECT COUNT(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid \
             JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = '{group}' AND r.rolname = '{login}'"
        )
    };
    assert_eq!(
        count(&mut su, &holds(groups.name(Role::Member).into())).await,
        1
    );
    let as_greta = Location::Postgres(with_login(url(&db.location), &login));
    let store = Store::open(&as_greta, None).await.unwrap();
    assert_eq!(store.actor().name, "greta");
    assert_eq!(store.measure("3.1.1").await.unwrap().code, "3.1.1");
    store.close().await;

    let off = admin.set_user_active("greta", false).await.unwrap();
    assert!(!off.active);
    assert_eq!(
        count(&mut su, &holds(groups.name(Role::Member).into())).await,
        0
    );
    let err = Store::open(&as_greta, None).await.unwrap_err();
    assert_eq!(err.code(), "permission_denied", "{err}");
    // With psql: not even connected (CONNECT belongs to the group roles), or else refused.
    match PgConnection::connect(url(&as_greta)).await {
        Ok(mut c) => {
            refused(&mut c, "SELECT COUNT(*) FROM measures").await;
            c.close().await.unwrap();
        }
        Err(e) => assert_eq!(
            e.as_database_error().and_then(|d| d.code()).as_deref(),
            Some("42501"),
            "{e}"
        ),
    }
    // Recorded like every change.
    let history = admin
        .revisions(
            konzeptstudio::model::EntityType::User,
            admin.user_by_name("greta").await.unwrap().unwrap().id,
        )
        .await
        .unwrap();
    assert_eq!(history.last().unwrap().changeset.action, "user.deactivate");

    admin.set_user_active("greta", true).await.unwrap();
    assert_eq!(
        count(&mut su, &holds(groups.name(Role::Member).into())).await,
        1
    );
    Store::open(&as_greta, None).await.unwrap().close().await;
    // Nobody deactivates themselves; and only admins deactivate anybody.
    assert_eq!(
        admin
            .set_user_active("chef", false)
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let dora = support::as_user(Backend::PostgresRls, &admin, "dora").await;
    assert_eq!(
        dora.set_user_active("greta", false)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    dora.close().await;
    su.close().await.unwrap();
    admin.close().await;
}

/// A team member's login never migrates: with an older schema it is told who must update it
/// (and how), and nothing is touched; a login the concept does not know is told what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_login_never_migrates() {
    let (mut db, admin) = seeded(Backend::PostgresRls).await;
    let mut su = superuser(&db).await;
    let newest: i64 = count(&mut su, "SELECT MAX(version) FROM _sqlx_migrations").await;
    // As if the program had been updated but not yet the database.
    rows(
        &mut su,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = {newest}"),
    )
    .await;
    let older = count(&mut su, "SELECT MAX(version) FROM _sqlx_migrations").await;
    let anna = admin.user_by_name("anna").await.unwrap().unwrap();
    let as_anna = Location::Postgres(with_login(
        url(&db.location),
        anna.db_login.as_deref().unwrap(),
    ));
    let err = Store::open(&as_anna, None).await.unwrap_err();
    assert_eq!(err.code(), "permission_denied", "{err}");
    assert_eq!(err.message().key(), "schema_update_needed");
    let text = err.to_string();
    assert!(
        text.contains("team setup") && text.contains("_owner"),
        "{text}"
    );
    assert_eq!(
        count(&mut su, "SELECT MAX(version) FROM _sqlx_migrations").await,
        older,
        "nothing was migrated"
    );
    rows(
        &mut su,
        &format!("UPDATE _sqlx_migrations SET version = {newest} WHERE version = -{newest}"),
    )
    .await;
    Store::open(&as_anna, None).await.unwrap().close().await;

    // A login of the server that is nobody's here: told what to do, not "permission denied
    // for schema public".
    let stranger = create_login(&mut db, "fremd").await;
    rows(
        &mut su,
        &format!(
            "GRANT CONNECT ON DATABASE {} TO {stranger}",
            url(&db.location).rsplit('/').next().unwrap()
        ),
    )
    .await;
    let err = Store::open(
        &Location::Postgres(with_login(url(&db.location), &stranger)),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "permission_denied", "{err}");
    assert_eq!(err.message().key(), "db_login_without_rights", "{err}");
    su.close().await.unwrap();
    admin.close().await;
}

/// The policies look the actor up once per statement (an InitPlan), not once per row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policies_look_up_the_actor_once_per_statement() {
    let (db, admin) = seeded(Backend::PostgresRls).await;
    weighed_comments(&admin).await;
    let mut anna = sql_as(&db, &admin, "anna").await;
    let plan: Vec<String> = sqlx::query_scalar(
        "EXPLAIN (COSTS OFF) SELECT id, status FROM comments WHERE status <> 'neu'",
    )
    .fetch_all(&mut anna)
    .await
    .unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("InitPlan"), "{plan}");
    assert!(
        !plan.contains("konzeptstudio_actor"),
        "the function is evaluated per row: {plan}"
    );
    anna.close().await.unwrap();
    admin.close().await;
}
