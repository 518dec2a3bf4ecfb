# Quick start: `make demo` and `make test` do the whole set-up themselves (idempotent).
VENV ?= .venv
BIN := $(VENV)/bin
JOBS ?= auto

.PHONY: setup demo test test-fast doctor schema clean

setup:
	@bash sim/setup.sh

demo: setup
	$(BIN)/rtlwb check --suite accel

test: setup
	$(BIN)/pytest -n $(JOBS) -q

test-fast: setup
	$(BIN)/pytest -n $(JOBS) -q -m "not slow"

doctor: setup
	$(BIN)/rtlwb doctor

schema: setup
	$(BIN)/rtlwb tasks schema > docs/task.schema.json

clean:
	rm -rf $(VENV) .pytest_cache
