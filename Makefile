# Pantau's front door. `make run` and `make test` work on a fresh machine: they create the
# virtual environment in .venv and install everything the project needs first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run serve test test-fast lint fix typecheck bench train train-violations train-officials engines browser clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,search,train,transformers]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)  ## create .venv and install Pantau with its development tools

run: setup  ## the main job on the embedded store: API + pages + scheduled crawl/analysis
	$(BIN)/pantau run

serve: setup
	$(BIN)/pantau serve

engines: setup  ## build the Java launcher that boots real OpenSearch/Elasticsearch nodes
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
		bash tests/engines/build.sh; \
	else echo "java/mvn not found: engine tests will be skipped (install openjdk-17 and maven)"; fi

browser:  ## Debian's Chromium for the page tests (needs root; skipped where apt is unavailable)
	@command -v chromium >/dev/null || (command -v apt-get >/dev/null && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium not installed: browser tests will be skipped")

test: setup engines browser  ## everything the CI runs
	$(BIN)/python -m pytest

test-fast: setup  ## unit and SQLite tests only (no search nodes, no browser)
	$(BIN)/python -m pytest -m "not engines and not browser and not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fix: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup  ## print speed and memory figures (see bench/README.md)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

train-violations: setup  ## rebuild the violation classifier from annotations/violations
	$(BIN)/pantau nlp train-violations

train-officials: setup  ## rebuild the officials tagger + link model from annotations/entities
	$(BIN)/pantau nlp train-officials --ner models/pantau-ner-id-0.2.0  # features as shipped (card)

train: setup  ## rebuild the shipped NER model from ../shared/data
	$(BIN)/pantau nlp train --profile full-pool --seed 1  # the shipped model (see its MODEL_CARD.md)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache var
