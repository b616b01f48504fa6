"""The confidential room's edges as a careful insider tries them, through the pages only."""

import datetime

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from groups.models import Group, Reason
from meetings.models import Meeting
from meetings.room.models import AccessLog, Feedback
from meetings.room.services import evaluation_submit, survey_submit
from tests.factories import (
    AgendaItemFactory,
    ExerciseFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    SurveyFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(people):
    return room_objects(people)


@pytest.fixture
def meeting(objects):
    return Meeting.objects.select_related("group", "round").get(pk=objects["meeting"])


def seat(group, count: int, day: datetime.date, chef) -> list:
    people = [LeaderFactory(reports_to=chef) for _ in range(count)]
    for person in people:
        MembershipFactory(group=group, leader=person, joined_on=day, joined_reason=Reason.COMPOSED)
    return people


@pytest.fixture
def round_survey(meeting, people, chef):
    """The director's group answers 4 times, a second group once: the issue's subtraction."""
    seated = meeting.day - datetime.timedelta(days=30)
    first = [people["leader"], *seat(meeting.group, 3, seated, chef)]
    other = GroupFactory(number=2, host=chef)
    MeetingFactory(round=meeting.round, group=other, host=chef, day=meeting.day)
    lonely = seat(other, 1, seated, chef)
    survey = SurveyFactory(kind="course", round=meeting.round)
    for person in first:
        survey_submit(survey=survey, leader=person, scores=[4] * 6, text="Fælles tekst")
    survey_submit(survey=survey, leader=lonely[0], scores=[1] * 6, text="Min egen mening")
    return survey


def test_a_group_of_one_cannot_be_subtracted_from_the_total(client, people, round_survey):
    client.force_login(people["chef"])

    page = client.get(reverse("room:survey_results", args=[round_survey.pk])).content.decode()

    # With the total (3,4 = (4·4+1)/5) and the group of 4 (4,0) both shown, 5·3,4 − 4·4,0 = 1,0.
    assert not ("3,4" in page and "4,0" in page)
    assert "Min egen mening" not in page


def test_the_survey_page_names_nobody_who_has_not_answered(client, people, meeting, chef):
    survey = SurveyFactory(kind="course", round=meeting.round)
    silent = seat(meeting.group, 2, meeting.day - datetime.timedelta(days=30), chef)
    survey_submit(survey=survey, leader=people["leader"], scores=[4] * 6, text="")
    client.force_login(people["director"])

    page = client.get(reverse("room:survey_results", args=[survey.pk])).content.decode()

    assert all(person.full_name not in page for person in silent)


def test_watching_an_open_evaluation_tells_no_answer(client, people, meeting, chef):
    members = [
        people["leader"],
        *seat(meeting.group, 3, meeting.day - datetime.timedelta(30), chef),
    ]
    for person in members[:2]:
        evaluation_submit(meeting=meeting, leader=person, good="Godt", missed="", rating=4)
    client.force_login(people["director"])
    url = reverse("room:evaluations", args=[meeting.pk])
    before = client.get(url).content.decode()

    evaluation_submit(
        meeting=meeting, leader=members[2], good="Det var for langt", missed="", rating=1
    )

    after = client.get(url).content.decode()
    assert "Det var for langt" not in after
    assert "3,0" not in after  # (4 + 4 + 1) / 3
    assert ("Godt" in before) == ("Godt" in after)


def test_a_host_does_not_answer_their_own_groups_survey(client, people, meeting):
    survey = SurveyFactory(kind="course", round=meeting.round)
    client.force_login(people["director"])

    response = client.post(
        reverse("room:survey", args=[survey.pk]),
        {**{f"s{k}": 5 for k in range(6)}, "text": ""},
    )

    assert response.status_code in (403, 404)
    assert not survey.responses.exists()


def test_a_co_host_appointed_today_does_not_read_earlier_records(client, people, meeting, chef):
    """Even written straight into the group (as a superuser could in the Django admin once),
    today's co-host gets nothing of a meeting held before."""
    Group.objects.filter(pk=meeting.group_id).update(co_host=chef)
    client.force_login(chef)

    for name in ("summary", "summary_edit", "feedback", "feedback_edit"):
        assert client.get(reverse(f"room:{name}", args=[meeting.pk])).status_code == 403, name
    assert client.post(reverse("room:feedback_release", args=[meeting.pk])).status_code == 403
    assert not Feedback.objects.get(meeting=meeting).is_released


def test_reading_through_the_edit_pages_is_logged(client, people, meeting):
    client.force_login(people["director"])

    for name, what in (("summary_edit", "summary"), ("feedback_edit", "feedback")):
        client.get(reverse(f"room:{name}", args=[meeting.pk]))
        assert AccessLog.objects.filter(who=people["director"], what=what).exists(), name


# Pages of the room that show no one's text: the forms to answer, and the log itself.
# The answer forms and the administrators' log show no record's text; the exercises page lists
# which exercises were run, not their results (those are on "exercise", which logs).
# The chef group's answer is the chef group's own text, for every leader once published: no
# group's record is read through it.
NO_RECORD_TEXT = {
    "evaluate",
    "seminar_evaluate",
    "survey",
    "access_log",
    "exercises",
    "chef_answer",
    "chef_answer_edit",
}
# The named person's own page shows them the one sentence about them, nothing else of the text;
# only they reach it (tests/room/test_mention_agreement.py).
NOT_WALKED = {"mention"}


def exercise_in(meeting, host):
    from meetings.models import AgendaItem
    from meetings.room.models import Exercise

    item = AgendaItem.objects.filter(round=meeting.round).first() or AgendaItemFactory(
        round=meeting.round, number=3, title="Fælles ledelsesfokus", text=""
    )
    return ExerciseFactory(
        meeting=meeting, agenda_item=item, kind=Exercise.Kind.PROBLEM, opened_by=host
    )


def held_seminar(came):
    """Yesterday's seminar, with the one who came recorded."""
    import datetime

    from tests.factories import AttendanceFactory, MeetingFactory, RoundFactory

    day = timezone.localdate() - datetime.timedelta(days=1)
    seminar = RoundFactory(
        kind="seminar",
        week_start=day - datetime.timedelta(days=day.weekday()),
        days=[day.isoformat()],
        published_at=timezone.now(),
    )
    meeting = MeetingFactory(round=seminar, group=None, day=day)
    AttendanceFactory(meeting=meeting, leader=came)
    return meeting


def test_every_page_of_the_room_that_shows_a_text_writes_the_access_log(
    client, people, objects, meeting
):
    """Walks every URL pattern of the room; a new page must either log its reads or say here
    why it shows no text."""
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    objects = {
        **objects,
        "exercise": exercise_in(meeting, people["director"]).pk,
        "seminar": held_seminar(people["leader"]).pk,
    }
    resolver = get_resolver()
    room = resolver.namespace_dict["room"][1]
    reader = {
        "meeting": people["director"],
        "round": people["chef"],
        "survey": people["chef"],
        "exercise": people["director"],
        "seminar": people["chef"],
    }
    checked = []
    for pattern in room.url_patterns:
        name, route = pattern.name, str(pattern.pattern)
        if name in NOT_WALKED:
            continue
        kind = (
            "round"
            if route.startswith("rounds/")
            else "survey"
            if "surveys/" in route
            else "exercise"
            if route.startswith("exercises/")
            else "seminar"
            if route.startswith("seminar/")
            else "meeting"
        )
        args = [objects[kind]] if "<int:pk>" in route else []
        who = {
            "access_log": "administrator",
            "evaluate": "leader",
            "seminar_evaluate": "leader",
            "survey": "leader",
        }.get(name)
        client.force_login(people[who] if who else reader[kind])
        before = AccessLog.objects.count()
        response = client.get(reverse(f"room:{name}", args=args))
        if response.status_code == 405:
            continue  # a POST-only action, which shows nothing
        assert response.status_code == 200, name
        logged = AccessLog.objects.count() - before
        if name in NO_RECORD_TEXT:
            assert logged == 0, name
        else:
            assert logged == 1, f"{name} shows a text but writes no access log row"
            checked.append(name)
    assert {
        "summary",
        "summary_edit",
        "feedback",
        "feedback_edit",
        "survey_results",
        "exercise",
    } <= set(checked)
