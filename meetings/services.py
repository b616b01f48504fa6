"""Writes to the meetings: rounds and their agenda, the plan, publishing, moves and attendance."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Group, Hosting, HostRole
from nyborg_ledelse.isolation import SolverStopped, run_isolated
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.notifications.models import State as MessageState
from nyborg_ledelse.notifications.services import (
    cancel_messages,
    queue_message,
    recipient_language,
    sending_together,
)
from nyborg_ledelse.organisation.models import Leader
from topicbank.models import State as TopicState
from topicbank.services import topic_move

from . import calendar
from .models import (
    TOPIC_ITEMS,
    AgendaItem,
    AgendaTemplateItem,
    Apology,
    Attendance,
    CalendarFeed,
    Meeting,
    Room,
    Round,
    SeminarSession,
)
from .notifications import (
    AGENDA_DUE,
    CANCELLATION,
    HANDED_OVER,
    INVITATION,
    REMINDER,
    STAND_IN_REQUEST,
    UNINVITED,
)
from .planner import Plan, PlanGroup, PlanRoom, plan_round

AGENDA_REMINDER_WEEKS = (4, 3, 2, 1)
MEETING_REMINDER_DAYS = (7, 1)


@transaction.atomic
def agenda_template_save(*, items: list[AgendaTemplateItem]) -> None:
    for item in items:
        item.full_clean()
        item.save()


@transaction.atomic
def round_create(*, round_: Round) -> Round:
    """A new round with the template's agenda; the chef group is reminded until it is published."""
    round_.full_clean()
    round_.save()
    if not round_.is_seminar:
        AgendaItem.objects.bulk_create(
            AgendaItem(round=round_, number=item.number, title=item.title, text=item.text)
            for item in AgendaTemplateItem.objects.template()
        )
    zone = timezone.get_current_timezone()
    for weeks in AGENDA_REMINDER_WEEKS:
        due = datetime.datetime.combine(
            round_.week_start - datetime.timedelta(weeks=weeks), datetime.time(8), tzinfo=zone
        )
        if due < timezone.now():
            continue
        with sending_together():
            for chef in Leader.objects.active().chef_group():
                queue_message(
                    recipient=chef,
                    kind=AGENDA_DUE.key,
                    about=round_,
                    version=f"{weeks}w",
                    due_at=due,
                    context={"round": round_, "weeks": weeks},
                    url=round_.get_absolute_url(),
                )
    if round_.is_seminar:
        Meeting.objects.create(round=round_, day=round_.day_dates[0])
    return round_


@transaction.atomic
def agenda_save(*, round_: Round, items: dict[int, dict], by: Leader) -> None:
    """Titles, texts and the topics of items 3 and 5; a chosen topic is planned in the bank."""
    if round_.is_published:
        raise ValidationError(_("The round is published; its agenda can no longer change."))
    for item in round_.agenda_items.select_for_update(of=("self",)).select_related("topic"):
        data = items.get(item.number)
        if data is None:
            continue
        new_topic = data.get("topic") if item.number in TOPIC_ITEMS else None
        if item.topic_id != (new_topic.pk if new_topic else None):
            if item.topic and item.topic.state == TopicState.PLANNED:
                topic_move(topic=item.topic, by=by, to_state=TopicState.SHORTLISTED)
            if new_topic and new_topic.state != TopicState.PLANNED:
                if new_topic.state == TopicState.PROPOSED:
                    topic_move(topic=new_topic, by=by, to_state=TopicState.SHORTLISTED)
                topic_move(topic=new_topic, by=by, to_state=TopicState.PLANNED, round_=round_)
        item.title = data["title"]
        item.text = data["text"]
        item.topic = new_topic
        item.save()


@transaction.atomic
def seminar_programme_save(
    *, round_: Round, sessions: list[SeminarSession], removed: list[SeminarSession]
) -> None:
    """The seminar's programme as the chef group or an administrator keeps it."""
    if not round_.is_seminar:
        raise ValidationError(_("Only the seminar has a programme."))
    for session in removed:
        if session.round_id == round_.pk:
            session.delete()
    for session in sessions:
        session.round = round_
        session.full_clean()
        session.save()


