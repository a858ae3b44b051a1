#!/usr/bin/env bash
# Fuzz the REST API with schemathesis (every operation, every check; platform/schemathesis.toml)
# against a real server: a throwaway SQLite database with the demo data, `runserver --noreload` on
# a free 127.0.0.1 port, throttling raised. Exits non-zero on any failure or server traceback and
# ends with `schemathesis: N passed, M failed`. Stops the server it started. FUZZ_GRAPHQL=1 fuzzes
# /graphql/ too. Usage: platform/scripts/schemathesis.sh [--help]
# (env: FUZZ_MAX_EXAMPLES=30 FUZZ_GRAPHQL=0 FUZZ_GRAPHQL_MAX_EXAMPLES=20 FUZZ_SEED=1 FUZZ_PORT=8790)
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY="$ROOT/.venv/bin/python"
ST="$ROOT/.venv/bin/schemathesis"
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-30}
GRAPHQL_MAX_EXAMPLES=${FUZZ_GRAPHQL_MAX_EXAMPLES:-20}
SEED=${FUZZ_SEED:-1}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The server's own environment: its SQLite file, no external services, throttling out of the way.
export DJANGO_SETTINGS_MODULE=cms.settings.dev CONFERENCE_VAR_DIR="$WORK" \
  DATABASE_URL="sqlite:///$WORK/db.sqlite3" API_ANON_THROTTLE_RATE=100000/min
unset REDIS_URL OPENSEARCH_URL ELASTICSEARCH_URL

cd "$ROOT"
echo "schemathesis: loading the demo data into $WORK"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo >/dev/null

PORT=$(free_port "${FUZZ_PORT:-8790}")
"$PY" manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT"
answers() { "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10)' \
  "$URL/api/v1/schema/" 2>/dev/null; }
for ((i = 0; i < 120; i++)); do
  if answers; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    cat "$WORK/server.log" >&2
    echo "schemathesis: the server did not start" >&2
    exit 1
  fi
  sleep 0.5
done
answers || { echo "schemathesis: no answer within 60 s" >&2; exit 1; }

status=0
run() { # run NAME SCHEMA_URL BASE_URL [options...]: one suite, its JUnit report in $WORK/NAME
  local name=$1 schema=$2 base=$3
  shift 3
  "$ST" --no-color --config-file "$ROOT/platform/schemathesis.toml" run "$schema" --url "$base" \
    --workers 1 --seed "$SEED" --report junit --report-dir "$WORK/$name" "$@" \
    >"$WORK/$name.txt" 2>&1 || status=1
  cat "$WORK/$name.txt"
}
run rest "$URL/api/v1/schema/" "$URL" --checks all --max-examples "$MAX_EXAMPLES"
if [ "${FUZZ_GRAPHQL:-0}" = 1 ]; then
  run graphql "$URL/graphql/" "$URL/graphql/" --checks all --max-examples "$GRAPHQL_MAX_EXAMPLES"
fi
if grep -q "Internal Server Error\|Traceback" "$WORK/server.log"; then
  echo "schemathesis: the server logged errors:" >&2
  grep -B2 -A20 "Traceback" "$WORK/server.log" | head -80 >&2
  status=1
fi
# The counts come from the JUnit reports: one test case per operation (and one for stateful).
total() (
  set +o pipefail
  cat "$WORK"/*/*.xml 2>/dev/null | grep -o "<testsuite [^>]*" | grep -o " $1=\"[0-9]*\"" |
    tr -dc '0-9\n' | awk '{s += $1} END {print s + 0}'
)
tests=$(total tests)
failed=$(( $(total failures) + $(total errors) ))
passed=$(( tests - failed ))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "schemathesis: $passed passed, $failed failed"
exit "$status"
