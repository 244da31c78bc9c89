//! `konzeptstudio bench --postgres URL --soak SECONDS [--clients N]`: many people at work on one
//! team database at once. Each client is a session of its own (its own connections) doing what
//! its role does, as fast as it can, on a deliberately small set of measures and comments so that
//! they collide: members and the drafting team edit measures (one by one and in bulk), staff
//! weigh comments, and importers read in batches of comments.
//!
//! Afterwards the history is checked against what the clients were told: every write reported
//! as done is in the history exactly once, nothing reported as failed is, every failure was a
//! conflict (a stale version, which the user is shown), and the audit chain verifies. The
//! integration test runs it briefly against the throw-away cluster and asserts exactly that;
//! the benchmark prints the figures (writes per second, conflicts, latencies).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::model::{NewComment, Role, Vote};
use crate::store::{BulkChange, Location, Resolution, Store, VersionedCode};

/// How many measures and comments the clients fight over.
const HOT_MEASURES: usize = 12;
const HOT_COMMENTS: usize = 150;
const IMPORT_BATCH: usize = 25;

#[derive(Debug, Clone)]
pub struct SoakConfig {
    pub clients: usize,
    pub duration: Duration,
}

/// One kind of action: how often it went through, how often it met a conflict, how long each took.
#[derive(Debug, Default, Clone)]
pub struct KindTally {
    pub done: u64,
    pub conflicts: u64,
    pub latencies: Vec<Duration>,
}

impl KindTally {
    /// The `p`-quantile (0..=1) of the latencies.
    pub fn quantile(&self, p: f64) -> Duration {
        let mut l = self.latencies.clone();
        l.sort();
        if l.is_empty() {
            return Duration::ZERO;
        }
        l[((l.len() - 1) as f64 * p).round() as usize]
    }
}

#[derive(Debug, Default)]
pub struct SoakReport {
    pub elapsed: Duration,
    pub kinds: BTreeMap<&'static str, KindTally>,
    /// Errors other than conflicts (each one reached a user): must stay empty.
    pub failures: Vec<String>,
    /// Differences between what clients were told and what the history holds: must stay empty.
    pub mismatches: Vec<String>,
    /// Links in the audit chain, which verified.
    pub chain_links: i64,
}

impl SoakReport {
    pub fn writes(&self) -> u64 {
        self.kinds.values().map(|k| k.done).sum()
    }
}

/// What the clients were told, for the check against the history.
#[derive(Default)]
struct Ledger {
    /// Per measure code: updates reported done.
    measure_updates: HashMap<String, i64>,
    /// Per comment id: weighings reported done.
    weighings: HashMap<i64, i64>,
    /// Reasons of changesets reported done / failed.
    done_reasons: Vec<String>,
    failed_reasons: Vec<String>,
    imported: usize,
}

/// The roles the clients play, in turn: half edit measures, one in ten edits in bulk, a quarter
/// weigh comments, the rest import.
fn kind_of(client: usize) -> &'static str {
    match client % 20 {
        0..=9 => "Maßnahme bearbeiten",
        10 | 11 => "Sammeländerung",
        12..=16 => "Stellungnahme abwägen",
        _ => "Stellungnahmen einlesen",
    }
}

