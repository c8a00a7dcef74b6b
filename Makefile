# HTMS build and test plumbing. The two set-up commands: `make run` and `make test`.
#   make run    virtualenv + pip install -e . + SQLite migrate + reference data + demo data, then
#               serve on http://$(HOST):$(PORT)
#   make test   Debian packages + virtualenv with test extras, ruff, mypy, pytest on SQLite and
#               on a throwaway PostgreSQL server (scripts/test.sh; PYTEST_ARGS="-x -k foo" narrows)
#   make smoke  what a newcomer's `make run` gives: a fresh runtime-only virtualenv, make run on a
#               fresh database, every page as every demo role at once (scripts/smoke.sh)
#   make lint   ruff check, ruff format --check, mypy, deptry (every import declared)
#   make fmt    ruff format + ruff check --fix
#   make bench  benchmarks against a throwaway PostgreSQL server
#   make clean  remove caches, build output and test artifacts (keeps .venv and var/)
#   make distclean  also remove .venv and var/ (the demo database)

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# Where settings.py puts the SQLite database (var/htms.sqlite3) unless DATABASE_URL says otherwise.
VAR_DIR ?= $(or $(HTMS_VAR_DIR),var)

BIN := $(VENV)/bin
export PYTHON VENV

.DEFAULT_GOAL := help
.PHONY: help run smoke test lint fmt bench clean distclean venv venv-test system-deps system-deps-postgres system-deps-run \
	migrate demo-data

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

venv:
	@scripts/ensure-venv.sh

venv-test:
	@scripts/ensure-venv.sh test

system-deps:
	@scripts/install-system-deps.sh postgres browser

system-deps-run:
	@scripts/install-system-deps.sh run

system-deps-postgres:
	@scripts/install-system-deps.sh postgres

migrate: venv system-deps-run
	mkdir -p "$(VAR_DIR)"
	scripts/compile-translations.sh
	$(BIN)/python manage.py migrate --no-input

demo-data: migrate
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_intake_demo
	$(BIN)/python manage.py seed_protection_demo
	$(BIN)/python manage.py seed_resolution_demo
	$(BIN)/python manage.py import_ledger htms/statistics/data/ledger-sample.csv \
		--user demo-monitoring --synthetic
	$(BIN)/python manage.py refresh_statistics

run: demo-data
	@echo "==> serving HTMS on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload --insecure

smoke: system-deps-run
	scripts/smoke.sh

test: system-deps venv-test
	scripts/compile-translations.sh --check
	scripts/test.sh

lint: venv-test
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy htms || status=1; \
	$(BIN)/deptry . || status=1; \
	exit $$status

fmt: venv-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: system-deps-postgres venv-test
	scripts/with-postgres.sh $(BIN)/python -m bench

clean:
	rm -rf .mypy_cache .ruff_cache .pytest_cache test-artifacts build bench/out *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) var
