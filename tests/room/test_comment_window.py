"""The comment window on a draft summary: the host hears of comments (at once or in the next
morning's digest, by preference), is asked before publishing early, and the group is told."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import Reason
from meetings.models import Meeting
from meetings.room.models import Summary
from nyborg_ledelse.notifications.forms import PreferencesForm
from nyborg_ledelse.notifications.models import Delivery, Message, State
from nyborg_ledelse.notifications.services import COPENHAGEN
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from tests.factories import LeaderFactory, MembershipFactory, PreferenceFactory
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(people):
    return Meeting.objects.select_related("group", "round").get(pk=room_objects(people)["meeting"])


def comment(client, meeting, author, text="Husk punkt 4."):
    client.force_login(author)
    client.post(reverse("room:summary_comment", args=[meeting.pk]), {"text": text})


def test_the_host_is_told_of_each_comment_at_once(
    client, meeting, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment(client, meeting, people["leader"])

    told = Message.objects.get(kind="summary_commented")
    assert told.recipient == people["director"]
    assert told.state == State.SENT
    assert people["leader"].full_name in told.subject
    assert mail.outbox[-1].to == [people["director"].email]


def test_by_preference_the_host_gets_the_days_comments_in_one_digest_next_morning(
    client, meeting, people, chef
):
    PreferenceFactory(user=people["director"], kind="summary_commented", delivery=Delivery.DIGEST)
    second = LeaderFactory(reports_to=chef)
    MembershipFactory(
        group=meeting.group,
        leader=second,
        joined_on=meeting.day - datetime.timedelta(days=30),
        joined_reason=Reason.COMPOSED,
    )
    today = timezone.localdate()
    with time_machine.travel(
        datetime.datetime.combine(today, datetime.time(13), COPENHAGEN), tick=False
    ):
        comment(client, meeting, people["leader"])
        comment(client, meeting, second, "Enig.")
        dispatch_due_messages()
    assert not [email for email in mail.outbox if email.to == [people["director"].email]]

    tomorrow = today + datetime.timedelta(days=1)
    with time_machine.travel(
        datetime.datetime.combine(tomorrow, datetime.time(7, 5), COPENHAGEN), tick=False
    ):
        dispatch_due_messages()

    digests = [email for email in mail.outbox if email.to == [people["director"].email]]
    assert len(digests) == 1
    assert digests[0].subject == "Ledelsesrum i dag: 2 beskeder"
    assert second.full_name in digests[0].body and people["leader"].full_name in digests[0].body


def test_the_preference_offers_the_host_a_daily_digest_of_comments(people):
    form = PreferencesForm(user=people["director"])

    assert ("digest", "I en daglig opsamling (om morgenen)") in form.fields[
        "summary_commented"
    ].choices


def test_a_digest_of_comments_is_not_sent_once_the_summary_is_published(client, meeting, people):
    PreferenceFactory(user=people["director"], kind="summary_commented", delivery=Delivery.DIGEST)
    comment(client, meeting, people["leader"])
    Summary.objects.filter(meeting=meeting).update(status=Summary.Status.PUBLISHED)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=12), tick=False):
        dispatch_due_messages()

    assert Message.objects.get(kind="summary_commented").state == State.CANCELLED


def test_publishing_within_the_window_asks_and_names_who_has_not_commented(
    client, meeting, people, chef
):
    silent = LeaderFactory(reports_to=chef, first_name="Sara", last_name="Stille")
    MembershipFactory(
        group=meeting.group,
        leader=silent,
        joined_on=meeting.day - datetime.timedelta(days=30),
        joined_reason=Reason.COMPOSED,
    )
    comment(client, meeting, people["leader"])
    client.force_login(people["director"])
    url = reverse("room:summary_publish", args=[meeting.pk])

    page = client.post(url).content.decode()

    assert "Offentliggør før kommentarfristen?" in page
    not_commented = page.split('class="not-commented"')[1].split("</ul>")[0]
    assert "Sara Stille" in not_commented
    assert people["leader"].full_name not in not_commented
    assert not Summary.objects.get(meeting=meeting).is_published

    client.post(url, {"confirmed": "1"})
    assert Summary.objects.get(meeting=meeting).is_published


def test_after_the_window_the_host_publishes_without_being_asked(client, meeting, people):
    Summary.objects.filter(meeting=meeting).update(
        comment_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(people["director"])

    client.post(reverse("room:summary_publish", args=[meeting.pk]))

    assert Summary.objects.get(meeting=meeting).is_published


def test_the_group_and_only_the_group_is_told_when_the_summary_is_published(
    client, meeting, people
):
    client.force_login(people["director"])

    client.post(reverse("room:summary_publish", args=[meeting.pk]), {"confirmed": "1"})

    told = Message.objects.filter(kind="summary_published")
    assert [m.recipient for m in told] == [people["leader"]]
    assert all(m.is_private for m in told)