/// Runs the soak against a concept with the demo's users (`demo::create`).
pub async fn soak(location: &Location, cfg: &SoakConfig) -> Result<SoakReport> {
    let root = Store::open(location, None).await?;
    let users = root.users().await?;
    let drafter = users
        .iter()
        .find(|u| u.role == Role::Drafter && u.active)
        .map(|u| u.name.clone())
        .ok_or_else(|| Error::Internal("Soak: kein Benutzer der Redaktion".into()))?;
    let staff = users
        .iter()
        .find(|u| u.role == Role::Staff && u.active)
        .map(|u| u.name.clone())
        .ok_or_else(|| Error::Internal("Soak: kein Benutzer der Geschäftsstelle".into()))?;
    let hot: Vec<(String, String)> = root
        .current_measure_data()
        .await?
        .into_iter()
        .take(HOT_MEASURES)
        .map(|(code, d)| (code, d.lead_ministry))
        .collect();
    let comments: Vec<i64> = root
        .comments(&Default::default())
        .await?
        .into_iter()
        .filter(|c| {
            c.status != crate::model::CommentStatus::Abgeschlossen && c.cluster_id.is_none()
        })
        .take(HOT_COMMENTS)
        .map(|c| c.id)
        .collect();
    let statuses: Vec<String> = crate::model::DEFAULT_STATUSES
        .iter()
        .map(|(k, _, _)| k.to_string())
        .collect();
    let mut start_versions = HashMap::new();
    for (code, _) in &hot {
        start_versions.insert(code.clone(), root.measure(code).await?.version);
    }
    let mut comment_versions = HashMap::new();
    for id in &comments {
        comment_versions.insert(*id, root.comment(*id).await?.version);
    }

    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let report = Arc::new(Mutex::new(SoakReport::default()));
    let started = Instant::now();
    let deadline = started + cfg.duration;
    let mut tasks = Vec::new();
    for client in 0..cfg.clients {
        let kind = kind_of(client);
        // Members edit the measures their ministry leads; the rest act as the drafting team.
        let member = users.iter().find(|u| {
            u.role == Role::Member
                && u.active
                && client % 2 == 1
                && hot
                    .iter()
                    .any(|(_, lead)| Some(lead) == u.ministry.as_ref())
        });
        let (user, mine): (String, Vec<String>) = match (kind, member) {
            ("Maßnahme bearbeiten", Some(m)) => (
                m.name.clone(),
                hot.iter()
                    .filter(|(_, lead)| Some(lead) == m.ministry.as_ref())
                    .map(|(c, _)| c.clone())
                    .collect(),
            ),
            ("Maßnahme bearbeiten" | "Sammeländerung", _) => (
                drafter.clone(),
                hot.iter().map(|(c, _)| c.clone()).collect(),
            ),
            _ => (staff.clone(), Vec::new()),
        };
        let session = Store::open(location, None).await?.act_as(&user).await?;
        let (ledger, report, comments, statuses) = (
            ledger.clone(),
            report.clone(),
            comments.clone(),
            statuses.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut rng = fastrand::Rng::with_seed(client as u64);
            let mut n = 0_u64;
            while Instant::now() < deadline {
                n += 1;
                let reason = format!("soak {client}/{n}");
                let t = Instant::now();
                let outcome = act(
                    &session, kind, &mut rng, &reason, &mine, &comments, &statuses,
                )
                .await;
                let took = t.elapsed();
                let mut r = report.lock().expect("not poisoned");
                let tally = r.kinds.entry(kind).or_default();
                let mut l = ledger.lock().expect("not poisoned");
                match outcome {
                    Ok(Done::Nothing) => {}
                    Ok(done) => {
                        tally.done += 1;
                        tally.latencies.push(took);
                        match done {
                            Done::Measures(codes) => {
                                for c in codes {
                                    *l.measure_updates.entry(c).or_default() += 1;
                                }
                                l.done_reasons.push(reason);
                            }
                            Done::Weighed(id) => *l.weighings.entry(id).or_default() += 1,
                            Done::Imported(k) => {
                                l.imported += k;
                                l.done_reasons.push(reason);
                            }
                            Done::Nothing => {}
                        }
                    }
                    Err(Error::Conflict { .. }) => {
                        tally.conflicts += 1;
                        tally.latencies.push(took);
                        l.failed_reasons.push(reason);
                    }
                    Err(e) => {
                        r.failures.push(format!("{kind} (Client {client}): {e}"));
                        l.failed_reasons.push(reason);
                    }
                }
            }
            session.close().await;
        }));
    }
    for t in tasks {
        t.await
            .map_err(|e| Error::Internal(format!("Soak-Client: {e}")))?;
    }
    let mut report = Arc::try_unwrap(report)
        .map_err(|_| Error::Internal("Soak: Bericht noch geteilt".into()))?
        .into_inner()
        .expect("not poisoned");
    report.elapsed = started.elapsed();
    let ledger = Arc::try_unwrap(ledger)
        .map_err(|_| Error::Internal("Soak: Buch noch geteilt".into()))?
        .into_inner()
        .expect("not poisoned");

    // The history against the ledger.
    for (code, start) in &start_versions {
        let now = root.measure(code).await?.version;
        let told = ledger.measure_updates.get(code).copied().unwrap_or(0);
        if now - start != told {
            report.mismatches.push(format!(
                "Maßnahme {code}: {told} Änderungen gemeldet, Version {start} → {now}"
            ));
        }
    }
    for (id, start) in &comment_versions {
        let now = root.comment(*id).await?.version;
        let told = ledger.weighings.get(id).copied().unwrap_or(0);
        if now - start != told {
            report.mismatches.push(format!(
                "Stellungnahme {id}: {told} Abwägungen gemeldet, Version {start} → {now}"
            ));
        }
    }
    let mut in_history: HashMap<String, i64> = HashMap::new();
    let reasons: Vec<Option<String>> =
        sqlx::query_scalar("SELECT reason FROM changesets WHERE reason LIKE 'soak %'")
            .fetch_all(root.pool())
            .await?;
    for r in reasons.into_iter().flatten() {
        *in_history.entry(r).or_default() += 1;
    }
    for r in &ledger.done_reasons {
        match in_history.remove(r) {
            Some(1) => {}
            found => report.mismatches.push(format!(
                "„{r}“ gemeldet, in der Historie {} mal",
                found.unwrap_or(0)
            )),
        }
    }
    for r in &ledger.failed_reasons {
        if in_history.remove(r).is_some() {
            report.mismatches.push(format!(
                "„{r}“ als gescheitert gemeldet, steht aber in der Historie"
            ));
        }
    }
    for r in in_history.keys() {
        report.mismatches.push(format!(
            "„{r}“ steht in der Historie, wurde aber nie gemeldet"
        ));
    }
    let imported: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments c JOIN channels ch ON ch.id = c.channel_id WHERE ch.key = 'soak'",
    )
    .fetch_one(root.pool())
    .await?;
    if imported != ledger.imported as i64 {
        report.mismatches.push(format!(
            "{} Stellungnahmen als eingelesen gemeldet, {imported} gespeichert",
            ledger.imported
        ));
    }
    report.chain_links = root.audit_verify(None).await?.links;
    root.close().await;
    Ok(report)
}

