"""After-meeting pages open when the meeting begins; before, the meeting page says when. A host
who cannot come hands the meeting on; a meeting that has begun is neither moved nor cancelled."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from groups.models import Reason
from meetings.models import Meeting
from meetings.notifications import HANDED_OVER, INVITATION, REMINDER, STAND_IN_REQUEST, UNINVITED
from meetings.room.models import Summary
from meetings.services import _invite
from nyborg_ledelse.notifications.models import Message, State
from tests.factories import (
    AttendanceFactory,
    ChefFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    RoomFactory,
    RoundFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db


def _monday_in(weeks: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks)


def _meeting(group, *, weeks: int, title: str) -> Meeting:
    week = _monday_in(weeks)
    round_ = RoundFactory(
        title=title,
        week_start=week,
        days=[week.isoformat()],
        starts=datetime.time(12, 30),
        ends=datetime.time(15, 30),
        published_at=timezone.now() - datetime.timedelta(days=60),
    )
    room = RoomFactory(name=f"Lokale {title}", building="Rådhuset", seats=14)
    return MeetingFactory(round=round_, group=group, host=group.host, day=week, room=room)


@pytest.fixture
def co_host(db):
    return ChefFactory(first_name="Vibeke", last_name="Vice")


@pytest.fixture
def group(director, co_host, leader):
    group = GroupFactory(number=1, host=director, co_host=co_host)
    MembershipFactory(
        group=group,
        leader=leader,
        joined_on=timezone.localdate() - datetime.timedelta(weeks=20),
        joined_reason=Reason.COMPOSED,
    )
    return group


@pytest.fixture
def coming(group):
    """A meeting in January, as in the report: weeks away."""
    return _meeting(group, weeks=5, title="Vinter 2027")


@pytest.fixture
def held(group):
    return _meeting(group, weeks=-2, title="Efterår 2026")


ROOM_PAGES = ["room:summary", "room:feedback"]


@pytest.mark.parametrize("name", ROOM_PAGES)
def test_a_member_reaches_the_meetings_records_only_once_it_has_begun(
    client, leader, director, coming, name
):
    SummaryFactory(meeting=coming, status=Summary.Status.PUBLISHED, updated_by=director)
    client.force_login(leader)

    before = client.get(reverse(name, args=[coming.pk]))
    with time_machine.travel(coming.starts_at):
        client.force_login(leader)  # a session weeks old has expired
        after = client.get(reverse(name, args=[coming.pk]))

    assert before.status_code == 403
    assert "Åbner, når mødet begynder" in before.content.decode()
    assert after.status_code == 200


@pytest.mark.parametrize(
    "name", ["room:summary_edit", "room:feedback_edit", "room:evaluations", "meetings:attendance"]
)
def test_the_host_writes_the_records_only_once_the_meeting_has_begun(
    client, director, coming, name
):
    client.force_login(director)

    assert client.get(reverse(name, args=[coming.pk])).status_code == 403
    with time_machine.travel(coming.starts_at):
        client.force_login(director)
        assert client.get(reverse(name, args=[coming.pk])).status_code == 200


def test_the_member_evaluates_only_once_the_meeting_has_begun(client, leader, coming):
    client.force_login(leader)

    assert client.get(reverse("room:evaluate", args=[coming.pk])).status_code == 403
    with time_machine.travel(coming.starts_at):
        client.force_login(leader)
        assert client.get(reverse("room:evaluate", args=[coming.pk])).status_code == 200


def test_before_the_meeting_its_page_says_when_the_records_open_and_links_to_none(
    client, leader, director, coming
):
    client.force_login(leader)
    member_page = client.get(coming.get_absolute_url()).content.decode()
    client.force_login(director)
    host_page = client.get(coming.get_absolute_url()).content.decode()

    assert "Åbner, når mødet begynder" in member_page
    for page in (member_page, host_page):
        for name in ["room:summary", "room:feedback", "room:evaluate", "room:evaluations"]:
            assert reverse(name, args=[coming.pk]) not in page
        assert reverse("meetings:attendance", args=[coming.pk]) not in page
    assert reverse("room:exercises", args=[coming.pk]) in host_page


def test_once_the_meeting_has_begun_its_page_links_to_the_records(
    client, leader, director, co_host, coming
):
    with time_machine.travel(coming.starts_at):
        client.force_login(leader)
        member_page = client.get(coming.get_absolute_url()).content.decode()
        client.force_login(co_host)
        co_host_page = client.get(coming.get_absolute_url()).content.decode()
        # Every link the co-host is shown leads somewhere.
        attendance = client.get(reverse("meetings:attendance", args=[coming.pk]))

    assert reverse("room:feedback", args=[coming.pk]) in member_page
    assert reverse("room:evaluate", args=[coming.pk]) in member_page
    assert reverse("room:summary", args=[coming.pk]) in co_host_page
    assert reverse("meetings:attendance", args=[coming.pk]) in co_host_page
    assert attendance.status_code == 200


def test_the_host_is_offered_a_hand_over_not_apologies(client, director, co_host, coming):
    client.force_login(director)

    page = client.get(coming.get_absolute_url()).content.decode()

    assert reverse("meetings:apology", args=[coming.pk]) not in page
    assert "Meld afbud" not in page
    assert f"Overdrag mødet til medværten, {co_host.full_name}" in page
    assert reverse("meetings:stand_in", args=[coming.pk]) in page


def test_the_host_hands_the_meeting_to_the_co_host_who_then_hosts_it(
    client, director, co_host, coming
):
    client.force_login(director)

    client.post(reverse("meetings:hand_over", args=[coming.pk]))

    coming.refresh_from_db()
    assert coming.host == co_host
    assert coming.handed_over_by == director and coming.handed_over_at is not None
    assert co_host in coming.invited() and director not in coming.invited()
    assert Message.objects.filter(kind=INVITATION.key, recipient=co_host).exists()
    client.force_login(co_host)
    page = client.get(coming.get_absolute_url()).content.decode()
    assert "Overdrag mødet til medværten" not in page  # the group has no other co-host


def test_the_host_who_hands_over_is_told_so_and_the_meeting_leaves_their_calendar(
    client, director, co_host, coming
):
    _invite(coming)
    Message.objects.filter(kind=INVITATION.key).update(state=State.SENT)
    client.force_login(director)

    client.post(reverse("meetings:hand_over", args=[coming.pk]))

    told = Message.objects.get(recipient=director, kind=HANDED_OVER.key, about_id=coming.pk)
    assert not Message.objects.filter(recipient=director, kind=UNINVITED.key).exists()
    assert told.subject.startswith("Givet videre: Vinter 2027 · gruppe 1")
    assert f"Du har givet mødet videre til {co_host.full_name}" in told.body_text
    assert 'som nu er vært for mødet "Vinter 2027" i gruppe 1' in told.body_text
    assert "ikke længere i gruppe" not in told.body_text
    (attachment,) = told.attachments
    assert "METHOD:CANCEL" in attachment["content"]
    assert not Message.objects.filter(
        recipient=director, kind=REMINDER.key, state=State.PENDING
    ).exists()
    invitation = Message.objects.get(recipient=co_host, kind=INVITATION.key)
    assert "METHOD:REQUEST" in invitation.attachments[0]["content"]


def test_a_co_host_who_hosts_another_group_that_day_cannot_take_the_meeting(
    client, director, co_host, coming
):
    other = GroupFactory(number=2, host=co_host)
    MeetingFactory(round=coming.round, group=other, host=co_host, day=coming.day)
    client.force_login(director)

    page = client.post(reverse("meetings:hand_over", args=[coming.pk]), follow=True)

    coming.refresh_from_db()
    assert coming.host == director
    assert f"{co_host.full_name} er vært for en anden gruppe den dag." in page.content.decode()


def test_a_host_without_a_co_host_asks_the_administrators_for_a_stand_in(
    client, director, administrator, coming
):
    client.force_login(director)

    client.post(reverse("meetings:stand_in", args=[coming.pk]), {"reason": "Kursus i Aarhus"})

    message = Message.objects.get(kind=STAND_IN_REQUEST.key)
    assert message.recipient == administrator
    assert "Kursus i Aarhus" in message.body_text and director.full_name in message.body_text


def test_a_meeting_that_has_begun_is_not_handed_over(client, director, held):
    client.force_login(director)

    client.post(reverse("meetings:hand_over", args=[held.pk]))

    held.refresh_from_db()
    assert held.host == director


def test_a_held_meeting_is_not_offered_for_moving_or_cancelling(client, chef, held, coming):
    client.force_login(chef)

    held_round = client.get(held.round.get_absolute_url()).content.decode()
    coming_round = client.get(coming.round.get_absolute_url()).content.decode()
    client.post(reverse("meetings:cancel", args=[held.pk]))
    client.post(reverse("meetings:move", args=[held.pk]), {"day": held.day.isoformat(), "room": ""})

    assert reverse("meetings:move", args=[held.pk]) not in held_round
    assert reverse("meetings:cancel", args=[held.pk]) not in held_round
    assert reverse("meetings:cancel", args=[coming.pk]) in coming_round
    held.refresh_from_db()
    assert held.cancelled_at is None and held.sequence == 0


def test_cancelling_asks_for_confirmation_first(client, chef, coming):
    client.force_login(chef)

    confirm = client.get(reverse("meetings:cancel", args=[coming.pk]))
    coming.refresh_from_db()
    assert coming.cancelled_at is None
    assert "Ja, aflys mødet" in confirm.content.decode()

    client.post(reverse("meetings:cancel", args=[coming.pk]))
    coming.refresh_from_db()
    assert coming.cancelled_at is not None


def test_a_held_meeting_says_who_came_not_who_is_coming(client, leader, director, held):
    AttendanceFactory(meeting=held, leader=leader, present=True, recorded_by=director)
    client.force_login(leader)

    page = client.get(held.get_absolute_url()).content.decode()

    assert "kommer" not in page
    assert "1 deltog" in page


def test_a_held_meeting_without_attendance_says_it_was_not_recorded(client, leader, held):
    client.force_login(leader)

    page = client.get(held.get_absolute_url()).content.decode()

    assert "kommer" not in page
    assert "Fremmødet er ikke registreret." in page


def test_a_member_is_not_linked_to_a_summary_that_is_not_shared_yet(client, leader, held):
    client.force_login(leader)

    page = client.get(held.get_absolute_url()).content.decode()

    assert reverse("room:summary", args=[held.pk]) not in page
    assert reverse("room:feedback", args=[held.pk]) in page


def test_a_meeting_held_earlier_today_is_no_longer_coming_up(client, leader, held):
    with time_machine.travel(held.ends_at + datetime.timedelta(hours=1)):
        client.force_login(leader)
        mine = client.get(reverse("meetings:mine")).content.decode()
        group_page = client.get(held.group.get_absolute_url()).content.decode()

    coming_up = mine.split('id="upcoming-heading"')[1].split("</section>")[0]
    assert held.get_absolute_url() not in coming_up
    assert "kommer" not in group_page


def test_a_new_host_from_before_the_meeting_does_not_take_back_a_handed_over_meeting(
    client, director, co_host, administrator, coming
):
    from groups.hosting import host_replace

    client.force_login(director)
    client.post(reverse("meetings:hand_over", args=[coming.pk]))

    host_replace(group=coming.group, host=ChefFactory(), starts_on=timezone.localdate())

    coming.refresh_from_db()
    assert coming.host == co_host


def test_a_held_meeting_where_nobody_came_says_so(client, leader, director, held):
    AttendanceFactory(meeting=held, leader=leader, present=False, recorded_by=director)
    client.force_login(leader)

    page = client.get(held.get_absolute_url()).content.decode()

    assert "0 deltog" in page
