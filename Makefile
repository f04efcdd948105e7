# The two set-up commands: `make demo` and `make test`. Each creates .venv if missing and installs into it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tracker demo

test: $(STAMP)
	bash scripts/install-browser.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check crawlers pipeline db dashboard demo tests bench

bench: $(STAMP)
	$(PY) bench/bench_extraction.py
	$(PY) bench/bench_match.py

clean:
	rm -rf $(VENV) data .pytest_cache
