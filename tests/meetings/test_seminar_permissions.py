"""The seminar's pages: its programme (the planners), its attendance (the planners, since it has
no host) and its own evaluation (those who came answer; the chef group reads the result)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AttendanceFactory, MeetingFactory, RoundFactory
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
NOBODY_BUT = dict.fromkeys(ROLES, 403)
PLANNERS = {"anonymous": LOGIN, **NOBODY_BUT, "chef": 200, "director": 200, "administrator": 200}
PLANNERS_POST = {**PLANNERS, "chef": 302, "director": 302, "administrator": 302}
SEMINAR = (("pk", "seminar"),)
SEMINAR_MEETING = (("pk", "seminar_meeting"),)
# The seminar is known to every invited leader and to the administrators; HR is not invited.
INVITED_MAY_SEE = {"anonymous": LOGIN, **NOBODY_BUT, "hr": 404}

MATRIX = {
    Page("meetings:programme", SEMINAR): PLANNERS,
    Page(
        "meetings:programme",
        SEMINAR,
        "post",
        (
            ("session-TOTAL_FORMS", 1),
            ("session-INITIAL_FORMS", 0),
            ("session-0-starts", "09:30"),
            ("session-0-title", "Velkomst"),
        ),
    ): PLANNERS_POST,
    Page("meetings:attendance", SEMINAR_MEETING): {
        **INVITED_MAY_SEE,
        "chef": 200,
        "director": 200,
        "administrator": 200,
    },
    # Everyone invited who came evaluates; the administrator was not invited.
    Page("room:seminar_evaluate", SEMINAR_MEETING): {
        **INVITED_MAY_SEE,
        "leader": 200,
        "chef": 200,
        "director": 200,
    },
    Page(
        "room:seminar_evaluate",
        SEMINAR_MEETING,
        "post",
        (("rating", 4), ("good", "Godt oplæg"), ("missed", "")),
    ): {**INVITED_MAY_SEE, "leader": 302, "chef": 302, "director": 302},
    Page("room:seminar_evaluations", SEMINAR_MEETING): {
        **INVITED_MAY_SEE,
        "chef": 200,
        "director": 200,
    },
}


def build_objects(people: dict) -> dict:
    """A seminar held yesterday, attendance recorded."""
    day = timezone.localdate() - datetime.timedelta(days=1)
    seminar = RoundFactory(
        kind="seminar",
        title="Lederseminar",
        week_start=day - datetime.timedelta(days=day.weekday()),
        days=[day.isoformat()],
        starts=datetime.time(0, 0),
        ends=datetime.time(15, 30),
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    meeting = MeetingFactory(round=seminar, group=None, day=day)
    for role in ("leader", "chef", "director"):
        AttendanceFactory(meeting=meeting, leader=people[role], recorded_by=people["chef"])
    return {"seminar": seminar.pk, "seminar_meeting": meeting.pk}


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
