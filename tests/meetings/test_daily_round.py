"""The daily round applies the register's dates to the groups, over weeks and a year end."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from groups.models import Group, Membership, Proposal, Reason
from groups.services import membership_move, people_from_register, proposal_apply
from meetings.models import CalendarFeed
from meetings.services import round_publish
from nyborg_ledelse.notifications.delivery import send_messages
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.organisation.daily import daily_round
from nyborg_ledelse.organisation.models import Leader
from tests.conftest import PASSWORD
from tests.factories import CalendarFeedFactory, LeaderFactory, ProposalFactory

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def morning(day: datetime.date):
    """The daily round's hour on that day."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(5), CPH), tick=False)


def deliver() -> None:
    """What the workers do: send everything that is due now."""
    send_messages(list(Message.objects.due().values_list("pk", flat=True)), claimer="test")


def calendar_of(message: Message) -> Calendar:
    (attachment,) = message.attachments
    return Calendar.from_ical(attachment["content"])


def attendees(calendar: Calendar) -> set[str]:
    value = calendar.walk("VEVENT")[0]["ATTENDEE"]
    return {str(a) for a in (value if isinstance(value, list) else [value])}


@pytest.fixture
def published(planned_round):
    round_publish(round_=planned_round)
    deliver()
    return planned_round


def first_meeting(round_):
    return round_.meetings.select_related("group__host", "round").order_by("day").first()


def messages_to_others(person) -> int:
    return Message.objects.exclude(recipient=person).count()


def test_a_leaver_leaves_on_the_end_date_is_uninvited_personally_and_the_host_is_told(
    client, published
):
    meeting = first_meeting(published)
    leaving = meeting.group.current_members()[0]
    today = datetime.date.today()
    leaving.end_date = today
    leaving.save()
    CalendarFeedFactory(leader=leaving)
    others_before = Message.objects.exclude(recipient=leaving).count()

    with morning(today + datetime.timedelta(days=1)):
        results = daily_round()

    assert results["groups.services.groups_daily"]["left"] == 1
    seat = Membership.objects.get(leader=leaving)
    assert (seat.left_on, seat.left_reason) == (today, Reason.LEFT)
    assert leaving not in meeting.group.current_members()
    cancel = Message.objects.get(kind="meeting_uninvited", recipient=leaving, about_id=meeting.pk)
    ical = calendar_of(cancel)
    event = ical.walk("VEVENT")[0]
    assert ical["METHOD"] == "CANCEL"
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == meeting.sequence
    assert attendees(ical) == {f"mailto:{leaving.email}"}
    # Their reminders for the meeting are gone; nobody else's are touched.
    assert not Message.objects.filter(
        kind="meeting_reminder", recipient=leaving, state=State.PENDING
    ).exists()
    assert Message.objects.filter(kind="meeting_reminder", state=State.PENDING).exists()
    told = Message.objects.filter(kind="group_member_left")
    assert {m.recipient for m in told} == {meeting.group.host}
    assert Message.objects.exclude(recipient=leaving).count() == others_before + 1
    # Their account stops working: the login and the calendar feed.
    with morning(today + datetime.timedelta(days=1)):
        assert not client.login(username=leaving.email, password=PASSWORD)
        feed = client.get(CalendarFeed.objects.get(leader=leaving).get_absolute_url())
    assert feed.status_code == 404


def test_the_daily_round_twice_or_after_missed_days_does_it_once(published):
    meeting = first_meeting(published)
    leaving = meeting.group.current_members()[0]
    today = datetime.date.today()
    leaving.end_date = today
    leaving.save()

    # Three missed days, then two runs the same morning.
    with morning(today + datetime.timedelta(days=4)):
        daily_round()
        count = Message.objects.count()
        again = daily_round()

    assert again["groups.services.groups_daily"] == {
        "left": 0,
        "no_longer_member": 0,
        "successors": 0,
    }
    assert Message.objects.count() == count
    seat = Membership.objects.get(leader=leaving)
    assert seat.left_on == today  # the end date, not the day the round ran


