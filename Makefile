# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint messages clean lock audit

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# One pytest worker per core (pytest-xdist), an idle worker taking tests queued for a busy one;
# a plain `pytest` runs in one process.
test: install node_modules/axe-core
	$(PY) -m pytest -n auto --dist worksteal

# axe-core for the browser tests' accessibility check; without npm those tests are skipped.
node_modules/axe-core: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser tests will be skipped"; fi

install: $(STAMP)

# The versions in requirements.lock, the same as the Docker image and CI.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Ledelsesrum needs Python 3.12 or newer: make PYTHON=python3.12 …")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Resolve pyproject.toml afresh (the newest versions it allows) into requirements.lock.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	{ echo "# Every Python package, pinned: the Docker image, make install and CI install with -c requirements.lock."; \
	  echo "# Regenerate with 'make lock' (resolves pyproject.toml afresh); review the diff and commit it."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

# Known vulnerabilities in the pinned packages (needs PyPI's JSON API).
audit: install
	$(PY) .ci/audit.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install
	$(PY) manage.py makemessages --locale da --no-obsolete --ignore "$(VENV)/*" --ignore "node_modules/*"
	$(PY) manage.py compilemessages --locale da --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules .test-databases
