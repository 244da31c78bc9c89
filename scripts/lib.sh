# Shared helpers of the set-up scripts: run as root or through sudo, install missing packages.
# shellcheck shell=bash

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() {
    # Installs the Debian/Ubuntu packages given, if any of them is missing.
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> Installiere: ${missing[*]}"
    if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        if [ -x "$HOME/.cargo/bin/cargo" ]; then
            export PATH="$HOME/.cargo/bin:$PATH"
        else
            echo "==> Installiere Rust (rustup)"
            apt_install curl ca-certificates build-essential
            curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
            export PATH="$HOME/.cargo/bin:$PATH"
        fi
    fi
    apt_install build-essential pkg-config
}

# Starts a throw-away PostgreSQL cluster and exports KONZEPTSTUDIO_TEST_POSTGRES; stop_postgres
# removes it again. initdb refuses to run as root, so as root the cluster belongs to postgres.
start_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ]; then
        apt_install postgresql
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PG_DIR=$(mktemp -d /tmp/konzeptstudio-pg.XXXXXX)
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)
    local run=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$PG_DIR"
        run=(runuser -u postgres --)
    fi
    chmod 700 "$PG_DIR"
    "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # A self-signed certificate, so that the tests can also connect over TLS.
    "${run[@]}" openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$PG_DIR/data/server.key" -out "$PG_DIR/data/server.crt" >/dev/null 2>&1
    "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c ssl=on" \
        -l "$PG_DIR/server.log" -w start >/dev/null
    PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop)
    export KONZEPTSTUDIO_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    echo "==> PostgreSQL-Testcluster auf Port $PG_PORT"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
        PG_DIR=""
    fi
}

# What the desktop app needs to build and to run headless with WebDriver (Debian/Ubuntu names).
TAURI_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
    libayatana-appindicator3-dev librsvg2-dev pkg-config)
# The web edition's browser test uses the same WebKitWebDriver with WebKitGTK's MiniBrowser,
# which comes with libwebkit2gtk-4.1-0 (a dependency of libwebkit2gtk-4.1-dev above).
E2E_PACKAGES=(xvfb xauth webkit2gtk-driver fonts-dejavu-core python3-xlib xdotool)

# Node.js >= 20.19 (Vite 8). Debian's own package is older on Debian 12: then NodeSource's.
ensure_node() {
    if command -v node >/dev/null 2>&1 &&
        node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
        return 0
    fi
    echo "==> Installiere Node.js 22"
    apt_install curl ca-certificates
    curl -fsSL https://deb.nodesource.com/setup_22.x | as_root bash - >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
}

# The UI's npm packages, exactly as locked (again only when the lock file changed).
ui_install() {
    ensure_node
    if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
        echo "==> npm ci (ui/)"
        (cd ui && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# The UI, built into ui/dist, which the app embeds at compile time.
ui_build() {
    ui_install
    (cd ui && npm run --silent build -- --logLevel warn)
}

ensure_tauri_driver() {
    if ! command -v tauri-driver >/dev/null 2>&1; then
        echo "==> Installiere tauri-driver"
        cargo install tauri-driver --locked --version 2.1.0 --quiet
    fi
}