def plan_input(round_: Round) -> tuple[list[PlanGroup], list[PlanRoom]]:
    meetings = {m.group_id: m for m in round_.meetings.filter(pinned=True)}
    seats = Group.objects.seats_needed()
    groups = []
    for group in Group.objects.select_related("host", "co_host"):
        pin = meetings.get(group.pk)
        groups.append(
            PlanGroup(
                id=group.pk,
                label=str(group),
                host_id=group.host_id,
                host_name=group.host.full_name,
                co_host_id=group.co_host_id,
                co_host_name=group.co_host.full_name if group.co_host else "",
                seats_needed=seats[group.pk],
                pinned_day=pin.day if pin else None,
                pinned_room=pin.room_id if pin else None,
            )
        )
    rooms = [
        PlanRoom(id=r.pk, label=str(r), seats=r.seats) for r in Room.objects.filter(active=True)
    ]
    return groups, rooms


def round_plan(round_: Round) -> Plan:
    """The planner runs beside the web process, like the composer (nyborg_ledelse/isolation.py)."""
    groups, rooms = plan_input(round_)
    try:
        return run_isolated(
            plan_round,
            groups,
            round_.day_dates,
            rooms,
            common_input_room=round_.input_room_id if round_.input_title else None,
        )
    except SolverStopped:
        raise ValidationError(
            _("The planner stopped unexpectedly. Try again, or contact IT.")
        ) from None


@transaction.atomic
def round_plan_save(*, round_: Round, plan: Plan) -> None:
    """Keep the proposed plan as the round's meetings (before publishing: nobody is told)."""
    if round_.is_published:
        raise ValidationError(_("The round is published; move single meetings instead."))
    groups = Group.objects.in_bulk(list(plan.placements))
    for group_id, (day, room_id) in plan.placements.items():
        Meeting.objects.update_or_create(
            round=round_,
            group_id=group_id,
            defaults={"day": day, "room_id": room_id, "host": groups[group_id].host},
        )


@transaction.atomic
def meeting_pin(*, meeting: Meeting, day: datetime.date, room: Room | None) -> Meeting:
    """The chef group fixes a group to a day and room before planning again."""
    if day not in meeting.round.day_dates:
        raise ValidationError(_("Choose one of the round's days."))
    if room is not None and meeting.group is not None and room.seats < meeting.seats_needed():
        raise ValidationError(
            _("%(room)s seats %(seats)d; the group needs %(needed)d.")
            % {"room": room, "seats": room.seats, "needed": meeting.seats_needed()}
        )
    if room is not None and meeting.group is not None and room == _common_input_room(meeting.round):
        raise ValidationError(
            _("%(room)s is used by the common input; choose another room.") % {"room": room}
        )
    if meeting.group is not None:
        clash = _chef_clash(meeting, day)
        if clash:
            raise ValidationError(clash)
    meeting.day, meeting.room, meeting.pinned = day, room, True
    meeting.save()
    return meeting


def _common_input_room(round_: Round) -> Room | None:
    return round_.input_room if round_.input_title else None


def _chefs_on(meetings: list[Meeting], day: datetime.date) -> dict[int, set[int]]:
    """Meeting id → the meeting's host and its group's co-host on the day (a chef is one person,
    whichever role they have in each group)."""
    co_hosts: dict[int, set[int]] = {}
    for hosting in Hosting.objects.on(day).filter(
        group__in=[m.group_id for m in meetings], role=HostRole.CO_HOST
    ):
        co_hosts.setdefault(hosting.group_id, set()).add(hosting.leader_id)
    return {
        m.pk: ({m.host_id} if m.host_id else set()) | co_hosts.get(m.group_id, set())
        for m in meetings
    }


def _chef_clash(meeting: Meeting, day: datetime.date) -> str:
    """Why the meeting cannot be on that day: a host or co-host already has a group there."""
    others = list(
        Meeting.objects.filter(
            round=meeting.round, day=day, cancelled_at__isnull=True, group__isnull=False
        )
        .exclude(pk=meeting.pk)
        .select_related("group")
    )
    if not meeting.round.is_published:
        # Before publishing the planner places the others again; only pins hold.
        others = [other for other in others if other.pinned]
    chefs = _chefs_on([meeting, *others], day)
    for other in others:
        shared = chefs[meeting.pk] & chefs[other.pk]
        if shared:
            name = Leader.objects.get(pk=min(shared)).full_name
            return _(
                "%(name)s already hosts or co-hosts %(group)s on %(day)s; a chef can have only "
                "one group a day."
            ) % {"name": name, "group": other.group, "day": f"{day:%d.%m.%Y}"}
    return ""


