"""Placing every group's meeting in a round on a day and in a room: a pure function with CP-SAT.

Hard rules: one meeting per group; one group per room and day; a host never has two groups on one
day; a room seats the group and its host; pins hold. Among plans that keep them, the planner
places as many groups as it can, spreads them as evenly as possible over the days and prefers
the smallest room that fits. Deterministic: one search worker, a fixed seed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class PlanGroup:
    id: int
    label: str
    host_id: int
    host_name: str
    seats_needed: int  # members and host
    pinned_day: datetime.date | None = None
    pinned_room: int | None = None


@dataclass(frozen=True)
class PlanRoom:
    id: int
    label: str
    seats: int


@dataclass
class Plan:
    placements: dict[int, tuple[datetime.date, int]]  # group id → (day, room id)
    problems: list[str] = field(default_factory=list)  # in Danish; empty when every rule holds

    @property
    def is_complete(self) -> bool:
        return not self.problems


def plan_round(
    groups: list[PlanGroup],
    days: list[datetime.date],
    rooms: list[PlanRoom],
    *,
    time_limit: float = 10.0,
) -> Plan:
    problems = _diagnose(groups, days, rooms)
    groups = sorted(groups, key=lambda g: g.id)
    days, rooms = sorted(days), sorted(rooms, key=lambda r: (r.seats, r.id))
    model = cp_model.CpModel()
    x = {}
    for g in groups:
        for d, day in enumerate(days):
            if g.pinned_day and g.pinned_day != day:
                continue
            for r, room in enumerate(rooms):
                if room.seats < g.seats_needed or (g.pinned_room and g.pinned_room != room.id):
                    continue
                x[g.id, d, r] = model.NewBoolVar("")
    placed = []
    for g in groups:
        options = [var for (gid, _d, _r), var in x.items() if gid == g.id]
        model.AddAtMostOne(options)
        placed.append(sum(options))
    for d in range(len(days)):
        for r in range(len(rooms)):
            model.AddAtMostOne([var for (_g, dd, rr), var in x.items() if (dd, rr) == (d, r)])
        for host in {g.host_id for g in groups}:
            hosted = {g.id for g in groups if g.host_id == host}
            model.AddAtMostOne(
                [var for (gid, dd, _r), var in x.items() if dd == d and gid in hosted]
            )
    per_day = [sum(var for (_g, dd, _r), var in x.items() if dd == d) for d in range(len(days))]
    most, fewest = model.NewIntVar(0, len(groups), ""), model.NewIntVar(0, len(groups), "")
    for count in per_day:
        model.Add(most >= count)
        model.Add(fewest <= count)
    spare_seats = sum(
        var * (rooms[r].seats - next(g.seats_needed for g in groups if g.id == gid))
        for (gid, _d, r), var in x.items()
    )
    # Placing a group outweighs any spread; an even spread outweighs any choice of room.
    weight_spread = 1 + sum(room.seats for room in rooms) * max(len(groups), 1)
    weight_placed = weight_spread * (len(groups) + 1)
    model.Maximize(weight_placed * sum(placed) - weight_spread * (most - fewest) - spare_seats)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.Solve(model)
    placements = {}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (gid, d, r), var in x.items():
            if solver.Value(var):
                placements[gid] = (days[d], rooms[r].id)
    unplaced = [g for g in groups if g.id not in placements]
    if unplaced and not problems:
        problems.append(
            "Disse grupper kunne ikke placeres, så alle regler holder: "
            + ", ".join(g.label for g in unplaced)
            + "."
        )
    elif unplaced:
        problems.append("Ikke placeret: " + ", ".join(g.label for g in unplaced) + ".")
    return Plan(placements=placements, problems=problems)


def _diagnose(groups: list[PlanGroup], days: list, rooms: list[PlanRoom]) -> list[str]:
    """The reasons a full plan cannot exist, said plainly before the solver tries."""
    problems = []
    if not days:
        problems.append("Runden har ingen dage.")
    if len(groups) > len(days) * len(rooms):
        problems.append(
            f"Der er {len(groups)} grupper, men kun {len(days)} dage × {len(rooms)} lokaler "
            f"= {len(days) * len(rooms)} pladser."
        )
    hosted = Counter(g.host_id for g in groups)
    names = {g.host_id: g.host_name for g in groups}
    for host, count in sorted(hosted.items()):
        if count > len(days):
            problems.append(
                f"{names[host]} er vært for {count} grupper, men runden har kun {len(days)} "
                f"dage, og en vært kan kun have én gruppe om dagen."
            )
    biggest = max((room.seats for room in rooms), default=0)
    for g in groups:
        if g.seats_needed > biggest:
            problems.append(
                f"{g.label} skal bruge {g.seats_needed} pladser; det største lokale har {biggest}."
            )
        if g.pinned_day and g.pinned_day not in days:
            problems.append(
                f"{g.label} er låst til {g.pinned_day:%d.%m.%Y}, som ikke er en af rundens dage."
            )
        if g.pinned_room and g.pinned_room not in {room.id for room in rooms}:
            problems.append(f"{g.label} er låst til et lokale, som ikke er i brug.")
    return problems
