# Two commands on a fresh machine:  `make demo` (the main job) and `make test` (the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint audit stop install clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## The main job: install, start the local Neo4j, load the sample corpus, answer a question.
demo: $(STAMP)
	$(BIN)/enforcegraph neo4j start
	$(BIN)/enforcegraph ingest corpus/sample
	$(BIN)/enforcegraph query graph-counts
	$(BIN)/python -m enforcegraph.demo

## Lint, type-check, check generated files, run every test (a live Neo4j is started for the run).
test: $(STAMP) lint audit
	$(BIN)/python -m pytest

## Known vulnerabilities with a fix in the locked requirements fail the run (pip-audit).
audit: $(STAMP)
	$(BIN)/python .ci/audit.py

lint: $(STAMP)
	$(BIN)/python -m ontology.generate --check
	$(BIN)/ruff check .
	$(BIN)/mypy

stop: $(STAMP)
	$(BIN)/python -m enforcegraph.demo stop
	$(BIN)/enforcegraph neo4j stop

clean: stop
	rm -rf var $(VENV)
