# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint messages clean

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install node_modules/axe-core
	$(PY) -m pytest

# axe-core for the browser tests' accessibility check; without npm those tests are skipped.
node_modules/axe-core: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser tests will be skipped"; fi

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Ledelsesrum needs Python 3.12 or newer: make PYTHON=python3.12 …")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install
	$(PY) manage.py makemessages --locale da --ignore "$(VENV)/*" --ignore "node_modules/*"
	$(PY) manage.py compilemessages --locale da --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
