import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from groups.models import Reason
from meetings.models import Apology, Attendance, Meeting, Round
from meetings.services import (
    apology_send,
    attendance_record,
    meeting_cancel,
    meeting_move,
    missed_meetings,
    round_publish,
)
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.notifications.models import State as MessageState
from tests.factories import LeaderFactory, MeetingFactory, MembershipFactory, RoomFactory
from tests.meetings.conftest import make_round, next_monday
from topicbank.models import State as TopicState

pytestmark = pytest.mark.django_db


def invitation_of(message: Message) -> Calendar:
    (attachment,) = message.attachments
    assert attachment["mimetype"].startswith("text/calendar")
    return Calendar.from_ical(attachment["content"])


def test_a_new_round_starts_from_the_fixed_seven_item_agenda(db):
    round_ = make_round()

    items = list(round_.agenda_items.values_list("number", "title"))
    assert [n for n, _t in items] == [1, 2, 3, 4, 5, 6, 7]
    assert items[2][1] == "Fælles ledelsesfokus – en konkret og aktuel opgave"
    assert items[6][1] == "Evaluering af dagens møde"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"days": ["2020-01-01"]}, "er ikke i rundens uge"),
        ({"ends": datetime.time(14, 0)}, "varer 2 til 3 timer"),
        ({"ends": datetime.time(16, 0)}, "varer 2 til 3 timer"),
        ({"week_start": next_monday() + datetime.timedelta(days=1)}, "starter en mandag"),
    ],
)
def test_a_round_outside_the_rules_is_refused_and_nothing_saved(fields, message):
    with pytest.raises(ValidationError) as error:
        make_round(**fields)

    assert message in str(error.value)
    assert not Round.objects.exists()


def test_choosing_a_topic_plans_it_in_the_topic_bank(planned_round, topics):
    for topic in topics:
        topic.refresh_from_db()
        assert topic.state == TopicState.PLANNED
        assert topic.events.last().round == planned_round


def test_an_agenda_without_items_3_and_5_cannot_be_published(composed, rooms):
    from meetings.services import round_plan, round_plan_save

    round_ = make_round()
    round_plan_save(round_=round_, plan=round_plan(round_))

    with pytest.raises(ValidationError) as error:
        round_publish(round_=round_)

    assert "Punkt 3 skal have et emne fra emnebanken." in error.value.messages
    assert "Punkt 5 skal have et emne fra emnebanken." in error.value.messages
    assert not Message.objects.filter(kind="meeting_invitation").exists()


def test_a_plan_with_a_host_on_two_groups_the_same_day_cannot_be_published(planned_round):
    first, second = planned_round.meetings.all()[:2]
    Meeting.objects.filter(pk=second.pk).update(host=first.host, day=first.day)

    with pytest.raises(ValidationError) as error:
        round_publish(round_=planned_round)

    assert any("er vært for både" in m for m in error.value.messages)
    planned_round.refresh_from_db()
    assert not planned_round.is_published


def test_publishing_invites_every_member_and_host_with_a_calendar_file(planned_round):
    invited = round_publish(round_=planned_round)

    assert invited == 33 + 3
    for meeting in planned_round.meetings.select_related("group"):
        people = {meeting.host, *meeting.group.current_members()}
        messages = Message.objects.filter(kind="meeting_invitation", about_id=meeting.pk)
        assert {m.recipient for m in messages} == people
        calendar = invitation_of(messages.first())
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]).startswith(str(meeting.uid))
        assert event["SEQUENCE"] == 0
        assert "DTSTAMP" in event
        assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
        assert event.decoded("DTSTART") == meeting.starts_at
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
        assert str(event["ORGANIZER"]).startswith("mailto:")
        attendees = {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]}
        assert attendees == {p.email for p in people}
        assert str(event["LOCATION"]) == str(meeting.room)
        assert "Ledelse opad" in str(event["DESCRIPTION"])  # the agenda's topic


def test_reminders_fall_due_7_days_and_1_day_before(planned_round):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.first()

    due = set(
        Message.objects.filter(
            kind="meeting_reminder", about_id=meeting.pk, recipient=meeting.host
        ).values_list("due_at", flat=True)
    )

    assert due == {
        meeting.starts_at - datetime.timedelta(days=7),
        meeting.starts_at - datetime.timedelta(days=1),
    }


def test_the_chef_group_is_reminded_to_set_the_agenda_until_the_round_is_published(
    planned_round, chef
):
    reminders = Message.objects.filter(kind="agenda_due", recipient=chef)
    assert reminders.filter(state=MessageState.PENDING).exists()

    round_publish(round_=planned_round)

    assert not reminders.filter(state=MessageState.PENDING).exists()


def test_moving_a_meeting_resends_the_invitation_with_the_same_uid_and_a_higher_sequence(
    planned_round,
):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.first()
    other_day = next(d for d in planned_round.day_dates if d != meeting.day)
    free_room = next(
        r
        for r in __import__("meetings.models", fromlist=["Room"]).Room.objects.all()
        if not Meeting.objects.filter(day=other_day, room=r).exists()
    )

    meeting_move(meeting=meeting, day=other_day, room=free_room)

    changed = Message.objects.filter(
        kind="meeting_invitation", about_id=meeting.pk, recipient=meeting.host
    )
    first, second = (invitation_of(m).walk("VEVENT")[0] for m in changed.order_by("pk"))
    assert first["UID"] == second["UID"]
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)
    assert second.decoded("DTSTART").date() == other_day
    old_reminders = Message.objects.filter(
        kind="meeting_reminder", about_id=meeting.pk, idempotency_key__endswith=":0-7d"
    )
    assert set(old_reminders.values_list("state", flat=True)) == {MessageState.CANCELLED}


