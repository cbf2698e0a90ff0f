# envrules — developer entry points. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HYPOTHESIS_PROFILE ?= ci

.PHONY: install demo test lint docs bench bench-batch serve fuzz proptest-long clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs,dev,server,batch,xlsx]'
	touch $(STAMP)

demo: install
	$(BIN)/envrules decide examples/langfang-eia-2022.json --profile hebei/langfang --format text --lang en

test: install
	$(BIN)/python -m pytest -q --hypothesis-profile=$(HYPOTHESIS_PROFILE)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/envrules lint

docs: install
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_decide.py
	$(BIN)/python benchmarks/bench_timeline.py

bench-batch: install
	$(BIN)/python benchmarks/bench_batch.py

serve: install
	$(BIN)/envrules serve --port 8000 --profile hebei/langfang

FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# the long fuzz run (docs/limits.md); a bounded slice runs in `make test`
fuzz: install
	$(BIN)/python -m envrules.testing.fuzz --cases 1000000 --rulesets 10000 --jobs $(FUZZ_JOBS) --report $(VENV)/fuzz-report.json

proptest-long: install
	$(MAKE) test HYPOTHESIS_PROFILE=nightly

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache
