# Two commands for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Example minutes `make serve` loads into an empty graph (skipped when missing).
EXAMPLES ?= ../shared/corpus

.PHONY: serve test bench lint score clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/minutegraph graphiql-assets || echo "make serve: going on without them" >&2
	$(BIN)/minutegraph serve --examples $(EXAMPLES)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.api
	$(BIN)/python -m bench.queue

lint: $(STAMP)
	$(BIN)/ruff check .

score: $(STAMP)
	$(BIN)/python -m tests.corpus

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
