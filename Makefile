# WerkSTADT: `make run` and `make test` are all a newcomer needs. Every target installs what it uses.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := WERKSTADT_ENV=development FLASK_APP=wsgi.py $(BIN)/flask
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql+psycopg://root@127.0.0.1:5432/test
# pytest-xdist workers for `make test` and `make test-pg` (2 for a 2-core machine; PYTEST_WORKERS=0 runs in one
# process). Work stealing keeps both busy when the long browser tests come last.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run install install-app test test-pg test-e2e i18n translations migrate demo check clean

## run: install the app (not the test tools), migrate the SQLite database, load demo content once, serve on
## http://$(HOST):$(PORT)
run: install-app migrate demo
	HOST="$(HOST)" PORT="$(PORT)" $(FLASK) run --host "$(HOST)" --port "$(PORT)"

## install-app: the virtualenv with the pinned runtime dependencies and the compiled translations (what `make run`
## needs: no test tools, no Node)
install-app: $(VENV)/.app-installed translations

## install: install-app, and the test tools: the pinned test dependencies and, from npm, axe-core and vnu.jar
install: install-app $(VENV)/.installed node_modules/.installed

$(VENV)/.app-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.app-installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

translations: $(MO_FILES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.app-installed
	$(BIN)/pybabel compile -i $< -o $@ -l $*

## migrate: bring the development database up to the newest migration
migrate: install-app
	$(FLASK) db upgrade

## demo: demo users and pages (idempotent), then the search index built anew from the database
demo: install-app
	SEARCH_INDEX_AFTER_COMMIT=0 $(FLASK) demo load
	$(FLASK) search rebuild

## test: the whole suite on SQLite, in $(PYTEST_WORKERS) processes (browser tests need /usr/bin/chromium: apt-get install -y chromium)
test: install
	env -u TEST_DATABASE_URL $(PYTEST) $(PYTEST_ARGS)

## test-pg: the whole suite on PostgreSQL ($(TEST_DATABASE_URL); each worker uses <name>_gw0, <name>_gw1, ...)
test-pg: install
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(PYTEST) $(PYTEST_ARGS)

## i18n: extract every string into translations/messages.pot and update the catalogs
i18n: $(VENV)/.app-installed
	$(FLASK) translate update
	$(MAKE) translations

## check: the house checks: import layers, module size and docstrings, core templates (standard library only)
check:
	$(PYTHON) tests/house_checks.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache
