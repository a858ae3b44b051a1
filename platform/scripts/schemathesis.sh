#!/usr/bin/env bash
# Fuzz the REST API with schemathesis (every operation, every check) against a real server: a
# throwaway SQLite database with the demo data, `manage.py runserver --noreload` on a free
# 127.0.0.1 port, throttling raised. Exits non-zero on any server error or schema violation and
# ends with `schemathesis: N passed, M failed`. Stops the server it started.
# Usage: platform/scripts/schemathesis.sh [--help]   (env: FUZZ_MAX_EXAMPLES=30 FUZZ_SEED=1 FUZZ_PORT=8790)
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY="$ROOT/.venv/bin/python"
ST="$ROOT/.venv/bin/schemathesis"
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-30}
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
for ((i = 0; i < 120; i++)); do
  if curl -fsS -o /dev/null "$URL/api/v1/schema/" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    cat "$WORK/server.log" >&2
    echo "schemathesis: the server did not start" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS -o /dev/null "$URL/api/v1/schema/" || { echo "schemathesis: no answer within 60 s" >&2; exit 1; }

status=0
"$ST" --no-color run "$URL/api/v1/schema/" --url "$URL" --checks all \
  --max-examples "$MAX_EXAMPLES" --workers 1 --seed "$SEED" --report junit --report-dir "$WORK/report" \
  >"$WORK/out.txt" 2>&1 || status=$?
cat "$WORK/out.txt"
if grep -q "Internal Server Error\|Traceback" "$WORK/server.log"; then
  echo "schemathesis: the server logged errors:" >&2
  grep -B2 -A20 "Traceback" "$WORK/server.log" | head -80 >&2
  status=1
fi
passed=$(grep -o 'tests="[0-9]*"' "$WORK/report/"*.xml 2>/dev/null | head -1 | tr -dc 0-9)
failed=$(grep -o 'failures="[0-9]*"' "$WORK/report/"*.xml 2>/dev/null | head -1 | tr -dc 0-9)
errors=$(grep -o 'errors="[0-9]*"' "$WORK/report/"*.xml 2>/dev/null | head -1 | tr -dc 0-9)
failed=$(( ${failed:-0} + ${errors:-0} ))
passed=$(( ${passed:-0} - failed ))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "schemathesis: $passed passed, $failed failed"
exit "$status"
