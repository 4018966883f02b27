# shellcheck shell=bash
# deploy/lib.sh - functions shared by cluster.sh and fault-test.sh: a throwaway PostgreSQL cluster, N portal processes
# (each with its own data folder and node name, one shared folder), and Debian's nginx as a round-robin load balancer,
# all on 127.0.0.1 under one work directory. Sourced, not run.
#
# Ports (override with the environment): nginx LB_PORT (5480), nodes NODE_PORT_BASE+1..N (5481..), PostgreSQL PG_PORT (5470).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LB_PORT="${LB_PORT:-5480}"
NODE_PORT_BASE="${NODE_PORT_BASE:-5480}"
PG_PORT="${PG_PORT:-5470}"
NODES="${NODES:-3}"
CONFIGURATION="${CONFIGURATION:-Release}"
PORTAL_DLL="$REPO_ROOT/src/Portal/bin/$CONFIGURATION/net10.0/SalesAcademy.Portal.dll"
ADMIN_EMAIL="${ADMIN_EMAIL:-admin@cluster.test}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-Cluster admin password 2026}"
ADMIN_TOKEN="${ADMIN_TOKEN:-sa_cluster_admin_token_0123456789abcdefghijkl}"
HEALTH_TOKEN="${HEALTH_TOKEN:-cluster-health-token-0123456789abcdefghijk}"
FAKETIME_LIB="${FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; exit 1; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo -n "$@"; fi; }
# initdb and pg_ctl refuse root; nginx is run unprivileged too.
as_user() { local user="$1"; shift; if [[ $EUID -eq 0 ]]; then runuser -u "$user" -- "$@"; else "$@"; fi; }

pg_bin() { for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && echo "$d"; done | sort -V | tail -n 1; }

# Installs what is missing: nginx-light (the load balancer), faketime (one node's clock), the PostgreSQL server, python3.
install_packages() {
    local missing=()
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    [[ -f "$FAKETIME_LIB" ]] || missing+=(faketime)
    [[ -n "$(pg_bin)" ]] || missing+=(postgresql)
    command -v python3 >/dev/null || missing+=(python3)
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >/dev/null
    fi
}

build_portal() {
    if [[ "${NO_BUILD:-0}" == 1 && -f "$PORTAL_DLL" ]]; then return; fi
    log "dotnet build src/Portal -c $CONFIGURATION"
    dotnet build "$REPO_ROOT/src/Portal" -c "$CONFIGURATION" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; die "build failed"; }
}

