#!/usr/bin/env bash
# Launches the desktop app on the ZIK II demo concept (created once in demo/). Installs what is
# missing (system packages, npm packages), builds the UI and the app. Usage: ./scripts/demo.sh
# KONZEPTSTUDIO_DB=… opens another concept (file or postgres:// URL) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust
apt_install "${TAURI_PACKAGES[@]}"
ui_build
echo "==> cargo build --release (beim ersten Mal einige Minuten)"
cargo build --release --locked -p konzeptstudio-app -p konzeptstudio
DB="${KONZEPTSTUDIO_DB:-$PWD/demo/zik2-demo.sqlite}"
if [ ! -f "$DB" ] && [[ "$DB" != postgres* ]]; then
    mkdir -p "$(dirname "$DB")"
    ./target/release/konzeptstudio --db "$DB" init --demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "Kein Bildschirm (DISPLAY) gefunden. Die Kommandozeile zeigt das Demokonzept:"
    ./target/release/konzeptstudio --db "$DB" overview
    exit 0
fi
echo "==> Konzeptstudio startet: $DB"
KONZEPTSTUDIO_DB="$DB" exec ./target/release/konzeptstudio-app
