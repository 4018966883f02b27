#!/usr/bin/env bash
# Search benchmark (issue 4), on this machine, in one run (about 5 minutes on 2 cores):
#   1. generates 100,000 synthetic mixed Chinese/English documents of about 300 words (vocabulary: the words
#      SmartCn and EnglishAnalyzer find in content/);
#   2. full rebuild through the portal's own code (SearchDocumentFactory + SearchIndex.Rebuild: both analyzers,
#      term vectors, every core): documents/s and index size;
#   3. 1,000 random two-term queries with the top 10 highlighted, through the portal's SearchService and, in the
#      same run, as a bare Lucene.Net query with the same analyzers: p50/p95 and the ratio (the overhead).
# Usage: bench/search.sh [documents, default 100000] [queries, default 1000]. Builds Release. Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TieredPGO=1
echo "== build (Release)"
dotnet build bench/SearchBench -c Release -nologo -v q >/dev/null
dotnet bench/SearchBench/bin/Release/net10.0/SearchBench.dll "$@"
