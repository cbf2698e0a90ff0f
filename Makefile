# envrules — developer entry points. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HYPOTHESIS_PROFILE ?= ci

.PHONY: install demo test lint docs bench proptest-long clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs,dev]'
	touch $(STAMP)

demo: install
	$(BIN)/envrules decide examples/langfang-eia-2022.json --profile hebei/langfang --format text --lang en

test: install
	$(BIN)/python -m pytest -q --hypothesis-profile=$(HYPOTHESIS_PROFILE)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/envrules lint

docs: install
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

bench: install
	$(BIN)/python benchmarks/bench_decide.py
	$(BIN)/python benchmarks/bench_timeline.py

proptest-long: install
	$(MAKE) test HYPOTHESIS_PROFILE=nightly

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache
