//! `konzeptstudio bench --postgres URL --rtt MS`: the team database behind a WAN. Starts a delay
//! proxy on 127.0.0.1 in front of the server, counts what every user action sends through it
//! (statements, round trips, connections) and how long it takes, for the CLI's start-up and the
//! app's screens and writes. Figures, not pass/fail: the budgets are in ARCHITECTURE.md.
//!
//! Counting happens on the wire, so it sees what sqlx really sends: a *statement* is a simple
//! `Query` or an extended-protocol `Execute` message; a *round trip* is a client message that
//! follows an answer of the server (as `../shared/tools/latency-proxy.py` counts turnarounds);
//! a *prepare* is a `Parse` (a statement text the connection had not prepared yet).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use crate::error::{Error, Result};
use crate::model::{EntityType, Role};
use crate::store::{CommentFilter, Location, MeasureFilter, Store};

/// What passed through the proxy so far.
#[derive(Default)]
struct Counters {
    round_trips: AtomicU64,
    statements: AtomicU64,
    prepares: AtomicU64,
    connections: AtomicU64,
}

#[derive(Clone, Copy, Default)]
struct Tally {
    round_trips: u64,
    statements: u64,
    prepares: u64,
    connections: u64,
}

impl Counters {
    fn tally(&self) -> Tally {
        Tally {
            round_trips: self.round_trips.load(Ordering::SeqCst),
            statements: self.statements.load(Ordering::SeqCst),
            prepares: self.prepares.load(Ordering::SeqCst),
            connections: self.connections.load(Ordering::SeqCst),
        }
    }
}

impl std::ops::Sub for Tally {
    type Output = Tally;
    fn sub(self, o: Tally) -> Tally {
        Tally {
            round_trips: self.round_trips - o.round_trips,
            statements: self.statements - o.statements,
            prepares: self.prepares - o.prepares,
            connections: self.connections - o.connections,
        }
    }
}

/// Which side spoke last on a connection: a client chunk after a server chunk is a round trip.
#[derive(Default)]
struct Turn {
    server_spoke: std::sync::atomic::AtomicBool,
}

/// Reads PostgreSQL frontend messages from the client's byte stream and counts statements.
/// The start-up phase has untyped messages (SSLRequest, GSSENCRequest, StartupMessage); after
/// the StartupMessage every message is a type byte and a length.
#[derive(Default)]
struct FrontendParser {
    buf: Vec<u8>,
    started: bool,
}

impl FrontendParser {
    fn feed(&mut self, data: &[u8], counters: &Counters) {
        self.buf.extend_from_slice(data);
        loop {
            if !self.started {
                if self.buf.len() < 8 {
                    return;
                }
                let len = u32::from_be_bytes([self.buf[0], self.buf[1], self.buf[2], self.buf[3]])
                    as usize;
                if self.buf.len() < len {
                    return;
                }
                let code = u32::from_be_bytes([self.buf[4], self.buf[5], self.buf[6], self.buf[7]]);
                // 80877103 SSLRequest, 80877104 GSSENCRequest: another untyped message follows.
                if code != 80_877_103 && code != 80_877_104 {
                    self.started = true;
                }
                self.buf.drain(..len.max(8));
                continue;
            }
            if self.buf.len() < 5 {
                return;
            }
            let len =
                u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
            if self.buf.len() < 1 + len {
                return;
            }
            match self.buf[0] {
                b'Q' | b'E' => {
                    counters.statements.fetch_add(1, Ordering::SeqCst);
                }
                b'P' => {
                    counters.prepares.fetch_add(1, Ordering::SeqCst);
                }
                _ => {}
            }
            self.buf.drain(..1 + len);
        }
    }
}

/// A TCP proxy on 127.0.0.1 that delivers every chunk `delay` after it arrived, in each
/// direction (so the round-trip time is twice that), and counts.
struct Proxy {
    port: u16,
    counters: Arc<Counters>,
}

impl Proxy {
    async fn start(target: String, delay: Duration) -> Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let counters = Arc::new(Counters::default());
        let c = counters.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&target).await else {
                    continue;
                };
                c.connections.fetch_add(1, Ordering::SeqCst);
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                tokio::spawn(pipe_pair(client, server, delay, c.clone()));
            }
        });
        Ok(Proxy { port, counters })
    }
}

async fn pipe_pair(client: TcpStream, server: TcpStream, delay: Duration, c: Arc<Counters>) {
    let turn = Arc::new(Turn::default());
    // A new connection starts with the client speaking: that first message is a round trip.
    turn.server_spoke.store(true, Ordering::SeqCst);
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    let up = pipe(cr, sw, delay, Some(c.clone()), turn.clone());
    let down = pipe(sr, cw, delay, None, turn);
    let _ = tokio::join!(up, down);
}

