"""The chef group's and the administrators' pages that list every group ask the database the same
number of times for 3 groups as for 12: nothing is fetched once per group or meeting."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.room.models import EvaluationAnswer, EvaluationReceipt
from tests.factories import (
    ApologyFactory,
    ChefFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    RoomFactory,
    RoundFactory,
)

SMALL, LARGE = 3, 12


def _held_round(groups: int):
    """A published round held eight weeks ago, its meetings spread over its three days, each with
    members, a co-host, an apology and evaluations."""
    week = timezone.localdate() - datetime.timedelta(weeks=8)
    round_ = RoundFactory(
        week_start=week - datetime.timedelta(days=week.weekday()), published_at=timezone.now()
    )
    for k in range(groups):
        group = GroupFactory(co_host=ChefFactory())
        members = [
            MembershipFactory(group=group, joined_on=datetime.date(2020, 1, 1)).leader
            for _ in range(3)
        ]
        meeting = MeetingFactory(
            round=round_, group=group, room=RoomFactory(), day=round_.day_dates[k % 3]
        )
        ApologyFactory(meeting=meeting, leader=members[0])
        for member in members[1:]:
            EvaluationReceipt.objects.create(meeting=meeting, leader=member)
            EvaluationAnswer.objects.create(meeting=meeting, rating=4, good="Godt oplæg")
    return round_


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _count_at_two_sizes(client, user, url_for) -> tuple[int, int]:
    client.force_login(user)
    counts = []
    for size in (SMALL, LARGE):
        round_ = _held_round(size)
        counts.append(_queries(client, url_for(round_)))
    return counts[0], counts[1]


PAGES = [
    ("chef", lambda round_: reverse("meetings:round", args=[round_.pk])),
    ("administrator", lambda round_: reverse("meetings:round", args=[round_.pk])),
    ("chef", lambda round_: reverse("room:round_evaluations", args=[round_.pk])),
    ("chef", lambda round_: reverse("groups:overview")),
    ("administrator", lambda round_: reverse("groups:overview")),
    ("administrator", lambda round_: reverse("meetings:attendance_overview")),
    ("chef", lambda round_: reverse("meetings:plan", args=[round_.pk])),
]


@pytest.mark.parametrize(
    ("role", "url_for"),
    PAGES,
    ids=[
        "round-chef",
        "round-admin",
        "evaluations",
        "groups-chef",
        "groups-admin",
        "attendance",
        "plan",
    ],
)
def test_the_page_asks_as_often_for_twelve_groups_as_for_three(client, people, role, url_for):
    small, large = _count_at_two_sizes(client, people[role], url_for)
    assert small == large


def test_a_host_reads_their_meetings_cell_in_as_many_queries_whatever_the_round_size(db, client):
    counts = []
    for size in (SMALL, LARGE):
        round_ = _held_round(size)
        meeting = round_.meetings.first()
        client.force_login(meeting.host)
        counts.append(_queries(client, reverse("room:evaluations", args=[meeting.pk])))
    assert counts[0] == counts[1]
