"""The Store Ledergruppe has one definition: the queryset and the property always agree."""

import datetime

import pytest
from django.utils import timezone

from nyborg_ledelse.organisation.models import Leader, Role
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("fields", "member"),
    [
        ({}, True),
        ({"start_date": TODAY + DAY}, False),  # starts tomorrow
        ({"start_date": TODAY}, True),
        ({"end_date": TODAY}, True),  # the last day counts
        ({"end_date": TODAY - DAY}, False),
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
    leader = LeaderFactory(**fields)

    in_queryset = Leader.objects.store_ledergruppe().filter(pk=leader.pk).exists()
    assert (in_queryset, leader.in_store_ledergruppe) == (member, member)


def test_on_another_day_both_answer_for_that_day():
    starter = LeaderFactory(start_date=TODAY + 10 * DAY)
    day = TODAY + 10 * DAY

    assert Leader.objects.store_ledergruppe_on(day).filter(pk=starter.pk).exists()
    assert starter.in_store_ledergruppe_on(day)
    assert not starter.in_store_ledergruppe
