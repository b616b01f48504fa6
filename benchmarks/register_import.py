"""How long HR waits for the preview and the apply of a register file.

    python benchmarks/register_import.py --leaders 5000

Builds a synthetic register file (departments, a manager tree), runs the preview and the apply in
a throwaway database (SQLite in a temporary folder, or PostgreSQL when DATABASE_URL points
there: its test database is created and dropped), then re-imports the same file and a file with
10 % changes. Prints one JSON line.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nyborg_ledelse.settings")

HEADER = (
    "email;fornavn;efternavn;stilling;afdeling;arbejdssted;niveau;leder_email;"
    "budgetansvar;personaleansvar;rolle"
)
DEPARTMENTS = ["Børn og Unge", "Ældre og Sundhed", "Teknik og Miljø", "Job og Arbejdsmarked"]


def register_file(leaders: int, seed: int, changed_share: float = 0.0) -> bytes:
    rng = random.Random(seed)
    change = random.Random(seed + 1)
    rows = [HEADER]
    for i in range(leaders):
        manager = (
            "" if i == 0 else f"leder{rng.randrange(max(1, i // 4)) if i > 4 else 0}@bench.test"
        )
        title = "Leder" if change.random() >= changed_share else "Ny titel"
        rows.append(
            f"leder{i}@bench.test;Fornavn{i};Efternavn;{title};{rng.choice(DEPARTMENTS)};"
            f"Arbejdssted {i % 97};{3 + i % 3};{manager};ja;ja;leder"
        )
    return "\n".join(rows).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"

    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.test.utils import setup_databases, teardown_databases

    from nyborg_ledelse.organisation.models import Department
    from nyborg_ledelse.organisation.services import register_apply, register_plan

    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A throwaway file of its own, not the test suite's.
        django_settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        for name in DEPARTMENTS:
            Department.objects.create(name=name)
        content = register_file(args.leaders, args.seed)
        figures = {"leaders": args.leaders}

        started = time.perf_counter()
        plan = register_plan(content=content, filename="register.csv")
        figures["preview_seconds"] = round(time.perf_counter() - started, 2)
        assert plan.is_valid and len(plan.new) == args.leaders

        started = time.perf_counter()
        register_apply(content=content, filename="register.csv")
        figures["first_apply_seconds"] = round(time.perf_counter() - started, 2)

        started = time.perf_counter()
        plan = register_apply(content=content, filename="register.csv")
        figures["same_file_again_seconds"] = round(time.perf_counter() - started, 2)
        figures["same_file_again_changes"] = len(plan.new) + len(plan.changed) + len(plan.leaving)

        changed = register_file(args.leaders, args.seed, changed_share=0.1)
        started = time.perf_counter()
        plan = register_apply(content=changed, filename="register.csv")
        figures["ten_percent_changed_seconds"] = round(time.perf_counter() - started, 2)
        figures["ten_percent_changed_rows"] = len(plan.changed)
        figures["database"] = django.db.connection.vendor
    finally:
        teardown_databases(old_config, verbosity=0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
