#!/usr/bin/env bash
# Runs every check and test: formatting, lints, type checks, unit and integration tests on SQLite
# and on a throw-away PostgreSQL cluster, the UI's tests, the web edition in a browser, and the
# end-to-end tests that drive the real app through its webview (under Xvfb). Installs what is missing. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust
apt_install postgresql python3 openssl poppler-utils "${TAURI_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
ui_install

echo "==> UI: Typprüfung, Lint, Formatierung, Unit-Tests, Build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm run --silent format:check && npm run --silent test -- --reporter=dot)
ui_build

start_postgres
trap stop_postgres EXIT

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> cargo test (inkl. Prüfung der generierten IPC-Typen)"
cargo test --workspace --all-targets --locked

echo "==> Ende-zu-Ende-Tests (tauri-driver, WebKitWebDriver, Xvfb)"
ensure_tauri_driver
# The app and the CLI as users run them (the test build is not the same binary).
cargo build --workspace --locked --bins
echo "==> Webfassung im Browser (WebKitWebDriver, MiniBrowser, axe-core)"
xvfb-run -a -s "-screen 0 1366x860x24" npm --prefix ui run --silent e2e:web
xvfb-run -a -s "-screen 0 1366x860x24" npm --prefix ui run --silent e2e
