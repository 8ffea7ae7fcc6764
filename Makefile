# UnionPlans: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

.PHONY: run test setup demo lint messages clean bench

# The virtualenv is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet '.[dev]'
	touch $@

setup: $(BIN)/.installed

# Development server on SQLite with the demo data; DEBUG on.
run: export DEBUG ?= 1
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddemo
	@echo "UnionPlans: http://$(HOST):$(PORT)/"
	$(MANAGE) runserver $(HOST):$(PORT)

demo: export DEBUG ?= 1
demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddemo

lint: setup
	$(BIN)/ruff check .

# The suite runs as production does (DEBUG off, collected static files) but over
# plain HTTP: the test servers have no TLS.
test: export DEBUG = 0
test: export SECRET_KEY ?= test-only-not-secret-but-long-enough-for-django-0123456789
test: export SECURE_SSL_REDIRECT = 0
test: setup lint
	@command -v pdftotext >/dev/null || { echo "make test reads PDFs with poppler: sudo apt-get install poppler-utils"; exit 1; }
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Refresh the French catalogue after changing user-facing strings, then translate it.
messages: export DEBUG = 1
messages: setup
	$(MANAGE) makemessages -l fr --no-location -i '.venv/*' -i 'staticfiles/*' -i 'tests/*'
	$(MANAGE) compilemessages -l fr -i .venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Benchmarks: one table of ratios and query counts (docs/PERFORMANCE.md), on a PostgreSQL
# database of their own that bench/run.py drops and makes again each run (its name must
# contain "bench"; the test database is left alone). BENCH_ARGS, e.g. --seconds 20.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/unionplans_bench
bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: export DEBUG = 0
bench: export SECRET_KEY ?= bench-only-not-secret-but-long-enough-for-django-0123456789
bench: export SECURE_SSL_REDIRECT = 0
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)