def plan_problems(round_: Round) -> list[str]:
    """What stops the saved plan from being published, in Danish."""
    problems = []
    meetings = list(round_.meetings.select_related("group", "host", "room"))
    if round_.is_seminar:
        return problems
    planned = {m.group_id for m in meetings}
    seats = Group.objects.seats_needed()
    missing = [str(g) for g in Group.objects.exclude(pk__in=planned)]
    if missing:
        problems.append(_("No meeting planned for: %(groups)s.") % {"groups": ", ".join(missing)})
    seen = {}
    input_room = _common_input_room(round_)
    for day in {m.day for m in meetings}:
        on_day = [m for m in meetings if m.day == day and m.cancelled_at is None]
        for meeting_id, chefs in _chefs_on(on_day, day).items():
            for chef in chefs:
                seen.setdefault((chef, day), []).append(meeting_id)
    by_id = {m.pk: m for m in meetings}
    names = Leader.objects.in_bulk([chef for chef, _day in seen])
    for (chef, day), meeting_ids in sorted(seen.items(), key=lambda item: (item[0][1], item[0][0])):
        if len(meeting_ids) > 1:
            first, second = (by_id[pk] for pk in sorted(meeting_ids)[:2])
            problems.append(
                _("%(host)s hosts both %(first)s and %(second)s on %(day)s.")
                % {
                    "host": names[chef].full_name,
                    "first": first.group,
                    "second": second.group,
                    "day": f"{day:%d.%m.%Y}",
                }
            )
    for meeting in meetings:
        if input_room is not None and meeting.room_id == input_room.pk:
            problems.append(
                _("%(group)s is placed in %(room)s, which the common input uses.")
                % {"group": meeting.group, "room": input_room}
            )
        if meeting.room is None:
            problems.append(_("%(group)s has no room.") % {"group": meeting.group})
        elif meeting.room.seats < seats[meeting.group_id]:
            problems.append(
                _("%(room)s is too small for %(group)s.")
                % {"room": meeting.room, "group": meeting.group}
            )
    rooms = [(m.day, m.room_id) for m in meetings if m.room_id]
    if len(rooms) != len(set(rooms)):
        problems.append(_("Two groups are planned in the same room on the same day."))
    return problems


@transaction.atomic
def round_publish(*, round_: Round) -> int:
    """Publish the agenda and the plan: every member and host gets the invitation."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.is_published:
        raise ValidationError(_("The round is already published."))
    if round_.has_begun():
        # Publishing now would send every invitation and reminder of past days at once.
        raise ValidationError(
            _(
                "The round's dates have passed, so it cannot be published. Create a new round "
                "with coming dates."
            )
        )
    problems = round_.agenda_problems() + plan_problems(round_)
    if problems:
        raise ValidationError(problems)
    round_.published_at = timezone.now()
    round_.agenda_ready = True
    round_.save(update_fields=["published_at", "agenda_ready"])
    cancel_messages(kind=AGENDA_DUE.key, about=round_, reason="published")
    sent = 0
    with sending_together():
        for meeting in round_.meetings.select_related("group", "room", "host"):
            sent += _invite(meeting)
    return sent


def _invite(meeting: Meeting) -> int:
    invited = meeting.invited()
    ics = calendar.attachments(meeting)
    for person in invited:
        _invite_person(meeting, person, ics(recipient_language(person)))
    return len(invited)


def _invite_person(meeting: Meeting, person: Leader, ics: dict) -> None:
    """The invitation and its reminders; queueing is idempotent per person and SEQUENCE."""
    queue_message(
        recipient=person,
        kind=INVITATION.key,
        about=meeting,
        version=meeting.sequence,
        context={"meeting": meeting, "changed": meeting.sequence > 0},
        url=meeting.get_absolute_url(),
        attachments=[ics],
    )
    for days in MEETING_REMINDER_DAYS:
        due = meeting.starts_at - datetime.timedelta(days=days)
        if due > timezone.now():
            queue_message(
                recipient=person,
                kind=REMINDER.key,
                about=meeting,
                version=f"{meeting.sequence}-{days}d",
                due_at=due,
                context={"meeting": meeting, "days": days},
                url=meeting.get_absolute_url(),
            )


def coming_meetings(group, *, since: datetime.date):
    """The group's published meetings from that day on that have not begun."""
    meetings = Meeting.objects.filter(
        group=group,
        day__gte=max(since, timezone.localdate()),
        cancelled_at__isnull=True,
        round__published_at__isnull=False,
    ).select_related("group", "room", "host", "round")
    return [meeting for meeting in meetings if meeting.starts_at > timezone.now()]


