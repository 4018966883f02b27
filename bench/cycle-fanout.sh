#!/usr/bin/env bash
# Quiz-round fan-out benchmark (issue 15 §5), on this machine:
#   1. a fresh data directory (SQLite) or a fresh PostgreSQL database: migrations, then N reps in M teams written straight
#      into the Accounts and Teams tables (bench/CycleFanout) and a one-question quiz published through ContentManager;
#   2. after a warm-up round for one team, the Open phase of a quiz-round run targeting every team, handed to the quiz-round kind as the cycle dispatcher
#      does: one assignment per rep (bulk insert) and one in-app notification per rep (one IUserNotifications call);
#   3. prints the phase's time, the part spent in IUserNotifications, and the assignments and notifications counted
#      afterwards (target: <= 5 s for 10,000 reps in 500 teams).
# Usage: bench/cycle-fanout.sh [--postgres "<connection string>"] [--reps 10000] [--teams 500] [--runs 1]
#   --postgres: a fresh database sa_fanout_<random> on that server (created by the migrations, dropped afterwards)
#   instead of SQLite; e.g. --postgres "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres"
#   --runs: repeat the whole measurement (fresh database each time). Builds Release. Not a test.
#   --email PORT: also the e-mail fan-out: every rep routes the round's opening notice to e-mail, Debian's python3-aiosmtpd
#   listens on 127.0.0.1:PORT (messages discarded), and the outbox's sender is timed until every message is out (messages/s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
POSTGRES=; REPS=10000; TEAMS=500; RUNS=1
while (( $# )); do
    case "$1" in
        --postgres) POSTGRES=$2; shift 2 ;;
        --reps) REPS=$2; shift 2 ;;
        --teams) TEAMS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --email) EMAIL_PORT=$2; shift 2 ;;
        *) echo "unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build (Release)"
dotnet build bench/CycleFanout -c Release -nologo -v q | { grep -E " error |rror\(s\)" || true; }
BENCH_DLL=bench/CycleFanout/bin/Release/net10.0/CycleFanout.dll
DATA=; DBNAME=
drop_db() {
    if [[ -n "$DBNAME" ]] && command -v psql >/dev/null; then
        psql "$(sed -E 's/(^|;)Database=[^;]*//I; s/;?Pooling=[^;]*//I' <<<"$POSTGRES" | tr ';' ' ' | sed 's/Host=/host=/I; s/Port=/port=/I; s/Username=/user=/I; s/Password=/password=/I') dbname=postgres" \
            -qc "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    DBNAME=
}
SMTP_PID=
cleanup() { [[ -n "$DATA" ]] && rm -rf "$DATA"; drop_db; [[ -n "$SMTP_PID" ]] && kill "$SMTP_PID" 2>/dev/null; true; }
trap cleanup EXIT

if [[ -n "${EMAIL_PORT:-}" ]]; then
    /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd is missing: apt-get install -y python3-aiosmtpd" >&2; exit 1; }
    (exec /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$EMAIL_PORT" -c aiosmtpd.handlers.Sink >/dev/null 2>&1) &
    SMTP_PID=$!
    export FANOUT_SMTP_PORT=$EMAIL_PORT
fi
for run in $(seq 1 "$RUNS"); do
    DATA=$(mktemp -d /tmp/sa-fanout-XXXXXX)
    ARGS=("$DATA" "$REPS" "$TEAMS")
    if [[ -n "$POSTGRES" ]]; then
        DBNAME="sa_fanout_$(date +%s)_$RANDOM"
        ARGS+=("$(sed -E 's/(^|;)Database=[^;]*//I' <<<"$POSTGRES");Database=$DBNAME")
    fi
    echo "== run $run of $RUNS: $REPS reps in $TEAMS teams, $([[ -n "$POSTGRES" ]] && echo "PostgreSQL database $DBNAME" || echo "SQLite in $DATA")"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet "$BENCH_DLL" "${ARGS[@]}"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -rf "$DATA"; DATA=; drop_db
done