def test_cancelling_sends_method_cancel_with_the_same_uid(planned_round):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.first()

    meeting_cancel(meeting=meeting)

    message = Message.objects.get(
        kind="meeting_cancelled", about_id=meeting.pk, recipient=meeting.host
    )
    calendar = invitation_of(message)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == 1
    assert event["STATUS"] == "CANCELLED"


def test_apologies_need_a_reason_and_come_before_the_meeting(planned_round):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.select_related("group").first()
    member = meeting.group.current_members()[0]

    with pytest.raises(ValidationError, match="årsag"):
        apology_send(meeting=meeting, leader=member, reason="  ")
    apology_send(meeting=meeting, leader=member, reason="Tilsyn")
    assert Apology.objects.get().reason == "Tilsyn"

    stranger = LeaderFactory()
    with pytest.raises(ValidationError, match="ikke inviteret"):
        apology_send(meeting=meeting, leader=stranger, reason="Ferie")
    with (
        time_machine.travel(meeting.starts_at + datetime.timedelta(minutes=1)),
        pytest.raises(ValidationError, match="før mødet"),
    ):
        apology_send(meeting=meeting, leader=member, reason="Syg")


def test_the_host_records_who_came_and_misses_count_per_year(planned_round):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.select_related("group").first()
    members = meeting.group.current_members()

    with pytest.raises(ValidationError, match="når mødet er begyndt"):
        attendance_record(meeting=meeting, present=set(), by=meeting.host)
    with time_machine.travel(meeting.starts_at):
        attendance_record(meeting=meeting, present={m.pk for m in members[1:]}, by=meeting.host)

    assert Attendance.objects.count() == len(members)
    assert missed_meetings(members[0], meeting.day.year) == 1
    assert missed_meetings(members[1], meeting.day.year) == 0


def test_a_successor_sees_the_meetings_from_their_start(planned_round, composed):
    round_publish(round_=planned_round)
    meeting = planned_round.meetings.select_related("group").first()
    chefs, _leaders = composed
    successor = LeaderFactory(reports_to=chefs[0])
    MembershipFactory(
        group=meeting.group,
        leader=successor,
        joined_on=meeting.day + datetime.timedelta(days=1),
        joined_reason=Reason.SUCCESSOR,
    )

    assert meeting not in Meeting.objects.for_leader(successor)
    assert successor not in meeting.invited()
    later = MeetingFactory(
        round=make_round(title="Efterår 2027", week_start=next_monday(20)),
        group=meeting.group,
        host=meeting.host,
        day=next_monday(20) + datetime.timedelta(days=1),
    )
    Round.objects.filter(pk=later.round_id).update(published_at=timezone.now())
    assert later in Meeting.objects.for_leader(successor)


def test_the_seminar_is_one_event_for_the_whole_store_ledergruppe_and_the_chef_group(composed):
    seminar = make_round(
        kind="seminar",
        title="Lederseminar 2027",
        days=[(next_monday() + datetime.timedelta(days=3)).isoformat()],
        ends=datetime.time(16, 0),
    )

    invited = round_publish(round_=seminar)

    (meeting,) = seminar.meetings.all()
    assert meeting.group is None
    chefs, leaders = composed
    assert invited == len(leaders) + len(chefs) + 1  # and the director
    assert set(
        Message.objects.filter(kind="meeting_invitation").values_list("recipient_id", flat=True)
    ) == {p.pk for p in [*leaders, *chefs, chefs[0].reports_to]}


def test_a_meeting_cannot_be_fixed_to_a_room_too_small_for_the_group(planned_round):
    from meetings.services import meeting_pin

    small = RoomFactory(name="Kontoret", building="Rådhuset", seats=6)
    meeting = planned_round.meetings.first()

    with pytest.raises(ValidationError, match="har 6 pladser; gruppen skal bruge 12"):
        meeting_pin(meeting=meeting, day=meeting.day, room=small)


def test_a_successor_is_invited_to_the_groups_coming_meetings(planned_round, composed):
    from groups.services import group_seats_update

    round_publish(round_=planned_round)
    meeting = planned_round.meetings.select_related("group").first()
    chefs, _leaders = composed
    leaving = meeting.group.current_members()[0]
    leaving.end_date = timezone.localdate() - datetime.timedelta(days=1)
    leaving.save()
    successor = LeaderFactory(reports_to=chefs[0], predecessor=leaving)
    before = Message.objects.filter(kind="meeting_invitation").count()

    group_seats_update()

    invitation = Message.objects.get(kind="meeting_invitation", recipient=successor)
    assert invitation.about == meeting
    assert Message.objects.filter(kind="meeting_invitation").count() == before + 1
    attendees = {str(a) for a in invitation_of(invitation).walk("VEVENT")[0]["ATTENDEE"]}
    assert f"mailto:{successor.email}" in attendees
