"""What the meetings ask of a person: the next meeting, attendance on the day, the round's agenda."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.frontpage import Kind, Task

from .models import AgendaItem, Meeting, Round
from .services import AGENDA_REMINDER_WEEKS

# Attendance is asked for on the day; after the room's follow-up window it is no longer chased.
ATTENDANCE_WINDOW_DAYS = 45


@dataclass(frozen=True)
class NextMeeting:
    meeting: Meeting
    agenda: list[AgendaItem]
    # Who is coming: None for the seminar, where everyone in the Store Ledergruppe is asked.
    coming: list | None
    apologies: int
    has_apologised: bool


def next_meeting(user, today: datetime.date) -> NextMeeting | None:
    meeting = (
        Meeting.objects.for_leader(user)
        .filter(day__gte=today, cancelled_at__isnull=True)
        .select_related("round", "group", "room", "host")
        .order_by("day", "round__starts")
        .first()
    )
    if meeting is None:
        return None
    apologised = set(meeting.apologies.values_list("leader_id", flat=True))
    coming = None
    if meeting.group is not None:
        coming = [person for person in meeting.invited() if person.pk not in apologised]
    return NextMeeting(
        meeting=meeting,
        agenda=list(meeting.round.agenda_items.all()),
        coming=coming,
        apologies=len(apologised),
        has_apologised=user.pk in apologised,
    )


def agenda_deadline(round_: Round) -> datetime.date:
    """The chef group's last reminder to set the agenda: the round is published by then."""
    return round_.week_start - datetime.timedelta(weeks=min(AGENDA_REMINDER_WEEKS))


def tasks(user, today: datetime.date) -> list[Task]:
    found = []
    # The attendance page is the meeting's host's (see get_meeting_for_host).
    unrecorded = Meeting.objects.filter(
        host=user,
        cancelled_at__isnull=True,
        round__published_at__isnull=False,
        day__lte=today,
        day__gt=today - datetime.timedelta(days=ATTENDANCE_WINDOW_DAYS),
        attendance__isnull=True,
    ).select_related("round", "group")
    for meeting in unrecorded:
        if meeting.starts_at > timezone.now():
            continue
        found.append(
            Task(
                kind=Kind.HOST,
                title=_("Record who came to %(meeting)s") % {"meeting": meeting},
                url=reverse("meetings:attendance", args=[meeting.pk]),
                deadline=meeting.day,
            )
        )
    if user.is_chef_group:
        coming = Round.objects.filter(
            published_at__isnull=True, week_start__gt=today - datetime.timedelta(weeks=1)
        ).prefetch_related("agenda_items")
        for round_ in coming:
            if round_.has_begun():
                continue  # too late to publish; the planner says so on the round's page
            if round_.agenda_problems():
                title, url = (
                    _("Set the agenda for %(round)s") % {"round": round_},
                    reverse("meetings:agenda", args=[round_.pk]),
                )
            else:
                title, url = (
                    _("Publish %(round)s: the agenda is set") % {"round": round_},
                    round_.get_absolute_url(),
                )
            found.append(
                Task(kind=Kind.CHEF_GROUP, title=title, url=url, deadline=agenda_deadline(round_))
            )
    return found
