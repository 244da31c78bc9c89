//! Many sessions at once on PostgreSQL (bench/soak.rs), briefly: the figures come from
//! `konzeptstudio bench --postgres URL --soak 120`; this asserts what must hold at any length.

use std::time::Duration;

use crate::support::{Backend, fresh};
use konzeptstudio::bench::soak::{SoakConfig, soak};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_sessions_lose_no_update_and_keep_the_chain() {
    let db = fresh(Backend::Postgres).await;
    konzeptstudio::demo::create(&db.location)
        .await
        .unwrap()
        .close()
        .await;
    let report = soak(
        &db.location,
        &SoakConfig {
            clients: 20,
            duration: Duration::from_secs(15),
        },
    )
    .await
    .unwrap();
    assert!(
        report.failures.is_empty(),
        "errors reached users: {:#?}",
        report.failures
    );
    assert!(
        report.mismatches.is_empty(),
        "history differs: {:#?}",
        report.mismatches
    );
    // Every kind of work got done, and the sessions did collide.
    assert_eq!(report.kinds.len(), 4, "{:?}", report.kinds.keys());
    for (kind, tally) in &report.kinds {
        assert!(tally.done > 0, "{kind}: nothing done");
    }
    assert!(
        report.kinds.values().map(|t| t.conflicts).sum::<u64>() > 0,
        "no conflicts: the sessions did not meet"
    );
    assert!(report.chain_links > 0);
}
