"""Writes to the groups: composing, rebalancing and succession with their history; the contract."""

import datetime
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from .composer import HOST, MEMBER, Person, compose_isolated
from .hosting import group_create, host_replace
from .models import ContractVersion, Group, Membership, Proposal, Reason
from .notifications import GROUP_CHANGED, MEMBER_LEFT, MOVED, SUCCESSOR_JOINED


def pinned_successors(day: datetime.date | None = None) -> set[int]:
    """Successors who took a predecessor's seat this year: a rebalance keeps them there."""
    day = day or timezone.localdate()
    return set(
        Membership.objects.current()
        .filter(joined_reason=Reason.SUCCESSOR, joined_on__year=day.year)
        .values_list("leader_id", flat=True)
    )


def people_from_register(*, unpinned: set[int] = frozenset()) -> list[Person]:
    """The live register as the composer's input, with each leader's current group.

    Successors seated this year are pinned, except those the administrator unpinned.
    """
    current = dict(Membership.objects.current().values_list("leader_id", "group__number"))
    hosted = dict(Group.objects.values_list("host_id", "number"))
    pinned = pinned_successors() - set(unpinned)
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
            pinned=m.pk in pinned and m.pk in current,
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
                groups[label] = group_create(number=int(label), host=person, starts_on=day)
            elif group.host_id != person.pk:
                host_replace(group=group, host=person, starts_on=day)
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


def seat_leave(*, seat: Membership, on: datetime.date, reason: str) -> None:
    """A leader leaves their group: history records why, only they get cancellations, and the
    group's host and co-host are told."""
    Membership.objects.filter(pk=seat.pk).update(left_on=on, left_reason=reason)
    from meetings.services import seat_change_messages

    seat_change_messages(leader=seat.leader, old_group=seat.group, new_group=None, day=on)
    group = seat.group
    for host in filter(None, [group.host, group.co_host]):
        queue_message(
            recipient=host,
            kind=MEMBER_LEFT.key,
            about=seat,
            context={"leader": seat.leader, "group": group, "reason": Reason(reason).label},
            url=group.get_absolute_url(),
        )


