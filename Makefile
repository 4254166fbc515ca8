# Two commands on a fresh machine:  `make demo`  and  `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test system-deps lint bench

$(BIN)/minutebook: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/minutebook
	$(BIN)/minutebook demo

system-deps:
	bash scripts/system-deps

test: $(BIN)/minutebook system-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(BIN)/minutebook
	$(BIN)/python benchmarks/extract.py
