#!/usr/bin/env bash
# Regenerates the EF Core compiled models of the contexts a start uses (one per provider), after a change to one of
# their models. tests/SalesAcademy.Portal.Tests/CompiledModelTests fails while one is stale and names this script.
# Usage: tools/compiled-models.sh [Module ...]   (default: every module listed below)
# The namespace is CompiledModels.<stem>.<provider>, outside the module's own: inside it, an entity type named like one of
# the module's namespaces (Notifications' Delivery) would not compile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v dotnet-ef >/dev/null || dotnet tool install --global dotnet-ef --version 10.0.15
# module project : context stem : folder of the context
MODELS=(
    "SalesAcademy.Core:DataProtectionKeys:Security/Keys"
    "SalesAcademy.Accounts:Accounts:Data"
    "SalesAcademy.Content:Content:Data"
    "SalesAcademy.Quizzes:Quizzes:Data"
    "SalesAcademy.Notifications:Notifications:Data"
    "SalesAcademy.Scheduling:Scheduling:Data"
)
for entry in "${MODELS[@]}"; do
    IFS=: read -r module stem folder <<<"$entry"
    if (( $# )) && [[ ! " $* " == *" $module "* ]]; then continue; fi
    project="src/Modules/$module"
    rm -rf "$project/$folder/CompiledModels" # a stale model may not even compile
    dotnet build "$project" -nologo -v q | { grep -E " error |rror\(s\)" || true; }
    for provider in Sqlite Postgres; do
        out="$folder/CompiledModels/$provider"
        echo "== $module: $provider$stem""DbContext -> $out"
        dotnet ef dbcontext optimize --project "$project" --startup-project "$project" --context "$provider${stem}DbContext" \
            --output-dir "$out" --namespace "CompiledModels.$stem.$provider" --no-build 2>&1 | grep -Ei "error|Successfully" || true
    done
done
