# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is a shortcut for something the README explains.
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000

.PHONY: run test venv install migrate demo serve lint check ci clean screenshots diagram-screenshots

run: install migrate demo serve  ## venv, install, migrate, demo data, serve the admin

# The Python that .python-version names (through pyenv when present), else any 3.12+;
# without one, a single line says so instead of an error deep inside pip.
FIND_PYTHON = for c in "$$(pyenv root 2>/dev/null)/versions/$(PYTHON_VERSION)/bin/python" \
	"$$HOME/.pyenv/versions/$(PYTHON_VERSION)/bin/python" python3.14 python3.13 python3.12 python3; do \
	p=$$(command -v "$$c" 2>/dev/null) || continue; \
	"$$p" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$$p"; exit 0; }; \
	done; echo "Python 3.12 or newer is required (.python-version says $(PYTHON_VERSION)): install it, e.g. 'pyenv install $(PYTHON_VERSION)'." >&2; exit 1

$(PY):
	@python=$$($(FIND_PYTHON)) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)

venv: $(PY)

install: $(VENV)/.installed
$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py setup_demo

serve:
	@echo "Admin: http://$(ADDR)/admin/  (login printed above)"
	$(PY) manage.py runserver $(ADDR)

# One pytest-xdist worker per core, each with its own test database; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
# Bytecode is written (to the git-ignored __pycache__) even where the environment sets
# PYTHONDONTWRITEBYTECODE: otherwise every worker compiles the project and rewrites every
# test module again on each run, about 3 s of CPU per process.
test: install  ## the whole suite; DATABASE_URL=postgres://... to run it on PostgreSQL
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

screenshots: install  ## the README's pictures, docs/img/*.png at 1280 px (needs /usr/bin/chromium)
	$(PY) -m tests.browser.screenshots

ci:
	bash .ci/run

diagram-screenshots: install  ## docs/img/blast-radius-*.png and model-map-focus.png, 1280 px, headless Chromium
	$(PY) -m pytest -q -p no:cacheprovider tests/browser/diagram_screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
