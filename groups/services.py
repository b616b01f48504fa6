"""Writes to the groups: applying a composition with its history."""

import datetime
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.organisation.models import Leader

from .composer import HOST, MEMBER, Person
from .models import Group, Membership, Reason


def people_from_register() -> list[Person]:
    """The live register as the composer's input, with each leader's current group."""
    current = dict(Membership.objects.current().values_list("leader_id", "group__number"))
    hosted = dict(Group.objects.values_list("host_id", "number"))
    people = [
        Person(id=str(h.pk), role=HOST, current_group=str(hosted.get(h.pk, "")))
        for h in Leader.objects.chef_group()
    ]
    people += [
        Person(
            id=str(m.pk),
            role=MEMBER,
            department=m.department.name if m.department else "",
            level=str(m.level or ""),
            manager_id=str(m.reports_to_id or ""),
            current_group=str(current.get(m.pk, "")),
        )
        for m in Leader.objects.store_ledergruppe().select_related("department")
    ]
    # A manager above the chef group (or outside the register) has no seat to clash with.
    known = {p.id for p in people}
    return [p if p.manager_id in known else replace(p, manager_id="") for p in people]


@transaction.atomic
def groups_apply_composition(
    *, assignment: dict[str, str], reason: str, day: datetime.date | None = None
) -> list[tuple[int, int | None, int]]:
    """Seat everyone as the composer proposed; returns the moves (leader, from, to).

    Hosts get their group (created when new); a leader who changes group leaves the old one on
    `day` and joins the new one the same day, so the history answers who sat where when.
    """
    day = day or timezone.localdate()
    people = Leader.objects.in_bulk([int(pk) for pk in assignment])
    groups = {str(g.number): g for g in Group.objects.select_for_update()}
    for pk, label in assignment.items():
        person = people[int(pk)]
        if person.is_chef_group and label:
            group = groups.get(label)
            if group is None:
                groups[label] = Group.objects.create(number=int(label), host=person)
            elif group.host_id != person.pk:
                Group.objects.filter(pk=group.pk).update(host=person)
    current = {m.leader_id: m for m in Membership.objects.current().select_related("group")}
    moves = []
    for pk, label in assignment.items():
        person = people[int(pk)]
        if person.is_chef_group or not label:
            continue
        target = groups[label]
        seat = current.get(person.pk)
        if seat is not None and seat.group_id == target.pk:
            continue
        if seat is not None:
            Membership.objects.filter(pk=seat.pk).update(left_on=day, left_reason=reason)
        Membership.objects.create(group=target, leader=person, joined_on=day, joined_reason=reason)
        moves.append((person.pk, seat.group.number if seat else None, target.number))
    return moves


@transaction.atomic
def group_seats_update(*, day: datetime.date | None = None) -> None:
    """After the register changed: leavers give up their seat, successors take it.

    A newcomer who took over a departed leader's position joins that leader's group by
    default, and the group's host is told.
    """
    from nyborg_ledelse.notifications.services import queue_message

    from .notifications import SUCCESSOR_JOINED

    day = day or timezone.localdate()
    for seat in Membership.objects.current().select_related("leader"):
        if seat.leader.has_left(day):
            Membership.objects.filter(pk=seat.pk).update(
                left_on=max(seat.leader.end_date, seat.joined_on), left_reason=Reason.LEFT
            )
    seated = set(Membership.objects.current().values_list("leader_id", flat=True))
    newcomers = (
        Leader.objects.store_ledergruppe().filter(predecessor__isnull=False).exclude(pk__in=seated)
    )
    for newcomer in newcomers.select_related("predecessor"):
        last = (
            Membership.objects.filter(leader=newcomer.predecessor)
            .select_related("group__host")
            .order_by("-joined_on", "-pk")
            .first()
        )
        if last is None:
            continue
        Membership.objects.create(
            group=last.group,
            leader=newcomer,
            joined_on=max(day, newcomer.start_date or day),
            joined_reason=Reason.SUCCESSOR,
        )
        queue_message(
            recipient=last.group.host,
            kind=SUCCESSOR_JOINED.key,
            about=newcomer,
            context={
                "newcomer": newcomer,
                "predecessor": newcomer.predecessor,
                "group": last.group,
            },
        )
