"""Who sees what in the confidential room, for every role (see also test_confidential.py)."""

import pytest

from meetings.models import Meeting
from tests.permission_matrix import (
    NO_EFFECT,
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)
from tests.room.room_fixtures import coming_meeting, room_objects

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
NOBODY = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 403)}
# Who may not know a record exists gets 404: HR never sees the meeting, only planners the round,
# only those who may answer a survey or read its results the survey.
MEETING_RECORD = {**NOBODY, "hr": 404}
ROUND_RECORD = {**NOBODY, "leader": 404, "hr": 404}
SURVEY_RECORD = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 404)}
MEETING = (("pk", "meeting"),)
ROUND = (("pk", "round"),)
SURVEY = (("pk", "survey"),)
MENTION = (("pk", "mention"),)
# Only the person a sentence names may see or answer the question about it; for everyone else,
# the host included, it does not exist.
NAMED_PERSON = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 404), "leader": 200}

# The leader is a member of the director's group; the chef is the leader's line manager and in
# the chef group but not the host; HR and administrators are outside the room.
GROUP = {**MEETING_RECORD, "leader": 200, "director": 200}
HOST = {**MEETING_RECORD, "director": 200}
HOST_POST = {**MEETING_RECORD, "director": 302}
CHEF_GROUP = {**ROUND_RECORD, "chef": 200, "director": 200}

MATRIX = {
    Page("room:summary", MEETING): GROUP,
    Page("room:summary_edit", MEETING): HOST,
    Page("room:summary_share", MEETING, "post", (("days", 3),)): HOST_POST,
    # Within the comment window the host confirms (test_comment_window.py).
    Page("room:summary_publish", MEETING, "post", (("confirmed", "1"),)): HOST_POST,
    Page("room:summary_comment", MEETING, "post", (("text", "Godt skrevet."),)): {
        **MEETING_RECORD,
        "leader": 302,
        "director": 302,
    },
    # Not yet released: the chef group does not see it (released: test_confidential.py).
    Page("room:feedback", MEETING): GROUP,
    Page("room:feedback_edit", MEETING): HOST,
    Page("room:feedback_release", MEETING, "post"): HOST_POST,
    # The fixture's summary names no one: the host's ask is refused by rule (the effect of a real
    # ask is in test_mention_agreement.py).
    Page(
        "room:mention_ask",
        MEETING,
        "post",
        (("document", "summary"), ("text_index", 0), ("start", 0)),
    ): {**HOST_POST, "director": NO_EFFECT},
    Page("room:mention", MENTION): NAMED_PERSON,
    Page("room:mention_answer", MENTION, "post", (("answer", "agree"),)): {
        **NAMED_PERSON,
        "leader": 302,
    },
    Page("room:evaluate", MEETING): {**MEETING_RECORD, "leader": 200},
    Page("room:evaluations", MEETING): HOST,
    Page("room:round_evaluations", ROUND): CHEF_GROUP,
    Page("room:report", ROUND): CHEF_GROUP,
    Page("room:report_docx", ROUND): CHEF_GROUP,
    Page("room:report_pdf", ROUND): CHEF_GROUP,
    Page("room:survey_attach", ROUND, "post", (("kind", "psychological_safety"),)): {
        **ROUND_RECORD,
        "chef": 302,
        "director": 302,
    },
    # The chef group sees the survey's results but never answers it as a group's member.
    Page("room:survey", SURVEY): {**SURVEY_RECORD, "leader": 200, "chef": 403, "director": 403},
    Page("room:survey_results", SURVEY): {**SURVEY_RECORD, "chef": 200, "director": 200},
    Page("room:access_log"): {**NOBODY, "administrator": 200},
}

# The group's next meeting has not begun: its records are closed to everyone (403, saying when to
# the group and its host), and HR still may not learn it exists.
COMING = (("pk", "coming"),)
MATRIX.update(
    {
        Page(page.name, COMING, page.method, page.data): MEETING_RECORD
        for page in list(MATRIX)
        if page.kwargs == MEETING
    }
)


def build_objects(people: dict) -> dict:
    objects = room_objects(people)
    coming = coming_meeting(Meeting.objects.get(pk=objects["meeting"]))
    return {**objects, "coming": coming.pk}


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
