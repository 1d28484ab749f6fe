# Two commands do everything on a fresh clone:
#   make serve   build the site and serve it at http://127.0.0.1:8000/
#   make test    install what the tests need and run every test
#   make lock    re-resolve requirements.lock (needs PyPI); review, then make test
# Prerequisites: python3 (>= 3.11) with venv, node (>= 20) and npm; for the tests
# Debian's chromium, fonts-noto-cjk and nginx: `make test` installs them when it
# can (root, or sudo without a password), or stops first with the command to run.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

LOCK := requirements.lock

.PHONY: serve build deps test lint bench-assessor bench-pyodide bench-register clean lock system-deps

# Every Python package comes from the lock, pinned and hash-checked; the project
# itself is then installed on its own (it needs nothing at run time), built with
# the locked setuptools rather than one fetched unchecked.
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Re-resolve the lock within pyproject.toml's ranges, with the hashes of every file of
# each pinned release (all platforms), by a pinned pip-tools in its own environment.
lock:
	$(PYTHON) -m venv build/lock-env
	build/lock-env/bin/pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" build/lock-env/bin/pip-compile --quiet --upgrade \
	  --generate-hashes --allow-unsafe --all-build-deps --extra site --extra test \
	  --strip-extras --no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

# Chromium, fonts-noto-cjk, nginx, python3-venv and Node >= 20, checked before anything runs.
system-deps:
	@sh build_scripts/system_deps.sh $(PYTHON)

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

test: system-deps build lint
	$(VENV)/bin/pytest

bench-assessor: $(VENV)/.installed
	$(PY) -m build_scripts.bench_assessor

bench-pyodide: build
	$(PY) -m build_scripts.bench_pyodide

# Households per second for a register (ROWS, default 50,000): the CLI, then the page in Chromium.
bench-register: build
	$(PY) -m build_scripts.bench_register

clean:
	rm -rf site build $(VENV) node_modules
