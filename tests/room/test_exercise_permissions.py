"""The workshop's exercises follow the room's rules: the group on the meeting's day and its host."""

import pytest

from meetings.room.exercise_services import exercise_close, exercise_mark
from meetings.room.models import Exercise
from tests.factories import AgendaItemFactory
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)
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
RATINGS = tuple((f"s{i}", 3) for i in range(9))
MARKS = (("t0", 3), ("task", "Fælles forløb"), ("note", "Metoderne"))


def _open_at_item_2(objects: dict) -> dict:
    return {"kind": "tension", "agenda_item": objects["item_2"], "task": ""}


MATRIX = {
    Page("room:exercises", MEETING): {**MEETING_RECORD, "leader": 200, "director": 200},
    Page("room:exercise_new", MEETING, "post", _open_at_item_2): {
        **MEETING_RECORD,
        "director": 302,
    },
    Page("room:exercise", (("pk", "resistance"),)): GROUP,
    # Each member rates; the host facilitates.
    Page("room:exercise_answer", (("pk", "resistance"),), "post", RATINGS): {
        **EXERCISE_RECORD,
        "leader": 302,
        "director": 403,
    },
    Page("room:exercise_mark", (("pk", "tension"),), "post", MARKS): GROUP_POST,
    Page("room:exercise_close", (("pk", "resistance"),), "post"): HOST_POST,
    # The problem exercise is closed with the group's answer, ready for the summary.
    Page("room:exercise_summary", (("pk", "problem"),), "post"): HOST_POST,
}


def build_objects(people: dict) -> dict:
    meeting, item = meeting_today(people)
    by = people["director"]
    problem = open_exercise(meeting, item, Exercise.Kind.PROBLEM, by)
    exercise_mark(exercise=problem, problem_type="wicked")
    exercise_close(exercise=problem)
    item_2 = AgendaItemFactory(round=meeting.round, number=5, title="God ledelse")
    return {
        "meeting": meeting.pk,
        "resistance": open_exercise(meeting, item, Exercise.Kind.RESISTANCE, by).pk,
        "tension": open_exercise(meeting, item, Exercise.Kind.TENSION, by).pk,
        "problem": problem.pk,
        "item_2": item_2.pk,
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_exercise_pages(
    client, people, objects, page, role, expected
):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
