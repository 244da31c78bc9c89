#!/usr/bin/env bash
# Builds the Debian package of the desktop app: target/release/bundle/deb/Konzeptstudio_*.deb.
# Usage: ./scripts/package-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust
apt_install "${TAURI_PACKAGES[@]}"
ui_build
# The Tauri CLI takes the folder holding tauri.conf.json as the app crate; the top-level file is
# reached through src-tauri/tauri.conf.json (see ARCHITECTURE.md, "Desktop app decisions").
TAURI_APP_PATH="$PWD/src-tauri" ui/node_modules/.bin/tauri build --bundles deb
ls -l target/release/bundle/deb/*.deb
