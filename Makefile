# Two commands on a fresh machine:  `make demo` (the main job) and `make test` (the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint stop install clean train

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

## Rebuild the shipped learned model from the corpus (fixed seed: the same corpus gives the same file).
CORPUS ?= corpus/train
MANIFEST ?= corpus/train/SPLITS.json
MODEL_OUT ?= ingest/data/learned/model.npz
REPORT ?= docs/model-training.json
train: $(STAMP)
	$(BIN)/python -m ingest.learned.train $(CORPUS) --manifest $(MANIFEST) --out $(MODEL_OUT) --report $(REPORT) --seed 0

## Lint, type-check, check generated files, run every test (a live Neo4j is started for the run).
test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ontology.generate --check
	$(BIN)/ruff check .
	$(BIN)/mypy

stop: $(STAMP)
	$(BIN)/python -m enforcegraph.demo stop
	$(BIN)/enforcegraph neo4j stop

clean: stop
	rm -rf var $(VENV)
