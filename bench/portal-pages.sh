#!/usr/bin/env bash
# Page benchmark (issues 2 and 13 §2), on this machine, in one run:
#   1. optional: N generated published cases (--items N): the seed cases copied with new ids and slugs into a copy of
#      content/, imported by the portal's own content-as-code importer at the first start;
#   2. cold start (fresh data directory: migrations + import) and warm start (same data directory) to the first /health 200;
#   3. a signed-in rep (rep0000@bench.test, created through the portal's services by bench/QuizBench) signs in with curl;
#   4. requests/s with wrk of each page next to a minimal Kestrel "hello" measured the same way, back to back, twice,
#      alternating (page, hello, page, hello), and the ratio of the sums:
#        anon    /cases/<slug> anonymous               (target >= 0.15)
#        rep     /cases/<slug> signed-in rep           (target >= 0.10)
#        search  /search?q=铁三角 signed-in rep         (target >= 0.05)
#        list    /cases?page=3 anonymous               (target >= 0.05; measure with --items 10000)
#   5. resident memory of the portal (VmRSS from /proc/<pid>/status) after the runs, and the load average.
# Usage: bench/portal-pages.sh [--items N] [--duration 10s] [--warmup 20s] [--pages anon,rep,search,list,home]
#                              [--port 5181] [--hello-port 5182] [--slug huawei-iron-triangle]
#   Short runs on a busy machine: bench/portal-pages.sh --duration 5s --warmup 5s --port 5370 --hello-port 5371
# Needs: wrk (apt-get install wrk), python3 (the generator). Publishes the portal as a team deploys it (Release,
# linux-x64, ReadyToRun) into the run's temporary folder. Binds 127.0.0.1 only. Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ITEMS=0; DURATION=10s; WARMUP=20s; PAGES=anon,rep,search,list; PORT=5181; HELLO_PORT=5182; SLUG=huawei-iron-triangle
while (( $# )); do
    case "$1" in
        --items) ITEMS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --pages) PAGES=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --hello-port) HELLO_PORT=$2; shift 2 ;;
        --slug) SLUG=$2; shift 2 ;;
        *) echo "unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DATA=$(mktemp -d /tmp/sa-bench-XXXXXX)
PORTAL_PID=; HELLO_PID=
# The portal is stopped (and waited for) before its data directory goes: deleting files under a stopping portal
# left it hanging in shutdown, a stray process that skewed the next benchmark.
cleanup() { for p in $PORTAL_PID $HELLO_PID; do kill "$p" 2>/dev/null || true; done; for p in $PORTAL_PID $HELLO_PID; do wait "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT
echo "== publish (Release, linux-x64, self-contained, composite ReadyToRun) and build the load tools"
dotnet publish src/Portal -c Release -r linux-x64 -o "$DATA/portal" -nologo -v q >/dev/null
dotnet build bench/Hello -c Release -nologo -v q >/dev/null
dotnet build bench/QuizBench -c Release -nologo -v q >/dev/null
HELLO_DLL=bench/Hello/bin/Release/net10.0/Hello.dll
BENCH_DLL=bench/QuizBench/bin/Release/net10.0/QuizBench.dll

CONTENT=$PWD/content
if (( ITEMS > 0 )); then
    echo "== generating $ITEMS published cases (seed cases with new ids and slugs) in $DATA/content"
    cp -r content "$DATA/content"; CONTENT=$DATA/content
    python3 - "$DATA/content/cases" "$ITEMS" <<'EOF'
import os, re, sys
folder, n = sys.argv[1], int(sys.argv[2])
seeds = [open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder)) if f.endswith(".md")]
out = os.path.join(folder, "generated"); os.makedirs(out, exist_ok=True)
for i in range(n - len(seeds)):
    text = seeds[i % len(seeds)]
    text = re.sub(r"^id: (.+)$", lambda m: f"id: {m.group(1)}-g{i:05d}", text, count=1, flags=re.M)
    text = re.sub(r"^slug: (.+)$", lambda m: f"slug: {m.group(1)}-g{i:05d}", text, count=1, flags=re.M)
    open(os.path.join(out, f"g{i:05d}.md"), "w", encoding="utf-8").write(text)
EOF
fi

ELAPSED_MS=0
wait_ok() { # start-ns url -> sets ELAPSED_MS to the time until the first 200
    local start=$1 url=$2
    for _ in $(seq 1 6000); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]]; then
            ELAPSED_MS=$(( ($(date +%s%N) - start) / 1000000 )); return 0
        fi
        sleep 0.05
    done
    echo "timeout waiting for $url" >&2; return 1
}

# wrk is one client on one address: the search limits (per address and per account) are off (0 = no limit) so that the
# benchmark measures the page, not the limiter. wrk also replays one cookie for minutes: a browser takes the cookie that
# the security-stamp check renews (Accounts:SessionCheckSeconds, 60 s), wrk never does, so every request after the first
# minute would check the stamp and issue a new cookie, which no browser causes. The check runs hourly here.
start_portal() {
    local start; start=$(date +%s%N)
    # Set up from configuration (no /setup page), readable without signing in, as an open site is.
    (cd "$DATA/portal" && exec dotnet SalesAcademy.Portal.dll --urls "http://127.0.0.1:$PORT" \
        --Portal:DataDir="$DATA" --Portal:ContentDir="$CONTENT" --Logging:LogLevel:Default=Warning \
        --Logging:LogLevel:SalesAcademy.Search.Services.SearchIndexHost=Information \
        --RateLimits:Search:PerAddress=0 --RateLimits:Search:PerAccount=0 --Accounts:SessionCheckSeconds=3600 \
        --Portal:Setup:AdminEmail=bench@example.com --Portal:Setup:AdminPassword="bench-$(date +%s%N)" \
        --Portal:Setup:AnonymousReading=true >>"$DATA/portal.log" 2>&1) &
    PORTAL_PID=$!
    wait_ok "$start" "http://127.0.0.1:$PORT/health"
}
stop_portal() { kill "$PORTAL_PID"; wait "$PORTAL_PID" 2>/dev/null || true; PORTAL_PID=; }

