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
    conn: PoolConnection<Any>,
    last_used: Instant,
}

pub(crate) type PinnedSlot = Arc<Mutex<Option<Pinned>>>;

/// A slot holding `conn` (the connection a store was opened on), or empty.
pub(crate) fn pinned(conn: Option<PoolConnection<Any>>) -> PinnedSlot {
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
        let Ok(mut guard) = self.pinned.clone().try_lock_owned() else {
            return Ok(Conn::Pooled(self.pool.acquire().await?));
        };
        if let Some(p) = guard.as_mut()
            && p.last_used.elapsed() > IDLE_BEFORE_PING
            && p.conn.ping().await.is_err()
            && let Some(mut dead) = guard.take()
        {
            dead.conn.close_on_drop();
        }
        match guard.as_mut() {
            Some(p) => p.last_used = Instant::now(),
            None => *guard = Some(self.live_connection().await?),
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
                        conn,
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

    /// Drops the pinned connection (after the server or the network lost it): the next
    /// statement opens a new one.
    pub async fn reset_connection(&self) {
        if let Some(mut p) = self.pinned.lock().await.take() {
            p.conn.close_on_drop();
        }
    }

    /// Releases the pinned connection to the pool (before the pool closes).
    pub(crate) async fn unpin(&self) {
        self.pinned.lock().await.take();
    }
}
