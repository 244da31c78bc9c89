//! The connection a store's statements run on.
//!
//! Over a WAN every round trip counts, and sqlx's pool costs some per statement: it pings a
//! connection when it is returned, and a statement a connection has not prepared yet costs an
//! extra round trip. So a store keeps one connection *pinned* (shared by its clones, filled on
//! first use): the statements of a CLI command, of one IPC call and of consecutive calls all run
//! on it, prepared once. A caller that finds it busy (calls running at the same time) takes
//! another from the pool, so concurrency stays. A pinned connection idle for a while is pinged
//! before use and replaced if the server or the network dropped it; [`Store::reset_connection`]
//! drops it after a lost connection.
//!
//! A concept file on a network share is locked exclusively by the one connection that opened
//! it (see `netfs.rs`): a second connection of the same process would wait for that lock until
//! SQLite gives up. There the pool holds one connection, and callers wait for the pinned one.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Connection, Executor};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::Store;
use crate::error::Result;

/// How long a connection may lie idle before it is pinged before use: firewalls and servers
/// drop idle connections; a ping after a pause costs one round trip, a dead connection a failed
/// user action.
pub(crate) const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

pub(crate) struct Pinned {
    conn: Held,
    last_used: Instant,
}

/// The connection a store holds pinned: one of its pool's, or (PostgreSQL) the one it was
/// opened on, made directly: the pool would retry a refused connection until its time-out
/// (20 s) and then report only that it timed out, where a user needs at once that the server
/// is not reachable.
pub(crate) enum Held {
    Pooled(PoolConnection<Any>),
    Own(AnyConnection),
}

impl Held {
    /// Makes sure the connection is closed, not handed to the next caller, once dropped.
    fn close_on_drop(&mut self) {
        match self {
            Held::Pooled(c) => c.close_on_drop(),
            // Not in a pool: dropping it closes it.
            Held::Own(_) => {}
        }
    }
}

impl Deref for Held {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Held::Pooled(c) => c,
            Held::Own(c) => c,
        }
    }
}

impl DerefMut for Held {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Held::Pooled(c) => c,
            Held::Own(c) => c,
        }
    }
}

pub(crate) type PinnedSlot = Arc<Mutex<Option<Pinned>>>;

/// A slot holding `conn` (the connection a store was opened on), or empty.
pub(crate) fn pinned(conn: Option<Held>) -> PinnedSlot {
    Arc::new(Mutex::new(conn.map(|conn| Pinned {
        conn,
        last_used: Instant::now(),
    })))
}

/// A connection for the statements of one call: the store's pinned one, or one from the pool.
pub(crate) enum Conn {
    Pinned(OwnedMutexGuard<Option<Pinned>>),
    Pooled(PoolConnection<Any>),
}

impl Deref for Conn {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Conn::Pinned(guard) => match guard.as_ref() {
                Some(p) => &p.conn,
                None => unreachable!("a pinned guard is handed out filled"),
            },
            Conn::Pooled(conn) => conn,
        }
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Conn::Pinned(guard) => match guard.as_mut() {
                Some(p) => &mut p.conn,
                None => unreachable!("a pinned guard is handed out filled"),
            },
            Conn::Pooled(conn) => conn,
        }
    }
}

/// A transaction on a [`Conn`]. Committed explicitly; dropped without a commit it is rolled
/// back (on the runtime, before the connection is used again).
pub struct Tx {
    conn: Option<Conn>,
    dialect: super::Dialect,
    /// The changesets this transaction opened: linked into the audit chain as its last
    /// statement before COMMIT (`audit::append`).
    changesets: Vec<i64>,
    /// Run once the commit went through (caches that must not outlive the old state).
    after_commit: Vec<Box<dyn FnOnce() + Send>>,
}

impl Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match &self.conn {
            Some(c) => c,
            None => unreachable!("a transaction holds its connection until it ends"),
        }
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.conn {
            Some(c) => c,
            None => unreachable!("a transaction holds its connection until it ends"),
        }
    }
}

impl Tx {
    pub(crate) async fn begin(
        mut conn: Conn,
        begin: &'static str,
        dialect: super::Dialect,
    ) -> Result<Tx> {
        conn.execute(begin).await?;
        Ok(Tx {
            conn: Some(conn),
            dialect,
            changesets: Vec::new(),
            after_commit: Vec::new(),
        })
    }

    /// Records a changeset this transaction opened, for the audit chain.
    pub(crate) fn opened_changeset(&mut self, id: i64) {
        self.changesets.push(id);
    }