echo "== cold start (empty data directory: migrations + import of $(find "$CONTENT" -name '*.md' | wc -l) files)"
start_portal; COLD=$ELAPSED_MS
echo "cold start to first /health 200: ${COLD} ms"
# The search index is built in the background after a cold start (about 50 s for 10,000 items on 2 cores). Stopping
# before it is done would leave the warm start rebuilding it: its time and memory would be the rebuild's, not a restart's.
for _ in $(seq 1 1200); do grep -q "Search index rebuilt" "$DATA/portal.log" && break; sleep 0.5; done
grep -q "Search index rebuilt" "$DATA/portal.log" || { echo "the search index was not built within 10 minutes (see $DATA/portal.log)" >&2; exit 1; }
stop_portal
# A rep with a password, through the portal's own services (also adds a 20-question bench quiz; harmless here).
dotnet "$BENCH_DLL" setup "$DATA" 1 >/dev/null
WARM_START=$(date +%s%N); start_portal; WARM=$ELAPSED_MS
BASE="http://127.0.0.1:$PORT"
# What a reader waits for: the first library list page (the published snapshot of every item is built by then).
curl -s -o /dev/null "$BASE/cases?page=3"; FIRST_PAGE=$(( ($(date +%s%N) - WARM_START) / 1000000 ))
echo "warm start to first /health 200: ${WARM} ms, to the first /cases?page=3: ${FIRST_PAGE} ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"

# Sign in as the rep with curl (antiforgery token from the form), keep the cookies for wrk.
JAR="$DATA/cookies"
FORM=$(curl -s -c "$JAR" "$BASE/account/login")
TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$FORM" | sed 's/.*value="//;s/"$//' | head -n1)
[[ -n "$TOKEN" ]] || TOKEN=$(grep -o '__RequestVerificationToken[^>]*value="[^"]*"' <<<"$FORM" | sed 's/.*value="//;s/"$//' | head -n1)
curl -s -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "Email=rep0000@bench.test" --data-urlencode "Password=Bench password 2026 ok" \
    --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/account/login"
COOKIE=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$JAR")
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/account/profile")" == 200 ]] \
    || { echo "signing in as rep0000@bench.test failed (see $DATA/portal.log)" >&2; exit 1; }

(exec dotnet "$HELLO_DLL" --urls "http://127.0.0.1:$HELLO_PORT" >/dev/null 2>&1) &
HELLO_PID=$!
wait_ok "$(date +%s%N)" "http://127.0.0.1:$HELLO_PORT/"
HELLO="http://127.0.0.1:$HELLO_PORT/"

rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' <<<"$1"; }
SUMMARY=()
measure() { # name url [cookie] -> page and hello twice, alternating, after a warm-up of both
    local name=$1 url=$2 cookie=${3:-} page=0 hello=0 out
    local args=(-t2 -c32); [[ -n "$cookie" ]] && args+=(-H "Cookie: $cookie")
    [[ "$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$url")" == 200 ]] || { echo "$url is not 200" >&2; exit 1; }
    # Warm-up: on 2 busy cores tiered JIT needs 10-15 s to reach steady-state code.
    wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null; wrk -t2 -c32 -d"$WARMUP" "$HELLO" >/dev/null
    for round in 1 2; do
        echo "== [$name, round $round] wrk -d$DURATION $url"
        out=$(wrk "${args[@]}" -d"$DURATION" --latency "$url"); echo "$out"
        [[ -z "$(errors "$out")" ]] || { echo "errors during the page run: $(errors "$out")" >&2; exit 1; }
        page=$(awk -v a="$page" -v b="$(rps "$out")" 'BEGIN {print a + b}')
        echo "== [$name, round $round] wrk -d$DURATION $HELLO (minimal Kestrel hello)"
        out=$(wrk -t2 -c32 -d"$DURATION" --latency "$HELLO"); echo "$out"
        hello=$(awk -v a="$hello" -v b="$(rps "$out")" 'BEGIN {print a + b}')
    done
    SUMMARY+=("$name $url: $(awk -v a="$page" 'BEGIN {printf "%.0f", a/2}') req/s; hello $(awk -v a="$hello" 'BEGIN {printf "%.0f", a/2}') req/s; ratio $(awk -v a="$page" -v b="$hello" 'BEGIN {printf "%.3f", a/b}')")
}

IFS=, read -r -a WANTED <<<"$PAGES"
for p in "${WANTED[@]}"; do
    case "$p" in
        anon) measure anon "$BASE/cases/$SLUG" ;;
        rep) measure rep "$BASE/cases/$SLUG" "$COOKIE" ;;
        search) measure search "$BASE/search?q=%E9%93%81%E4%B8%89%E8%A7%92" "$COOKIE" ;;
        list) measure list "$BASE/cases?page=3" ;;
        home) measure home "$BASE/" ;;
        *) echo "unknown page $p" >&2; exit 2 ;;
    esac
done
RSS=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$PORTAL_PID/status")

echo "== summary ($ITEMS generated items; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "cold start ${COLD} ms, warm start ${WARM} ms (first list page ${FIRST_PAGE} ms), resident memory after the runs ${RSS}"
printf '%s\n' "${SUMMARY[@]}"
echo "targets: anon >= 0.15, rep >= 0.10, search >= 0.05, list >= 0.05 (at 10,000 items), home as list; warm start <= 3 s, memory <= 300 MB"
