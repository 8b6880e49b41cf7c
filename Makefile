# Two targets a newcomer needs: `make demo` (set up + code an example) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench train clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The lock is complete: install exactly it, with no resolver that could look
	# past a pin for an extra (lxml[html_clean]); pip check fails if it is not.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip check
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: setup
	$(BIN)/dragoman ingest examples/ --db dragoman.duckdb
	$(BIN)/dragoman code examples/ankara-talks.txt --published 2024-03-14 --format table

test: setup
	bash scripts/test-setup.sh
	$(BIN)/python -m pytest

train: setup
	# Rebuilds the event models in src/dragoman/data/models/events from the corpus (fixed seed, CPU).
	$(BIN)/python -m dragoman.training.train

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) dragoman.duckdb
