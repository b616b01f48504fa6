"""The Store Ledergruppe has one definition: the queryset and the property always agree."""

import datetime

import pytest
from django.utils import timezone

from nyborg_ledelse.organisation.models import Leader, Role
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("fields", "member"),
    [
        ({}, True),
        ({"start_date": +1}, False),  # starts tomorrow (dates: days from today)
        ({"start_date": 0}, True),
        ({"end_date": 0}, True),  # the last day counts
        ({"end_date": -1}, False),
        ({"is_active": False}, False),  # the account was closed by hand
        ({"has_staff_responsibility": False}, False),
        ({"has_budget_responsibility": False}, False),
        ({"role": Role.CHEF}, False),
        # Capacities neither add nor take away: only the position and the responsibilities count.
        ({"works_in_hr": True}, True),
        ({"administers_product": True}, True),
        ({"role": Role.CHEF, "works_in_hr": True}, False),
        ({"works_in_hr": True, "has_budget_responsibility": False}, False),
    ],
)
def test_the_queryset_and_the_property_agree(fields, member):
    # Today when the test runs, not when the file was loaded: a run may cross midnight.
    today = timezone.localdate()
    dated = {k: today + v * DAY if k.endswith("_date") else v for k, v in fields.items()}
    leader = LeaderFactory(**dated)

    in_queryset = Leader.objects.store_ledergruppe().filter(pk=leader.pk).exists()
    assert (in_queryset, leader.in_store_ledergruppe) == (member, member)


def test_on_another_day_both_answer_for_that_day():
    day = timezone.localdate() + 10 * DAY
    starter = LeaderFactory(start_date=day)

    assert Leader.objects.store_ledergruppe_on(day).filter(pk=starter.pk).exists()
    assert starter.in_store_ledergruppe_on(day)
    assert not starter.in_store_ledergruppe
