#!/usr/bin/env bash
# `make load`: locust against the production stack, first with the response cache on, then with it
# off (API_RESPONSE_CACHE=0), and both results side by side. The stack runs in its own state
# directory, database, Redis db and ports (a developer's `make stack` is not touched), with a
# throttle rate the load cannot reach, and is stopped at the end.
# Usage: platform/load/run.sh [--help]
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $0
Environment (defaults in brackets):
  LOAD_USERS        concurrent users [100]
  LOAD_SECONDS      seconds per run [120]
  LOAD_SPAWN_RATE   users started per second [20]
  LOAD_WAIT         seconds each user waits between tasks, MIN-MAX [0.1-1]
  LOAD_PHASES       which runs: "warm cold", "warm" or "cold" [warm cold]
  LOAD_STACK_DIR    the load stack's state directory [var/load]
  LOAD_DB           its PostgreSQL database [conf_load]
  LOAD_REDIS_DB     its Redis database number [4]
  LOAD_API_PORT     its gunicorn port [8010]
  LOAD_WEB_PORT     its Next.js port [3010]
Prints, per run and route: requests, requests per second, p50 and p95 (ms), failures; then the
runs side by side. Exits non-zero when any request failed (any answer but 2xx or 304).
Results: LOAD_STACK_DIR/results/<run>_stats.csv (locust's CSV) and <run>.log.
USAGE
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
USERS=${LOAD_USERS:-100}
SECONDS_PER_RUN=${LOAD_SECONDS:-120}
SPAWN_RATE=${LOAD_SPAWN_RATE:-20}
PHASES=${LOAD_PHASES:-warm cold}
export STACK_DIR=${LOAD_STACK_DIR:-$ROOT/var/load}
export STACK_DB=${LOAD_DB:-conf_load}
export STACK_REDIS_DB=${LOAD_REDIS_DB:-4}
export STACK_API_PORT=${LOAD_API_PORT:-8010}
export STACK_WEB_PORT=${LOAD_WEB_PORT:-3010}
export STACK_THROTTLE_RATE=1000000/min
RESULTS="$STACK_DIR/results"
API="http://127.0.0.1:$STACK_API_PORT"

for value in "$USERS" "$SECONDS_PER_RUN" "$SPAWN_RATE"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "load: LOAD_USERS, LOAD_SECONDS and LOAD_SPAWN_RATE must be positive numbers" >&2; exit 2; }
done
for phase in $PHASES; do
  [[ "$phase" == warm || "$phase" == cold ]] || { echo "load: LOAD_PHASES lists warm and/or cold, got: $phase" >&2; exit 2; }
done

stack() { bash "$ROOT/platform/scripts/stack.sh" "$@"; }
stop_stack() { stack stop >/dev/null 2>&1 || true; }
trap stop_stack EXIT
trap 'exit 130' INT TERM

mkdir -p "$RESULTS"
failed=0
runs=()
for phase in $PHASES; do
  cache=1
  [[ "$phase" == cold ]] && cache=0
  echo "load: starting the stack with the response cache $([[ $cache == 1 ]] && echo on || echo off) (API_RESPONSE_CACHE=$cache)"
  stop_stack
  STACK_RESPONSE_CACHE=$cache stack start >"$RESULTS/$phase-stack.log" 2>&1 ||
    { tail -n 40 "$RESULTS/$phase-stack.log" >&2; echo "load: the stack did not start" >&2; exit 1; }
  echo "load: $phase run: $USERS users (spawn $SPAWN_RATE/s) for $SECONDS_PER_RUN s against $API"
  rm -f "$RESULTS/${phase}"_*.csv
  status=0
  "$ROOT/.venv/bin/locust" -f "$ROOT/platform/load/locustfile.py" --headless --only-summary \
    -H "$API" -u "$USERS" -r "$SPAWN_RATE" -t "${SECONDS_PER_RUN}s" --stop-timeout 10 \
    --csv "$RESULTS/$phase" >"$RESULTS/$phase.log" 2>&1 || status=$?
  if [[ ! -s "$RESULTS/${phase}_stats.csv" ]]; then
    tail -n 40 "$RESULTS/$phase.log" >&2
    echo "load: locust produced no statistics (exit status $status)" >&2
    exit 1
  fi
  ((status == 0)) || failed=1
  runs+=("$phase=$RESULTS/${phase}_stats.csv")
done
stop_stack
trap - EXIT

"$ROOT/.venv/bin/python" "$ROOT/platform/load/report.py" "${runs[@]}" || failed=1
if ((failed)); then
  echo "load: some requests failed; see $RESULTS/*_failures.csv and $RESULTS/*.log" >&2
  exit 1
fi
