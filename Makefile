# The two set-up commands: `make demo` and `make test`. Each creates .venv if missing and installs into it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench scale-demo clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tracker demo

test: $(STAMP)
	bash scripts/install-browser.sh
	bash scripts/install-services.sh
	$(PY) -m pytest

# The multi-node rehearsal: Redis, PostgreSQL, a farm of 500 sites, 3 crawler workers (one killed), 2 loaders.
scale-demo: $(STAMP)
	bash scripts/install-services.sh
	$(PY) -m demo.scale --sites 500 --workers 3 --loaders 2

lint: $(STAMP)
	$(VENV)/bin/ruff check crawlers pipeline db dashboard demo tests bench

bench: $(STAMP)
	$(PY) bench/bench_extraction.py
	$(PY) bench/bench_match.py

clean:
	rm -rf $(VENV) data .pytest_cache
