#!/usr/bin/env bash
# Creates the ZIK II demo concept (once) and shows it. Usage: ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust
cargo build --release --locked --bin konzeptstudio
DB="${KONZEPTSTUDIO_DB:-$PWD/demo/zik2-demo.sqlite}"
if [ ! -f "$DB" ]; then
    mkdir -p "$(dirname "$DB")"
    ./target/release/konzeptstudio --db "$DB" init --demo
fi
./target/release/konzeptstudio --db "$DB" overview
echo
echo "Weiter mit: ./target/release/konzeptstudio --db $DB measures show 3.5.2"