# --- PostgreSQL (throwaway: trust on loopback, no durability) ----------------------------------------------------
PG_DATA="" PG_CS=""
pg_start_cluster() {
    local bin; bin="$(pg_bin)"; [[ -n "$bin" ]] || die "no PostgreSQL server binaries"
    PG_BIN="$bin"; PG_DIR="$WORK/pg"; PG_DATA="$PG_DIR/data"
    mkdir -p "$PG_DIR"; [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"; chmod 700 "$PG_DIR"
    (cd "$PG_DIR" && as_user postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1) \
        || { cat "$PG_DIR/initdb.log"; die "initdb failed"; }
    cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    echo "host all all 127.0.0.1/32 trust" >"$PG_DATA/pg_hba.conf"
    pg_ctl_do start
    PG_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=salesacademy;Pooling=true;Timeout=5;Command Timeout=30"
    "$PG_BIN/psql" "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -qc "create database salesacademy" >/dev/null
}
pg_ctl_do() { (cd "$PG_DIR" && as_user postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_DIR/postgres.log" "$@" >/dev/null) || die "pg_ctl $* failed"; }
pg_pids() { local main; main="$(head -n1 "$PG_DATA/postmaster.pid")"; echo "$main"; pgrep -P "$main" || true; }
# SIGSTOP/SIGCONT the postmaster and every backend (by their ids): the database is "paused", connections hang.
pg_signal() { local sig="$1" pid; for pid in $(pg_pids); do kill "-$sig" "$pid" 2>/dev/null || true; done; }
psql_q() { "$PG_BIN/psql" "host=127.0.0.1 port=$PG_PORT user=postgres dbname=salesacademy" -AtqX -c "$1"; }
pg_stop_cluster() {
    [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || return 0
    pg_signal CONT
    (cd / && as_user postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w -t 30) >/dev/null 2>&1 || true
}

# --- portal nodes ------------------------------------------------------------------------------------------------
declare -A NODE_PID=()
node_port() { echo $((NODE_PORT_BASE + $1)); }
# Moves the skewed node's wall clock (libfaketime re-reads the file; written whole, so it never reads a half-written one).
clock_offset() { echo "$1" >"$WORK/clock-offset.new" && mv -f "$WORK/clock-offset.new" "$WORK/clock-offset"; }

# node_start I [extra env...]: node I on its port, its own data folder and name, the shared folder and database.
node_start() {
    local i="$1"; shift
    local port; port="$(node_port "$i")"
    mkdir -p "$WORK/node$i" "$WORK/shared"
    local preload=()
    # Node 3's clock can be moved while it runs (libfaketime reads the offset from a file; the monotonic clock is left alone).
    if [[ "$i" == "${SKEW_NODE:-3}" && -f "$FAKETIME_LIB" ]]; then
        [[ -f "$WORK/clock-offset" ]] || echo "+0" >"$WORK/clock-offset"
        preload=(LD_PRELOAD="$FAKETIME_LIB" FAKETIME_TIMESTAMP_FILE="$WORK/clock-offset" FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1)
    fi
    env "${preload[@]}" \
        ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
        urls="http://127.0.0.1:$port" \
        Database__Provider=Postgres ConnectionStrings__Portal="$PG_CS" \
        Portal__NodeName="node$i" Portal__DataDir="$WORK/node$i" Portal__SharedDir="$WORK/shared" \
        Portal__PublicUrl="http://127.0.0.1:$LB_PORT" Portal__ContentDir="$REPO_ROOT/content" \
        Portal__ImportContentOnStart="$([[ $i == 1 ]] && echo true || echo false)" \
        Portal__Setup__AdminEmail="$ADMIN_EMAIL" Portal__Setup__AdminPassword="$ADMIN_PASSWORD" \
        Portal__Setup__AdminApiToken="$ADMIN_TOKEN" Portal__Setup__AnonymousReading=false \
        Health__DetailsToken="$HEALTH_TOKEN" Logging__LogLevel__Default=Warning \
        Security__TrustForwardedHeaders=true RateLimits__Nodes="$NODES" \
        Accounts__Mfa__RequiredForRoles__0= \
        "$@" \
        dotnet "$PORTAL_DLL" >>"$WORK/node$i.log" 2>&1 &
    NODE_PID[$i]=$!
    echo "${NODE_PID[$i]}" >"$WORK/node$i.pid"
}

node_healthy() { curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$(node_port "$1")/health" 2>/dev/null; }

wait_until() { # wait_until SECONDS WHAT COMMAND...
    local until=$((SECONDS + $1)) what="$2"; shift 2
    until "$@"; do ((SECONDS < until)) || die "timed out waiting for $what"; sleep 0.5; done
}

node_kill() { local pid; pid="$(cat "$WORK/node$1.pid")"; kill "-${2:-KILL}" "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }

# --- nginx: round robin, no sticky sessions, its own prefix, run unprivileged ---------------------------------------
nginx_start() {
    local dir="$WORK/nginx" servers="" i
    mkdir -p "$dir/logs" "$dir/tmp"
    for ((i = 1; i <= NODES; i++)); do servers+="        server 127.0.0.1:$(node_port "$i") max_fails=1 fail_timeout=2s;"$'\n'; done
    cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    client_max_body_size 12m;
    upstream portal {
        # Round robin (nginx's default), no ip_hash or sticky cookie: any request may reach any node.
$servers        keepalive 32;
    }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host:\$server_port;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A node that refuses or drops the connection: try the next one (GET/HEAD only; nginx never repeats a POST).
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
CONF
    if [[ $EUID -eq 0 ]]; then chown -R nobody: "$dir"; fi
    as_user nobody /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" || die "nginx did not start"
}
nginx_stop() { [[ -f "$WORK/nginx/nginx.pid" ]] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; }

cluster_up() {
    install_packages
    build_portal
    pg_start_cluster
    log "PostgreSQL on 127.0.0.1:$PG_PORT"
    node_start 1
    wait_until 240 "node1 (migrations, content import)" node_healthy 1
    local i
    for ((i = 2; i <= NODES; i++)); do node_start "$i"; done
    for ((i = 2; i <= NODES; i++)); do wait_until 240 "node$i" node_healthy "$i"; done
    nginx_start
    wait_until 30 "nginx" curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$LB_PORT/health"
    log "cluster up: http://127.0.0.1:$LB_PORT (nodes on $(node_port 1)..$(node_port "$NODES")), work dir $WORK"
}

cluster_down() {
    nginx_stop
    local i
    for ((i = 1; i <= NODES; i++)); do [[ -f "$WORK/node$i.pid" ]] && node_kill "$i" TERM; done
    pg_stop_cluster
}