def test_a_successor_with_a_future_start_takes_the_seat_on_that_day_and_is_invited(
    published, composed
):
    chefs, _leaders = composed
    meeting = first_meeting(published)
    group = meeting.group
    predecessor = group.current_members()[0]
    today = datetime.date.today()
    start = today + datetime.timedelta(days=7)
    predecessor.end_date = start - datetime.timedelta(days=1)
    predecessor.save()
    successor = LeaderFactory(reports_to=chefs[0], predecessor=predecessor, start_date=start)

    with morning(start - datetime.timedelta(days=1)):
        daily_round()
    assert not Membership.objects.filter(leader=successor).exists()
    assert predecessor in group.current_members()

    with morning(start):
        results = daily_round()

    assert results["groups.services.groups_daily"]["successors"] == 1
    assert results["groups.services.groups_daily"]["left"] == 1
    seat = Membership.objects.get(leader=successor)
    assert (seat.group, seat.joined_on, seat.joined_reason) == (group, start, Reason.SUCCESSOR)
    invitation = Message.objects.get(kind="meeting_invitation", recipient=successor)
    assert invitation.about == meeting
    assert f"mailto:{successor.email}" in attendees(calendar_of(invitation))
    assert Message.objects.filter(kind="meeting_reminder", recipient=successor).exists()
    assert Message.objects.get(kind="group_successor").recipient == group.host
    assert Message.objects.filter(kind="meeting_uninvited", recipient=predecessor).exists()


def test_a_leader_who_loses_staff_responsibility_leaves_the_store_ledergruppe(published):
    meeting = first_meeting(published)
    leader = meeting.group.current_members()[0]
    leader.has_staff_responsibility = False
    leader.save()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    with morning(tomorrow):
        results = daily_round()

    assert results["groups.services.groups_daily"]["no_longer_member"] == 1
    seat = Membership.objects.get(leader=leader)
    assert (seat.left_on, seat.left_reason) == (tomorrow, Reason.NO_LONGER_MEMBER)
    cancel = Message.objects.get(kind="meeting_uninvited", recipient=leader)
    assert calendar_of(cancel)["METHOD"] == "CANCEL"


def test_a_rebalance_moves_only_the_moved_leaders_meetings(published, administrator):
    meetings = {m.group_id: m for m in published.meetings.select_related("group")}
    seats = {m.leader_id: m for m in Membership.objects.current().select_related("group")}
    groups = list(Group.objects.all())
    # Someone whose manager does not host the other group.
    for seat in seats.values():
        target = next(
            (g for g in groups if g != seat.group and g.host_id != seat.leader.reports_to_id), None
        )
        if target:
            break
    moved = seat.leader
    members = Leader.objects.store_ledergruppe()
    before = {str(m.pk): str(seats[m.pk].group.number) if m.pk in seats else "" for m in members}
    assignment = {**before, str(moved.pk): str(target.number)}
    assignment |= {str(g.host_id): str(g.number) for g in groups}
    proposal = ProposalFactory(
        created_by=administrator,
        min_size=2,
        max_size=20,
        tolerance_percent=5,
        before=before,
        assignment=assignment,
        moves=[[moved.pk, str(seat.group.number), str(target.number)]],
        result={"violations": {}},
    )
    others_invitations = Message.objects.filter(kind="meeting_invitation").exclude(recipient=moved)
    count = others_invitations.count()

    proposal_apply(proposal=proposal, by=administrator)

    cancel = Message.objects.get(kind="meeting_uninvited", recipient=moved)
    assert cancel.about == meetings[seat.group_id]
    assert calendar_of(cancel)["METHOD"] == "CANCEL"
    invitation = Message.objects.get(
        kind="meeting_invitation", recipient=moved, about_id=meetings[target.pk].pk
    )
    assert calendar_of(invitation)["METHOD"] == "REQUEST"
    assert not Message.objects.filter(
        kind="meeting_reminder",
        recipient=moved,
        about_id=meetings[seat.group_id].pk,
        state=State.PENDING,
    ).exists()
    assert Message.objects.filter(
        kind="meeting_reminder", recipient=moved, about_id=meetings[target.pk].pk
    ).exists()
    assert others_invitations.count() == count  # nobody else gets a second e-mail


