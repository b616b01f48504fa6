import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.room.disclosure import resistance_result
from meetings.room.exercise_services import (
    exercise_answer,
    exercise_close,
    exercise_mark,
    exercise_to_summary,
)
from meetings.room.exercises import RESISTANCE_SOURCES
from meetings.room.models import Exercise, ExerciseAnswer, Summary
from tests.factories import LeaderFactory, MembershipFactory, SummaryFactory, SurveyFactory
from tests.room.exercise_fixtures import meeting_today, open_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_and_item(people):
    return meeting_today(people)


@pytest.fixture
def members(meeting_and_item, people):
    """The leader and three more members of the group."""
    meeting, _item = meeting_and_item
    others = [LeaderFactory() for _ in range(3)]
    for member in others:
        MembershipFactory(
            group=meeting.group,
            leader=member,
            joined_on=meeting.day - datetime.timedelta(days=30),
        )
    return [people["leader"], *others]


@pytest.fixture
def resistance(meeting_and_item, people):
    meeting, item = meeting_and_item
    return open_exercise(meeting, item, Exercise.Kind.RESISTANCE, people["director"])


def test_nothing_is_shown_under_three_answers_nor_while_the_exercise_is_open(resistance, members):
    for member, score in zip(members[:2], [4, 5], strict=True):
        exercise_answer(exercise=resistance, leader=member, scores=[score] * 9)
    exercise_close(exercise=resistance)

    assert resistance_result(resistance).shown is False

    reopened = Exercise.objects.get(pk=resistance.pk)
    Exercise.objects.filter(pk=reopened.pk).update(closed_at=None)
    reopened.refresh_from_db()
    exercise_answer(exercise=reopened, leader=members[2], scores=[3] * 9)
    assert resistance_result(reopened).shown is False  # three answers, but still open

    exercise_close(exercise=reopened)
    result = resistance_result(reopened)
    assert result.shown
    assert result.rows[0] == (RESISTANCE_SOURCES[0], 4.0)
    assert len(result.rows) == 9


def test_the_page_shows_the_minimum_rule_to_the_group(client, resistance, members):
    exercise_answer(exercise=resistance, leader=members[0], scores=[2] * 9)
    exercise_close(exercise=resistance)
    client.force_login(members[0])

    page = client.get(reverse("room:exercise", args=[resistance.pk])).content.decode()

    assert "Resultater vises først fra 3 svar." in page
    assert RESISTANCE_SOURCES[0] not in page.split("Resultater vises")[1]


def test_each_member_rates_once_and_anonymously(resistance, members):
    exercise_answer(exercise=resistance, leader=members[0], scores=[1, 2, 3, 4, 5, 1, 2, 3, 4])

    with pytest.raises(ValidationError):
        exercise_answer(exercise=resistance, leader=members[0], scores=[5] * 9)
    answer = ExerciseAnswer.objects.get()
    assert not hasattr(answer, "leader")
    assert resistance.receipts.get().leader == members[0]


def test_every_source_needs_a_rating_from_1_to_5(resistance, members):
    with pytest.raises(ValidationError):
        exercise_answer(exercise=resistance, leader=members[0], scores=[6] * 9)
    with pytest.raises(ValidationError):
        exercise_answer(exercise=resistance, leader=members[0], scores=[3] * 8)


def test_the_exercise_is_answered_only_on_the_meetings_day(resistance, members):
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    with time_machine.travel(tomorrow), pytest.raises(ValidationError, match="mødedagen"):
        exercise_answer(exercise=resistance, leader=members[0], scores=[3] * 9)


def test_the_group_marks_the_six_tension_fields_and_may_put_them_in_the_summary(
    meeting_and_item, people, members
):
    meeting, item = meeting_and_item
    tension = open_exercise(meeting, item, Exercise.Kind.TENSION, people["director"])
    exercise_mark(
        exercise=tension,
        marks={"0": 3, "1": 1, "5": 2},
        task="Sammenhængende forløb for borgere med demens",
        note="Spændingen ligger i metoderne.",
    )
    exercise_close(exercise=tension)

    summary = exercise_to_summary(exercise=tension, by=people["director"])

    note = summary.item_notes["3"]
    assert "Uenighed om arbejdsmetoder og principper: Høj spænding" in note
    assert "Uenighed om mål og vurderingskriterier: Nogen spænding" in note
    assert "Spændingen ligger i metoderne." in note
    assert summary.status == Summary.Status.DRAFT


def test_the_problems_type_names_the_leadership_it_asks_for(meeting_and_item, people, client):
    meeting, item = meeting_and_item
    problem = open_exercise(meeting, item, Exercise.Kind.PROBLEM, people["director"])
    client.force_login(people["leader"])

    client.post(
        reverse("room:exercise_mark", args=[problem.pk]),
        {"task": "Ventetid på genoptræning", "problem_type": "wicked", "note": ""},
    )
    page = client.get(reverse("room:exercise", args=[problem.pk])).content.decode()

    assert "Wicked problem – Lede: Stil spørgsmål; jeres ledelse er undersøgende." in page


def test_a_resistance_result_below_the_minimum_cannot_go_into_the_summary(
    resistance, members, people
):
    exercise_answer(exercise=resistance, leader=members[0], scores=[3] * 9)
    exercise_close(exercise=resistance)

    with pytest.raises(ValidationError):
        exercise_to_summary(exercise=resistance, by=people["director"])
    assert not Summary.objects.filter(meeting=resistance.meeting).exists()


def test_a_result_joins_what_the_summary_already_says_at_that_item(meeting_and_item, people):
    meeting, item = meeting_and_item
    SummaryFactory(
        meeting=meeting, item_notes={"3": "Vi drøftede opgaven."}, updated_by=people["director"]
    )
    problem = open_exercise(meeting, item, Exercise.Kind.PROBLEM, people["director"])
    exercise_mark(exercise=problem, problem_type="tame")
    exercise_close(exercise=problem)

    summary = exercise_to_summary(exercise=problem, by=people["director"])

    assert summary.item_notes["3"].startswith("Vi drøftede opgaven.\n\n")
    assert "Tæmmet problem" in summary.item_notes["3"]
    assert summary.version == 2


def test_the_exercises_page_links_the_rounds_course_survey(client, meeting_and_item, people):
    meeting, _item = meeting_and_item
    survey = SurveyFactory(kind="course", round=meeting.round)
    client.force_login(people["leader"])

    page = client.get(reverse("room:exercises", args=[meeting.pk])).content.decode()

    assert reverse("room:survey", args=[survey.pk]) in page


def test_the_demo_shows_a_host_the_three_exercises_results(client, demo):
    resistance = Exercise.objects.get(kind=Exercise.Kind.RESISTANCE)
    meeting = resistance.meeting
    tension = Exercise.objects.get(meeting=meeting, kind=Exercise.Kind.TENSION)
    problem = Exercise.objects.get(meeting=meeting, kind=Exercise.Kind.PROBLEM)
    client.force_login(meeting.host)

    rated = client.get(reverse("room:exercise", args=[resistance.pk])).content.decode()
    marked = client.get(reverse("room:exercise", args=[tension.pk])).content.decode()
    typed = client.get(reverse("room:exercise", args=[problem.pk])).content.decode()

    assert meeting.day < timezone.localdate() and meeting.attendance.exists()
    assert resistance.is_closed and resistance.answers.count() >= 3
    assert resistance_result(resistance).shown
    assert RESISTANCE_SOURCES[0] in rated and "Resultater vises først" not in rated
    assert "Høj spænding" in marked or "Nogen spænding" in marked
    assert "Wicked problem" in typed
