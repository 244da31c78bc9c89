//! The `konzeptstudio` command line: parses, opens the store, calls the core, prints. People get
//! German text, scripts get `--json`; errors go to stderr with the exit codes of [`Error`].

mod adopt;
mod args;
mod audit;
mod backup;
mod comments;
mod concept;
mod cosign;
mod hints;
mod measures;
mod render;
mod reports;
mod table;

use std::io::Write;

use clap::Parser;
use serde::Serialize;

pub use args::Cli;
use args::*;
use table::Table;

use crate::error::{Error, Result};
use crate::format;
use crate::import::concept::DEFAULT_TITLE;
use crate::model::{Concept, EditionStatus, Role};
use crate::store::{AsOf, Location, Store};

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let json = cli.json;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Fehler: {e}");
            return 1;
        }
    };
    // Where the store is: a lost connection's message names the team database's server.
    let loc = location(&cli).ok();
    match runtime.block_on(run(cli)) {
        Ok(()) => 0,
        Err(e) => {
            let e = match &loc {
                Some(loc) => e.at(loc),
                None => e,
            };
            if json {
                let payload = serde_json::json!({"error": e.to_payload()});
                eprintln!("{payload}");
            } else {
                eprintln!("Fehler: {e}");
                if let Some(hint) = hints::hint(&e.message()) {
                    eprintln!("Hinweis: {hint}");
                }
            }
            e.exit_code()
        }
    }
}

fn default_db() -> Result<String> {
    let dirs = directories::ProjectDirs::from("de", "", "Konzeptstudio")
        .ok_or_else(|| Error::Internal("kein Datenverzeichnis für diesen Benutzer".into()))?;
    Ok(dirs.data_dir().join("konzept.sqlite").display().to_string())
}

fn location(cli: &Cli) -> Result<Location> {
    Ok(Location::parse(&match &cli.db {
        Some(db) => db.clone(),
        None => default_db()?,
    }))
}

async fn open(cli: &Cli) -> Result<Store> {
    let store = Store::open(&location(cli)?, cli.act_as.as_deref()).await?;
    warn_if_on_share(cli, &store);
    Ok(store)
}

/// Tells the user that the concept file lies on a network share, on stderr (stdout is the
/// command's output): German text, or with `--json` one line `{"warning": {key, params,
/// message}}` like an error's.
fn warn_if_on_share(cli: &Cli, store: &Store) {
    let (Location::File(path), Some(share)) = (store.location(), store.network_share()) else {
        return;
    };
    let m = crate::messages::Message::NetworkShare {
        path: path.display().to_string(),
        kind: share.kind.clone(),
    };
    let text = crate::messages::de::text(&m);
    if cli.json {
        let mut warning = serde_json::to_value(&m).unwrap_or_default();
        warning["message"] = text.into();
        eprintln!("{}", serde_json::json!({ "warning": warning }));
    } else {
        eprintln!("Hinweis: {text}");
    }
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}")?;
    Ok(())
}

/// Text for a terminal: control characters other than line breaks and tabs are replaced, since
/// texts may come from the public and terminal escape sequences must not reach the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Writes text for people (see [`printable`]).
pub(crate) fn print(text: &str) -> Result<()> {
    let text = printable(text);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A text given on the command line, or with `@datei` read from that file.
pub(crate) fn text_or_file(raw: &str, field: &str) -> Result<String> {
    match raw.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::invalid(field, format!("Datei {path} nicht lesbar: {e}"))),
        None => Ok(raw.to_string()),
    }
}

pub(crate) fn parse_date(s: &str, field: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| Error::invalid(field, format!("„{s}“ ist kein gültiges Datum (JJJJ-MM-TT)")))
}

async fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Init(a) => init(&cli, a).await,
        Command::Generate(a) => {
            let store = open(&cli).await?;
            let report = crate::synth::generate(&store, a.measures, a.comments, a.seed).await?;
            if cli.json {
                print_json(&report)
            } else {
                print(&format!(
                    "{} Maßnahmen und {} Stellungnahmen erzeugt.",
                    report.measures, report.comments
                ))
            }
        }
        Command::Overview { as_of } => overview(&cli, as_of.as_deref()).await,
        Command::Backup(a) => backup::backup(&cli, &open(&cli).await?, a).await,
        Command::Restore(a) => backup::restore(&cli, a).await,
        Command::Copy(a) => backup::copy(&cli, &open(&cli).await?, a).await,
        Command::Concept(c) => concept::run(&cli, &open(&cli).await?, c).await,
        Command::Measures(c) => measures::run(&cli, &open(&cli).await?, c).await,
        Command::Fields(FieldsCommand::List) => fields(&cli).await,
        Command::Ministries(c) => ministries(&cli, c).await,
        Command::Editions(c) => editions(&cli, c).await,
        Command::Users(c) => users(&cli, c).await,
        Command::Comments(c) => comments::run(&cli, &open(&cli).await?, c).await,
        Command::Export(c) => comments::export(&cli, &open(&cli).await?, c).await,
        Command::Search(a) => search(&cli, a).await,
        Command::Render(c) => render::run(&cli, &open(&cli).await?, c).await,
        Command::Cosign(c) => cosign::run(&cli, &open(&cli).await?, c).await,
        Command::Reports(c) => reports::run(&cli, &open(&cli).await?, c).await,
        Command::Audit(c) => audit::run(&cli, &open(&cli).await?, c).await,
        Command::Team(TeamCommand::Setup) => team_setup(&cli).await,
        Command::Bench(a) if a.office => {
            let dir = a
                .dir
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join("konzeptstudio-bench"));
            std::fs::create_dir_all(&dir)?;
            crate::bench::run_office(&dir).await
        }
        Command::Bench(BenchArgs {
            postgres: Some(url),
            rtt: Some(rtt),
            ..
        }) => crate::bench::run_wan(url, *rtt).await,
        Command::Bench(BenchArgs {
            postgres: Some(url),
            soak: Some(seconds),
            clients,
            ..
        }) => crate::bench::soak::run(url, *clients, *seconds).await,
        Command::Bench(a) if a.render => {
            let dir = a
                .dir
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join("konzeptstudio-bench"));
            std::fs::create_dir_all(&dir)?;
            crate::bench::run_render(&dir).await
        }
        Command::Bench(a) => {
            crate::bench::run(
                a.scales.as_str(),
                a.postgres.as_deref(),
                a.dir.clone(),
                a.reuse,
            )
            .await
        }
    }
}

async fn init(cli: &Cli, a: &InitArgs) -> Result<()> {
    if let Some(from) = &a.from {
        return adopt::run(cli, a, from).await;
    }
    let loc = location(cli)?;
    let title = a.title.clone().unwrap_or_else(|| DEFAULT_TITLE.to_string());
    let store = if a.demo {
        crate::demo::create(&loc).await?
    } else {
        Store::init(
            &loc,
            &Concept {
                title: title.clone(),
                short_title: title,
                ..Default::default()
            },
        )
        .await?
    };
    warn_if_on_share(cli, &store);
    if cli.json {
        print_json(&serde_json::json!({
            "location": loc.display(),
            "admin": store.actor().name,
            "demo": a.demo,
            "network_share": store.network_share(),
        }))
    } else {
        print(&format!(
            "Konzept angelegt: {}\nAdministration: {}{}",
            loc.display(),
            store.actor().name,
            if a.demo {
                "\nDemokonzept ZIK II geladen (Beispielinhalte sind als solche markiert)."
            } else {
                ""
            }
        ))
    }
}

