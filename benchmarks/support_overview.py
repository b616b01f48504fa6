"""How long HR waits for the support overview, its charts and the finance export, and a leader
for a booking.

    python benchmarks/support_overview.py --leaders 1000

Creates the leaders and four coaching sessions each (some beyond the central hours, on a cost
centre) in a throwaway database (SQLite in a temporary folder, or PostgreSQL when DATABASE_URL
points there: its test database is created and dropped). Prints one JSON line.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nyborg_ledelse.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.template.loader import render_to_string
    from django.test.utils import setup_databases, teardown_databases

    from coaching.models import Booking, Coach
    from coaching.overview import coaching_charts, pool_charts, psychologist_chart
    from coaching.reports import coaching_totals, finance_rows
    from coaching.services.coaching_hours import booking_create
    from nyborg_ledelse.organisation.models import Leader

    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        django_settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(args.seed)
        coaches = [
            Coach.objects.create(
                name=f"Coach {k}", certification="ICF", hourly_rate=Decimal("1700")
            )
            for k in range(8)
        ]
        leaders = Leader.objects.bulk_create(
            Leader(
                email=f"leder{i}@bench.test",
                first_name="Leder",
                last_name=str(i),
                has_staff_responsibility=True,
            )
            for i in range(args.leaders)
        )
        rows = []
        for leader in leaders:
            for k in range(4):
                rows.append(
                    Booking(
                        leader=leader,
                        coach=rng.choice(coaches),
                        day=datetime.date(2027, 1 + 3 * k, rng.randrange(1, 28)),
                        hours=Decimal(rng.choice([1, 2, 3])),
                        cost_centre="4711",
                    )
                )
        Booking.objects.bulk_create(rows)
        figures = {"leaders": args.leaders, "bookings": len(rows)}

        started = time.perf_counter()
        totals = coaching_totals(2027)
        figures["overview_seconds"] = round(time.perf_counter() - started, 2)
        figures["hours_by_tier"] = {str(t.tier): float(t.hours) for t, _w in totals["tiers"]}

        started = time.perf_counter()
        charts = [*coaching_charts(2027), *pool_charts(2027, Decimal(0)), psychologist_chart(2027)]
        for chart in charts:
            render_to_string("coaching/_chart.html", {"chart": chart})
        figures["charts_seconds"] = round(time.perf_counter() - started, 2)

        started = time.perf_counter()
        _header, lines = finance_rows(2027)
        figures["export_seconds"] = round(time.perf_counter() - started, 2)
        figures["export_lines"] = len(lines)

        started = time.perf_counter()
        for leader in leaders[:50]:
            booking_create(
                leader=leader,
                coach=coaches[0],
                day=datetime.date(2027, 12, 1),
                hours=Decimal(1),
                cost_centre="4711",
            )
        figures["booking_ms"] = round((time.perf_counter() - started) / 50 * 1000, 1)
        figures["database"] = django.db.connection.vendor
    finally:
        teardown_databases(old_config, verbosity=0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
