# The README's two commands: `make run` and `make test`. Everything they need is set up here.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test build chromium lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# 1. set up, build the database from data/ and serve the dashboard at http://127.0.0.1:8050
#    (Debian's chromium draws the exported charts)
run: $(STAMP) chromium
	$(VENV)/bin/socmap build
	$(VENV)/bin/socmap serve

build: $(STAMP)
	$(VENV)/bin/socmap build

# Debian's chromium for the browser tests (never a downloaded browser)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# 2. set up and run the whole test suite, browser tests included
test: $(STAMP) chromium
	$(VENV)/bin/ruff check etl dashboard tests bench scripts
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check etl dashboard tests bench scripts

clean:
	rm -rf $(VENV) data/socmap.duckdb
