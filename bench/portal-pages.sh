#!/usr/bin/env bash
# Benchmark of the foundation (issue 2), on this machine, in one run:
#   1. cold start: a fresh data directory -> migrations + seed import -> first 200 from /health;
#      then a warm start (same data directory, nothing to import);
#   2. requests/s of a content page (/cases/<slug>) with wrk, next to a minimal Kestrel "hello"
#      endpoint measured the same way, and their ratio (target >= 0.15).
# Usage: bench/portal-pages.sh [slug] [wrk duration, default 10s]
# Needs: wrk (apt-get install wrk). Builds Release. Ports 5181/5182 on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SLUG="${1:-huawei-iron-triangle}"
DURATION="${2:-10s}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== build (Release)"
dotnet build src/Portal -c Release -nologo -v q >/dev/null
dotnet build bench/Hello -c Release -nologo -v q >/dev/null
PORTAL_DLL=src/Portal/bin/Release/net10.0/SalesAcademy.Portal.dll
HELLO_DLL=bench/Hello/bin/Release/net10.0/Hello.dll
DATA=$(mktemp -d /tmp/sa-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

ELAPSED_MS=0
wait_ok() { # start-ns url -> sets ELAPSED_MS to the time until the first 200
    local start=$1 url=$2
    for _ in $(seq 1 600); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]]; then
            ELAPSED_MS=$(( ($(date +%s%N) - start) / 1000000 )); return 0
        fi
        sleep 0.05
    done
    echo "timeout waiting for $url" >&2; return 1
}

start_portal() {
    local start; start=$(date +%s%N)
    # Set up from configuration (no /setup page), readable without signing in, as an open site is.
    (cd src/Portal && exec dotnet "bin/Release/net10.0/SalesAcademy.Portal.dll" --urls http://127.0.0.1:5181 \
        --Portal:DataDir="$DATA" --Logging:LogLevel:Default=Warning \
        --Portal:Setup:AdminEmail=bench@example.com --Portal:Setup:AdminPassword="bench-$(date +%s%N)" \
        --Portal:Setup:AnonymousReading=true >"$DATA/portal.log" 2>&1) &
    PIDS+=($!)
    wait_ok "$start" http://127.0.0.1:5181/health
}

echo "== cold start (empty data directory: migrations + seed import)"
start_portal; COLD=$ELAPSED_MS
echo "cold start to first /health 200: ${COLD} ms"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
start_portal; WARM=$ELAPSED_MS
echo "warm start to first /health 200: ${WARM} ms"

URL="http://127.0.0.1:5181/cases/$SLUG"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" == 200 ]] || { echo "$URL is not 200" >&2; exit 1; }
# Warm up for 20 s: on 2 busy cores tiered JIT needs 10-15 s to reach steady-state code.
curl -s "$URL" >/dev/null; wrk -t2 -c32 -d20s "$URL" >/dev/null
echo "== wrk -t2 -c32 -d$DURATION $URL"
PAGE_OUT=$(wrk -t2 -c32 -d"$DURATION" --latency "$URL"); echo "$PAGE_OUT"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

(exec dotnet "$HELLO_DLL" --urls http://127.0.0.1:5182 >/dev/null 2>&1) &
PIDS+=($!)
wait_ok "$(date +%s%N)" http://127.0.0.1:5182/
wrk -t2 -c32 -d20s http://127.0.0.1:5182/ >/dev/null
echo "== wrk -t2 -c32 -d$DURATION http://127.0.0.1:5182/ (minimal Kestrel hello)"
HELLO_OUT=$(wrk -t2 -c32 -d"$DURATION" --latency http://127.0.0.1:5182/); echo "$HELLO_OUT"

rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' <<<"$1"; }
PAGE_RPS=$(rps "$PAGE_OUT"); HELLO_RPS=$(rps "$HELLO_OUT")
[[ -z "$(errors "$PAGE_OUT")" ]] || { echo "errors during the page run: $(errors "$PAGE_OUT")" >&2; exit 1; }
echo "== summary"
echo "cold start ${COLD} ms, warm start ${WARM} ms"
echo "/cases/$SLUG: ${PAGE_RPS} req/s; hello: ${HELLO_RPS} req/s; ratio $(awk -v a="$PAGE_RPS" -v b="$HELLO_RPS" 'BEGIN {printf "%.3f", a/b}') (target >= 0.15)"
