# The README's two commands: `make run` and `make test`. Each sets up .venv
# when it is missing or when pyproject.toml changed, then runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test native lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,native]'
	touch $(STAMP)

# The compiled copy of bot/extract (bot/extract/native.py): built once per change
# to its sources, skipped with a note where no C compiler is found.
native: $(STAMP)
	$(BIN)/python -m bot.extract build

run: native
	$(BIN)/python -m bot

test: native
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: native
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/broadcast.py

clean:
	rm -rf $(VENV) data
