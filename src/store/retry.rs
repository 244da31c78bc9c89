//! Running a write transaction again when PostgreSQL asks for it ([`Error::is_transient`]):
//! such an error must never reach a user, since nothing was written and nothing was wrong with
//! the action. Conflicts (a stale version) are not retried: the user must see the other change.

use std::future::Future;
use std::time::Duration;

use crate::error::Result;

/// Attempts before the error is given up on (each after a short, growing, jittered pause).
const ATTEMPTS: u32 = 6;

/// Runs `attempt` until it succeeds, fails for another reason, or [`ATTEMPTS`] ran.
pub(crate) async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut n = 0;
    loop {
        match attempt().await {
            Err(e) if e.is_transient() && n + 1 < ATTEMPTS => {
                n += 1;
                tracing::debug!(attempt = n, error = %e, "transient database error, retrying");
                // 5–10 ms, 10–20 ms, …: the other transaction usually needs one commit.
                let base = 5_u64 << n.min(6);
                tokio::time::sleep(Duration::from_millis(base + fastrand::u64(0..=base))).await;
            }
            result => return result,
        }
    }
}
