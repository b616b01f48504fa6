"""The migrated SQLite test database, built once and copied for each test run and worker.

Running the 70 migrations takes about 12 seconds, most of it Django rendering model states, and
every pytest-xdist worker did it again at each run. The result only changes when a migration or a
package that brings migrations changes, so it is kept under `.test-databases/`, named by a hash of
exactly those, and copied into place; a new migration makes a new name and a fresh build.
PostgreSQL runs build their databases as before.
"""

import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".test-databases"
# Packages whose migrations are part of the schema, beside the project's own.
PACKAGES = ("django", "django-allauth")


def migrations_key() -> str:
    digest = hashlib.sha256()
    for package in PACKAGES:
        digest.update(f"{package}=={importlib.metadata.version(package)}\n".encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        if not Path(config.path).is_relative_to(ROOT) or not folder.is_dir():
            continue
        for migration in sorted(folder.glob("*.py")):
            digest.update(str(migration.relative_to(ROOT)).encode())
            digest.update(migration.read_bytes())
    return digest.hexdigest()[:16]


def put_in_place() -> Path | None:
    """Copy the migrated database to this run's test database name; None if not SQLite."""
    if connection.vendor != "sqlite":
        return None
    target = Path(settings.DATABASES["default"]["TEST"]["NAME"])
    CACHE.mkdir(exist_ok=True)
    template = CACHE / f"{migrations_key()}.sqlite3"
    with open(CACHE / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds; the others wait and copy
        if not template.exists():
            _build(template)
    shutil.copyfile(template, target)
    return target


def _build(template: Path) -> None:
    building = template.with_suffix(".building")
    building.unlink(missing_ok=True)
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{building}"}
    for command in (["migrate", "--run-syncdb"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
        )
    for old in CACHE.glob("*.sqlite3"):
        old.unlink()
    building.rename(template)
