# Two commands for a newcomer: `make run` and `make test`. Both run `make setup` first, which is
# idempotent: it installs only what changed and loads the fixtures without duplicating rows.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FIXTURES := fixtures/metrics.json fixtures/regions.json fixtures/reports.json fixtures/report_data.json \
	fixtures/corpus_a.json fixtures/corpus_b.json

.PHONY: setup run serve test lint format bench extraction load check-python createsuperuser clean fixtures

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
	  echo "Python 3.12 or newer is needed (found: $$($(PYTHON) --version 2>&1)). Install it, e.g. 'pyenv install 3.12.1', or run 'make PYTHON=python3.12 ...'."; \
	  exit 1; }

$(VENV)/.installed: requirements.lock .python-version | check-python
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: check-python $(VENV)/.installed node_modules/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_fixtures $(FIXTURES) -v 0
	$(PY) manage.py create_roles -v 0

run: setup
	$(PY) manage.py runserver 127.0.0.1:8000

# The production stack on one machine: gunicorn workers, whitenoise static files, DEBUG off.
# Needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL) in the environment.
serve: setup
	DEBUG=false $(PY) manage.py check
	DEBUG=false $(PY) manage.py collectstatic --noinput -v 0
	DEBUG=false $(VENV)/bin/gunicorn cooperation.wsgi -c cooperation/gunicorn.py

# wrk against `make serve`'s stack on a throwaway PostgreSQL (needs root for apt and runuser).
load: setup
	bash bench/load.sh

# tests/browser drives Debian's Chromium (CHROMIUM, default /usr/bin/chromium) and checks the HTML
# with vnu (Java); without them those tests are skipped, and this says so before and after.
test: setup
	@[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || echo "make test: Chromium not found at $${CHROMIUM:-/usr/bin/chromium}: the browser tests (tests/browser) will be SKIPPED. Install the Debian packages chromium and fonts-noto-cjk to run them."
	@command -v java >/dev/null || echo "make test: java not found: the HTML validity test will be SKIPPED. Install the Debian package default-jre-headless to run it."
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python .ci/commit_subjects.py

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The pages and exports at 10k, 100k and 1M synthetic events on SQLite and PostgreSQL (needs
# root for PostgreSQL; about 26 minutes on 2 cores; BENCH_SIZES=10000,100000 for a short run).
bench: setup
	FIXTURES="$(FIXTURES)" bash bench/run

# The fixtures `make setup` loads, for scripts that load the same (bench/run).
fixtures:
	@echo $(FIXTURES)

createsuperuser: setup
	$(PY) manage.py createsuperuser

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

# The extractor's drafts of every report in ../shared/ against the figures entered by hand.
extraction: setup
	$(PY) bench/extraction.py
