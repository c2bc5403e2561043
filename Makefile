# KBO Platform. Two commands matter:  make run  (demo site)  and  make test  (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: run test lint check-migrations messages setup serve clean bench bench-all cluster-test

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

## make bench: the benchmarks' small runs (the CI smoke) on test databases, and geography
bench: setup
	$(BIN)/pytest -p no:cacheprovider -q tests/bench/test_bench_smoke.py tests/dashboards/test_bench_smoke.py
	$(BIN)/python bench/bench_geo.py

## make bench-all: the benchmarks that read DATABASE_URL, at full scale (fill it with bench/generate.py)
bench-all: setup
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL to a database filled by bench/generate.py"; exit 1; }
	$(BIN)/python bench/bench_product_list.py
	$(BIN)/python bench/bench_passport.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_knowledge.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_load.py

## make cluster-test: nginx, two app processes and two workers on loopback sharing PostgreSQL and
## Redis; one app process and one worker are killed mid-run (needs PostgreSQL, Redis, nginx)
cluster-test: setup
	$(BIN)/python scripts/cluster_test.py