async fn overview(cli: &Cli, as_of: Option<&str>) -> Result<()> {
    let store = open(cli).await?;
    let statuses = store.statuses().await?;
    let mut editions = store.editions().await?;
    let as_of = as_of.map(|a| AsOf::parse(a, "as_of")).transpose()?;
    let (concept, fields, measures) = match &as_of {
        None => (
            store.concept().await?,
            store.fields().await?,
            store.list_measures(&Default::default()).await?,
        ),
        Some(a) => {
            let state = store.state_at(a).await?;
            // Editions frozen by then, with their status of then.
            editions = state.editions(editions);
            let measures = state.list(&Default::default());
            let fields = state.fields;
            let concept = match state.concept {
                Some(c) => c,
                None => store.concept().await?,
            };
            (concept, fields, measures)
        }
    };
    if cli.json {
        let mut json = serde_json::json!({
            "concept": concept,
            "fields": fields,
            "measure_count": measures.len(),
            "editions": editions,
        });
        if let Some(a) = &as_of {
            json["as_of"] = a.until.clone().into();
        }
        return print_json(&json);
    }
    let mut s = format!("{}\n", concept.title);
    if let Some(a) = &as_of {
        s.push_str(&format!("Stand vom {}\n", a.label));
    }
    if !concept.leitidee.is_empty() {
        s.push_str(&format!("Leitidee: „{}“\n", concept.leitidee));
    }
    s.push_str(&format!(
        "{} Handlungsfelder, {} Maßnahmen, Gesamtbudget {}\n\n",
        fields.iter().filter(|f| f.parent.is_none()).count(),
        measures.len(),
        format::euro(measures.iter().map(|m| m.budget_cents).sum())
    ));
    let mut headers = vec!["Nr.".to_string(), "Handlungsfeld".to_string()];
    headers.extend(statuses.iter().map(|s| s.label.clone()));
    let mut t = Table::with_headers(headers);
    // "In a field" includes its sub-fields, by the field tree (the one definition).
    let within = crate::model::field_tree::all_descendants(&fields);
    for f in &fields {
        let numbers = within.get(&f.number).map(Vec::as_slice).unwrap_or_default();
        let in_field: Vec<_> = measures
            .iter()
            .filter(|m| numbers.contains(&m.field))
            .collect();
        let mut row = vec![
            f.number.clone(),
            if f.parent.is_some() {
                format!("  {}", f.title)
            } else {
                f.title.clone()
            },
        ];
        for st in &statuses {
            let n = in_field.iter().filter(|m| m.status == st.key).count();
            row.push(if n == 0 { "·".into() } else { n.to_string() });
        }
        t.row(row);
    }
    s.push_str(&t.render());
    if !editions.is_empty() {
        s.push_str("\nFassungen:\n");
        for e in &editions {
            s.push_str(&format!(
                "  {} ({}), {} Maßnahmen\n",
                e.name,
                edition_state(e),
                e.measure_count
            ));
        }
    }
    print(&s)
}

/// "beschlossen am 24.04.2018", "abgelöst (beschlossen am 20.03.2012)", "Entwurf".
fn edition_state(e: &crate::model::Edition) -> String {
    match (e.status, e.adopted_on) {
        (EditionStatus::Beschlossen, Some(d)) => format!("beschlossen am {}", format::date(d)),
        (status, Some(d)) => format!("{}; beschlossen am {}", status.label(), format::date(d)),
        (status, None) => status.label().to_string(),
    }
}

async fn fields(cli: &Cli) -> Result<()> {
    let store = open(cli).await?;
    let fields = store.fields().await?;
    let goals = store.goals(None).await?;
    if cli.json {
        return print_json(&serde_json::json!({"fields": fields, "goals": goals}));
    }
    let mut s = String::new();
    for f in &fields {
        let indent = if f.parent.is_some() { "  " } else { "" };
        s.push_str(&format!("{indent}{} {}\n", f.number, f.title));
        for g in goals.iter().filter(|g| g.field == f.number) {
            s.push_str(&format!("{indent}    Ziel {}: {}\n", g.id, g.text));
        }
    }
    print(&s)
}