enum Done {
    Measures(Vec<String>),
    Weighed(i64),
    Imported(usize),
    Nothing,
}

/// One action of a client's kind.
async fn act(
    s: &Store,
    kind: &str,
    rng: &mut fastrand::Rng,
    reason: &str,
    measures: &[String],
    comments: &[i64],
    statuses: &[String],
) -> Result<Done> {
    match kind {
        "Maßnahme bearbeiten" => {
            let Some(code) = pick(rng, measures) else {
                return Ok(Done::Nothing);
            };
            let m = s.measure(code).await?;
            let mut data = m.data.clone();
            data.progress = (data.progress + 1 + rng.i64(0..10)) % 101;
            let w = s
                .update_measure(code, m.version, data, Some(reason), None)
                .await?;
            Ok(if w.changed {
                Done::Measures(vec![code.clone()])
            } else {
                Done::Nothing
            })
        }
        "Sammeländerung" => {
            let status = pick(rng, statuses).cloned().unwrap_or_default();
            let mut targets = Vec::new();
            for _ in 0..3 {
                let Some(code) = pick(rng, measures) else {
                    break;
                };
                if targets.iter().any(|t: &VersionedCode| &t.code == code) {
                    continue;
                }
                let m = s.measure(code).await?;
                if m.data.status != status {
                    targets.push(VersionedCode {
                        code: code.clone(),
                        version: m.version,
                    });
                }
            }
            if targets.is_empty() {
                return Ok(Done::Nothing);
            }
            let change = BulkChange {
                status: Some(status),
                lead_ministry: None,
            };
            let n = s
                .update_measures_bulk(&targets, &change, Some(reason))
                .await?;
            if n != targets.len() {
                return Err(Error::Internal(format!(
                    "Sammeländerung: {n} von {} geändert",
                    targets.len()
                )));
            }
            Ok(Done::Measures(
                targets.into_iter().map(|t| t.code).collect(),
            ))
        }
        "Stellungnahme abwägen" => {
            let Some(&id) = pick(rng, comments) else {
                return Ok(Done::Nothing);
            };
            let c = s.comment(id).await?;
            let vote = Vote::ALL[rng.usize(0..Vote::ALL.len())];
            let r = Resolution {
                vote,
                answer: format!("Antwort ({reason})"),
                measure: None,
                internal_note: None,
                template: None,
            };
            s.weigh_comment(id, c.version, &r).await?;
            Ok(Done::Weighed(id))
        }
        _ => {
            let batch: Vec<NewComment> = (0..IMPORT_BATCH)
                .map(|k| NewComment {
                    external_id: Some(format!("{}-{k}", reason.replace([' ', '/'], "-"))),
                    submitter: None,
                    organisation: None,
                    submitter_type: None,
                    received_at: "2026-12-01T10:00:00.000Z".into(),
                    text: format!("Stellungnahme {k} aus dem Lasttest ({reason})"),
                    measure: None,
                    field: None,
                    illustrative: false,
                })
                .collect();
            let r = s
                .insert_comments("soak", "Lasttest", &batch, Some(reason))
                .await?;
            Ok(Done::Imported(r.imported))
        }
    }
}

