"""Two simultaneous bookings cannot overdraw a quota: the leader's year is locked (PostgreSQL)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from coaching.models import Booking
from coaching.services.coaching_hours import booking_create
from coaching.services.psychologist import psychologist_book
from tests.coaching.conftest import JAN, MAR

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; CI runs this file there (see .ci/run)",
    ),
]


@pytest.fixture(autouse=True)
def _slow_reads(monkeypatch):
    """Each request pauses after reading the year, so without the lock both would read it empty."""
    import time

    from coaching.services import coaching_hours, psychologist

    def slowly(read):
        def slow(*args, **kwargs):
            result = read(*args, **kwargs)
            time.sleep(0.3)
            return result

        return slow

    for module, name in (
        (coaching_hours, "year_funding"),
        (psychologist, "psychologist_hours_used"),
    ):
        monkeypatch.setattr(module, name, slowly(getattr(module, name)))


def race(*calls) -> list:
    """Run the calls at the same moment in threads of their own; return each result or error."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the outcome is what the test looks at
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_simultaneous_bookings_cannot_both_take_the_anonymous_hours(leader, coach):
    booking_create(leader=leader, coach=coach, day=JAN, hours=Decimal(1))

    results = race(
        lambda: booking_create(leader=leader, coach=coach, day=MAR, hours=Decimal(3)),
        lambda: booking_create(leader=leader, coach=coach, day=MAR, hours=Decimal(3)),
    )

    assert sorted(type(r).__name__ for r in results) == ["Booking", "ValidationError"]
    assert sum(b.hours for b in Booking.objects.all()) == 4


def test_two_simultaneous_psychologist_bookings_cannot_pass_the_10_hours(leader):
    psychologist_book(leader=leader, day=JAN, hours=Decimal(1))

    results = race(
        lambda: psychologist_book(leader=leader, day=JAN, hours=Decimal(6)),
        lambda: psychologist_book(leader=leader, day=MAR, hours=Decimal(6)),
    )

    assert sum(isinstance(r, ValidationError) for r in results) == 1
