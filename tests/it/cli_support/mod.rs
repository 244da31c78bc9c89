//! Running the `konzeptstudio` binary as the ministry's scripts do, for the tests that read the
//! files it writes back.

use std::path::Path;
use std::process::{Command, Output};

/// 2025-11-25 09:30 UTC: the creation time of every file written, so that the same input gives
/// the same bytes.
const EPOCH: &str = "1764063000";

/// `konzeptstudio --db <db> <args>`, with no concept from the environment.
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_konzeptstudio"))
        .env_remove("KONZEPTSTUDIO_DB")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// `out`, after asserting that the command succeeded (its error output otherwise).
pub fn ok(out: Output) -> Output {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `konzeptstudio --db <db> <args>` as the OS user `user` (a file's identity), e.g. the admin
/// of a concept that was made on PostgreSQL and copied into a file.
pub fn run_as(user: &str, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_konzeptstudio"))
        .env_remove("KONZEPTSTUDIO_DB")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("USER", user)
        .env("USERNAME", user)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}
