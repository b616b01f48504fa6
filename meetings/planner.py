"""Placing every group's meeting in a round on a day and in a room: a pure function with CP-SAT.

Hard rules: one meeting per group; one group per room and day; a chef is one person, so whoever
hosts or co-hosts a group never has two groups on one day; a room seats the group and its hosts;
the common input's room is not a group's (the input opens every day's meeting time); pins hold. Among plans that keep them, the planner
places as many groups as it can and spreads them as evenly as possible over the days; each group
gets the smallest room that fits. Deterministic: one search worker, a fixed seed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop
from ortools.sat.python import cp_model

from nyborg_ledelse.isolation import SolverMessage

# Why a plan breaks a rule, translated when shown (nyborg_ledelse/isolation.py).
Problem = SolverMessage


@dataclass(frozen=True)
class PlanGroup:
    id: int
    label: str
    host_id: int
    host_name: str
    seats_needed: int  # members and hosts
    pinned_day: datetime.date | None = None
    pinned_room: int | None = None
    co_host_id: int | None = None
    co_host_name: str = ""

    @property
    def chefs(self) -> dict[int, str]:
        """Host and co-host: each is one person, whatever their role in this group."""
        people = {self.host_id: self.host_name}
        if self.co_host_id:
            people[self.co_host_id] = self.co_host_name
        return people


@dataclass(frozen=True)
class PlanRoom:
    id: int
    label: str
    seats: int


@dataclass
class Plan:
    placements: dict[int, tuple[datetime.date, int]]  # group id → (day, room id)
    problems: list[Problem] = field(default_factory=list)  # empty when every rule holds

    @property
    def is_complete(self) -> bool:
        return not self.problems


def plan_round(
    groups: list[PlanGroup],
    days: list[datetime.date],
    rooms: list[PlanRoom],
    *,
    common_input_room: int | None = None,
    time_limit: float = 10.0,
) -> Plan:
    """Days by CP-SAT, then rooms day by day.

    Room sizes form a chain, so a day's groups fit its rooms exactly when, for every size s, the
    groups needing at least s seats are no more than the rooms with at least s seats. The model
    holds those counts; each day the largest group then takes the smallest room that fits.
    """
    problems = _common_input_problems(groups, rooms, common_input_room)
    rooms = [room for room in rooms if room.id != common_input_room]
    problems += _diagnose(groups, days, rooms, said_of_room=common_input_room)
    groups = sorted(groups, key=lambda g: g.id)
    days = sorted(days)
    room_by_id = {room.id: room for room in rooms}
    model = cp_model.CpModel()
    y = {}
    for g in groups:
        for d, day in enumerate(days):
            pinned_elsewhere = g.pinned_day and g.pinned_day != day
            pinned_room = room_by_id.get(g.pinned_room) if g.pinned_room else None
            too_small = pinned_room is not None and pinned_room.seats < g.seats_needed
            if (
                not pinned_elsewhere
                and not too_small
                and not (g.pinned_room and pinned_room is None)
            ):
                y[g.id, d] = model.NewBoolVar("")
    placed = []
    for g in groups:
        options = [var for (gid, _d), var in y.items() if gid == g.id]
        model.AddAtMostOne(options)
        placed.append(sum(options))
    sizes = sorted({g.seats_needed for g in groups})
    for d in range(len(days)):
        for chef in {chef for g in groups for chef in g.chefs}:
            model.AddAtMostOne([y[g.id, d] for g in groups if chef in g.chefs and (g.id, d) in y])
        # A room fixed for a group that day is taken; it is that group's, and nobody else's.
        fixed = [g for g in groups if g.pinned_room and (g.id, d) in y]
        for room_id in {g.pinned_room for g in fixed}:
            model.AddAtMostOne([y[g.id, d] for g in fixed if g.pinned_room == room_id])
        free_rooms = [r for r in rooms if r.id not in {g.pinned_room for g in fixed}]
        free_groups = [g for g in groups if not g.pinned_room and (g.id, d) in y]
        for size in sizes:
            needing = [y[g.id, d] for g in free_groups if g.seats_needed >= size]
            if needing:
                model.Add(sum(needing) <= sum(1 for r in free_rooms if r.seats >= size))
    per_day = [sum(var for (_g, dd), var in y.items() if dd == d) for d in range(len(days))]
    most, fewest = model.NewIntVar(0, len(groups), ""), model.NewIntVar(0, len(groups), "")
    for count in per_day:
        model.Add(most >= count)
        model.Add(fewest <= count)
    # Placing a group outweighs any spread.
    model.Maximize((len(groups) + 1) * sum(placed) - (most - fewest))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.Solve(model)
    on_day: dict[int, list[PlanGroup]] = {d: [] for d in range(len(days))}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (gid, d), var in y.items():
            if solver.Value(var):
                on_day[d].append(next(g for g in groups if g.id == gid))
    placements = {}
    for d, day_groups in on_day.items():
        taken = {g.pinned_room for g in day_groups if g.pinned_room}
        for g in day_groups:
            if g.pinned_room:
                placements[g.id] = (days[d], g.pinned_room)
        free = sorted((r for r in rooms if r.id not in taken), key=lambda r: (r.seats, r.id))
        for g in sorted(
            (g for g in day_groups if not g.pinned_room), key=lambda g: (-g.seats_needed, g.id)
        ):
            room = next(r for r in free if r.seats >= g.seats_needed)
            free.remove(room)
            placements[g.id] = (days[d], room.id)
    unplaced = [g for g in groups if g.id not in placements]
    labels = (("groups", ", ".join(g.label for g in unplaced)),)
    if unplaced and not problems:
        problems.append(
            Problem(
                gettext_noop(
                    "These groups could not be placed so that every rule holds: %(groups)s."
                ),
                labels,
            )
        )
    elif unplaced:
        problems.append(Problem(gettext_noop("Not placed: %(groups)s."), labels))
    return Plan(placements=placements, problems=problems)


def _diagnose(
    groups: list[PlanGroup], days: list, rooms: list[PlanRoom], *, said_of_room: int | None = None
) -> list[Problem]:
    """The reasons a full plan cannot exist, said plainly before the solver tries."""
    problems = []
    if not days:
        problems.append(Problem(gettext_noop("The round has no days.")))
    if len(groups) > len(days) * len(rooms):
        problems.append(
            Problem(
                gettext_noop(
                    "There are %(groups)d groups but only %(days)d days × %(rooms)d rooms "
                    "= %(places)d places."
                ),
                (
                    ("groups", len(groups)),
                    ("days", len(days)),
                    ("rooms", len(rooms)),
                    ("places", len(days) * len(rooms)),
                ),
            )
        )
    hosted = Counter(chef for g in groups for chef in g.chefs)
    names = {chef: name for g in groups for chef, name in g.chefs.items()}
    for host, count in sorted(hosted.items()):
        if count > len(days):
            problems.append(
                Problem(
                    gettext_noop(
                        "%(host)s hosts or co-hosts %(count)d groups, but the round has only "
                        "%(days)d days, and a chef can have only one group a day."
                    ),
                    (("host", names[host]), ("count", count), ("days", len(days))),
                )
            )
    biggest = max((room.seats for room in rooms), default=0)
    for g in groups:
        if g.seats_needed > biggest:
            problems.append(
                Problem(
                    gettext_noop(
                        "%(group)s needs %(seats)d seats; the largest room has %(biggest)d."
                    ),
                    (("group", g.label), ("seats", g.seats_needed), ("biggest", biggest)),
                )
            )
        if g.pinned_day and g.pinned_day not in days:
            problems.append(
                Problem(
                    gettext_noop(
                        "%(group)s is fixed to %(day)s, which is not one of the round's days."
                    ),
                    (("group", g.label), ("day", f"{g.pinned_day:%d.%m.%Y}")),
                )
            )
        if g.pinned_room and g.pinned_room not in {room.id for room in rooms} | {said_of_room}:
            problems.append(
                Problem(
                    gettext_noop("%(group)s is fixed to a room that is not in use."),
                    (("group", g.label),),
                )
            )
    return problems


def _common_input_problems(
    groups: list[PlanGroup], rooms: list[PlanRoom], common_input_room: int | None
) -> list[Problem]:
    """A group fixed to the common input's room: the room is the input's."""
    if common_input_room is None:
        return []
    label = next((room.label for room in rooms if room.id == common_input_room), "")
    return [
        Problem(
            gettext_noop("%(group)s is fixed to %(room)s, which the common input uses."),
            (("group", g.label), ("room", label)),
        )
        for g in groups
        if g.pinned_room == common_input_room
    ]