async fn ministries(cli: &Cli, c: &MinistriesCommand) -> Result<()> {
    let store = open(cli).await?;
    match c {
        MinistriesCommand::List => {
            let list = store.ministries().await?;
            if cli.json {
                return print_json(&list);
            }
            let mut t = Table::new(["Kürzel", "Name", "gültig ab", "gültig bis", "Nachfolger"]);
            for m in list {
                t.row(vec![
                    m.abbreviation,
                    m.name,
                    format::opt_date(m.valid_from),
                    format::opt_date(m.valid_to),
                    m.successor.unwrap_or_default(),
                ]);
            }
            print(&t.render())
        }
        MinistriesCommand::Add {
            abbreviation,
            name,
            valid_from,
        } => {
            let from = valid_from
                .as_deref()
                .map(|d| parse_date(d, "valid_from"))
                .transpose()?;
            let m = store.add_ministry(abbreviation, name, from).await?;
            if cli.json {
                print_json(&m)
            } else {
                print(&format!("Ressort {} angelegt.", m.abbreviation))
            }
        }
        MinistriesCommand::Restructure {
            abbreviation,
            successor,
            date,
            reason,
        } => {
            let date = parse_date(date, "date")?;
            let r = store
                .restructure_ministry(abbreviation, successor, date, reason.as_deref())
                .await?;
            if cli.json {
                return print_json(&r);
            }
            print(&format!(
                "{} → {} zum {}: {} Maßnahmen federführend, {} beteiligt, {} Benutzer, {} Stellungnahmen übergeben.",
                r.from,
                r.to,
                format::date(r.date),
                r.measures_lead.len(),
                r.measures_co.len(),
                r.users,
                r.comments
            ))
        }
    }
}

fn parse_edition_status(s: &str) -> Result<EditionStatus> {
    EditionStatus::parse(s).ok_or_else(|| {
        Error::invalid(
            "status",
            format!(
                "Fassungsstatus „{s}“ gibt es nicht (möglich: {})",
                EditionStatus::ALL.map(|s| s.key()).join(", ")
            ),
        )
    })
}

async fn editions(cli: &Cli, c: &EditionsCommand) -> Result<()> {
    let store = open(cli).await?;
    match c {
        EditionsCommand::Freeze {
            name,
            status,
            adopted,
            note,
        } => {
            let status = parse_edition_status(status)?;
            let adopted = adopted
                .as_deref()
                .map(|d| parse_date(d, "adopted"))
                .transpose()?;
            let e = store.freeze_edition(name, status, adopted, note).await?;
            if cli.json {
                print_json(&e)
            } else {
                print(&format!(
                    "Fassung „{}“ eingefroren ({} Maßnahmen).",
                    e.name, e.measure_count
                ))
            }
        }
        EditionsCommand::Status {
            name,
            status,
            adopted,
        } => {
            let status = parse_edition_status(status)?;
            let adopted = adopted
                .as_deref()
                .map(|d| parse_date(d, "adopted"))
                .transpose()?;
            let e = store.set_edition_status(name, status, adopted).await?;
            if cli.json {
                print_json(&e)
            } else {
                print(&format!("Fassung „{}“: {}", e.name, e.status.label()))
            }
        }
        EditionsCommand::List => {
            let list = store.editions().await?;
            if cli.json {
                return print_json(&list);
            }
            let mut t = Table::new([
                "Fassung",
                "Status",
                "beschlossen",
                "eingefroren",
                "von",
                "Maßnahmen",
            ]);
            for e in list {
                t.row(vec![
                    e.name,
                    e.status.label().into(),
                    format::opt_date(e.adopted_on),
                    format::timestamp(&e.frozen_at),
                    e.frozen_by,
                    e.measure_count.to_string(),
                ]);
            }
            print(&t.render())
        }
    }
}