def seat_change_messages(*, leader: Leader, old_group, new_group, day: datetime.date) -> dict:
    """One leader changed group: only they hear of it, for the meetings it changes.

    The old group's coming meetings are taken out of their calendar with a personal
    METHOD:CANCEL (only where an invitation went out; one still waiting is simply cancelled),
    their reminders for those meetings are cancelled, and the new group's coming meetings are
    sent with reminders. Idempotent: a second call queues nothing new.
    """
    counts = {"cancellations": 0, "invitations": 0}
    with sending_together():
        if old_group is not None:
            for meeting in coming_meetings(old_group, since=day):
                counts["cancellations"] += _uninvite(meeting, leader)
        if new_group is not None:
            for meeting in coming_meetings(new_group, since=day):
                ics = calendar.attachment(meeting, language=recipient_language(leader))
                _invite_person(meeting, leader, ics)
                counts["invitations"] += 1
    return counts


def _uninvite(
    meeting: Meeting, leader: Leader, *, kind=UNINVITED, reason: str = "no longer in the group"
) -> int:
    """A personal METHOD:CANCEL, only where an invitation went out; one still waiting, and the
    reminders, are simply cancelled."""
    about = Message.objects.filter(
        recipient=leader,
        about_type=ContentType.objects.get_for_model(Meeting),
        about_id=meeting.pk,
    )
    about.filter(kind__in=[INVITATION.key, REMINDER.key], state=MessageState.PENDING).update(
        state=MessageState.CANCELLED, last_error=reason
    )
    was_invited = (
        about.filter(kind=INVITATION.key)
        .exclude(state__in=[MessageState.PENDING, MessageState.CANCELLED])
        .exists()
    )
    if not was_invited:
        return 0
    queue_message(
        recipient=leader,
        kind=kind.key,
        about=meeting,
        version=f"{meeting.sequence}-removed",
        context={"meeting": meeting},
        url=meeting.get_absolute_url(),
        attachments=[
            calendar.attachment(
                meeting, language=recipient_language(leader), cancel=True, attendees=[leader]
            )
        ],
    )
    return 1


@transaction.atomic
def meeting_move(*, meeting: Meeting, day: datetime.date, room: Room | None) -> Meeting:
    """Move one published meeting: SEQUENCE rises and everyone gets the changed invitation."""
    meeting = Meeting.objects.select_for_update().select_related("round").get(pk=meeting.pk)
    if meeting.has_begun():
        raise ValidationError(_("The meeting has begun; it can no longer be moved."))
    meeting_pin(meeting=meeting, day=day, room=room)
    if meeting.has_begun():
        raise ValidationError(_("Choose a day that has not passed."))
    if (
        room
        and Meeting.objects.filter(round=meeting.round, day=day, room=room)
        .exclude(pk=meeting.pk)
        .exists()
    ):
        raise ValidationError(_("The room is taken that day."))
    meeting.sequence += 1
    meeting.save(update_fields=["sequence"])
    if meeting.round.is_published:
        cancel_messages(kind=REMINDER.key, about=meeting, reason="moved")
        _cancel_older_versions(meeting, reason="moved")
        with sending_together():
            _invite(meeting)
    return meeting


def _cancel_older_versions(meeting: Meeting, *, reason: str) -> None:
    """Every invitation or cancellation queued so far is older than the new SEQUENCE: what still
    waits, or failed and might be retried, is cancelled (the sender checks again when sending)."""
    for kind in (INVITATION, CANCELLATION):
        cancel_messages(kind=kind.key, about=meeting, reason=reason, also_failed=True)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> None:
    meeting = Meeting.objects.select_for_update().select_related("round").get(pk=meeting.pk)
    if meeting.cancelled_at:
        return
    if meeting.has_begun():
        raise ValidationError(_("The meeting has begun; it can no longer be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence"])
    cancel_messages(kind=REMINDER.key, about=meeting, reason="cancelled")
    _cancel_older_versions(meeting, reason="cancelled")
    ics = calendar.attachments(meeting, cancel=True)
    with sending_together():
        for person in meeting.invited():
            queue_message(
                recipient=person,
                kind=CANCELLATION.key,
                about=meeting,
                version=meeting.sequence,
                context={"meeting": meeting},
                url=meeting.get_absolute_url(),
                attachments=[ics(recipient_language(person))],
            )