    pub async fn commit(mut self) -> Result<()> {
        if !self.changesets.is_empty() {
            // Last, so that the chain head's lock (PostgreSQL) is held only until COMMIT.
            let ids = std::mem::take(&mut self.changesets);
            let dialect = self.dialect;
            super::audit::append(&mut self, dialect, &ids).await?;
        }
        if let Some(mut conn) = self.conn.take()
            && let Err(e) = conn.execute("COMMIT").await
        {
            // Dropped with the connection: rolled back.
            self.conn = Some(conn);
            return Err(e.into());
        }
        for f in self.after_commit.drain(..) {
            f();
        }
        Ok(())
    }
}

impl Tx {
    /// Runs `f` after this transaction committed (not if it is rolled back).
    pub(crate) fn after_commit(&mut self, f: impl FnOnce() + Send + 'static) {
        self.after_commit.push(Box::new(f));
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            // The connection (a pinned one stays locked) is released once the rollback ran.
            Ok(runtime) => {
                runtime.spawn(async move {
                    if conn.execute("ROLLBACK").await.is_err() {
                        discard(conn);
                    }
                });
            }
            Err(_) => discard(conn),
        }
    }
}

/// Never hands a connection in an unknown state to the next caller: closes it.
fn discard(conn: Conn) {
    match conn {
        Conn::Pinned(mut guard) => {
            if let Some(mut p) = guard.take() {
                p.conn.close_on_drop();
            }
        }
        Conn::Pooled(mut c) => c.close_on_drop(),
    }
}

impl Store {
    /// The connection for the next statements (see the module documentation).
    pub(crate) async fn conn(&self) -> Result<Conn> {
        let mut guard = if self.network_share().is_some() {
            // One connection only (it holds the file's exclusive lock): wait for it. So a call
            // must not ask for it again while it holds it (a read inside a write transaction
            // runs on the transaction's connection), or it would wait for itself; the storage
            // stories, run in this mode, showed where (weighing a cluster, adding a user).
            self.pinned.clone().lock_owned().await
        } else {
            match self.pinned.clone().try_lock_owned() {
                Ok(guard) => guard,
                Err(_) => return Ok(Conn::Pooled(self.pool.acquire().await?)),
            }
        };
        if let Some(p) = guard.as_mut()
            && p.last_used.elapsed() > IDLE_BEFORE_PING
            && p.conn.ping().await.is_err()
            && let Some(mut dead) = guard.take()
        {
            dead.conn.close_on_drop();
        }
        match (guard.as_mut(), self.network_share()) {
            (Some(p), _) => p.last_used = Instant::now(),
            (None, Some(share)) => {
                *guard = Some(Pinned {
                    conn: Held::Own(self.reconnect_share(share).await?),
                    last_used: Instant::now(),
                });
            }
            (None, None) => *guard = Some(self.live_connection().await?),
        }
        Ok(Conn::Pinned(guard))
    }

    /// A pool connection that answers, for the empty slot (only after a lost connection, so
    /// worth a ping: a server restart also killed the pool's idle connections, which the pool
    /// would otherwise hand out one by one to fail).
    async fn live_connection(&self) -> Result<Pinned> {
        let mut tries = 0;
        loop {
            let mut conn = self.pool.acquire().await?;
            match conn.ping().await {
                Ok(()) => {
                    return Ok(Pinned {
                        conn: Held::Pooled(conn),
                        last_used: Instant::now(),
                    });
                }
                Err(e) if tries > self.pool.size() => return Err(e.into()),
                Err(_) => {
                    conn.close_on_drop();
                    tries += 1;
                }
            }
        }
    }

    /// Runs `f` on a clone of this store as the app's calls do: an error that lost the
    /// connection names the server ([`crate::Error::at`]) and drops the pinned connection, so
    /// that the next call opens a new one instead of failing on the dead one again.
    pub async fn recovering<T, F, Fut>(&self, f: F) -> Result<T>
    where
        F: FnOnce(Store) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        match f(self.clone()).await {
            Err(e) if e.is_connection_lost() => {
                self.reset_connection().await;
                Err(e.at(&self.location))
            }
            result => result,
        }
    }

    /// Drops the pinned connection (after the server or the network lost it): the next
    /// statement opens a new one.
    pub async fn reset_connection(&self) {
        if let Some(mut p) = self.pinned.lock().await.take() {
            p.conn.close_on_drop();
        }
    }

    /// Releases the pinned connection to the pool, or closes the store's own (before the pool
    /// closes).
    pub(crate) async fn unpin(&self) {
        let held = self.pinned.lock().await.take();
        if let Some(Pinned {
            conn: Held::Own(conn),
            ..
        }) = held
        {
            // Closing politely; a connection already broken has nothing to say goodbye to.
            let _ = conn.close().await;
        }
    }
}
