# The two commands a new user runs on a fresh machine (only Python 3.10+, pip and, for the
# docs build, Node's npm are needed):  make demo  and  make test.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KATEX_SRC := tools/katex/node_modules/katex/dist
KATEX_DST := docs/vendor/katex

.PHONY: help install demo test lint typecheck pytest docs-build docs bench fuzz clean

help:
	@echo "make demo   - set up .venv, install, run the bundled examples"
	@echo "make test   - set up, then lint, types, tests (with doc examples), strict docs build"
	@echo "make docs   - serve the documentation on http://127.0.0.1:8000"
	@echo "make bench  - run the benchmarks (one table, a few minutes)"
	@echo "make fuzz   - the long run of the robustness properties (Hypothesis profile 'thorough')"

# setup.py and the C source too: the optional extension (activity_scores._speedups) is built
# in place by the editable install.
$(STAMP): pyproject.toml setup.py src/activity_scores/_speedups.c
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) examples/demo.py

# KaTeX comes from the npm registry at build time, pinned by tools/katex/package-lock.json,
# and is copied into docs/vendor (ignored by git) so the site renders formulas offline.
$(KATEX_DST)/katex.min.js: tools/katex/package-lock.json
	npm ci --prefix tools/katex --no-audit --no-fund --loglevel=error
	rm -rf $(KATEX_DST)
	mkdir -p $(KATEX_DST)
	cp $(KATEX_SRC)/katex.min.js $(KATEX_SRC)/katex.min.css $(KATEX_DST)/
	cp -r $(KATEX_SRC)/fonts $(KATEX_DST)/

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The tests include tests/test_docs_browser.py, which builds the site: KaTeX must be vendored.
pytest: $(STAMP) $(KATEX_DST)/katex.min.js
	ACTIVITY_SCORES_REQUIRE_SPEEDUPS=1 $(VENV)/bin/pytest -q

docs-build: $(STAMP) $(KATEX_DST)/katex.min.js
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

test: lint typecheck pytest docs-build

docs: $(STAMP) $(KATEX_DST)/katex.min.js
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# One table: each score against its bare formula, screening, the CLI, import time
# (benchmarks/run.py; docs/performance.md explains the figures). Never part of make test.
bench: $(STAMP)
	$(PY) benchmarks/run.py

# The robustness properties with thousands of examples each, freely randomised (make test
# runs a small derandomised sample). Counts go to the reliability page by hand.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(VENV)/bin/pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_robustness.py tests/test_robustness_screening.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache tools/katex/node_modules $(KATEX_DST)