def test_an_administrators_move_sends_the_same_personal_messages(published, administrator):
    meetings = {m.group_id: m for m in published.meetings.all()}
    seat = Membership.objects.current().select_related("leader", "group").first()
    target = Group.objects.exclude(pk=seat.group_id).first()
    count = Message.objects.exclude(recipient=seat.leader).count()

    membership_move(leader=seat.leader, group=target, by=administrator)

    assert (
        Message.objects.get(kind="meeting_uninvited", recipient=seat.leader).about
        == (meetings[seat.group_id])
    )
    assert Message.objects.filter(
        kind="meeting_invitation", recipient=seat.leader, about_id=meetings[target.pk].pk
    ).exists()
    assert Message.objects.exclude(recipient=seat.leader).count() == count
    assert Membership.objects.get(leader=seat.leader, left_on__isnull=True).joined_reason == (
        Reason.MOVED
    )


def successor_of(day):
    predecessor = Membership.objects.current().select_related("leader").first().leader
    predecessor.end_date = day - datetime.timedelta(days=1)
    predecessor.save()
    return LeaderFactory(reports_to=predecessor.reports_to, predecessor=predecessor)


def test_a_successor_is_pinned_for_the_rest_of_the_year_unless_unpinned(composed):
    day = datetime.date(2026, 12, 28)
    with morning(day):
        successor = successor_of(day)
        daily_round()
        people = {p.id: p for p in people_from_register()}
        unpinned = {p.id: p for p in people_from_register(unpinned={successor.pk})}

    assert people[str(successor.pk)].pinned
    assert people[str(successor.pk)].current_group
    assert not unpinned[str(successor.pk)].pinned

    # After the year end the successor is the composer's like everyone else.
    with morning(datetime.date(2027, 1, 4)):
        assert not {p.id: p for p in people_from_register()}[str(successor.pk)].pinned


def test_the_preview_lists_pinned_successors_and_can_unpin_them(
    client, composed, administrator, settings
):
    settings.GROUPS = {**settings.GROUPS, "TIME_LIMIT_SECONDS": 2}
    day = datetime.date.today()
    successor = successor_of(day)
    daily_round()
    client.force_login(administrator)

    response = client.post(
        reverse("groups:proposal_new"), {"min_size": 10, "max_size": 12, "tolerance_percent": 5}
    )
    proposal = Proposal.objects.get()
    assert successor.pk in proposal.pinned
    page = client.get(response.url)
    assert successor.full_name in page.content.decode()

    again = client.post(
        reverse("groups:proposal_unpin", args=[proposal.pk]), {"unpin": [successor.pk]}
    )

    newer = Proposal.objects.exclude(pk=proposal.pk).get()
    assert again.url == reverse("groups:proposal", args=[newer.pk])
    assert successor.pk not in newer.pinned
    assert newer.unpinned == [successor.pk]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCARDED


def test_a_round_whose_dates_have_passed_cannot_be_published(planned_round):
    first = planned_round.day_dates[0]

    with (
        morning(first + datetime.timedelta(days=1)),
        pytest.raises(ValidationError, match="datoer er passeret"),
    ):
        round_publish(round_=planned_round)

    assert not Message.objects.filter(kind="meeting_invitation").exists()


def test_messages_whose_moment_has_passed_are_not_sent_late(published):
    meeting = first_meeting(published)
    reminder = Message.objects.filter(
        kind="meeting_reminder", about_id=meeting.pk, state=State.PENDING
    ).first()
    # An invitation queued but not sent before the meeting began.
    invitation = Message.objects.filter(kind="meeting_invitation", about_id=meeting.pk).first()
    Message.objects.filter(pk=invitation.pk).update(state=State.PENDING)

    with time_machine.travel(meeting.starts_at + datetime.timedelta(minutes=1), tick=False):
        Message.objects.filter(pk=reminder.pk).update(due_at=meeting.starts_at)
        send_messages([invitation.pk, reminder.pk], claimer="late")

    for message in (invitation, reminder):
        message.refresh_from_db()
        assert message.state == State.CANCELLED


def test_an_evaluation_nudge_is_not_sent_after_the_evaluation_closed(published):
    from meetings.room.services import follow_up_queue

    meeting = first_meeting(published)
    with morning(meeting.day + datetime.timedelta(days=1)):
        follow_up_queue(meeting)
    nudge = Message.objects.filter(kind="evaluation_nudge", about_id=meeting.pk).first()

    with morning(meeting.day + datetime.timedelta(days=15)):
        send_messages([nudge.pk], claimer="late")

    nudge.refresh_from_db()
    assert nudge.state == State.CANCELLED
