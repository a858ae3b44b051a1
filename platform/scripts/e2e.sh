#!/usr/bin/env bash
# Frontend checks: unit tests (vitest), then end-to-end tests (Playwright in Debian's Chromium, with
# screenshot comparisons) and Lighthouse scores against the production stack (stack.sh: gunicorn,
# Celery worker and beat, the BUILT site) on free ports, its own state directory, Redis db and
# database (conf_e2e, recreated with the demo each run). Exits non-zero on any failure; stops the stack.
# Usage: platform/scripts/e2e.sh [--help]   (env: E2E_API_PORT=8765 E2E_WEB_PORT=3100 E2E_DB=conf_e2e
#        E2E_REDIS_DB=4 PLAYWRIGHT_WORKERS=2)
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FRONTEND="$ROOT/frontend"
PY="$ROOT/.venv/bin/python"
STACK="$ROOT/platform/scripts/stack.sh"
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CI=${CI:-1}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium
fi
[ -x "$PY" ] || make -C "$ROOT" venv

TMP=$(mktemp -d)
export STACK_DIR="$TMP/stack"
cleanup() {
  bash "$STACK" stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "e2e: npm ci and build"
cd "$FRONTEND"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npm run --silent size

status=0
echo "e2e: vitest"
./node_modules/.bin/vitest run || status=1

API_PORT=$(free_port "${E2E_API_PORT:-8765}")
WEB_PORT=$(free_port "${E2E_WEB_PORT:-3100}")
[ "$WEB_PORT" != "$API_PORT" ] || WEB_PORT=$(free_port $((API_PORT + 1)))
echo "e2e: the stack on $API_PORT (API) and $WEB_PORT (site), state in $STACK_DIR"
# Every page render of the site calls the API from 127.0.0.1: the anonymous limit is raised.
STACK_API_PORT=$API_PORT STACK_WEB_PORT=$WEB_PORT STACK_DB=${E2E_DB:-conf_e2e} STACK_RESET_DB=1 \
  STACK_REDIS_DB=${E2E_REDIS_DB:-4} STACK_THROTTLE_RATE=100000/min bash "$STACK" start
# shellcheck disable=SC1091 # written by stack.sh start
. "$STACK_DIR/stack.env"

# A saved, unpublished draft and a preview token for it, as the Wagtail admin's Preview makes them.
PREVIEW_TOKEN=$("$STACK_MANAGE" shell -c "
from cms.conference.models import SessionPage
from api.preview import preview_token_create
page = SessionPage.objects.get(slug='opening', locale__language_code='en', url_path__contains='/2027/')
page.title = 'Opening (draft preview)'
page.save_revision()
print(preview_token_create(page=page))" | tail -n 1)

echo "e2e: playwright (Chromium at /usr/bin/chromium)"
cd "$FRONTEND"
mkdir -p test-results/screenshots
# E2E_MANAGE: manage.py with the stack's settings, database, FRONTEND_URL and secret, for specs
# that act as an editor (tests/e2e/freshness.spec.ts publishes through Wagtail with it).
BASE_URL="$STACK_SITE_URL" API_URL="$STACK_API_URL" REVALIDATE_SECRET="$REVALIDATE_SECRET" \
  PREVIEW_TOKEN="$PREVIEW_TOKEN" E2E_MANAGE="$STACK_MANAGE" PLAYWRIGHT_WORKERS="${PLAYWRIGHT_WORKERS:-2}" \
  bash -c '
    # The screenshot comparisons first, on the demo as loaded: later specs publish, retitle and
    # schedule content that the compared pages show.
    failed=0
    ./node_modules/.bin/playwright test tests/e2e/visual.spec.ts --reporter=list || failed=1
    ./node_modules/.bin/playwright test --grep-invert "visual regression" --reporter=list || failed=1
    exit $failed' || status=1

# Lighthouse on the same stack, mobile emulation, one page at a time: prints each page's scores
# and fails below accessibility 100 or best practices/SEO below 95; performance is printed beside a
# baseline page of the framework alone, and judged with LIGHTHOUSE_STRICT=1 (scripts/lighthouse.mjs).
echo "e2e: lighthouse (Chromium at /usr/bin/chromium)"
BASE_URL="$STACK_SITE_URL" API_URL="$STACK_API_URL" CHROME_PATH=/usr/bin/chromium \
  LIGHTHOUSE_OUT=test-results/lighthouse node scripts/lighthouse.mjs || status=1
if [ "$status" -ne 0 ]; then
  echo "e2e: FAILED; last lines of the stack's logs:" >&2
  tail -n 30 "$STACK_LOGS"/{web,worker,beat,frontend}.log >&2 || true
else
  echo "e2e: passed; screenshots in frontend/test-results/screenshots/"
fi
exit "$status"
