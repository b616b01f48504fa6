import datetime

import pytest
from django.utils import timezone

from groups.models import Reason
from meetings.models import Round
from tests.factories import (
    ChefFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    RoomFactory,
    RoundFactory,
)
from tests.permission_matrix import (
    NO_EFFECT,
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
PLANNERS_POST = {
    "anonymous": LOGIN,
    **NOBODY_BUT,
    "chef": 302,
    "director": 302,
    "administrator": 302,
}
ADMINISTRATORS = {"anonymous": LOGIN, **NOBODY_BUT, "administrator": 200}
ROUND = (("pk", "round"),)
MEETING = (("pk", "meeting"),)
HELD = (("pk", "held"),)

# The leader sits in the group the director hosts; the chef belongs to the chef group.
MATRIX = {
    Page("meetings:mine"): {"anonymous": LOGIN, **dict.fromkeys(ROLES, 200)},
    Page("meetings:feed_renew", method="post"): {"anonymous": LOGIN, **dict.fromkeys(ROLES, 302)},
    Page("meetings:rounds"): PLANNERS,
    Page("meetings:round_new"): PLANNERS,
    Page("meetings:template"): PLANNERS,
    Page("meetings:round", ROUND): PLANNERS,
    # A published round is changed meeting by meeting: its form sends planners back.
    Page("meetings:round_edit", ROUND): PLANNERS_POST,
    Page("meetings:agenda", ROUND): PLANNERS,
    Page("meetings:plan", ROUND): PLANNERS,
    Page(
        "meetings:material_add",
        ROUND,
        "post",
        (("item_number", 5), ("title", "Artikel"), ("url", "https://example.org/artikel")),
    ): PLANNERS_POST,
    Page("meetings:question_add", ROUND, "post", (("theme", "LEDELSE OPAD"),)): PLANNERS_POST,
    # The round is published already (publishing itself: test_rounds.py).
    Page("meetings:publish", ROUND, "post"): {
        **PLANNERS_POST,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    Page(
        "meetings:move", MEETING, "post", lambda objects: {"day": objects["day"], "room": ""}
    ): PLANNERS_POST,
    # Cancelling is asked once more on a page of its own before the POST does it.
    Page("meetings:cancel", MEETING): PLANNERS,
    Page("meetings:cancel", MEETING, "post"): PLANNERS_POST,
    # A meeting that has begun is neither moved nor cancelled.
    Page("meetings:move", HELD, "post", lambda objects: {"day": objects["held_day"], "room": ""}): {
        **PLANNERS_POST,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    Page("meetings:cancel", HELD, "post"): {
        **PLANNERS_POST,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    # The meeting: its group's members and host, the chef group, the administrators.
    # HR is outside the meeting and may not learn it exists (404).
    Page("meetings:meeting", MEETING): {**PLANNERS, "leader": 200, "hr": 404},
    # Apologies come from the members invited; the host hands the meeting on instead.
    Page("meetings:apology", MEETING, "post", (("reason", "Sygdom"),)): {
        **PLANNERS_POST,
        "leader": 302,
        "hr": 404,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    # Only the meeting's host hands it to the co-host or asks for a stand-in, before it begins.
    Page("meetings:hand_over", MEETING, "post"): {
        **PLANNERS_POST,
        "leader": NO_EFFECT,
        "hr": 404,
        "chef": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    Page("meetings:stand_in", MEETING, "post", (("reason", "Sygdom"),)): {
        **PLANNERS_POST,
        "leader": NO_EFFECT,
        "hr": 404,
        "chef": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    Page("meetings:hand_over", HELD, "post"): {
        **PLANNERS_POST,
        "leader": NO_EFFECT,
        "hr": 404,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
        "administrator": NO_EFFECT,
    },
    # Attendance is recorded by the meeting's host (and administrators) once it has begun.
    Page("meetings:attendance", MEETING): {**NOBODY_BUT, "anonymous": LOGIN, "hr": 404},
    Page("meetings:attendance", HELD): {**ADMINISTRATORS, "director": 200, "hr": 404},
    Page("meetings:attendance", HELD, "post", (("present", "0"),)): {
        **PLANNERS_POST,
        "leader": 403,
        "hr": 404,
        "chef": 403,
    },
    Page("meetings:attendance_overview"): ADMINISTRATORS,
    Page("meetings:rooms"): ADMINISTRATORS,
    Page("meetings:room_edit", (("pk", "room"),)): ADMINISTRATORS,
    Page(
        "meetings:rooms",
        method="post",
        data=(("name", "Mødelokale 2"), ("building", "Rådhuset"), ("seats", 8), ("active", "on")),
    ): {**ADMINISTRATORS, "administrator": 302},
    Page(
        "meetings:room_edit",
        (("pk", "room"),),
        "post",
        (("name", "Mødelokale 1"), ("building", "Rådhuset"), ("seats", 20), ("active", "on")),
    ): {**ADMINISTRATORS, "administrator": 302},
}


def build_objects(people: dict) -> dict:
    # The co-host is a chef outside the roles, so the director's hand-over has someone to go to.
    group = GroupFactory(number=1, host=people["director"], co_host=ChefFactory())
    MembershipFactory(
        group=group,
        leader=people["leader"],
        joined_on=timezone.localdate() - datetime.timedelta(days=30),
        joined_reason=Reason.COMPOSED,
    )
    room = RoomFactory(name="Mødelokale 1", building="Rådhuset", seats=14)
    # Next week: apologies are sent before the meeting.
    week = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    round_ = RoundFactory(
        title="Forår 2027",
        week_start=week,
        days=[week.isoformat()],
        starts=datetime.time(12),
        ends=datetime.time(15),
        published_at=timezone.now(),
    )
    meeting = MeetingFactory(
        round=round_, group=group, host=people["director"], day=week, room=room
    )
    last_week = week - datetime.timedelta(days=14)  # begun, whatever the hour
    held = MeetingFactory(
        round=RoundFactory(
            title="Vinter 2026",
            week_start=last_week,
            days=[last_week.isoformat()],
            starts=datetime.time(12),
            ends=datetime.time(15),
            published_at=timezone.now() - datetime.timedelta(days=30),
        ),
        group=group,
        host=people["director"],
        day=last_week,
        room=room,
    )
    return {
        "round": round_.pk,
        "meeting": meeting.pk,
        "room": room.pk,
        "day": week.isoformat(),
        "held": held.pk,
        "held_day": last_week.isoformat(),
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)


def test_a_leader_of_another_group_does_not_see_the_meeting(client, objects, chef):
    from tests.factories import LeaderFactory

    other = LeaderFactory(reports_to=chef)
    client.force_login(other)

    assert client.get(f"/meetings/{objects['meeting']}/").status_code == 404


def test_nobody_but_planners_sees_a_meeting_before_its_round_is_published(client, people, objects):
    Round.objects.update(published_at=None)
    client.force_login(people["leader"])

    assert client.get(f"/meetings/{objects['meeting']}/").status_code == 404
