# aicourse-build: `make build` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-unit lint typecheck schemas golden bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## build: check every course in content/ for every profile (packages come with the next targets)
build: $(STAMP)
	$(BIN)/aicourse check content --strict

## test: lint, type-check and run every test
test: $(STAMP) lint typecheck
	$(BIN)/pytest -q

test-unit: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## schemas: regenerate the committed JSON Schemas from the models
schemas: $(STAMP)
	$(BIN)/aicourse schema --out schemas

## golden: rewrite the expected output of the diagnostics corpus (review the diff!)
golden: $(STAMP)
	$(BIN)/pytest -q tests/diagnostics --update-golden

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
