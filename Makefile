# Knooppunt developer commands. `make run` sets up and starts everything on a
# fresh machine; `make test` runs the whole suite (SQLite, PostgreSQL, Chromium).
# Everything the commands need is installed by the commands themselves.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
RUFF := $(VENV)/bin/ruff
MANAGE := $(PY) manage.py
# Written after a successful install of the lock; reinstalls when the lock changes.
INSTALLED := $(VENV)/.installed-lock

HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SCALE ?= 1
# Parallel pytest workers (pytest-xdist gives each worker its own test database).
WORKERS ?= 2
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/knooppunt
CHROMIUM := /usr/bin/chromium

.PHONY: help venv lock messages migrate data run demo test test-sqlite test-postgres test-browser \
	bench bench-quick lint format postgres chromium clean

help:
	@echo "make run            set up (virtualenv, database, reference and demo data) and start server + worker"
	@echo "make test           all tests: SQLite, PostgreSQL, browser (Chromium), bench --quick, lint"
	@echo "make test-sqlite    tests on SQLite (without browser tests)"
	@echo "make test-postgres  tests on PostgreSQL ($(POSTGRES_URL))"
	@echo "make test-browser   browser and accessibility tests in headless Chromium"
	@echo "make bench          every bench (pages, imports, scale, statistics, search) at full size"
	@echo "make bench-quick    every bench on tiny data (part of make test)"
	@echo "make demo           (re)load reference and demo data into the local database"
	@echo "make lint           ruff check + ruff format --check"
	@echo "make format         ruff format + ruff check --fix"
	@echo "make lock           regenerate requirements.lock from requirements.in"

# --- Environment -------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

venv: $(INSTALLED)

lock: | $(PY)
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.in

# Compiled message catalogues are build output; msgfmt comes from Debian's gettext.
messages: venv
	@if [ -d locale ]; then \
		command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext; }; \
		$(MANAGE) compilemessages --ignore "$(VENV)" --verbosity 0; \
	fi

postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		echo "PostgreSQL is not running on 127.0.0.1:5432; starting the local cluster"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	fi

# --- Run -------------------------------------------------------------------------

migrate: venv messages
	$(MANAGE) migrate --noinput

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo --scale $(DEMO_SCALE)

demo: data

# The task worker runs in the background and stops when the web server stops.
run: data
	@echo "Knooppunt: http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# --- Tests -----------------------------------------------------------------------

test: test-sqlite test-postgres test-browser bench-quick lint
	@echo "All tests passed (SQLite, PostgreSQL, browser, bench --quick, lint)."

test-sqlite: venv messages
	env -u DATABASE_URL $(PYTEST) -n $(WORKERS) -m "not browser"

test-postgres: venv messages postgres
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -n $(WORKERS) -m "not browser and not sqlite_only"

test-browser: venv messages chromium
	mkdir -p test-results
	env -u DATABASE_URL $(PYTEST) -m browser

# Every bench prints its figures next to a baseline measured in the same run.
BENCHES := bench.imports bench.scale bench.statistics bench.search

bench: venv messages postgres
	env -u DATABASE_URL $(PY) -m bench --scale 10
	@for b in $(BENCHES); do env -u DATABASE_URL $(PY) -m $$b || exit 1; done

bench-quick: venv messages postgres
	env -u DATABASE_URL $(PY) -m bench --quick
	@for b in $(BENCHES); do env -u DATABASE_URL $(PY) -m $$b --quick || exit 1; done

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .

format: venv
	$(RUFF) format .
	$(RUFF) check --fix .

clean:
	rm -rf test-results bench/results .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