fn pick<'a, T>(rng: &mut fastrand::Rng, from: &'a [T]) -> Option<&'a T> {
    (!from.is_empty()).then(|| &from[rng.usize(0..from.len())])
}

/// `bench --postgres URL --soak SECONDS --clients N`: a fresh demo database, the soak, figures.
pub async fn run(url: &str, clients: usize, seconds: u64) -> Result<()> {
    let direct = super::fresh_postgres(url, "soak").await?;
    let location = Location::Postgres(direct);
    println!("Demo-Konzept anlegen in {} …", location.display());
    crate::demo::create(&location).await?.close().await;
    println!("{clients} Sitzungen arbeiten {seconds} s gleichzeitig …");
    let report = soak(
        &location,
        &SoakConfig {
            clients,
            duration: Duration::from_secs(seconds),
        },
    )
    .await?;
    let secs = report.elapsed.as_secs_f64();
    println!(
        "\n{:<26} {:>8} {:>10} {:>9} {:>9} {:>9}",
        "Aktion", "erledigt", "Konflikte", "p50 ms", "p95 ms", "max ms"
    );
    for (kind, t) in &report.kinds {
        println!(
            "{:<26} {:>8} {:>10} {:>9.1} {:>9.1} {:>9.1}",
            kind,
            t.done,
            t.conflicts,
            t.quantile(0.5).as_secs_f64() * 1e3,
            t.quantile(0.95).as_secs_f64() * 1e3,
            t.quantile(1.0).as_secs_f64() * 1e3,
        );
    }
    println!(
        "\n{} Schreibvorgänge in {secs:.1} s = {:.1}/s; Fehler außer Konflikten: {}; \
         Abweichungen von der Historie: {}; Prüfkette: {} Glieder, in Ordnung",
        report.writes(),
        report.writes() as f64 / secs,
        report.failures.len(),
        report.mismatches.len(),
        report.chain_links
    );
    for f in report.failures.iter().chain(&report.mismatches).take(20) {
        println!("  {f}");
    }
    Ok(())
}
