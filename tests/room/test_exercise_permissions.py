"""The workshop's exercises follow the room's rules: the group on the meeting's day and its host."""

import pytest

from meetings.room.models import Exercise
from tests.permission_matrix import Page, assert_reaches, expand
from tests.room.exercise_fixtures import meeting_today, open_exercise

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
NOBODY = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 403)}
# The meeting is known to the chef group and administrators (403) but not to HR (404); an
# exercise is known only to the group and its host.
MEETING_RECORD = {**NOBODY, "hr": 404}
EXERCISE_RECORD = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 404)}
MEETING = (("pk", "meeting"),)
# The leader sits in the director's group; the chef is the leader's line manager and in the chef
# group, but not in this room; HR and administrators are outside it.
GROUP = {**EXERCISE_RECORD, "leader": 200, "director": 200}
GROUP_POST = {**EXERCISE_RECORD, "leader": 302, "director": 302}
HOST_POST = {**EXERCISE_RECORD, "leader": 403, "director": 302}

MATRIX = {
    Page("room:exercises", MEETING): {**MEETING_RECORD, "leader": 200, "director": 200},
    Page("room:exercise_new", MEETING, "post"): {**MEETING_RECORD, "director": 302},
    Page("room:exercise", (("pk", "resistance"),)): GROUP,
    # Each member rates; the host facilitates.
    Page("room:exercise_answer", (("pk", "resistance"),), "post"): {
        **EXERCISE_RECORD,
        "leader": 302,
        "director": 403,
    },
    Page("room:exercise_mark", (("pk", "tension"),), "post"): GROUP_POST,
    Page("room:exercise_close", (("pk", "resistance"),), "post"): HOST_POST,
    Page("room:exercise_summary", (("pk", "problem"),), "post"): HOST_POST,
}


@pytest.fixture
def objects(people):
    meeting, item = meeting_today(people)
    by = people["director"]
    return {
        "meeting": meeting.pk,
        "resistance": open_exercise(meeting, item, Exercise.Kind.RESISTANCE, by).pk,
        "tension": open_exercise(meeting, item, Exercise.Kind.TENSION, by).pk,
        "problem": open_exercise(meeting, item, Exercise.Kind.PROBLEM, by).pk,
    }


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_exercise_pages(
    client, people, objects, page, role, expected
):
    assert_reaches(client, people, objects, page, role, expected)
