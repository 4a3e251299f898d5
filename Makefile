# 有事好商量 · 协商议事室平台
# make demo — create .venv, install, migrate, load the demo district, serve on 127.0.0.1:8000
# make test — run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
# make test-fast — the suite without the slow (demo-loading, 10x) and browser tests, on two processes

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime

.PHONY: demo test test-fast install install-runtime test-tools migrate serve lint lint-imports format clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本 (Python >= 3.11 required)")'

# The demo needs only the runtime requirements; the test tools (Playwright, schemathesis, ...)
# are installed by `make test`.
$(RUNTIME_STAMP): requirements.txt | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $(RUNTIME_STAMP)

$(STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install-runtime: $(RUNTIME_STAMP)

install: $(STAMP)

migrate: install-runtime
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	@echo ""
	@echo "打开 http://$(HOST):$(PORT)/ (Ctrl+C 停止)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install-runtime
	$(PY) manage.py runserver $(HOST):$(PORT)

# axe-core (package.json, pinned in package-lock.json) for the accessibility tests in
# tests/browser: installed from the lock file when node_modules lacks it. Needs node and npm.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test-tools: node_modules/axe-core/axe.min.js

# Two processes (pytest-xdist): the suite, browser tests included, takes half the time on two cores.
test: install lint-imports test-tools
	$(PY) manage.py compilemessages --ignore=.venv -v0 2>/dev/null || true
	$(VENV)/bin/pytest -n 2

# While working: everything but the tests marked slow (they load the demo district or build
# 10x data) and the Chromium ones, on two processes (pytest-xdist). `make test` runs them all.
test-fast: install
	$(VENV)/bin/pytest -q -m "not slow and not browser" -n 2

# The layers point one way (pyproject.toml, docs/architecture.md); a violation fails `make test`.
lint-imports: install
	$(VENV)/bin/lint-imports

lint: install lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