/// Copies one direction with a fixed delay per chunk; `upstream` counters are given for the
/// client-to-server direction only.
async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    delay: Duration,
    upstream: Option<Arc<Counters>>,
    turn: Arc<Turn>,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((due, data)) = rx.recv().await {
            tokio::time::sleep_until(due.into()).await;
            if to.write_all(&data).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut parser = FrontendParser::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        match &upstream {
            Some(c) => {
                if turn.server_spoke.swap(false, Ordering::SeqCst) {
                    c.round_trips.fetch_add(1, Ordering::SeqCst);
                }
                parser.feed(&buf[..n], c);
            }
            None => turn.server_spoke.store(true, Ordering::SeqCst),
        }
        if tx
            .send((Instant::now() + delay, buf[..n].to_vec()))
            .is_err()
        {
            break;
        }
    }
    drop(tx);
    let _ = writer.await;
}

/// host:port of a postgres:// URL (the proxy's target).
fn host_port(url: &str) -> Result<String> {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .ok_or_else(|| Error::invalid("postgres", "keine postgres://-URL"))?;
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() {
        return Err(Error::invalid("postgres", "die URL nennt keinen Server"));
    }
    Ok(if host.contains(':') {
        host.to_string()
    } else {
        format!("{host}:5432")
    })
}

/// The same URL pointing at the proxy, without TLS (the proxy reads the protocol to count).
fn via_proxy(url: &str, port: u16) -> Result<String> {
    let target = host_port(url)?;
    let url = url.replacen(&target, &format!("127.0.0.1:{port}"), 1);
    let url = if url.contains(&format!("127.0.0.1:{port}")) {
        url
    } else {
        // The URL named the host without a port.
        let host = target.trim_end_matches(":5432");
        url.replacen(host, &format!("127.0.0.1:{port}"), 1)
    };
    let sep = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{sep}sslmode=disable"))
}

struct Row {
    action: String,
    budget: &'static str,
    tally: Tally,
    elapsed: Duration,
}

struct Meter {
    counters: Arc<Counters>,
    rows: Vec<Row>,
}

impl Meter {
    async fn measure<T, F>(
        &mut self,
        action: impl Into<String>,
        budget: &'static str,
        f: F,
    ) -> Result<T>
    where
        F: std::future::Future<Output = Result<T>>,
    {
        // Let the previous action's last packets drain before the count starts.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let before = self.counters.tally();
        let action: String = action.into();
        let start = Instant::now();
        let out = f.await?;
        let elapsed = start.elapsed();
        self.rows.push(Row {
            action,
            budget,
            tally: self.counters.tally() - before,
            elapsed,
        });
        Ok(out)
    }

    fn print(&self, rtt: u64) {
        println!();
        println!(
            "{:<58} {:>11} {:>10} {:>9} {:>10} {:>9}  Ziel",
            format!("Aktion ({rtt} ms Roundtrip)"),
            "Anweisungen",
            "Roundtrips",
            "Prepares",
            "Verbindung",
            "Zeit"
        );
        for r in &self.rows {
            println!(
                "{:<58} {:>11} {:>10} {:>9} {:>10} {:>6} ms  {}",
                r.action,
                r.tally.statements,
                r.tally.round_trips,
                r.tally.prepares,
                r.tally.connections,
                r.elapsed.as_millis(),
                r.budget
            );
        }
    }
}

