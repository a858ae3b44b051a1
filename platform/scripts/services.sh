#!/usr/bin/env bash
# Install (Debian packages) and start PostgreSQL and Redis on 127.0.0.1, idempotently.
# Usage: platform/scripts/services.sh [start|stop|status|env]
set -euo pipefail

PG_USER=${PG_USER:-conf}
PG_PASSWORD=${PG_PASSWORD:-conf}
PG_DB=${PG_DB:-conf}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

usage() {
  cat <<USAGE
Usage: $0 [start|stop|status|env]
  start   install postgresql and redis-server if missing, start both on 127.0.0.1 (default)
  stop    stop both
  status  show whether each answers
  env     print the DATABASE_URL and REDIS_URL the tests use
USAGE
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "services: installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

pg_version() { ls /usr/lib/postgresql | sort -V | tail -n 1; }

start_postgres() {
  local version
  version=$(pg_version)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p "$PG_PORT" -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$PG_PORT" -q || { echo "services: PostgreSQL did not start" >&2; exit 1; }
  as_root su postgres -c "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"" | grep -q 1 ||
    as_root su postgres -c "psql -p $PG_PORT -qc \"CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'\""
  as_root su postgres -c "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"" | grep -q 1 ||
    as_root su postgres -c "createdb -p $PG_PORT -O $PG_USER $PG_DB"
  echo "services: PostgreSQL $version on 127.0.0.1:$PG_PORT"
}

start_redis() {
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 20); do
      redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null || { echo "services: Redis did not start" >&2; exit 1; }
  echo "services: Redis on 127.0.0.1:$REDIS_PORT"
}

case "${1:-start}" in
  start) install_packages; start_postgres; start_redis ;;
  stop)
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main stop 2>/dev/null || true ;;
  status)
    pg_isready -h 127.0.0.1 -p "$PG_PORT" || true
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping || true ;;
  env)
    echo "DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0" ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
