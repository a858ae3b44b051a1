#!/usr/bin/env bash
# Frontend checks: unit tests (vitest), then end-to-end tests (Playwright in Debian's Chromium)
# against the BUILT frontend (`next start`) and a real backend with the demo data, each on its own
# port, the backend on its own SQLite database in a temporary directory. Idempotent; exits non-zero
# on any failure; stops everything it started.
# Usage: platform/scripts/e2e.sh [--help]   (env: E2E_API_PORT=8765 E2E_WEB_PORT=3100 PLAYWRIGHT_WORKERS=2)
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FRONTEND="$ROOT/frontend"
PY="$ROOT/.venv/bin/python"
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CI=${CI:-1}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}
wait_for() { # url seconds
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "e2e: $1 did not answer within $2 s" >&2
  return 1
}

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium
fi
[ -x "$PY" ] || make -C "$ROOT" venv

TMP=$(mktemp -d)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "e2e: npm ci and build"
cd "$FRONTEND"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npm run --silent size

API_PORT=$(free_port "${E2E_API_PORT:-8765}")
WEB_PORT=$(free_port "${E2E_WEB_PORT:-3100}")
API="http://127.0.0.1:$API_PORT"
WEB="http://127.0.0.1:$WEB_PORT"
# A fresh random secret per run (the production server refuses one shorter than 32 characters).
SECRET=$("$PY" -c 'import secrets;print(secrets.token_urlsafe(32))')

echo "e2e: backend with demo data on $API (SQLite in $TMP)"
cd "$ROOT"
backend_env=(env -u DATABASE_URL -u REDIS_URL -u OPENSEARCH_URL -u ELASTICSEARCH_URL -u CELERY_BROKER_URL
  DJANGO_SETTINGS_MODULE=cms.settings.dev CONFERENCE_VAR_DIR="$TMP/var" MEDIA_ROOT="$TMP/media"
  FRONTEND_URL="$WEB" CORS_ALLOWED_ORIGINS="$WEB")
"${backend_env[@]}" "$PY" manage.py migrate --noinput -v0
"${backend_env[@]}" "$PY" manage.py load_demo >"$TMP/load_demo.log" 2>&1 || { cat "$TMP/load_demo.log"; exit 1; }
# A saved, unpublished draft and a preview token for it, as the Wagtail admin's Preview makes them.
PREVIEW_TOKEN=$("${backend_env[@]}" "$PY" manage.py shell -c "
from cms.conference.models import SessionPage
from api.preview import preview_token_create
page = SessionPage.objects.get(slug='opening', locale__language_code='en', url_path__contains='/2027/')
page.title = 'Opening (draft preview)'
page.save_revision()
print(preview_token_create(page=page))" | tail -n 1)
# The live publish -> Celery (eager in cms.settings.dev) -> POST $WEB/api/revalidate loop: the backend
# knows the frontend's URL and the per-run secret that `next start` gets as REVALIDATE_SECRET.
backend_env+=(FRONTEND_REVALIDATE_SECRET="$SECRET")
# manage.py with exactly the running backend's settings, database and secret, for specs that act
# as an editor (tests/e2e/freshness.spec.ts publishes through Wagtail with it).
MANAGE="$TMP/manage"
{
  echo '#!/usr/bin/env bash'
  printf 'cd %q && exec' "$ROOT"
  printf ' %q' "${backend_env[@]}" "$PY" manage.py
  echo ' "$@"'
} >"$MANAGE"
chmod +x "$MANAGE"
setsid "${backend_env[@]}" "$PY" manage.py runserver "127.0.0.1:$API_PORT" --noreload >"$TMP/backend.log" 2>&1 &
PIDS+=($!)
wait_for "$API/api/v1/editions/" 60 || { cat "$TMP/backend.log"; exit 1; }

echo "e2e: frontend (next start) on $WEB"
cd "$FRONTEND"
API_URL="$API" SITE_URL="$WEB" REVALIDATE_SECRET="$SECRET" \
  setsid ./node_modules/.bin/next start -H 127.0.0.1 -p "$WEB_PORT" >"$TMP/frontend.log" 2>&1 &
PIDS+=($!)
wait_for "$WEB/bg" 60 || { cat "$TMP/frontend.log"; exit 1; }

status=0
echo "e2e: vitest"
./node_modules/.bin/vitest run || status=1
echo "e2e: playwright (Chromium at /usr/bin/chromium)"
mkdir -p test-results/screenshots
BASE_URL="$WEB" API_URL="$API" REVALIDATE_SECRET="$SECRET" PREVIEW_TOKEN="$PREVIEW_TOKEN" E2E_MANAGE="$MANAGE" PLAYWRIGHT_WORKERS="${PLAYWRIGHT_WORKERS:-2}" \
  ./node_modules/.bin/playwright test --reporter=list || status=1
if [ "$status" -ne 0 ]; then
  echo "e2e: FAILED; last lines of the server logs:" >&2
  tail -n 30 "$TMP/backend.log" "$TMP/frontend.log" >&2 || true
else
  echo "e2e: passed; screenshots in frontend/test-results/screenshots/"
fi
exit "$status"
