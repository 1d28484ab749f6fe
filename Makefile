# Two commands do everything on a fresh clone:
#   make serve   build the site and serve it at http://127.0.0.1:8000/
#   make test    install what the tests need and run every test
# Prerequisites: python3 (>= 3.11) with venv, node and npm; for the browser
# tests Debian's chromium and nginx (.ci/run installs them).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build deps test lint bench-assessor bench-pyodide clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[site,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: $(VENV)/.installed node_modules/.installed

build: deps
	$(VENV)/bin/mkdocs build --strict

serve: build
	@echo "Serving site/ at http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory site

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: build lint
	$(VENV)/bin/pytest

bench-assessor: $(VENV)/.installed
	$(PY) -m build_scripts.bench_assessor

bench-pyodide: build
	$(PY) -m build_scripts.bench_pyodide

clean:
	rm -rf site build $(VENV) node_modules
