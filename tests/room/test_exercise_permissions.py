"""The workshop's exercises follow the room's rules: the group on the meeting's day and its host."""

import pytest

from meetings.room.models import Exercise
from tests.permission_matrix import Page, assert_reaches, expand
from tests.room.exercise_fixtures import meeting_today, open_exercise

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
NOBODY = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 403)}
MEETING = (("pk", "meeting"),)
# The leader sits in the director's group; the chef is the leader's line manager and in the chef
# group, but not in this room; HR and administrators are outside it.
GROUP = {**NOBODY, "leader": 200, "director": 200}
GROUP_POST = {**NOBODY, "leader": 302, "director": 302}
HOST_POST = {**NOBODY, "director": 302}

MATRIX = {
    Page("room:exercises", MEETING): GROUP,
    Page("room:exercise_new", MEETING, "post"): HOST_POST,
    Page("room:exercise", (("pk", "resistance"),)): GROUP,
    # Each member rates; the host facilitates.
    Page("room:exercise_answer", (("pk", "resistance"),), "post"): {**NOBODY, "leader": 302},
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
