# The Learning Exchange. `make run` for a demo on http://127.0.0.1:8000, `make test` for every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
BUILD := exchange/static/build
ASSETS := $(BUILD)/exchange.css $(BUILD)/govuk-frontend.min.js $(BUILD)/htmx.min.js
GOVUK_JS := node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js
HTMX_JS := node_modules/htmx.org/dist/htmx.min.js
# The benchmark creates (and drops) its own database on this server.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export VENV

.PHONY: help venv install assets run test lint test-sqlite test-postgres test-e2e bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# --- Python --------------------------------------------------------------------------------

$(PY):
	@python=$$(scripts/find-python) || exit 1; \
	 echo "Creating $(VENV) with $$python"; \
	 "$$python" -m venv $(VENV)

# Reinstall only when the dependencies change; constraints.txt pins the whole set.
$(PY_STAMP): pyproject.toml constraints.txt | $(PY)
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

venv: install ## Same as install
install: $(PY_STAMP) ## Create the virtualenv and install the Python packages

# --- Front end -----------------------------------------------------------------------------

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(BUILD)/exchange.css: $(wildcard frontend/*.scss) $(NODE_STAMP)
	@mkdir -p $(BUILD)
	node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
	  --load-path=node_modules frontend/exchange.scss $@

# The source maps go along: production's manifest storage follows sourceMappingURL comments.
$(BUILD)/govuk-frontend.min.js: $(NODE_STAMP)
	@mkdir -p $(BUILD)
	cp $(GOVUK_JS) $(GOVUK_JS).map $(BUILD)/

$(BUILD)/htmx.min.js: $(NODE_STAMP)
	@mkdir -p $(BUILD)
	cp $(HTMX_JS) $(BUILD)/

assets: $(ASSETS) ## Build the CSS and copy GOV.UK Frontend's and htmx's JavaScript

# --- Running -------------------------------------------------------------------------------

# The worker runs beside runserver as it does in production: emails go through the queue and
# print here, and offers expire, reminders go out and failed emails are retried on schedule.
# It is stopped when runserver stops (Ctrl+C), however that happens.
run: install assets ## Migrate, load the demo data once, and serve on http://127.0.0.1:8000 with the worker
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --if-empty
	@$(PY) manage.py run_worker & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	 $(PY) manage.py runserver 127.0.0.1:8000

# --- Checks --------------------------------------------------------------------------------

test: install assets ## Lint, the suite on SQLite and PostgreSQL, and the browser tests
	@scripts/test-all

lint: install ## ruff, the import-linter contracts, and a check that no migration is missing
	@scripts/leg lint

test-sqlite: install ## The suite (no browser tests) on SQLite
	@scripts/leg sqlite

test-postgres: install ## The suite (no browser tests) on PostgreSQL (DATABASE_URL)
	@scripts/leg postgres

test-e2e: install assets ## The browser tests in Chromium, with axe-core
	@scripts/leg e2e

bench: install ## Search and import benchmarks on SQLite and PostgreSQL, 10,000 and 100,000 entries
	@for n in 10000 100000; do \
	  echo "== SQLite, $$n entries"; \
	  env -u DATABASE_URL $(PY) bench/practice_search.py --entries $$n || exit 1; \
	  echo "== PostgreSQL, $$n entries"; \
	  env -u DATABASE_URL $(PY) bench/practice_search.py --entries $$n \
	    --database-url $(BENCH_POSTGRES_URL) || exit 1; \
	done

clean: ## Remove the virtualenv, node_modules, built assets and caches (keeps var/)
	rm -rf $(VENV) node_modules $(BUILD) staticfiles .pytest_cache .ruff_cache *.egg-info
	find . -name __pycache__ -type d -prune -not -path './node_modules/*' -exec rm -rf {} +
