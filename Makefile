# Quick start: `make demo` and `make test` do the whole set-up themselves (idempotent).
VENV ?= .venv
BIN := $(VENV)/bin
JOBS ?= auto

.PHONY: setup demo check audit lint test test-fast doctor schema clean

setup:
	@bash sim/setup.sh

# The main job: benchmark the built-in suite with the golden `reference` model and the BM25
# `retrieval` baseline (plus $RTLWB_MODEL when set, e.g. ollama/qwen2.5-coder), then report.
RUNS ?= runs
DEMO_RUNS := $(RUNS)/demo-reference $(RUNS)/demo-retrieval $(if $(RTLWB_MODEL),$(RUNS)/demo-model)

demo: setup
	rm -rf $(DEMO_RUNS)  # the demo's own runs: a fresh start whatever version made them
	$(BIN)/rtlwb bench run --suite accel --model reference --runs-dir $(RUNS) --run-id demo-reference
	$(BIN)/rtlwb bench run --suite accel --model retrieval --runs-dir $(RUNS) --run-id demo-retrieval
	$(if $(RTLWB_MODEL),$(BIN)/rtlwb bench run --suite accel --model $(RTLWB_MODEL) -n 5 -k 1 -k 5 --runs-dir $(RUNS) --run-id demo-model)
	$(BIN)/rtlwb bench report $(DEMO_RUNS) --html $(RUNS)/report.html

check: setup
	$(BIN)/rtlwb check --suite accel --sim all
	$(BIN)/rtlwb check --suite optimize --sim all
	$(BIN)/rtlwb check --suite rtl_templates/optimizations --sim all

# Mutation testing of the suite's testbenches (docs/audit.md); exit 1 below a 98% kill rate.
audit: setup
	$(BIN)/rtlwb audit accel

# The quality gates: ruff on all our Python, mypy on the package (both configured in pyproject.toml).
lint: setup
	$(BIN)/ruff check
	$(BIN)/mypy

# The quality gates first (seconds), then the suite (see docs/architecture.md, Conventions).
test: lint
	$(BIN)/pytest -n $(JOBS) --dist worksteal -q --durations=30

test-fast: setup
	$(BIN)/pytest -n $(JOBS) --dist worksteal -q -m "not slow"

doctor: setup
	$(BIN)/rtlwb doctor

schema: setup
	$(BIN)/rtlwb tasks schema > docs/task.schema.json
	$(BIN)/python -c 'import json; from workbench.report.results import results_schema; print(json.dumps(results_schema(), indent=2))' > docs/results.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
