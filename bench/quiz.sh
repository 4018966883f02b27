#!/usr/bin/env bash
# Quiz takers benchmark (issue 5), on this machine, against the SQLite default:
#   1. a fresh data directory: migrations, N reps with personal access tokens and a 20-question quiz (30-minute limit,
#      shuffled), created through the portal's own services (bench/QuizBench setup);
#   2. the portal (Release) on 127.0.0.1:5184, seed content imported;
#   3. for each N: N simulated reps at once, arriving over 3 s, each start an attempt through /api/v1/attempts, save 20
#      answers with a think time of 1-3 s between them, and submit; answer-save latency p50/p95/p99, errors, and the
#      answers counted in the database afterwards (a save answered 200 that is not stored is a lost answer).
#   Prints the largest N for which answer-save p95 < 200 ms with zero errors and zero lost answers (target >= 500).
# Usage: bench/quiz.sh [--postgres "<connection string>"] [--port 5184] [N ...]   (default levels: 100 250 500 750 1000)
#   --postgres: a fresh database sa_quizbench_<random> on that server (created by the migrations, dropped afterwards)
#   instead of SQLite; e.g. --postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"
#   Publishes the portal as a team deploys it (Release, linux-x64, ReadyToRun), like bench/portal-pages.sh: a plain build
#   spent the first minute of a level compiling (the JIT was a fifth of the portal's CPU). Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
POSTGRES=; PORT=5184; LEVELS=()
while (( $# )); do
    case "$1" in
        --postgres) POSTGRES=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        *) LEVELS+=("$1"); shift ;;
    esac
done
(( ${#LEVELS[@]} )) || LEVELS=(100 250 500 750 1000)
MAX=0; for n in "${LEVELS[@]}"; do (( n > MAX )) && MAX=$n; done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PROVIDER=(--Database:Provider=Sqlite); DBNAME=
if [[ -n "$POSTGRES" ]]; then
    DBNAME="sa_quizbench_$(date +%s)_$RANDOM"
    # The same server, a database of its own (replaces Database=... in the given string).
    export QUIZBENCH_POSTGRES="$(sed -E 's/(^|;)Database=[^;]*//I' <<<"$POSTGRES");Database=$DBNAME"
    PROVIDER=(--Database:Provider=Postgres --ConnectionStrings:Portal="$QUIZBENCH_POSTGRES")
fi
# Every simulated rep comes from 127.0.0.1: the per-address limit for token requests would stand in for the portal.
# The benchmark measures the portal, so the token limits are off (0 = no limit) for it.
NO_LIMITS=(--RateLimits:Token:PerAddress=0 --RateLimits:Token:PerAccount=0)
echo "== build (Release)"
dotnet build bench/QuizBench -c Release -nologo -v q | { grep -E " error |rror\(s\)" || true; }
BENCH_DLL=bench/QuizBench/bin/Release/net10.0/QuizBench.dll
DATA=$(mktemp -d /tmp/sa-quizbench-XXXXXX)
PUBLISHED=$(mktemp -d /tmp/sa-quizbench-portal-XXXXXX)
PORTAL_PID=
cleanup() {
    [[ -n "$PORTAL_PID" ]] && { kill "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null; } || true
    rm -rf "$DATA" "$PUBLISHED"
    if [[ -n "$DBNAME" ]] && command -v psql >/dev/null; then
        psql "$(sed -E 's/(^|;)Database=[^;]*//I; s/;?Pooling=[^;]*//I' <<<"$POSTGRES" | tr ';' ' ' | sed 's/Host=/host=/I; s/Port=/port=/I; s/Username=/user=/I; s/Password=/password=/I') dbname=postgres" \
            -qc "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

echo "== publish the portal (Release, linux-x64, self-contained, composite ReadyToRun)"
dotnet publish src/Portal -c Release -r linux-x64 -o "$PUBLISHED" -nologo -v q >/dev/null
CONTENT=$PWD/content
echo "== setup: $MAX reps with tokens and a 20-question quiz in $DATA"
QUIZ_ID=$(dotnet "$BENCH_DLL" setup "$DATA" "$MAX" | tail -n 1)
echo "quiz $QUIZ_ID"

echo "== portal on http://127.0.0.1:$PORT ($([[ -n "$DBNAME" ]] && echo "PostgreSQL database $DBNAME" || echo SQLite))"
(cd "$PUBLISHED" && exec dotnet SalesAcademy.Portal.dll --urls "http://127.0.0.1:$PORT" "${PROVIDER[@]}" --Portal:ContentDir="$CONTENT" \
    --Portal:DataDir="$DATA" --Logging:LogLevel:Default=Warning "${NO_LIMITS[@]}" \
    --Portal:Setup:AdminEmail=bench@example.com --Portal:Setup:AdminPassword="Bench password 2026 ok" >"$DATA/portal.log" 2>&1) &
PORTAL_PID=$!
for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")" == 200 ]] && break
    sleep 0.1
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$BENCH_DLL" load "http://127.0.0.1:$PORT" "$DATA" "$QUIZ_ID" "${LEVELS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
