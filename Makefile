# Conference platform: `make demo` runs the demo, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# manage.py defaults to production settings; local targets ask for dev explicitly.
DEV := DJANGO_SETTINGS_MODULE=cms.settings.dev
PG_URL := postgres://conf:conf@127.0.0.1:5432/conf
REDIS := redis://127.0.0.1:6379/0
PYTEST_WORKERS ?= 2
SEARCH_URL ?= http://127.0.0.1:$(or $(SEARCH_NODE_PORT),9200)
SEARCH_ENGINES ?= database,opensearch
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_PORT ?= 3000

.PHONY: help venv demo migrate load-demo serve services services-stop test lint format test-python test-api-fuzz test-frontend frontend-build schema search-node search-node-stop stack stack-stop stack-measure bench-search bench bench-board bench-releases load compose-check clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed ## create the virtualenv and install pinned dependencies

migrate: venv ## migrate the database (SQLite under var/ unless DATABASE_URL is set)
	$(DEV) $(MANAGE) migrate --noinput -v0

load-demo: migrate ## load the demo conference (idempotent)
	$(DEV) $(MANAGE) load_demo --admin

demo: load-demo frontend-build ## zero-setup demo: SQLite, demo data, API + admin on :8000, the public site on :3000
	@echo ""
	@echo "  Frontend: http://$(HOST):$(FRONTEND_PORT)/"
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/   login: admin / conference-demo"
	@echo "  API:      http://$(HOST):$(PORT)/api/v1/"
	@echo ""
	secret=$${REVALIDATE_SECRET:-$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(32))')}; \
	(cd frontend && API_URL=http://$(HOST):$(PORT) SITE_URL=http://$(HOST):$(FRONTEND_PORT) NEXT_TELEMETRY_DISABLED=1 \
	  REVALIDATE_SECRET="$$secret" exec ./node_modules/.bin/next start -H $(HOST) -p $(FRONTEND_PORT)) & next_pid=$$!; \
	  trap 'kill $$next_pid 2>/dev/null' EXIT INT TERM; \
	  $(DEV) FRONTEND_URL=http://$(HOST):$(FRONTEND_PORT) FRONTEND_REVALIDATE_SECRET="$$secret" $(MANAGE) runserver $(HOST):$(PORT)

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-build: frontend/node_modules/.installed ## build the Next.js site and the embeddable agenda
	cd frontend && NEXT_TELEMETRY_DISABLED=1 npm run --silent build

services: ## install and start PostgreSQL and Redis on 127.0.0.1 (idempotent)
	bash platform/scripts/services.sh start

services-stop: ## stop PostgreSQL and Redis
	bash platform/scripts/services.sh stop

search-node: ## build and start the local OpenSearch node on 127.0.0.1:9200, wait until healthy
	bash platform/scripts/search-node.sh start

search-node-stop: ## stop the local OpenSearch node
	bash platform/scripts/search-node.sh stop

stack: ## the production stack on 127.0.0.1: services, gunicorn x2, Celery worker + beat, built site; waits for /readyz
	bash platform/scripts/stack.sh start

stack-stop: ## stop what `make stack` started (not PostgreSQL, Redis, OpenSearch)
	bash platform/scripts/stack.sh stop

stack-measure: ## memory per service and requests per second of the running stack (MEASURE_ARGS="--clients 8 --seconds 20")
	$(PY) platform/scripts/measure_stack.py $(MEASURE_ARGS)

compose-check: ## validate docker-compose.yml, .env.example and the Dockerfiles' COPY sources (no Docker engine needed)
	bash platform/scripts/compose-check.sh

lint: venv compose-check ## ruff, import-linter layer contracts, migrations drift, docker-compose.yml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

schema: venv ## regenerate api/schema/openapi.yaml, api/schema/schema.graphql and the frontend's API types
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) spectacular --lang en --file api/schema/openapi.yaml --validate --fail-on-warn
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) graphql_schema --schema api.graphql.schema.schema --out api/schema/schema.graphql
	if [ -d frontend/node_modules ]; then cd frontend && npm run --silent gen:api; fi

format: venv ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-python: venv ## pytest on PostgreSQL, Redis, OpenSearch (`make services search-node`; or SEARCH_ENGINES=database)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) OPENSEARCH_URL=$(if $(findstring opensearch,$(SEARCH_ENGINES)),$(SEARCH_URL),) \
	  SEARCH_ENGINES=$(SEARCH_ENGINES) DJANGO_SETTINGS_MODULE=cms.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-frontend: ## vitest, then Playwright (Debian Chromium) on the built site against a demo backend
	bash platform/scripts/e2e.sh

test-api-fuzz: venv ## schemathesis: every REST operation, every check, against a demo server (FUZZ_GRAPHQL=1: /graphql/ too)
	bash platform/scripts/schemathesis.sh

test: services search-node lint test-python test-api-fuzz test-frontend ## everything CI runs: services, search node, lint, tests

bench-search: venv ## search latency and indexing throughput per engine (20 editions x 300 sessions)
	$(PY) search/bench.py $(BENCH_ARGS)

bench: venv services ## API speed in-process: p50/p95, bytes, SQL queries per route cold/warm/304, vs Wagtail's API v2 and raw cache reads (BENCH_ARGS="--repeat 30")
	$(PY) platform/bench/bench.py $(BENCH_ARGS)

bench-board: venv services ## agenda board and conflicts pages: server time and SQL queries for 300 and 30 sessions, vs the page explorer
	$(PY) platform/bench/board_bench.py $(BENCH_ARGS)

bench-releases: venv services ## agenda releases: time to snapshot and release 300 sessions; release routes cold/warm/304 vs the live frab export
	$(PY) platform/bench/release_bench.py $(BENCH_ARGS)

load: venv ## locust against a stack of its own (ports 8010/3010): 100 users, 2 min, response cache on then off (LOAD_USERS, LOAD_SECONDS)
	bash platform/load/run.sh

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var media static
