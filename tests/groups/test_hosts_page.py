"""The administrators' page of every group's hosts: who hosts today, who is appointed for later."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.hosting import hosting_appoint
from groups.models import HostRole
from tests.factories import ChefFactory, GroupFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_todays_hosts_and_the_appointments_made_for_later(client, administrator):
    group = GroupFactory()
    later = timezone.localdate() + datetime.timedelta(days=14)
    co_host = ChefFactory(first_name="Mona", last_name="Vang")
    hosting_appoint(
        group=group, leader=co_host, role=HostRole.CO_HOST, starts_on=later, by=administrator
    )
    client.force_login(administrator)

    page = client.get(reverse("groups:hosts")).text
    row = page.split(f"Gruppe {group.number}</a>")[1]

    today_cell, planned_cell = row.split("<td>")[1:3]
    assert f"Vært: {group.host.full_name}" in today_cell and "Mona Vang" not in today_cell
    assert "Medvært: Mona Vang, fra " in planned_cell
    assert reverse("groups:hosting", args=[group.pk]) in page


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("groups:hosts")).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_few_and_many_groups(client, administrator):
    client.force_login(administrator)
    GroupFactory()
    queries(client)
    few = queries(client)
    for _ in range(12):
        GroupFactory(co_host=ChefFactory())

    assert queries(client) == few
