#!/usr/bin/env bash
# Item analysis (issue 5 §3): how long QuizStatistics.RecomputeAsync takes for 1,000 finished first attempts × 20 questions
# (one query for the marks, the statistics, one upsert of the snapshot), on SQLite and - when SALESACADEMY_TEST_POSTGRES
# names a server - PostgreSQL. Builds Release and prints one line per provider.
# Usage: bench/item-analysis.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 SALESACADEMY_MEASURE=1
dotnet build tests/SalesAcademy.Quizzes.Tests -c Release -nologo -v q >/dev/null
dotnet test tests/SalesAcademy.Quizzes.Tests -c Release --no-build --filter "FullyQualifiedName~ItemAnalysisMeasurement" \
    --logger "console;verbosity=detailed" | grep -E "RecomputeAsync|Passed!|Failed!|Skipped "