@transaction.atomic
def groups_daily(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step for the groups: seats follow the register's dates.

    A leader whose end date has passed leaves on that date; one who is no longer in the Store
    Ledergruppe (lost budget or staff responsibility) leaves today; a successor whose start date
    has come takes the predecessor's seat. Each change is made once, so a second run, or a run
    after missed days, finds nothing left to do.
    """
    counts = {"left": 0, "no_longer_member": 0, "successors": 0}
    staying = Leader.objects.store_ledergruppe_on(today)
    leaving = Membership.objects.leaving(today).select_related(
        "leader", "group__host", "group__co_host"
    )
    for seat in leaving:
        if seat.leader.has_left(today):
            seat_leave(seat=seat, on=max(seat.leader.end_date, seat.joined_on), reason=Reason.LEFT)
            counts["left"] += 1
        else:
            seat_leave(seat=seat, on=max(today, seat.joined_on), reason=Reason.NO_LONGER_MEMBER)
            counts["no_longer_member"] += 1
    # A successor takes the seat once; one who has sat anywhere is the composer's from then on.
    newcomers = staying.filter(predecessor__isnull=False, memberships__isnull=True)
    for newcomer in newcomers.select_related("predecessor"):
        last = (
            Membership.objects.filter(leader=newcomer.predecessor)
            .select_related("group__host")
            .order_by("-joined_on", "-pk")
            .first()
        )
        if last is None:
            continue
        joined_on = max(today, newcomer.start_date or today)
        Membership.objects.create(
            group=last.group, leader=newcomer, joined_on=joined_on, joined_reason=Reason.SUCCESSOR
        )
        from meetings.services import seat_change_messages

        seat_change_messages(leader=newcomer, old_group=None, new_group=last.group, day=joined_on)
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
        counts["successors"] += 1
    return counts


def group_seats_update(*, day: datetime.date | None = None) -> dict[str, int]:
    """After the register changed: the same as the daily round's step, at once."""
    return groups_daily(today=day or timezone.localdate())


def current_seats() -> dict[int, str]:
    """Leader id → the label of the group they sit in now."""
    return {
        leader: str(number)
        for leader, number in Membership.objects.current().values_list("leader_id", "group__number")
    }


def proposal_create(
    *,
    by: Leader,
    min_size: int,
    max_size: int,
    tolerance_percent: int,
    seed: int = 0,
    unpinned: set[int] = frozenset(),
) -> Proposal:
    """Ask the composer for the register as it is now; nothing changes until it is applied.

    Successors seated this year stay where they are unless listed in `unpinned`.
    Raises CompositionError (Danish messages) when the rules cannot all hold.
    """
    seats = current_seats()
    people = people_from_register(unpinned=unpinned)
    result = compose_isolated(
        people,
        min_size=min_size,
        max_size=max_size,
        tolerance=tolerance_percent / 100,
        time_limit=settings.GROUPS["TIME_LIMIT_SECONDS"],
        seed=seed,
    )
    members = set(Leader.objects.store_ledergruppe().values_list("pk", flat=True))
    summary = result.summary()
    summary["proven_optimal"] = result.proven_optimal
    summary.pop("options", None)
    options = [
        {
            "key": option.key,
            "recommended": option.recommended,
            "assignment": option.assignment,
            "moves": _moves_from(seats, members, option.assignment),
            "result": {
                **summary,
                "D": round(option.D, 4),
                "gap": round(_gap(option.D, result.lower_bound), 6),
                "moves": len(option.moves),
                "violations": option.violations,
                "proven_optimal": option.proven_optimal,
            },
        }
        for option in result.options
    ]
    return Proposal.objects.create(
        created_by=by,
        min_size=min_size,
        max_size=max_size,
        tolerance_percent=tolerance_percent,
        before={str(pk): seats.get(pk, "") for pk in members},
        assignment=result.assignment,
        moves=_moves_from(seats, members, result.assignment),
        result=summary,
        pinned=sorted(int(p.id) for p in people if p.pinned),
        unpinned=sorted(set(unpinned) & pinned_successors()),
        options=options,
    )


def _moves_from(seats: dict[int, str], members: set[int], assignment: dict[str, str]) -> list:
    """[leader id, from label or "", to label] for each member who moves or gets a seat."""
    moves = [
        [int(pk), seats.get(int(pk), ""), label]
        for pk, label in assignment.items()
        if int(pk) in members and seats.get(int(pk), "") != label
    ]
    return sorted(moves, key=lambda move: (move[2], move[1]))


def _gap(D: float, bound: float) -> float:
    return (D - bound) / bound if bound > 1e-9 else 0.0


class ProposalOutdated(ValidationError):
    pass


@transaction.atomic
def proposal_apply(
    *, proposal: Proposal, by: Leader, option: int | None = None
) -> list[tuple[int, int | None, int]]:
    """Seat everyone as proposed (in the option the administrator picked), once, and tell the
    moved leaders and the hosts concerned. The proposal keeps what was applied."""
    picked = proposal.option(option)
    claimed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PROPOSED).update(
        status=Proposal.Status.APPLIED,
        decided_by=by,
        decided_at=timezone.now(),
        assignment=picked["assignment"],
        moves=picked["moves"],
        result=picked["result"],
    )
    if not claimed:
        raise ProposalOutdated(_("This proposal has already been applied or discarded."))
    members = set(Leader.objects.store_ledergruppe().values_list("pk", flat=True))
    seats = current_seats()
    now = {str(pk): seats.get(pk, "") for pk in members}
    if now != proposal.before:
        raise ProposalOutdated(
            _(
                "The groups or the register have changed since this proposal was made. "
                "Make a new proposal."
            )
        )
    reason = Reason.COMPOSED if proposal.is_fresh_composition else Reason.REBALANCED
    moves = groups_apply_composition(assignment=picked["assignment"], reason=reason)
    _tell_about_moves(proposal, moves)
    _move_meetings(moves)
    return moves


