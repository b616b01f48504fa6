"""Appointing hosts and co-hosts with dates: given in the open, kept as history.

Who hosted a group on a meeting's day decides who reads and writes that meeting's records
(Meeting.is_hosted_by), so an appointment never reaches back: it starts today or later, the
group's members are told, and the hosting log keeps who did it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from .models import Group, Hosting, HostingLogEntry, HostRole
from .notifications import HOSTING_CHANGED


def _start(
    *, group: Group, leader: Leader, role: str, starts_on: datetime.date, by: Leader | None
) -> Hosting:
    """End the role's open appointment on `starts_on` and open the new one; no checks of dates."""
    current = Hosting.objects.select_for_update().filter(group=group, role=role, ends_on=None)
    for hosting in current:
        if hosting.leader_id == leader.pk:
            return hosting
        if hosting.starts_on >= starts_on:
            raise ValidationError(
                _("%(name)s is already appointed from %(day)s. End that appointment first.")
                % {"name": hosting.leader.full_name, "day": f"{hosting.starts_on:%d.%m.%Y}"}
            )
        Hosting.objects.filter(pk=hosting.pk).update(
            ends_on=starts_on, ended_by=by, ended_at=timezone.now()
        )
        HostingLogEntry.objects.create(
            by=by, action=HostingLogEntry.Action.ENDED, hosting=hosting, day=starts_on
        )
    hosting = Hosting(group=group, leader=leader, role=role, starts_on=starts_on, appointed_by=by)
    hosting.full_clean()
    hosting.save()
    HostingLogEntry.objects.create(
        by=by, action=HostingLogEntry.Action.APPOINTED, hosting=hosting, day=starts_on
    )
    if role == HostRole.HOST:
        # The meetings still to come are led by the new host (invitations, reminders), except
        # one a host handed to the co-host: that was decided for that meeting.
        group.meetings.filter(
            day__gte=starts_on, cancelled_at__isnull=True, handed_over_at__isnull=True
        ).update(host=leader)
    group_hosts_sync(group=group, today=timezone.localdate())
    return hosting


@transaction.atomic
def group_create(
    *, number: int, host: Leader, starts_on: datetime.date, by: Leader | None = None
) -> Group:
    """A new group with its first host (the composer's groups, the demo, the tests)."""
    group = Group.objects.create(number=number, host=host)
    _start(group=group, leader=host, role=HostRole.HOST, starts_on=starts_on, by=by)
    return group


def host_replace(
    *, group: Group, host: Leader, starts_on: datetime.date, by: Leader | None = None
) -> Hosting:
    """The composer's change of host, from the day the composition applies."""
    return _start(group=group, leader=host, role=HostRole.HOST, starts_on=starts_on, by=by)


def _check(*, group: Group, leader: Leader, role: str, day: datetime.date) -> None:
    if day < timezone.localdate():
        raise ValidationError(_("An appointment starts today or later; it cannot reach back."))
    if not (leader.is_chef_group and leader.is_active):
        raise ValidationError(_("Hosts and co-hosts are chefs or directors."))
    other = HostRole.CO_HOST if role == HostRole.HOST else HostRole.HOST
    if Hosting.objects.filter(group=group, role=other, leader=leader, ends_on=None).exists():
        raise ValidationError(_("The host and the co-host are two different people."))
    if group.memberships.current().filter(leader=leader).exists():
        raise ValidationError(_("A member of the group cannot host it."))


def _tell_the_group(*, hosting: Hosting, day: datetime.date, ended: bool) -> None:
    group = hosting.group
    people = {m.pk: m for m in group.current_members()}
    for hosting_now in group.hostings.filter(ends_on=None).select_related("leader"):
        people[hosting_now.leader_id] = hosting_now.leader
    people[hosting.leader_id] = hosting.leader
    log_entries = hosting.log.count()
    with sending_together():
        for person in people.values():
            queue_message(
                recipient=person,
                kind=HOSTING_CHANGED.key,
                about=hosting,
                version=log_entries,
                context={
                    "group": group,
                    "leader": hosting.leader,
                    "role": HostRole(hosting.role).label,
                    "day": day,
                    "ended": ended,
                },
                url=group.get_absolute_url(),
            )


@transaction.atomic
def hosting_appoint(
    *, group: Group, leader: Leader, role: str, starts_on: datetime.date, by: Leader
) -> Hosting:
    """An administrator appoints a host or co-host from a day; the one before ends that day."""
    _check(group=group, leader=leader, role=role, day=starts_on)
    if group.hostings.filter(role=role, leader=leader, ends_on=None).exists():
        raise ValidationError(
            _("%(name)s already has this appointment.") % {"name": leader.full_name}
        )
    hosting = _start(group=group, leader=leader, role=role, starts_on=starts_on, by=by)
    _tell_the_group(hosting=hosting, day=starts_on, ended=False)
    return hosting


@transaction.atomic
def hosting_end(*, hosting: Hosting, ends_on: datetime.date, by: Leader) -> Hosting:
    """End a co-host's appointment on a day. A host is ended by appointing the next host."""
    hosting = Hosting.objects.select_for_update().get(pk=hosting.pk)
    if hosting.ends_on is not None:
        raise ValidationError(_("The appointment has already ended."))
    if hosting.role == HostRole.HOST:
        raise ValidationError(_("A group always has a host: appoint the new host instead."))
    if ends_on < max(timezone.localdate(), hosting.starts_on):
        raise ValidationError(_("An appointment ends today or later; it cannot reach back."))
    Hosting.objects.filter(pk=hosting.pk).update(
        ends_on=ends_on, ended_by=by, ended_at=timezone.now()
    )
    HostingLogEntry.objects.create(
        by=by, action=HostingLogEntry.Action.ENDED, hosting=hosting, day=ends_on
    )
    hosting.refresh_from_db()
    group_hosts_sync(group=hosting.group, today=timezone.localdate())
    _tell_the_group(hosting=hosting, day=ends_on, ended=True)
    return hosting


def group_hosts_sync(*, group: Group, today: datetime.date) -> bool:
    """Write today's host and co-host into the group's kept fields; True if they changed."""
    on = {h.role: h.leader_id for h in group.hostings.on(today)}
    host_id = on.get(HostRole.HOST, group.host_id)
    co_host_id = on.get(HostRole.CO_HOST)
    if (host_id, co_host_id) == (group.host_id, group.co_host_id):
        return False
    Group.objects.filter(pk=group.pk).update(host_id=host_id, co_host_id=co_host_id)
    group.host_id, group.co_host_id = host_id, co_host_id
    return True


def hosting_daily(*, today: datetime.date) -> dict[str, int]:
    """Appointments that start or end today reach the kept fields. Safe to run twice."""
    changed = sum(group_hosts_sync(group=g, today=today) for g in Group.objects.all())
    return {"groups_changed": changed}
