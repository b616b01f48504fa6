"""The chef group's loop: told when a group releases its feedback and when the round's report is
complete; its answer to the report, drafted by the chef group and published to every leader, read
on the front page and under item 2 of each group's next meeting."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Round
from meetings.room.models import ChefGroupAnswer, Feedback
from meetings.room.reports import FEEDBACK_DEADLINE_DAYS
from meetings.room.services import feedback_release, reports_complete_daily
from meetings.services import round_create
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.organisation.daily import daily_round
from tests.factories import (
    ChefGroupAnswerFactory,
    FeedbackFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(people):
    return Meeting.objects.select_related("group", "round").get(pk=room_objects(people)["meeting"])


@pytest.fixture
def second(meeting, chef):
    """Group 2 of the same round, hosted by the chef, with its feedback written."""
    other = MeetingFactory(
        round=meeting.round, group=GroupFactory(number=2, host=chef), host=chef, day=meeting.day
    )
    FeedbackFactory(meeting=other, text="Mere tid til oplæg.", updated_by=chef)
    return other


def told(kind: str) -> set:
    return set(Message.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_the_chef_group_is_told_when_a_group_releases_its_feedback(people, meeting, second):
    feedback_release(meeting=meeting, by=people["director"])

    # The chef group, but not the host who released it; nobody outside the chef group.
    assert told("feedback_released") == {people["chef"].pk}
    message = Message.objects.get(kind="feedback_released")
    assert "Gruppe 1 har frigivet sin tilbagemelding" in message.subject
    assert "1 af 2 grupper har frigivet indtil nu." in message.body_text
    assert message.url == reverse("room:report", args=[meeting.round_id])
    assert message.is_private  # administrators see only "Fortroligt rum"
    assert not Message.objects.filter(kind="report_complete").exists()


def test_the_last_release_completes_the_report_and_the_chef_group_is_told_once(
    people, meeting, second
):
    other_chef = LeaderFactory(role="chef")
    feedback_release(meeting=meeting, by=people["director"])
    feedback_release(meeting=second, by=people["chef"])
    daily_round(today=timezone.localdate())

    complete = Message.objects.filter(kind="report_complete")
    assert told("report_complete") == {people["chef"].pk, people["director"].pk, other_chef.pk}
    assert complete.count() == 3
    assert "Alle grupper har frigivet deres tilbagemelding" in complete.first().body_text
    assert "2 af 2 grupper frigav deres tilbagemelding." in complete.first().body_text


def test_the_daily_round_completes_the_report_when_the_deadline_has_passed(people, meeting, second):
    feedback_release(meeting=meeting, by=people["director"])
    last_day = meeting.round.day_dates[-1]
    deadline = last_day + datetime.timedelta(days=FEEDBACK_DEADLINE_DAYS)

    assert reports_complete_daily(today=deadline) == {"complete_reports": 0}
    assert not Message.objects.filter(kind="report_complete").exists()
    results = daily_round(today=deadline + datetime.timedelta(days=1))
    daily_round(today=deadline + datetime.timedelta(days=2))  # safe to run again

    assert results["meetings.room.services.reports_complete_daily"] == {"complete_reports": 1}
    assert told("report_complete") == {people["chef"].pk, people["director"].pk}
    assert Message.objects.filter(kind="report_complete").count() == 2
    body = Message.objects.filter(kind="report_complete").first().body_text
    assert "1 af 2 grupper frigav deres tilbagemelding." in body
    assert "udløb" in body


def test_a_round_long_past_is_not_announced_late(people, meeting, second):
    long_after = meeting.round.day_dates[-1] + datetime.timedelta(days=90)

    assert reports_complete_daily(today=long_after) == {"complete_reports": 0}


def test_the_report_says_how_many_groups_released_and_when(client, people, meeting, second):
    with time_machine.travel(datetime.datetime(2027, 3, 2, 10, tzinfo=datetime.UTC)):
        Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    client.force_login(people["chef"])

    page = client.get(reverse("room:report", args=[meeting.round_id])).content.decode()

    assert "1 af 2 grupper har frigivet deres tilbagemelding" in page
    assert "Gruppe 1: 2. marts 2027" in page
    assert "Gruppe 2: <em>ikke frigivet</em>" in page


@pytest.fixture
def next_meeting(meeting, people):
    """The director's group meets again in the next round."""
    later = meeting.round.week_start + datetime.timedelta(weeks=10)
    round_ = round_create(
        round_=Round(
            title="Efterår 2027",
            week_start=later,
            days=[later.isoformat()],
            starts=datetime.time(9),
            ends=datetime.time(12),
        )
    )
    Round.objects.filter(pk=round_.pk).update(published_at=timezone.now())
    return MeetingFactory(round=round_, group=meeting.group, host=people["director"], day=later)