def _move_meetings(moves: list[tuple[int, int | None, int]]) -> None:
    """Each moved leader: out of the old group's coming meetings, into the new group's."""
    from meetings.services import seat_change_messages

    groups = {g.number: g for g in Group.objects.all()}
    leaders = Leader.objects.in_bulk([leader for leader, _old, _new in moves])
    today = timezone.localdate()
    for leader, old, new in moves:
        seat_change_messages(
            leader=leaders[leader],
            old_group=groups[old] if old is not None else None,
            new_group=groups[new],
            day=today,
        )


@transaction.atomic
def membership_move(*, leader: Leader, group: Group, by: Leader) -> Membership:
    """An administrator moves one leader by hand; only that leader's meetings change."""
    today = timezone.localdate()
    seat = Membership.objects.current().filter(leader=leader).select_related("group").first()
    if seat is not None and seat.group_id == group.pk:
        return seat
    if seat is not None:
        Membership.objects.filter(pk=seat.pk).update(
            left_on=max(today, seat.joined_on), left_reason=Reason.MOVED
        )
    new_seat = Membership.objects.create(
        group=group, leader=leader, joined_on=today, joined_reason=Reason.MOVED
    )
    from meetings.services import seat_change_messages

    seat_change_messages(
        leader=leader, old_group=seat.group if seat else None, new_group=group, day=today
    )
    return new_seat


def _tell_about_moves(proposal: Proposal, moves: list[tuple[int, int | None, int]]) -> None:
    groups = {g.number: g for g in Group.objects.select_related("host", "co_host")}
    leaders = Leader.objects.in_bulk([leader for leader, _from, _to in moves])
    joining, leaving = {}, {}
    with sending_together():
        for leader, old, new in moves:
            joining.setdefault(new, []).append(leaders[leader])
            if old is not None:
                leaving.setdefault(old, []).append(leaders[leader])
            queue_message(
                recipient=leaders[leader],
                kind=MOVED.key,
                about=proposal,
                context={"group": groups[new], "old_number": old},
                url=groups[new].get_absolute_url(),
            )
        for number in sorted(set(joining) | set(leaving)):
            group = groups[number]
            for host in filter(None, [group.host, group.co_host]):
                queue_message(
                    recipient=host,
                    kind=GROUP_CHANGED.key,
                    about=proposal,
                    context={
                        "group": group,
                        "joining": joining.get(number, []),
                        "leaving": leaving.get(number, []),
                    },
                    url=group.get_absolute_url(),
                )


def proposal_unpin(*, proposal: Proposal, by: Leader, unpin: set[int]) -> Proposal:
    """A new proposal like this one, where the composer may also move these successors."""
    newer = proposal_create(
        by=by,
        min_size=proposal.min_size,
        max_size=proposal.max_size,
        tolerance_percent=proposal.tolerance_percent,
        unpinned=set(proposal.unpinned) | set(unpin),
    )
    proposal_discard(proposal=proposal, by=by)
    return newer


def proposal_discard(*, proposal: Proposal, by: Leader) -> None:
    Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PROPOSED).update(
        status=Proposal.Status.DISCARDED, decided_by=by, decided_at=timezone.now()
    )


class ContractConflict(ValidationError):
    def __init__(self, latest: ContractVersion):
        super().__init__(
            _(
                "%(name)s saved a new version of the contract while you were editing. "
                "Their version is shown below; yours is still in the form."
            )
            % {"name": latest.author.full_name}
        )
        self.latest = latest


@transaction.atomic
def contract_save(
    *, group: Group, text: str, author: Leader, based_on: int | None
) -> ContractVersion:
    """A new version of the contract; refused if someone saved one since the editor opened it."""
    Group.objects.select_for_update().get(pk=group.pk)
    latest = group.contract()
    if latest is not None and latest.pk != based_on:
        raise ContractConflict(latest)
    return ContractVersion.objects.create(group=group, text=text.strip(), author=author)
