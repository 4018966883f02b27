#!/usr/bin/env bash
# Insights run benchmark (issue 18 §6), on this machine:
#   1. a fresh data directory (SQLite) or a fresh PostgreSQL database: migrations, the seed content imported (its tagged
#      questions), then 50 teams × 10 members × 12 weeks of activity written straight into each module's tables
#      (bench/InsightsBench: quiz rounds and attempts, review cards, pulses, retros with actions, comments, content views,
#      a finalised drill session every 4 weeks);
#   2. after a warm-up (one team, one period), the insights run for every team over each of the 12 weekly periods in turn;
#   3. prints each period's time, the total (target: <= 30 s on SQLite) and the snapshots and values stored.
# Usage: bench/insights.sh [--postgres "<connection string>"] [--teams 50] [--members 10] [--weeks 12]
#   --postgres: a fresh database sa_insights_<random> on that server (dropped afterwards) instead of SQLite.
# Builds Release. Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
POSTGRES=; TEAMS=50; MEMBERS=10; WEEKS=12
while (( $# )); do
    case "$1" in
        --postgres) POSTGRES=$2; shift 2 ;;
        --teams) TEAMS=$2; shift 2 ;;
        --members) MEMBERS=$2; shift 2 ;;
        --weeks) WEEKS=$2; shift 2 ;;
        *) echo "unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build (Release)"
dotnet build bench/InsightsBench -c Release -nologo -v q | { grep -E " error |rror\(s\)" || true; }
BENCH_DLL=bench/InsightsBench/bin/Release/net10.0/InsightsBench.dll
DATA=$(mktemp -d /tmp/sa-insights-XXXXXX); DBNAME=
cleanup() {
    rm -rf "$DATA"
    if [[ -n "$DBNAME" ]] && command -v psql >/dev/null; then
        psql "$(sed -E 's/(^|;)Database=[^;]*//I; s/;?Pooling=[^;]*//I' <<<"$POSTGRES" | tr ';' ' ' | sed 's/Host=/host=/I; s/Port=/port=/I; s/Username=/user=/I; s/Password=/password=/I') dbname=postgres" \
            -qc "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
ARGS=("$DATA" "$PWD/content" "$TEAMS" "$MEMBERS" "$WEEKS")
if [[ -n "$POSTGRES" ]]; then
    DBNAME="sa_insights_$(date +%s)_$RANDOM"
    ARGS+=("$(sed -E 's/(^|;)Database=[^;]*//I' <<<"$POSTGRES");Database=$DBNAME")
fi
echo "== $TEAMS teams x $MEMBERS members x $WEEKS weeks, $([[ -n "$POSTGRES" ]] && echo "PostgreSQL database $DBNAME" || echo "SQLite in $DATA")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$BENCH_DLL" "${ARGS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
