#!/usr/bin/env bash
# Runs every check and test: formatting, lints, unit and integration tests on SQLite and on a
# throw-away PostgreSQL cluster. Installs what is missing. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust
apt_install postgresql python3 openssl
start_postgres
trap stop_postgres EXIT

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "==> cargo test"
cargo test --all-targets --locked
