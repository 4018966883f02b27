#!/usr/bin/env bash
# =============================================================================
# test.sh - build SalesAcademy and run every test project, then print a summary.
#
# Usage:
#   ./test.sh [extra dotnet test args...]
#       e.g. ./test.sh --filter "FullyQualifiedName~Markdown"
#   TEST_SH_ONLY_SETUP=1 ./test.sh
#       Setup only (steps 1-2 below): install missing OS packages, start the
#       throwaway PostgreSQL cluster, print its connection string, run
#       `select version()` through it, stop it, exit 0.
#       Builds nothing and runs no test. Useful to check a machine.
#
# What it does (safe to re-run; works as root in CI with no stdin):
#   1. Installs what is missing (Debian apt): chromium + fonts-noto-cjk (browser
#      tests), PostgreSQL server binaries, python3. apt-get update runs
#      at most once and only if something has to be installed. Checks dotnet.
#   2. Starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port (trust
#      auth, no durability) and exports SALESACADEMY_TEST_POSTGRES. A trap
#      stops it and deletes its files on exit, whatever happens.
#   3. dotnet build SalesAcademy.sln -c Release (once, through one compiler
#      server that is shut down afterwards). On failure: prints the build
#      output, then "build failed", exits 1.
#   4. dotnet test --no-build over the whole solution, one .trx per test
#      project in TestResults/<timestamp>/ (git-ignored).
#   5. Sums the <Counters> of every .trx and prints, as the very last line:
#          N passed, N failed, N skipped
#      Exit 0 only if nothing failed, dotnet test exited 0 and >= 1 test ran.
#
# Environment exported to the tests:
#   SALESACADEMY_TEST_POSTGRES      Npgsql connection string (tests create their
#                                   own databases from it)
#   PLAYWRIGHT_CHROMIUM_EXECUTABLE  /usr/bin/chromium unless already set
#   SALESACADEMY_TEST_ARTIFACTS     TestResults/artifacts (browser screenshots)
#                                   unless already set
#   SALESACADEMY_TEST_TEMPLATES     a folder for the run's seeded test portals
#                                   (made once, copied by every test process;
#                                   deleted at the end)
# =============================================================================
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

log() { printf '[test.sh] %s\n' "$*"; }
die() { printf '[test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

SECONDS=0
ONLY_SETUP="${TEST_SH_ONLY_SETUP:-0}"

# --- environment for dotnet and the tests -------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1            # no MSBuild worker nodes left behind
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1    # Debian's chromium is used instead
export PLAYWRIGHT_CHROMIUM_EXECUTABLE="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
export SALESACADEMY_TEST_ARTIFACTS="${SALESACADEMY_TEST_ARTIFACTS:-$REPO_ROOT/TestResults/artifacts}"

# Run a command as root: directly when root, else through sudo (dev machines).
as_root() {
    if [[ $EUID -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

# =============================================================================
# 1. OS packages (install only what is missing)
# =============================================================================
pkg_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# Newest PostgreSQL server bin dir that has initdb (empty if none).
find_pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" ]]; then echo "$d"; fi
    done | sort -V | tail -n 1
}

install_missing_packages() {
    local missing=()
    { [[ -x /usr/bin/chromium ]] && pkg_installed chromium; } || missing+=(chromium)
    pkg_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
    [[ -n "$(find_pg_bin)" ]] || missing+=(postgresql)
    command -v python3 >/dev/null || missing+=(python3)
    pkg_installed python3-aiosmtpd || missing+=(python3-aiosmtpd)   # the loopback SMTP server of the e-mail tests

    if ((${#missing[@]} == 0)); then
        log "OS packages: all present"
    else
        log "OS packages: installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends "${missing[@]}" </dev/null
    fi

    # dotnet: on PATH on this image; otherwise look in the usual install dirs.
    if ! command -v dotnet >/dev/null; then
        local d
        for d in /usr/share/dotnet /usr/lib/dotnet "$HOME/.dotnet"; do
            if [[ -x "$d/dotnet" ]]; then
                export PATH="$d:$PATH" DOTNET_ROOT="$d"
                break
            fi
        done
    fi
    command -v dotnet >/dev/null || die "dotnet not found (needs the .NET 10 SDK)"
}

# =============================================================================
# 2. Throwaway PostgreSQL cluster
# =============================================================================
PG_BIN="" PG_TMP="" PG_DATA="" PG_PORT="" RESULTS_DIR="" BUILD_SERVER=0 TEMPLATES=""

# initdb/pg_ctl refuse to run as root: as root use the postgres OS user.
as_pg() {
    if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    PG_BIN="$(find_pg_bin)"
    [[ -n "$PG_BIN" ]] || die "no initdb under /usr/lib/postgresql/*/bin"

    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/salesacademy-pg.XXXXXX")"
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "OS user 'postgres' missing"
        chown postgres: "$PG_TMP"
    fi
    chmod 700 "$PG_TMP"
    PG_DATA="$PG_TMP/data"

    # A free loopback port: let the kernel pick one, then release it.
    PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

    # cd into the temp dir so the postgres user never needs access to $PWD.
    if ! (cd "$PG_TMP" && as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
            --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
            >"$PG_TMP/initdb.log" 2>&1); then
        cat "$PG_TMP/initdb.log" >&2
        die "initdb failed"
    fi

    # Appended last, so these win over initdb's defaults. Throwaway: no durability.
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- added by test.sh (throwaway test cluster) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_TMP'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    # Only TCP from 127.0.0.1, no password.
    cat >"$PG_DATA/pg_hba.conf" <<EOF
# TYPE  DATABASE  USER  ADDRESS        METHOD
host    all       all   127.0.0.1/32   trust
EOF

    log "PostgreSQL: starting $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_PORT (data $PG_DATA)"
    if ! (cd "$PG_TMP" && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 \
            -l "$PG_TMP/postgres.log" start >"$PG_TMP/pg_ctl.log" 2>&1); then
        cat "$PG_TMP/pg_ctl.log" >&2
        echo "----- PostgreSQL server log -----" >&2
        cat "$PG_TMP/postgres.log" >&2 || true
        die "PostgreSQL failed to start (port $PG_PORT taken?)"
    fi

    # pg_ctl -w already waited; also make sure a real TCP login works.
    local i
    for i in $(seq 1 60); do
        "$PG_BIN/psql" "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres connect_timeout=2" \
            -Atqc 'select 1' >/dev/null 2>&1 && break
        if ((i == 60)); then
            cat "$PG_TMP/postgres.log" >&2 || true
            die "PostgreSQL not accepting connections on 127.0.0.1:$PG_PORT"
        fi
        sleep 0.5
    done

    export SALESACADEMY_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
}

# Runs on every exit (normal, error, Ctrl-C, TERM). Must stay silent on stdout:
# the summary has to remain the very last line.
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    # Interrupted during the build: stop its compiler server too.
    if ((BUILD_SERVER == 1)); then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        local pid
        pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
        (cd / && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w -t 30) >/dev/null 2>&1 || true
        # Last resort: the postmaster we started, by its pid.
        if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
        # Keep the server log next to the test results for post-mortems.
        if [[ -n "$RESULTS_DIR" && -d "$RESULTS_DIR" && -f "$PG_TMP/postgres.log" ]]; then
            cp -f "$PG_TMP/postgres.log" "$RESULTS_DIR/postgres.log" 2>/dev/null || true
        fi
        rm -rf "$PG_TMP" 2>/dev/null || true
    fi
    if [[ -n "$TEMPLATES" ]]; then rm -rf "$TEMPLATES" 2>/dev/null || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# =============================================================================
# Setup (steps 1-2)
# =============================================================================
install_missing_packages
mkdir -p "$SALESACADEMY_TEST_ARTIFACTS"
start_postgres
log "setup done in ${SECONDS}s"

if [[ "$ONLY_SETUP" == 1 ]]; then
    echo "SALESACADEMY_TEST_POSTGRES=$SALESACADEMY_TEST_POSTGRES"
    "$PG_BIN/psql" "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -Atc 'select version()'
    log "TEST_SH_ONLY_SETUP=1: stopping here"
    exit 0
fi

# =============================================================================
# 3. Build once
# =============================================================================
SLN=""
for f in SalesAcademy.sln SalesAcademy.slnx; do
    [[ -f "$f" ]] && { SLN="$f"; break; }
done
RESULTS_DIR="$REPO_ROOT/TestResults/$(date -u +%Y%m%d-%H%M%S)-$$"
mkdir -p "$RESULTS_DIR"

if [[ -z "$SLN" ]]; then
    echo "SalesAcademy.sln not found in $REPO_ROOT" >&2
    echo "build failed"
    exit 1
fi

# One compiler server for the 41 projects: with UseSharedCompilation=false (set in this image's environment) every
# project starts a fresh csc that JIT-compiles Roslyn again, and a clean build took 430 s instead of 154-181 s here.
# The server is shut down right after the build, so nothing is left running (and not while the tests use the CPU).
log "dotnet build $SLN -c Release"
build_start=$SECONDS
build_ok=1 BUILD_SERVER=1
dotnet build "$SLN" -c Release -nologo -v q -p:UseSharedCompilation=true >"$RESULTS_DIR/build.log" 2>&1 || build_ok=0
dotnet build-server shutdown >/dev/null 2>&1 || true
BUILD_SERVER=0
if ((build_ok == 0)); then
    cat "$RESULTS_DIR/build.log"
    echo "build failed"
    exit 1
fi
cat "$RESULTS_DIR/build.log"     # warnings, if any (quiet verbosity)
log "build ok in $((SECONDS - build_start))s"

# =============================================================================
# 4. Run every test project (one .trx each; default trx names are unique)
# =============================================================================
# The seeded portal every default test fixture starts from is made once for the run (per provider), not once per test
# process: the first process to need it makes it here, the others copy it (tests/SalesAcademy.Testing/PortalFactory.cs).
TEMPLATES="$(mktemp -d "${TMPDIR:-/tmp}/salesacademy-templates.XXXXXX")"
export SALESACADEMY_TEST_TEMPLATES="$TEMPLATES"
log "dotnet test $SLN${*:+ $*} (results: $RESULTS_DIR)"
test_start=$SECONDS
set +e
dotnet test "$SLN" -c Release --no-build --logger trx \
    --results-directory "$RESULTS_DIR" "$@" </dev/null
test_rc=$?
set -e
log "dotnet test exited $test_rc after $((SECONDS - test_start))s"

# =============================================================================
# 5. Sum the counters of every .trx and print the summary (last line)
# =============================================================================
# Prints "files bad total passed failed" then the names of failed tests.
summary="$(python3 - "$RESULTS_DIR" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True))
BAD = ("Failed", "Error", "Timeout", "Aborted")
bad = total = passed = failed = 0
names = []
for f in files:
    try:
        root = ET.parse(f).getroot()
    except ET.ParseError:
        bad += 1                      # truncated trx (crashed run)
        continue
    file_failed, outcome = 0, "Completed"
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "ResultSummary":
            outcome = el.get("outcome") or outcome
        elif tag == "Counters":
            n = lambda k: int(el.get(k) or 0)
            total += n("total")
            passed += n("passed")
            file_failed += n("failed") + n("error") + n("timeout") + n("aborted")
        elif tag == "UnitTestResult" and el.get("outcome") in BAD:
            names.append(el.get("testName") or "?")
    if outcome in BAD and file_failed == 0:
        # Run aborted (e.g. test host crash) with no failed test recorded.
        file_failed = 1
        names.append("<test run %s without a failed test: %s>" % (outcome.lower(), os.path.basename(f)))
    failed += file_failed
print(len(files), bad, total, passed, failed)
for name in names:
    print(name)
PY
)" || summary="0 0 0 0 0"
read -r n_files n_bad total passed failed <<<"$(head -n1 <<<"$summary")"

if ((n_files == 0)); then
    echo "No .trx produced in $RESULTS_DIR (dotnet test exit code $test_rc; test host crash?)"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

skipped=$((total - passed - failed))      # notExecuted, inconclusive, ...
if ((skipped < 0)); then skipped=0; fi
if ((n_bad > 0)); then
    echo "$n_bad unreadable .trx file(s) in $RESULTS_DIR: counted as 1 failure"
    failed=$((failed + 1))
fi
if ((test_rc != 0 && failed == 0)); then
    # e.g. a test host crashed/aborted without reporting a failed test.
    echo "dotnet test exited $test_rc with no failed test reported: counted as 1 failure"
    failed=1
fi

if ((failed > 0)); then
    failed_names="$(tail -n +2 <<<"$summary")"
    if [[ -n "$failed_names" ]]; then
        echo "Failed tests:"
        head -n 50 <<<"$failed_names" | sed 's/^/  - /'
    fi
fi
echo "Results: $RESULTS_DIR (${SECONDS}s in all)"

status=0
((failed == 0)) || status=1
if ((passed + failed == 0)); then
    echo "No test ran."
    status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
