#!/usr/bin/env bash
# deploy/cluster.sh - a local cluster on loopback: a throwaway PostgreSQL, 3 portal processes (own data folder and node name
# each, one shared folder) and Debian's nginx in front (round robin, no sticky sessions). Stays up until Ctrl-C, then stops
# everything and deletes the work folder (KEEP=1 keeps it).
#
#   deploy/cluster.sh                 # http://127.0.0.1:5480, nodes on 5481-5483, PostgreSQL on 5470
#   NODES=2 LB_PORT=8080 deploy/cluster.sh
#   NO_BUILD=1 deploy/cluster.sh      # use the Release build that is there
#
# Sign in as admin@cluster.test / "Cluster admin password 2026" (ADMIN_EMAIL, ADMIN_PASSWORD); /health says which node answered.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/salesacademy-cluster.XXXXXX")"
chmod 755 "$WORK"
trap 'cluster_down; [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
cluster_up
for ((i = 1; i <= NODES; i++)); do
    log "node$i: http://127.0.0.1:$(node_port "$i") (pid ${NODE_PID[$i]}, log $WORK/node$i.log)"
done
log "Ctrl-C stops the cluster"
while true; do sleep 3600 & wait $!; done   # wait: a signal ends it at once
