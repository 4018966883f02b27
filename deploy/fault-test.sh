#!/usr/bin/env bash
# deploy/fault-test.sh - the scale-out fault test (8-10 minutes on a busy 2-core machine; not part of ./test.sh, whose short version is
# tests/SalesAcademy.Portal.Tests/ScaleOutTests.cs).
#
# Starts the local cluster of deploy/cluster.sh (3 nodes behind nginx on a throwaway PostgreSQL), sets up a team, users with
# access tokens, a retro in its reflect step and a cluster-probe cycle every 15 s, then runs deploy/loadgen.py (readers and
# searchers signed in with cookies, quiz takers and retro participants with tokens, a writer publishing drills) through nginx
# while, one after the other (each once the cluster is whole again):
#   node2 SIGKILLed, restarted 5 s later            (node-kill)
#   PostgreSQL SIGSTOPped for 20 s, then SIGCONT    (pg-pause)
#   PostgreSQL restarted (pg_ctl restart -m fast)   (pg-restart)
#   node3's clock +2 s for 15 s, then -2 s for 15 s (clock-skew; libfaketime's offset file, the monotonic clock untouched)
# Afterwards it checks: every acknowledged answer and card is in the database; every fire time of the cycle has exactly one
# run; every node's index holds exactly the published items; no signed-in request got a sign-in redirect; and prints the
# error rate during each fault and the time to recover. Exit 0 when every check passed.
#
#   deploy/fault-test.sh              # KEEP=1 keeps the work folder (logs, requests.csv); NO_BUILD=1 skips the build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/salesacademy-fault.XXXXXX")"
chmod 755 "$WORK"
trap 'cluster_down; [[ "${KEEP:-0}" == 1 ]] && echo "work folder: $WORK" || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
SECONDS=0

# Quicker cluster reactions than the defaults, so a short run sees the takeover: a dead node's Quartz tick is freed in ~10 s.
export Scheduling__TickSeconds=1 Scheduling__ClusterCheckinSeconds=2 Scheduling__ClusterProbeHoldSeconds=2 Scheduling__ClaimSeconds=20 \
    Search__PollSeconds=1 Content__ChangePollSeconds=1
# Every simulated person comes from 127.0.0.1 and signs in more than once: the load would otherwise hit the sign-in and search
# limits (RateLimits:Nodes=3 gives each node a third of them), which is what those limits are for, not what is tested here.
export RateLimits__SignIn__PerAddress=3000 RateLimits__SignIn__PerAccount=300 RateLimits__Search__PerAddress=30000 \
    RateLimits__Search__PerAccount=3000 RateLimits__Token__PerAddress=300000 RateLimits__Token__PerAccount=30000
cluster_up
OUT="$WORK/out"; mkdir -p "$OUT"
LB="http://127.0.0.1:$LB_PORT"
python3 "$REPO_ROOT/deploy/loadgen.py" setup --base "$LB" --out "$OUT"

fault() { echo "$(date +%s.%N | cut -c1-14) $1 $2" >>"$OUT/faults.log"; log "fault $1: $2"; }

LOAD_START=$SECONDS
python3 "$REPO_ROOT/deploy/loadgen.py" run --base "$LB" --out "$OUT" --seconds 1800 &
LOAD_PID=$!
pause() { sleep "$1"; }

# One fault after the other, each once the cluster is whole again; the load runs throughout and ends 15 s after the last.
pause 15; fault node-kill start; node_kill 2 KILL
pause 5;  node_start 2; wait_until 600 "node2 to come back" node_healthy 2; fault node-kill end
pause 15; fault pg-pause start; pg_signal STOP
pause 20; pg_signal CONT; fault pg-pause end
pause 20; fault pg-restart start; pg_ctl_do restart -m fast; fault pg-restart end
pause 20; fault clock-skew start; clock_offset +2
pause 15; clock_offset -2
pause 15; clock_offset +0; fault clock-skew end
pause 15; touch "$OUT/stop"

wait "$LOAD_PID"
# Pause the probe cycle, let open runs close and the indexes catch up, then check.
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$LB/api/v1/cycles/$(python3 -c "import json;print(json.load(open('$OUT/setup.json'))['cycle'])")/pause"
sleep 10
nodes=""; for ((i = 1; i <= NODES; i++)); do nodes+="${nodes:+,}http://127.0.0.1:$(node_port "$i")"; done
set +e
PATH="$PG_BIN:$PATH" python3 "$REPO_ROOT/deploy/loadgen.py" report --base "$LB" --out "$OUT" --nodes "$nodes" \
    --psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=salesacademy"
status=$?
set -e
log "fault test done in ${SECONDS}s"
exit "$status"