def apology_send(*, meeting: Meeting, leader: Leader, reason: str) -> Apology:
    if leader.pk == meeting.host_id and meeting.group is not None:
        raise ValidationError(
            _(
                "You host this meeting: hand it to the co-host or ask an administrator for a "
                "stand-in."
            )
        )
    if not reason.strip():
        raise ValidationError(_("Give a reason for your apologies."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Apologies are sent before the meeting starts."))
    if leader not in meeting.invited():
        raise ValidationError(_("You are not invited to this meeting."))
    apology, _created = Apology.objects.update_or_create(
        meeting=meeting, leader=leader, defaults={"reason": reason.strip()}
    )
    return apology


@transaction.atomic
def attendance_record(*, meeting: Meeting, present: set[int], by: Leader) -> None:
    """The host records on the day who came; everyone invited gets a row, so misses count."""
    if not meeting.has_begun():
        raise ValidationError(_("Attendance is recorded once the meeting has begun."))
    for person in meeting.invited():
        if person.pk == meeting.host_id:
            continue
        Attendance.objects.update_or_create(
            meeting=meeting,
            leader=person,
            defaults={
                "present": person.pk in present,
                "recorded_by": by,
                "recorded_at": timezone.now(),
            },
        )


def missed_meetings(leader: Leader, year: int) -> int:
    return Attendance.objects.filter(leader=leader, present=False, meeting__day__year=year).count()


def feed_meetings(leader: Leader) -> list[Meeting]:
    since = timezone.localdate() - datetime.timedelta(days=settings.CALENDAR_FEED_DAYS_BACK)
    return list(
        Meeting.objects.for_leader(leader)
        .filter(day__gte=since)
        .select_related("round", "group", "room")
    )


@transaction.atomic
def calendar_feed_renew(*, leader: Leader) -> CalendarFeed:
    """A new secret address for the leader's calendar; the old one stops working."""
    CalendarFeed.objects.filter(leader=leader).delete()
    return CalendarFeed.objects.create(leader=leader)


def _check_host_may_step_down(meeting: Meeting, by: Leader) -> None:
    if meeting.group is None or by.pk != meeting.host_id:
        raise ValidationError(_("Only the meeting's host can do this."))
    if meeting.cancelled_at or meeting.has_begun():
        raise ValidationError(_("This is done before the meeting begins."))


@transaction.atomic
def meeting_hand_over(*, meeting: Meeting, by: Leader) -> Meeting:
    """The host cannot come: the group's co-host on the day hosts this one meeting.

    Kept on the meeting, not as an appointment: the group's hosting is unchanged, and the
    meeting's host decides who is invited and reminded, and who gets the follow-ups.
    """
    meeting = (
        # Only the meeting's row: PostgreSQL locks no row on the nullable side of the join.
        Meeting.objects.select_for_update(of=("self",))
        .select_related("round", "group")
        .get(pk=meeting.pk)
    )
    _check_host_may_step_down(meeting, by)
    co_host = meeting.co_host_on_the_day()
    if co_host is None:
        raise ValidationError(_("The group has no co-host on the meeting's day."))
    busy = (
        Meeting.objects.filter(round=meeting.round, day=meeting.day, cancelled_at__isnull=True)
        .exclude(pk=meeting.pk)
        .filter(host=co_host)
    )
    if busy.exists():
        raise ValidationError(
            _("%(name)s hosts another group that day.") % {"name": co_host.full_name}
        )
    meeting.host = co_host
    meeting.handed_over_by = by
    meeting.handed_over_at = timezone.now()
    meeting.save(update_fields=["host", "handed_over_by", "handed_over_at"])
    if meeting.round.is_published:
        ics = calendar.attachment(meeting, language=recipient_language(co_host))
        with sending_together():
            _invite_person(meeting, co_host, ics)
            if by not in meeting.invited():
                _uninvite(meeting, by, kind=HANDED_OVER, reason="handed over")
    return meeting


def meeting_stand_in_request(*, meeting: Meeting, by: Leader, reason: str) -> int:
    """The host cannot come and has no co-host to take over: the administrators are asked to
    find a stand-in. Returns how many administrators were told."""
    _check_host_may_step_down(meeting, by)
    if not reason.strip():
        raise ValidationError(_("Say why you cannot come."))
    administrators = list(Leader.objects.administrators())
    with sending_together():
        for administrator in administrators:
            queue_message(
                recipient=administrator,
                kind=STAND_IN_REQUEST.key,
                about=meeting,
                version=f"{meeting.sequence}-{by.pk}",
                context={"meeting": meeting, "host": by, "reason": reason.strip()},
                url=reverse("groups:hosting", args=[meeting.group_id]),
            )
    return len(administrators)
