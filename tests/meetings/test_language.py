"""Invitations and calendars in each recipient's chosen language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from icalendar import Calendar

from meetings.room.surveys import PSYCHOLOGICAL_SAFETY
from meetings.services import round_publish
from nyborg_ledelse.notifications.models import Message
from tests.factories import CalendarFeedFactory

pytestmark = pytest.mark.django_db


def month(day, language: str) -> str:
    with translation.override(language):
        return date_format(day, "j. F")


def invitation_to(person) -> Message:
    return Message.objects.get(kind="meeting_invitation", recipient=person)


def description(message: Message) -> str:
    (attachment,) = message.attachments
    return str(Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]["DESCRIPTION"])


def test_an_english_choosing_leader_gets_an_english_invitation_and_a_danish_one_danish(
    planned_round,
):
    meeting = planned_round.meetings.select_related("group").first()
    english, danish = meeting.group.current_members()[:2]
    type(english).objects.filter(pk=english.pk).update(language="en")
    type(danish).objects.filter(pk=danish.pk).update(language="da")

    round_publish(round_=planned_round)

    number = meeting.group.number
    assert f"group {number}, {month(meeting.day, 'en')}" in invitation_to(english).subject
    assert "Common input" in description(invitation_to(english))
    assert f"gruppe {number}, {month(meeting.day, 'da')}" in invitation_to(danish).subject
    assert "Fælles input" in description(invitation_to(danish))


def test_the_calendar_feed_is_in_its_owners_language(client, planned_round):
    round_publish(round_=planned_round)
    member = planned_round.meetings.first().group.current_members()[0]
    type(member).objects.filter(pk=member.pk).update(language="en")
    feed = CalendarFeedFactory(leader=member)

    body = client.get(reverse("meetings:feed", args=[feed.token])).text

    assert "Common input" in body
    assert "Fælles input" not in body


@pytest.mark.parametrize(
    ("language", "statement"),
    [
        ("da", "Hvis du laver en fejl, holdes det ofte imod dig"),
        ("en", "If you make a mistake on this team, it is often held against you"),
    ],
)
def test_the_survey_statements_follow_the_readers_language(language, statement):
    with translation.override(language):
        assert str(PSYCHOLOGICAL_SAFETY.statements[0]) == statement