async fn users(cli: &Cli, c: &UsersCommand) -> Result<()> {
    let store = open(cli).await?;
    match c {
        UsersCommand::Add {
            name,
            role,
            ministry,
            display_name,
            db_login,
        } => {
            let role = Role::parse(role).ok_or_else(|| {
                Error::invalid(
                    "role",
                    format!("Rolle „{role}“ gibt es nicht (member, drafter, staff, admin)"),
                )
            })?;
            let u = store
                .add_user(crate::store::NewUser {
                    name: name.clone(),
                    display_name: display_name.clone(),
                    role,
                    ministry: ministry.clone(),
                    db_login: db_login.clone(),
                })
                .await?;
            if cli.json {
                print_json(&u)
            } else {
                print(&format!(
                    "Benutzer {} ({}) angelegt.",
                    u.name,
                    u.role.label()
                ))
            }
        }
        UsersCommand::Deactivate { name } | UsersCommand::Activate { name } => {
            let active = matches!(c, UsersCommand::Activate { .. });
            let u = store.set_user_active(name, active).await?;
            if cli.json {
                return print_json(&u);
            }
            print(&format!(
                "Benutzer {} ist {}.",
                u.name,
                if u.active { "aktiv" } else { "deaktiviert" }
            ))
        }
        UsersCommand::List => {
            let list = store.users().await?;
            if cli.json {
                return print_json(&list);
            }
            let mut t = Table::new(["Name", "Anzeigename", "Rolle", "Ressort", "aktiv"]);
            for u in list {
                t.row(vec![
                    u.name,
                    u.display_name,
                    u.role.label().into(),
                    u.ministry.unwrap_or_default(),
                    if u.active { "ja".into() } else { "nein".into() },
                ]);
            }
            print(&t.render())
        }
    }
}

async fn team_setup(cli: &Cli) -> Result<()> {
    let report = crate::store::setup_team(&location(cli)?).await?;
    if cli.json {
        return print_json(&report);
    }
    let mut out = format!(
        "Teamdatenbank {} eingerichtet (Schema-Version {}, Eigentümer {}).\n\nGruppenrollen:\n",
        report.database, report.schema_version, report.owner
    );
    for r in &report.roles {
        out.push_str(&format!(
            "  {} ({}){}\n",
            r.name,
            r.role.label(),
            if r.created { ", neu angelegt" } else { "" }
        ));
    }
    let mut t = Table::new(["Anmeldung", "Benutzer", "Stand"]);
    for l in &report.logins {
        let state = match l.state.as_str() {
            "missing" => "fehlt auf dem Server: die IT legt sie an, dann team setup erneut".into(),
            "none" => "keine Gruppenrolle (Benutzer deaktiviert oder gelöscht)".into(),
            "nologin" => "darf sich nicht anmelden: keine Gruppenrolle".into(),
            "owner" => "Eigentümer oder Superuser: unverändert".into(),
            role => Role::parse(role)
                .map(|r| format!("Gruppenrolle {}", r.label()))
                .unwrap_or_else(|| role.to_string()),
        };
        t.row(vec![
            l.login.clone(),
            l.user.clone().unwrap_or_default(),
            state,
        ]);
    }
    out.push_str("\nAnmeldungen:\n");
    out.push_str(&t.render());
    if !report.connect_restricted {
        out.push_str(
            "\nHinweis: Die Datenbank gehört einer anderen Rolle; CONNECT wurde nicht auf die \
             Gruppenrollen beschränkt (REVOKE CONNECT ON DATABASE … FROM PUBLIC durch deren \
             Eigentümer).\n",
        );
    }
    print(&out)
}

async fn search(cli: &Cli, a: &SearchArgs) -> Result<()> {
    let store = open(cli).await?;
    let r = store.search(&a.text, a.limit).await?;
    if cli.json {
        return print_json(&r);
    }
    let mut s = format!("Maßnahmen: {} Treffer\n", r.measure_total);
    for h in &r.measures {
        s.push_str(&format!("  {}  {}\n      {}\n", h.key, h.title, h.snippet));
    }
    let total = if r.comment_total > crate::store::SEARCH_COUNT_CAP {
        format!("mehr als {}", crate::store::SEARCH_COUNT_CAP)
    } else {
        r.comment_total.to_string()
    };
    s.push_str(&format!("Stellungnahmen: {total} Treffer\n"));
    for h in &r.comments {
        s.push_str(&format!("  {}  {}\n", h.key, h.snippet));
    }
    print(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_from_data_are_not_printed() {
        let s = printable("Titel\u{1b}[2J\u{7}\nzweite Zeile\tmit Tab");
        assert_eq!(s, "Titel\u{fffd}[2J\u{fffd}\nzweite Zeile\tmit Tab");
    }
}
