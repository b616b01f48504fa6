"""Calendar invitations as the mail clients receive them."""

import datetime
import email

import icalendar
import pytest
import time_machine
import vobject
from django.core import mail

from meetings.calendar import invitation
from meetings.models import Meeting, Room
from meetings.services import meeting_cancel, meeting_move, round_publish
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.services import messages_retry
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from tests.factories import MeetingFactory
from tests.meetings.conftest import make_round

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def seminar_on(day: datetime.date) -> Meeting:
    # Travel to a few weeks before, so the round is planned ahead as the rules want.
    with time_machine.travel(day - datetime.timedelta(weeks=3)):
        round_ = make_round(title=f"Seminar {day:%B}")
    return MeetingFactory(round=round_, day=round_.day_dates[0])


@pytest.mark.parametrize(
    ("month", "utc_hour"),
    [
        (6, 10),  # summer time: 12:30 in Copenhagen is 10:30 UTC
        (9, 10),
        (10, 10),  # before the last Sunday of October
        (1, 11),  # winter time: 12:30 is 11:30 UTC
    ],
)
def test_two_independent_parsers_read_the_same_instant(month, utc_hour, leader):
    year = datetime.date.today().year + 1
    meeting = seminar_on(datetime.date(year, month, 1))
    ics = invitation(meeting)

    by_icalendar = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0].decoded("DTSTART")
    by_vobject = vobject.readOne(ics).vevent.dtstart.value

    expected = meeting.starts_at.astimezone(UTC)
    assert (expected.hour, expected.minute) == (utc_hour, 30)
    assert by_icalendar.astimezone(UTC) == expected
    assert by_vobject.astimezone(UTC) == expected


def test_the_time_zone_is_the_yearly_rule_starting_summer_time_at_two(leader):
    meeting = seminar_on(datetime.date(datetime.date.today().year + 1, 6, 1))

    (zone,) = icalendar.Calendar.from_ical(invitation(meeting)).walk("VTIMEZONE")
    summer, winter = zone.walk("DAYLIGHT")[0], zone.walk("STANDARD")[0]

    assert zone["TZID"] == "Europe/Copenhagen"
    assert summer.decoded("DTSTART").time() == datetime.time(2, 0)
    assert summer["RRULE"]["BYMONTH"] == [3] and summer["RRULE"]["BYDAY"] == ["-1SU"]
    assert winter.decoded("DTSTART").time() == datetime.time(3, 0)
    assert winter["RRULE"]["BYMONTH"] == [10]
    assert "RDATE" not in summer and "RDATE" not in winter


def sent(django_capture_on_commit_callbacks) -> list[email.message.Message]:
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_due_messages()
    return [email.message_from_bytes(m.message().as_bytes()) for m in mail.outbox]


def test_the_invitation_is_a_calendar_part_beside_the_text_and_html(
    planned_round, django_capture_on_commit_callbacks
):
    round_publish(round_=planned_round)
    Message.objects.exclude(kind="meeting_invitation").delete()

    message = sent(django_capture_on_commit_callbacks)[0]

    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Auto-Response-Suppress"] == "All"
    (alternative,) = [
        part for part in message.walk() if part.get_content_subtype() == "alternative"
    ]
    forms = [part.get_content_type() for part in alternative.get_payload()]
    assert forms == ["text/plain", "text/html", "text/calendar"]
    calendar_part = alternative.get_payload()[2]
    assert calendar_part.get_param("method") == "REQUEST"
    assert "BEGIN:VEVENT" in calendar_part.get_payload(decode=True).decode()


def test_after_a_move_and_a_cancellation_only_the_cancellation_is_sent(
    planned_round, django_capture_on_commit_callbacks
):
    round_publish(round_=planned_round)  # the invitations wait in the outbox (sequence 0)
    meeting = planned_round.meetings.first()
    other_day = next(d for d in planned_round.day_dates if d != meeting.day)
    free_room = next(
        r for r in Room.objects.all() if not Meeting.objects.filter(day=other_day, room=r).exists()
    )
    meeting_move(meeting=meeting, day=other_day, room=free_room)  # sequence 1
    meeting_cancel(meeting=meeting)  # sequence 2
    Message.objects.exclude(about_id=meeting.pk).delete()

    messages = sent(django_capture_on_commit_callbacks)

    calendars = [
        icalendar.Calendar.from_ical(part.get_payload(decode=True))
        for message in messages
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    ]
    assert len(calendars) == len(meeting.invited())
    assert {(c["METHOD"], c.walk("VEVENT")[0]["SEQUENCE"]) for c in calendars} == {("CANCEL", 2)}
    invitations = Message.objects.filter(kind="meeting_invitation", about_id=meeting.pk)
    assert set(invitations.values_list("state", flat=True)) == {State.CANCELLED}


def test_a_failed_invitation_is_not_sent_by_a_retry_after_the_meeting_moved(
    planned_round, django_capture_on_commit_callbacks
):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.first()
    Message.objects.exclude(about_id=meeting.pk, kind="meeting_invitation").delete()
    Message.objects.update(state=State.FAILED)
    meeting.sequence += 1  # changed since, by a path that did not cancel them
    Meeting.objects.filter(pk=meeting.pk).update(sequence=meeting.sequence)

    messages_retry(messages=Message.objects.all())

    assert sent(django_capture_on_commit_callbacks) == []
    assert set(Message.objects.values_list("state", flat=True)) == {State.CANCELLED}


def test_moving_a_meeting_cancels_its_failed_invitations(planned_round):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.first()
    old = Message.objects.filter(kind="meeting_invitation", about_id=meeting.pk)
    old.update(state=State.FAILED)
    old_ids = list(old.values_list("pk", flat=True))
    other_day = next(d for d in planned_round.day_dates if d != meeting.day)

    meeting_move(meeting=meeting, day=other_day, room=None)

    assert set(Message.objects.filter(pk__in=old_ids).values_list("state", flat=True)) == {
        State.CANCELLED
    }