def answer_and_publish(client, people, meeting):
    client.force_login(people["chef"])
    question = meeting.round.questions.get()
    client.post(
        reverse("room:chef_answer_edit", args=[meeting.round_id]),
        {
            f"theme{question.pk}": "Vi lægger konsekvensberegninger frem før høringen.",
            "text": "Tak for jeres ærlige tilbagemeldinger.",
        },
    )
    return client.post(reverse("room:chef_answer_publish", args=[meeting.round_id]))


def test_the_chef_groups_draft_is_its_own_until_published(client, people, meeting):
    client.force_login(people["chef"])
    question = meeting.round.questions.get()
    client.post(
        reverse("room:chef_answer_edit", args=[meeting.round_id]),
        {f"theme{question.pk}": "Vi lægger konsekvensberegninger frem før høringen."},
    )
    client.force_login(people["leader"])

    assert ChefGroupAnswer.objects.get().published_at is None
    assert client.get(reverse("room:chef_answer", args=[meeting.round_id])).status_code == 404
    assert "Chefgruppens svar" not in client.get(reverse("home")).content.decode()
    client.force_login(people["director"])
    page = client.get(reverse("room:chef_answer", args=[meeting.round_id])).content.decode()
    assert "En kladde" in page and "LEDELSE OPAD" in page
    assert not Message.objects.filter(kind="chef_answer_published").exists()


def test_a_published_answer_tells_every_leader_and_stands_on_the_front_page(
    client, people, meeting
):
    other_leader = LeaderFactory()

    answer_and_publish(client, people, meeting)

    assert told("chef_answer_published") == {
        people["leader"].pk,
        people["chef"].pk,
        people["director"].pk,
        other_leader.pk,
    }
    message = Message.objects.filter(kind="chef_answer_published").first()
    assert "Vi lægger konsekvensberegninger frem før høringen." in message.body_text
    assert not message.is_private
    client.force_login(other_leader)
    home = client.get(reverse("home")).content.decode()
    assert "Chefgruppens svar på gruppernes tilbagemeldinger fra Forår 2027" in home
    assert "LEDELSE OPAD" in home and "Tak for jeres ærlige tilbagemeldinger." in home
    client.force_login(people["hr"])  # not a leader of a group
    assert "Chefgruppens svar" not in client.get(reverse("home")).content.decode()


def test_a_published_answer_can_no_longer_be_changed(client, people, meeting):
    answer_and_publish(client, people, meeting)

    client.post(
        reverse("room:chef_answer_edit", args=[meeting.round_id]),
        {"text": "Noget helt andet.", "version": 1},
    )

    assert ChefGroupAnswer.objects.get().text == "Tak for jeres ærlige tilbagemeldinger."


def test_the_answer_is_followed_up_under_item_2_of_the_groups_next_meeting(
    client, people, meeting, next_meeting
):
    answer_and_publish(client, people, meeting)
    client.force_login(people["leader"])

    page = client.get(next_meeting.get_absolute_url()).content.decode()
    same_round = client.get(meeting.get_absolute_url()).content.decode()

    item_2 = page.index("2. Hvad er der sket siden sidst!")
    item_3 = page.index("3. Fælles ledelsesfokus")
    answer = page.index("Chefgruppens svar på gruppernes tilbagemeldinger fra Forår 2027")
    assert item_2 < answer < item_3
    assert "Vi lægger konsekvensberegninger frem før høringen." in page
    assert "Chefgruppens svar" not in same_round


def test_the_answer_of_a_draft_is_not_on_the_next_meeting(client, people, meeting, next_meeting):
    ChefGroupAnswerFactory(round=meeting.round, updated_by=people["chef"])
    client.force_login(people["leader"])

    assert "Chefgruppens svar" not in client.get(next_meeting.get_absolute_url()).content.decode()


def test_two_members_of_the_chef_group_never_overwrite_each_other_silently(client, people, meeting):
    ChefGroupAnswerFactory(
        round=meeting.round, text="Den første version.", updated_by=people["chef"]
    )
    url = reverse("room:chef_answer_edit", args=[meeting.round_id])
    client.force_login(people["director"])
    client.post(url, {"text": "Direktørens version.", "version": 1})
    client.force_login(people["chef"])

    page = client.post(url, {"text": "Chefens version.", "version": 1}).content.decode()
    assert "Direktørens version." in page and "Chefens version." in page
    assert ChefGroupAnswer.objects.get().text == "Direktørens version."
    client.post(url, {"text": "Chefens version.", "version": 2})
    assert ChefGroupAnswer.objects.get().text == "Chefens version."
