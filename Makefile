# KBO Platform. Two commands matter:  make run  (demo site)  and  make test  (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: run test lint check-migrations messages setup serve clean bench

# uv installs the locked set in seconds; it comes from PyPI when the machine lacks it.
.tools/bin/uv:
	$(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

setup: $(VENV)/.synced

## make run: install, migrate SQLite, load geography and demo data, serve on http://127.0.0.1:8000
run: setup
	$(BIN)/kbo migrate --no-input -v 0
	$(BIN)/kbo collectstatic --no-input -v 0
	$(BIN)/kbo demo
	$(BIN)/kbo serve

## make test: install, then run the whole suite (browser journeys included)
test: setup
	@bash scripts/ensure-browser.sh
	$(BIN)/pytest -p no:cacheprovider -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

check-migrations: setup
	$(BIN)/kbo makemigrations --check --dry-run

messages: setup
	cd src/kbo && ../../$(BIN)/kbo makemessages -l th --no-location --no-obsolete && ../../$(BIN)/kbo compilemessages -l th

clean:
	rm -rf $(VENV) .tools data

bench: setup
	$(BIN)/python bench/bench_geo.py
