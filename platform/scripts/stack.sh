#!/usr/bin/env bash
# The production stack on 127.0.0.1 without Docker: PostgreSQL, Redis and the OpenSearch node (shared
# services), then gunicorn (2 workers, cms.settings.production over plain HTTP), a Celery worker,
# Celery beat and the built Next.js site, each in its own session with a pid file and a log.
# Usage: platform/scripts/stack.sh [start|stop|status|env|--help]
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $0 [start|stop|status|env]
  start   start the shared services and the stack, wait until /readyz says ready and the site
          answers, print the addresses (idempotent: running parts are left as they are)
  stop    stop exactly the processes start started (not PostgreSQL, Redis or OpenSearch:
          those stop with \`make services-stop\` and \`make search-node-stop\`)
  status  what runs, and the readiness answer
  env     print STATE/stack.env

Environment (defaults in brackets):
  STACK_DIR            state: pid files, logs, secrets, static, media, stack.env, manage [var/stack]
  STACK_API_PORT       gunicorn (API, admin, /readyz) [8000]
  STACK_WEB_PORT       the Next.js site [3000]
  STACK_DB             PostgreSQL database, created if missing, demo loaded once [conf_stack]
  STACK_RESET_DB       1: drop and recreate the database and empty the Redis db first [0]
  STACK_REDIS_DB       Redis database number for cache, throttling and the Celery broker [3]
  STACK_THROTTLE_RATE  API_ANON_THROTTLE_RATE of the stack [600/min]
  STACK_RESPONSE_CACHE API_RESPONSE_CACHE of the stack: 0 renders every answer [the settings' default]
  STACK_WORKERS        gunicorn workers [2]
  STACK_START_TIMEOUT  seconds to wait for readiness [240]
  STACK_PG             PostgreSQL server URL without a database [postgres://conf:conf@127.0.0.1:5432]
  STACK_SEARCH_URL     OpenSearch node [http://127.0.0.1:\${SEARCH_NODE_PORT:-9200}]
  NEXT_DIST_DIR        the site's build directory in frontend/, built if missing or stale [.next]

Files in STACK_DIR: stack.env (addresses, secrets, database URL: KEY=VALUE, shell-quoted),
manage (manage.py with exactly the stack's backend environment), logs/*.log, run/*.pid.
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PY="$ROOT/.venv/bin/python"
STATE=${STACK_DIR:-$ROOT/var/stack}
API_PORT=${STACK_API_PORT:-8000}
WEB_PORT=${STACK_WEB_PORT:-3000}
DB=${STACK_DB:-conf_stack}
REDIS_DB=${STACK_REDIS_DB:-3}
THROTTLE=${STACK_THROTTLE_RATE:-600/min}
RESPONSE_CACHE=${STACK_RESPONSE_CACHE:-}
WORKERS=${STACK_WORKERS:-2}
TIMEOUT=${STACK_START_TIMEOUT:-240}
PG=${STACK_PG:-postgres://conf:conf@127.0.0.1:5432}
SEARCH_URL=${STACK_SEARCH_URL:-http://127.0.0.1:${SEARCH_NODE_PORT:-9200}}
# The site's build directory inside frontend/ (next.config.ts reads the same variable).
DIST_DIR=${NEXT_DIST_DIR:-.next}
API="http://127.0.0.1:$API_PORT"
WEB="http://127.0.0.1:$WEB_PORT"
SERVICES=(web worker beat frontend)

log() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

validate() {
  [[ "$DB" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "STACK_DB must be a lower-case identifier, got: $DB"
  local port
  for port in "$API_PORT" "$WEB_PORT"; do
    [[ "$port" =~ ^[0-9]+$ ]] && ((port >= 1024 && port <= 65535)) ||
      die "STACK_API_PORT and STACK_WEB_PORT must be numbers within 1024-65535, got: $port"
  done
  [[ "$API_PORT" != "$WEB_PORT" ]] || die "STACK_API_PORT and STACK_WEB_PORT must differ"
  [[ "$REDIS_DB" =~ ^[0-9]+$ ]] || die "STACK_REDIS_DB must be a number, got: $REDIS_DB"
  [[ -z "$RESPONSE_CACHE" || "$RESPONSE_CACHE" =~ ^[01]$ ]] ||
    die "STACK_RESPONSE_CACHE must be 0 or 1, got: $RESPONSE_CACHE"
  [[ "$WORKERS" =~ ^[1-9][0-9]*$ ]] || die "STACK_WORKERS must be a positive number, got: $WORKERS"
  [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "STACK_START_TIMEOUT must be a number of seconds, got: $TIMEOUT"
  [[ "$DIST_DIR" =~ ^\.next[A-Za-z0-9_.-]*$ ]] || die "NEXT_DIST_DIR must be .next or .next-NAME, got: $DIST_DIR"
}

# ---- processes: one session per service, its id in run/NAME.pid ----

pid_of() { # the recorded session leader of a service, if it still runs; else nothing
  local file="$STATE/run/$1.pid" pid
  [[ -f "$file" ]] || return 0
  pid=$(tr -dc '0-9' <"$file")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  # Still our session leader (not a recycled pid): it leads its own session.
  [[ "$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]] || return 0
  echo "$pid"
}

# Some process of the session still runs (zombies waiting for their parent do not count).
session_alive() { ps -o stat= -s "$1" 2>/dev/null | grep -qv '^Z'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch() { # name, command...: start in a new session unless it runs
  local name=$1 pid
  shift
  pid=$(pid_of "$name")
  if [[ -n "$pid" ]]; then
    log "$name already runs (pid $pid)"
    return 0
  fi
  printf '\n=== %s start ===\n' "$(date -Is)" >>"$STATE/logs/$name.log"
  # Not a process group leader in a non-interactive shell, so setsid makes this very process
  # the leader of a new session: its pid names the whole process tree for stop.
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo "$!" >"$STATE/run/$name.pid"
  log "$name started (pid $!, log $STATE/logs/$name.log)"
}

stop_one() {
  local name=$1 pid i
  pid=$(pid_of "$name")
  if [[ -z "$pid" ]]; then
    rm -f "$STATE/run/$name.pid"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    # The whole session is gone, not only its leader.
    session_alive "$pid" || break
    sleep 0.1
  done
  if session_alive "$pid"; then
    log "$name (session $pid) did not stop within 30 s; sending KILL"
    pkill -KILL -s "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/run/$name.pid"
  log "$name stopped (pid $pid)"
}

# ---- configuration kept in STATE ----

secret() { # file: a random secret made once, readable by its owner only
  local file="$STATE/$1"
  if [[ ! -s "$file" ]]; then
    (umask 077 && "$PY" -c 'import secrets;print(secrets.token_urlsafe(48))' >"$file")
  fi
  cat "$file"
}

write_config() {
  local secret_key revalidate_secret database_url
  secret_key=$(secret secret-key)
  revalidate_secret=$(secret revalidate-secret)
  database_url="$PG/$DB"
  BACKEND_ENV=(
    DJANGO_SETTINGS_MODULE=cms.settings.production
    DJANGO_SECRET_KEY="$secret_key"
    DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
    DJANGO_SECURE_SSL_REDIRECT=false
    DJANGO_SECURE_COOKIES=false
    DJANGO_SECURE_HSTS_SECONDS=0
    DATABASE_URL="$database_url"
    DATABASE_CONN_MAX_AGE=60
    REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
    CACHE_KEY_PREFIX="stack-$DB"
    OPENSEARCH_URL="$SEARCH_URL"
    SEARCH_INDEX_PREFIX="${DB}_"
    STATIC_ROOT="$STATE/static"
    MEDIA_ROOT="$STATE/media"
    CONFERENCE_VAR_DIR="$STATE/var"
    FRONTEND_URL="$WEB"
    FRONTEND_REVALIDATE_SECRET="$revalidate_secret"
    CORS_ALLOWED_ORIGINS="$WEB"
    WAGTAILADMIN_BASE_URL="$API"
    API_ANON_THROTTLE_RATE="$THROTTLE"
  )
  if [[ -n "$RESPONSE_CACHE" ]]; then BACKEND_ENV+=(API_RESPONSE_CACHE="$RESPONSE_CACHE"); fi
  # Nothing from the caller's environment leaks in: the stack runs with exactly these.
  RUN_ENV=(env -i PATH="$PATH" HOME="${HOME:-/root}" LANG=C.UTF-8 "${BACKEND_ENV[@]}")
  FRONTEND_ENV=(env -i PATH="$PATH" HOME="${HOME:-/root}" LANG=C.UTF-8 NODE_ENV=production
    NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR="$DIST_DIR" API_URL="$API" SITE_URL="$WEB" REVALIDATE_SECRET="$revalidate_secret")
  {
    echo "# The stack started by platform/scripts/stack.sh; shell-quoted KEY=VALUE lines."
    printf '%s=%q\n' STACK_SITE_URL "$WEB" STACK_API_URL "$API" STACK_ADMIN_URL "$API/admin/" \
      STACK_ADMIN_LOGIN "admin / conference-demo" STACK_DIR "$STATE" STACK_LOGS "$STATE/logs" \
      STACK_MANAGE "$STATE/manage" STACK_WORKERS "$WORKERS" STACK_DB "$DB" STACK_REDIS_DB "$REDIS_DB" \
      STACK_SEARCH_URL "$SEARCH_URL" REVALIDATE_SECRET "$revalidate_secret"
    local pair
    for pair in "${BACKEND_ENV[@]}"; do printf '%s=%q\n' "${pair%%=*}" "${pair#*=}"; done
  } >"$STATE/stack.env.tmp"
  chmod 600 "$STATE/stack.env.tmp"
  mv "$STATE/stack.env.tmp" "$STATE/stack.env"
  {
    echo '#!/usr/bin/env bash'
    echo '# manage.py with exactly the environment of the stack in this directory.'
    printf 'cd %q && exec' "$ROOT"
    printf ' %q' "${RUN_ENV[@]}" "$PY" manage.py
    echo ' "$@"'
  } >"$STATE/manage"
  chmod 700 "$STATE/manage"
}

manage() { "$STATE/manage" "$@"; }

# ---- steps of start ----

ensure_tools() {
  [[ -x "$PY" ]] || make -C "$ROOT" venv
  [[ -f "$ROOT/frontend/node_modules/.installed" ]] ||
    make -C "$ROOT" frontend/node_modules/.installed
}

start_services() {
  bash "$ROOT/platform/scripts/services.sh" start
  bash "$ROOT/platform/scripts/search-node.sh" start
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$PG/postgres" -v ON_ERROR_STOP=1 -qtAc "$1"; }

prepare_database() {
  if [[ "${STACK_RESET_DB:-0}" == 1 ]]; then
    log "dropping database $DB (STACK_RESET_DB=1)"
    psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    rm -f "$STATE/var/demo-loaded"
    # Nothing queued or cached for the old database survives it.
    redis-cli -h 127.0.0.1 -p 6379 -n "$REDIS_DB" flushdb >/dev/null
  fi
  if [[ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
    psql_admin "CREATE DATABASE $DB"
    rm -f "$STATE/var/demo-loaded"
    log "created database $DB"
  fi
  log "migrating $DB"
  manage migrate --noinput -v0
  if [[ ! -f "$STATE/var/demo-loaded" ]]; then
    log "loading the demo into $DB (log: $STATE/logs/load_demo.log)"
    # In-process tasks and no revalidation while loading (no site to tell yet), then one index build.
    if ! manage shell -c "
from django.core.management import call_command
from django.test.utils import override_settings
from cms.celery import app
app.conf.task_always_eager = True
with override_settings(FRONTEND_REVALIDATE_SECRET=''):
    call_command('load_demo', '--admin')
call_command('search_reindex', '--quiet')" >"$STATE/logs/load_demo.log" 2>&1; then
      tail -n 30 "$STATE/logs/load_demo.log" >&2
      die "load_demo failed"
    fi
    touch "$STATE/var/demo-loaded"
  fi
  log "collecting static files into $STATE/static"
  manage collectstatic --noinput -v0
}

build_frontend() {
  local built="$ROOT/frontend/$DIST_DIR/BUILD_ID" fresh=""
  if [[ -f "$built" ]]; then
    fresh=$(find "$ROOT/frontend/src" "$ROOT/frontend/embed" "$ROOT/frontend/public" \
      "$ROOT/frontend/package-lock.json" "$ROOT/frontend/next.config.ts" -newer "$built" \
      -type f -print -quit 2>/dev/null || true)
    [[ -z "$fresh" ]] && return 0
    log "frontend sources changed since the last build ($fresh)"
  fi
  log "building the frontend (next build)"
  (cd "$ROOT/frontend" && NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR="$DIST_DIR" npm run --silent build) >"$STATE/logs/build.log" 2>&1 ||
    { tail -n 40 "$STATE/logs/build.log" >&2; die "frontend build failed"; }
}

check_port() { # name port: free, or already held by our running service
  if [[ -z "$(pid_of "$1")" ]] && port_in_use "$2"; then
    die "port $2 on 127.0.0.1 is taken by something else; stop it or set STACK_${3}_PORT"
  fi
}

start_processes() {
  check_port web "$API_PORT" API
  check_port frontend "$WEB_PORT" WEB
  cd "$ROOT"
  launch web "${RUN_ENV[@]}" "$PY" -m gunicorn cms.wsgi:application --bind "127.0.0.1:$API_PORT" \
    --workers "$WORKERS" --timeout 60 --graceful-timeout 10 \
    --name conference-web --control-socket "$STATE/run/gunicorn.ctl"
  launch worker "${RUN_ENV[@]}" "$ROOT/.venv/bin/celery" -A cms worker -Q conference -c 2 \
    --loglevel=INFO -n "worker-$DB@%h"
  launch beat "${RUN_ENV[@]}" "$ROOT/.venv/bin/celery" -A cms beat \
    -s "$STATE/var/beat-schedule" --pidfile= --loglevel=INFO
  cd "$ROOT/frontend"
  launch frontend "${FRONTEND_ENV[@]}" ./node_modules/.bin/next start -H 127.0.0.1 -p "$WEB_PORT"
  cd "$ROOT"
}

wait_ready() {
  local deadline=$(($(date +%s) + TIMEOUT)) name code
  while true; do
    for name in "${SERVICES[@]}"; do
      if [[ -z "$(pid_of "$name")" ]]; then
        tail -n 40 "$STATE/logs/$name.log" >&2 || true
        die "$name exited while starting; the last lines of its log are above"
      fi
    done
    code=$(curl -s -o "$STATE/var/readyz.json" -w '%{http_code}' --max-time 5 "$API/readyz" || true)
    if [[ "$code" == 200 ]] && curl -fsS -o /dev/null --max-time 10 "$WEB/bg"; then
      return 0
    fi
    if (($(date +%s) >= deadline)); then
      echo "stack: /readyz: $(cat "$STATE/var/readyz.json" 2>/dev/null)" >&2
      for name in "${SERVICES[@]}"; do
        echo "--- $STATE/logs/$name.log" >&2
        tail -n 20 "$STATE/logs/$name.log" >&2 || true
      done
      die "not ready within $TIMEOUT s (STACK_START_TIMEOUT); the stack keeps running: make stack-stop"
    fi
    sleep 0.5
  done
}

cmd_start() {
  local t0=$SECONDS
  mkdir -p "$STATE/run" "$STATE/logs" "$STATE/var" "$STATE/media" "$STATE/static"
  ensure_tools
  write_config
  start_services
  prepare_database
  build_frontend
  start_processes
  log "waiting until $API/readyz says ready and $WEB answers"
  wait_ready
  cat <<DONE

  Site:   $WEB/
  API:    $API/api/v1/   (readiness: $API/readyz)
  Admin:  $API/admin/   login: admin / conference-demo
  Logs:   $STATE/logs/
  Env:    $STATE/stack.env   manage.py: $STATE/manage
  Ready after $((SECONDS - t0)) s; stop with: make stack-stop

DONE
}

cmd_stop() {
  local name
  for name in beat worker frontend web; do stop_one "$name"; done
  log "stopped (PostgreSQL, Redis and OpenSearch keep running: make services-stop, make search-node-stop)"
}

cmd_status() {
  local name pid running=0
  if [[ -f "$STATE/stack.env" ]]; then
    API=$(sed -n 's/^STACK_API_URL=//p' "$STATE/stack.env")
  fi
  for name in "${SERVICES[@]}"; do
    pid=$(pid_of "$name")
    if [[ -n "$pid" ]]; then
      running=$((running + 1))
      printf '  %-9s running  pid %-7s processes %s\n' "$name" "$pid" "$(ps -o pid= -s "$pid" | wc -l)"
    else
      printf '  %-9s stopped\n' "$name"
    fi
  done
  if ((running > 0)); then
    printf '  readyz    %s\n' "$(curl -s --max-time 5 "$API/readyz" || echo 'no answer')"
  fi
  ((running == ${#SERVICES[@]}))
}

main() {
  case "${1:-start}" in
    start) validate; cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cat "$STATE/stack.env" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

# One line: bash has read it whole before running it, so editing this file cannot disturb a run.
main "$@"; exit