/// Runs the WAN benchmark against a fresh database next to the one `url` names.
pub async fn run(url: &str, rtt_ms: u64) -> Result<()> {
    let direct = super::fresh_postgres(url, "wan").await?;
    println!(
        "Demo-Konzept anlegen in {} …",
        Location::parse(&direct).display()
    );
    let admin = crate::demo::create(&Location::Postgres(direct.clone())).await?;
    admin.close().await;

    let proxy = Proxy::start(host_port(&direct)?, Duration::from_millis(rtt_ms) / 2).await?;
    let proxied = Location::Postgres(via_proxy(&direct, proxy.port)?);
    let mut m = Meter {
        counters: proxy.counters.clone(),
        rows: Vec::new(),
    };

    // The CLI: a process per command, so every command opens the concept anew.
    let code = {
        let s = Store::open(&proxied, None).await?;
        let code = s.list_measures(&MeasureFilter::default()).await?[0]
            .code
            .clone();
        s.close().await;
        code
    };
    m.measure("CLI: Konzept öffnen (Start jedes Befehls)", "", async {
        let s = Store::open(&proxied, None).await?;
        s.close().await;
        Ok(())
    })
    .await?;
    m.measure("CLI: measures show (gesamt)", "≤ 8 RT", async {
        let s = Store::open(&proxied, None).await?;
        s.measure(&code).await?;
        s.close().await;
        Ok(())
    })
    .await?;
    m.measure("CLI: measures list (gesamt)", "≤ 8 RT", async {
        let s = Store::open(&proxied, None).await?;
        s.list_measures(&MeasureFilter::default()).await?;
        s.close().await;
        Ok(())
    })
    .await?;

    // The app: one open session, as a member of the measure's lead ministry would use it.
    let root = Store::open(&proxied, None).await?;
    let drafter = root.act_as("redaktion").await?;
    let staff = root.act_as("geschaeftsstelle").await?;
    for round in ["kalt", "warm"] {
        // As the app polls: what is new since its last look.
        let polled = drafter.latest_changeset().await?;
        let label = |s: &str| -> String {
            if round == "kalt" {
                s.to_string()
            } else {
                format!("{s} (2. Mal)")
            }
        };
        m.measure(
            label("App: Stammdaten (reference_data)"),
            "≤ 6 RT",
            drafter.reference_data(),
        )
        .await?;
        m.measure(
            label("App: Überblick (overview)"),
            "≤ 6 RT",
            drafter.overview(),
        )
        .await?;
        m.measure(
            label("App: Maßnahmentabelle (list_measures)"),
            "≤ 6 RT",
            drafter.list_measures(&MeasureFilter::default()),
        )
        .await?;
        let measure = m
            .measure(
                label("App: Maßnahme öffnen (get_measure)"),
                "≤ 6 RT",
                drafter.measure(&code),
            )
            .await?;
        m.measure(
            label("App: Verlauf (measure_history)"),
            "≤ 6 RT",
            drafter.measure_history(&code),
        )
        .await?;
        let mut data = measure.data.clone();
        data.title = format!("{} ({round})", data.title);
        m.measure(
            label("App: Maßnahme speichern (1 Feld)"),
            "≤ 8 Anw., ≤ 10 RT, < 250 ms",
            drafter.update_measure(&code, measure.version, data, Some("Benchmark"), None),
        )
        .await?;
        let page = m
            .measure(
                label("App: Eingang (comment_page)"),
                "≤ 6 RT",
                staff.comment_page(&CommentFilter {
                    limit: Some(50),
                    ..Default::default()
                }),
            )
            .await?;
        let first = page.comments.first().map(|c| c.id).unwrap_or(1);
        m.measure(
            label("App: Stellungnahme öffnen (get_comment)"),
            "≤ 6 RT",
            async {
                staff.comment(first).await?;
                staff.channel_names().await?;
                staff.revisions(EntityType::Comment, first).await?;
                Ok(())
            },
        )
        .await?;
        m.measure(
            label("App: Übersicht Stellungnahmen (comment_dashboard)"),
            "≤ 6 RT",
            staff.comment_dashboard(chrono::Local::now().date_naive()),
        )
        .await?;
        let ids: Vec<i64> = page.comments.iter().take(20).map(|c| c.id).collect();
        let ministry = if round == "kalt" { "SMS" } else { "SMK" };
        m.measure(
            label("App: 20 Stellungnahmen zuweisen"),
            "≤ 10 Anw.",
            staff.assign_comments(&ids, ministry, None, None, None),
        )
        .await?;
        m.measure(
            label("App: Änderungen abfragen (changes_since)"),
            "≤ 6 RT",
            drafter.changes_since(polled, 500),
        )
        .await?;
    }
    debug_assert_eq!(staff.actor().role, Role::Staff);
    root.close().await;
    m.print(rtt_ms);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls() {
        assert_eq!(
            host_port("postgres://u:p@127.0.0.1:54329/db").unwrap(),
            "127.0.0.1:54329"
        );
        assert_eq!(
            host_port("postgres://u@db.example/x").unwrap(),
            "db.example:5432"
        );
        assert_eq!(
            via_proxy("postgres://u@127.0.0.1:54329/db", 7000).unwrap(),
            "postgres://u@127.0.0.1:7000/db?sslmode=disable"
        );
        assert_eq!(
            via_proxy("postgres://u@localhost/db?x=1", 7000).unwrap(),
            "postgres://u@127.0.0.1:7000/db?x=1&sslmode=disable"
        );
    }

    #[test]
    fn statements_are_counted_across_chunk_boundaries() {
        let c = Counters::default();
        let mut p = FrontendParser::default();
        // StartupMessage (length 8 + payload), then Parse, Bind, Execute, Sync, then Query.
        let mut bytes = vec![0, 0, 0, 9, 0, 3, 0, 0, 0];
        for (t, body) in [
            (b'P', &b"x"[..]),
            (b'B', b""),
            (b'E', b"ab"),
            (b'S', b""),
            (b'Q', b"q"),
        ] {
            bytes.push(t);
            bytes.extend_from_slice(&(4 + body.len() as u32).to_be_bytes());
            bytes.extend_from_slice(body);
        }
        for chunk in bytes.chunks(3) {
            p.feed(chunk, &c);
        }
        let t = c.tally();
        assert_eq!((t.statements, t.prepares), (2, 1));
    }
}
