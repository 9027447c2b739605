# Salescope: the two commands a newcomer needs are `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format bench sample chromium clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)  ## set up and open the app (on the sample data until you upload)
	$(BIN)/streamlit run streamlit_app.py

chromium:  ## the browser tests drive Debian's Chromium and read PDFs with pdftoppm; install when missing (needs root)
	@{ test -x $(CHROMIUM) && command -v pdftoppm >/dev/null; } || \
	  { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null); } || \
	  { echo "Chromium or pdftoppm is missing: install Debian's 'chromium' and 'poppler-utils' packages."; exit 1; }

test: $(STAMP) chromium  ## set up and run lint + unit, app and browser tests
	rm -rf test-artifacts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not e2e" -n 2 --dist loadgroup  # unit and app tests, on both cores
	$(BIN)/python -m pytest -m e2e -n 2  # browser tests, two at a time: each worker its own server and Chromium

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) chromium  ## every benchmark, then one table of the speed targets (see bench/README.md)
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.kpis
	$(BIN)/python -m bench.diagnosis
	$(BIN)/python -m bench.exports
	$(BIN)/python -m bench.forecast
	$(BIN)/python -m bench.changes
	$(BIN)/python -m bench.cli
	$(BIN)/python -m bench.app
	$(BIN)/python -m bench.load  # ten browser sessions at once, then twenty uploads in a row
	$(BIN)/python -m bench.summary

sample: $(STAMP)  ## regenerate the bundled sample workbook
	$(BIN)/python -m sample_data.generate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
