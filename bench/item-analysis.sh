#!/usr/bin/env bash
# Item analysis (issue 5 §3): how long QuizStatistics.RecomputeAsync takes for 1,000 finished first attempts × 20 questions
# (one query for the marks, the statistics, one upsert of the snapshot), on SQLite and - when SALESACADEMY_TEST_POSTGRES
# names a server (in a database sa_item_analysis_bench, created if missing) - PostgreSQL, plus the computation
# alone. Builds Release and prints one line per provider. Usage: bench/item-analysis.sh. Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/QuizBench -c Release -nologo -v q | { grep -E " error |rror\(s\)" || true; }
BENCH_DLL=bench/QuizBench/bin/Release/net10.0/QuizBench.dll
DATA=$(mktemp -d /tmp/sa-itembench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
dotnet "$BENCH_DLL" item-analysis "$DATA"
if [[ -n "${SALESACADEMY_TEST_POSTGRES:-}" ]]; then
    dotnet "$BENCH_DLL" item-analysis "$DATA" "${SALESACADEMY_TEST_POSTGRES%;}${SALESACADEMY_TEST_POSTGRES:+;}Database=sa_item_analysis_bench"
fi
