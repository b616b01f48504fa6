"""CP-SAT for what the local search cannot settle: proving that the bound cannot be reached and
what the optimum is instead, and seating leaders by the rules when a repair by swaps fails.

Every solve is bounded by CP-SAT's deterministic time (its own measure of work) on one worker,
so the same input and seed give the same answer at any load; the wall clock is only a safety
cap, and a solve it ends is reported as such.
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .problem import Problem

# Up to this many leader × group pairs, a seating that breaks a manager rule is solved again
# per leader, with every rule in the model.
INDIVIDUAL_LIMIT = 30_000


@dataclass
class Solved:
    status: int
    values: object  # the solution, or None
    bound: float  # CP-SAT's proven lower bound on the objective (when minimising)
    stopped_by_clock: bool


def _parameters(solver: cp_model.CpSolver, *, work: float, deadline: float, seed: int) -> None:
    # Deterministic time on one worker: the same input and seed give the same result however
    # busy the machine is (measured: two interleaved workers took three times as long on a
    # loaded machine, each waiting for the other). The wall clock only guards a stuck solve.
    solver.parameters.max_deterministic_time = work
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed


def _cut_by_clock(
    solver: cp_model.CpSolver, status: int, work: float, *, optimising: bool = True
) -> bool:
    """Whether the safety cap, not the work budget, ended the solve."""
    finished = (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    if not optimising:
        finished += (cp_model.FEASIBLE,)  # a feasibility question is answered by any solution
    if status in finished:
        return False
    return solver.response_proto.deterministic_time < 0.99 * work


def _squares(model: cp_model.CpModel, expressions: list, upper: int) -> list:
    """count² for each expression, as linear cuts that are exact at integers (strong LP bounds)."""
    squares = []
    for expression in expressions:
        square = model.new_int_var(0, upper * upper, "")
        for k in range(upper):
            model.add(square >= (2 * k + 1) * expression - k * (k + 1))
        squares.append(square)
    return squares


def seat_by_rules(p: Problem, groups: list[int], *, work: float, deadline: float, seed: int):
    """The same number of each type in each group (so the same S), seated so that every manager
    rule holds; None when CP-SAT finds no such seating within its work."""
    N, G = len(p.members), p.G
    _kinds, type_of = _types(p)
    model = cp_model.CpModel()
    x = [[model.new_bool_var("") for _ in range(G)] for _ in range(N)]
    for i in range(N):
        model.add_exactly_one(x[i])
        for g in p.forbidden.get(i, ()):
            model.add(x[i][g] == 0)
        if p.pinned[i]:
            model.add(x[i][p.current[i]] == 1)
    for report, manager in p.manager_pairs:
        for g in range(G):
            model.add_bool_or([x[report][g].negated(), x[manager][g].negated()])
    members_of = defaultdict(list)
    for i, t in enumerate(type_of):
        members_of[t].append(i)
    counts = Counter((type_of[i], g) for i, g in enumerate(groups))
    for t, indices in members_of.items():
        for g in range(G):
            model.add(sum(x[i][g] for i in indices) == counts[(t, g)])
    # Among the seatings that keep every rule, the one that moves the fewest.
    model.minimize(sum(x[i][p.current[i]].negated() for i in range(N) if p.current[i] is not None))
    for i in range(N):
        for g in range(G):
            model.add_hint(x[i][g], groups[i] == g)
    solver = cp_model.CpSolver()
    _parameters(solver, work=work, deadline=deadline, seed=seed)
    status = solver.solve(model)
    stopped = _cut_by_clock(solver, status, work)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, stopped
    return [next(g for g in range(G) if solver.value(x[i][g])) for i in range(N)], stopped


def _types(p: Problem) -> tuple[list[tuple[int, int]], list[int]]:
    kinds: dict[tuple[int, int], int] = {}
    of = [kinds.setdefault(tuple(pair), len(kinds)) for pair in p.values]
    return list(kinds), of


def type_model(
    p: Problem, start: list[int], *, work: float, deadline: float, seed: int, exact: bool
) -> Solved:
    """The composition per type (department × level): how many of each type sit in each group.

    It keeps every rule except that a leader and their manager are in different groups (a
    matter of who, not how many, settled by seating), so its optimum is a lower bound on D:
    `exact` asks whether every value can be spread evenly (the bound reached), otherwise S is
    minimised. Whom a host manages cannot sit in the host's group: each leader is kept out of
    at most one group, so enough others of their type is all a seating needs (Hall).
    """
    kinds, type_of = _types(p)
    T, G = len(kinds), p.G
    n_t = Counter(type_of)
    model = cp_model.CpModel()
    y = [[model.new_int_var(0, min(n_t[t], p.hi), "") for _ in range(G)] for t in range(T)]
    for t in range(T):
        model.add(sum(y[t]) == n_t[t])
    kept_out = Counter((type_of[i], g) for i, hosted in p.forbidden.items() for g in hosted)
    for (t, g), count in kept_out.items():
        model.add(y[t][g] <= n_t[t] - count)
    for g in range(G):
        model.add_linear_constraint(sum(y[t][g] for t in range(T)), p.lo, p.hi)
    pinned = Counter((type_of[i], p.current[i]) for i in range(len(p.members)) if p.pinned[i])
    for (t, g), count in pinned.items():
        model.add(y[t][g] >= count)
    by_value = defaultdict(list)
    for t, pair in enumerate(kinds):
        for v in pair:
            by_value[v].append(t)
    counts = {(g, v): sum(y[t][g] for t in by_value[v]) for g in range(G) for v in by_value}
    if exact:
        for (_g, v), count in counts.items():
            q, r = divmod(p.value_counts[v], G)
            model.add_linear_constraint(count, q, q + (1 if r else 0))
    else:
        S = sum(_squares(model, list(counts.values()), p.hi))
        model.add(p.S_min() <= S)
        model.minimize(S)
    hint = Counter((type_of[i], g) for i, g in enumerate(start))
    for t in range(T):
        for g in range(G):
            model.add_hint(y[t][g], hint[(t, g)])
    solver = cp_model.CpSolver()
    _parameters(solver, work=work, deadline=deadline, seed=seed)
    status = solver.solve(model)
    values = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = {(t, g): solver.value(y[t][g]) for t in range(T) for g in range(G)}
    bound = solver.best_objective_bound if not exact else 0.0
    return Solved(status, values, bound, _cut_by_clock(solver, status, work, optimising=not exact))


def seat_counts(p: Problem, places: dict[tuple[int, int], int]) -> list[int]:
    """Leaders into their type's places by manager line, clashes repaired by same-type swaps."""
    _kinds, type_of = _types(p)
    return _seat(p, type_of, places)


def repair(p: Problem, groups: list[int]) -> list[int]:
    """Swap leaders who break a manager rule with a leader of the same type: S stays the same."""
    _kinds, type_of = _types(p)
    reports: dict[int, list[int]] = defaultdict(list)
    for report, boss in p.manager_pairs:
        reports[boss].append(report)
    repaired = list(groups)
    _repair(p, type_of, repaired, reports)
    return repaired


def _allowed(
    p: Problem, i: int, g: int, groups: list[int | None], reports: dict[int, list[int]]
) -> bool:
    if g in p.forbidden.get(i, ()):
        return False
    boss = p.manager_index.get(i)
    if boss is not None and groups[boss] == g:
        return False
    return all(groups[r] != g for r in reports.get(i, ()))


def _seat(p: Problem, type_of: list[int], places: dict[tuple[int, int], int]) -> list[int]:
    """Seat leaders into their type's places: continuing leaders stay where they can, managers first."""
    N = len(p.members)
    groups: list[int | None] = [None] * N
    free = dict(places)
    manager_of = {report: boss for report, boss in p.manager_pairs}
    reports: dict[int, list[int]] = defaultdict(list)
    for report, boss in p.manager_pairs:
        reports[boss].append(report)
    order = sorted(range(N), key=lambda i: (not p.pinned[i], _depth(i, manager_of), i))
    for i in order:  # stay put where the places allow it
        g = p.current[i]
        if (
            g is not None
            and free.get((type_of[i], g), 0) > 0
            and (p.pinned[i] or _allowed(p, i, g, groups, reports))
        ):
            groups[i] = g
            free[(type_of[i], g)] -= 1
    for i in order:
        if groups[i] is not None:
            continue
        candidates = [g for g in range(p.G) if free.get((type_of[i], g), 0) > 0]
        allowed = [g for g in candidates if _allowed(p, i, g, groups, reports)]
        g = (allowed or candidates)[0]
        groups[i] = g
        free[(type_of[i], g)] -= 1
    _repair(p, type_of, groups, reports)
    return groups


def _depth(i: int, manager_of: dict[int, int]) -> int:
    depth = 0
    while i in manager_of and depth < 100:
        i = manager_of[i]
        depth += 1
    return depth


def _repair(
    p: Problem, type_of: list[int], groups: list[int], reports: dict[int, list[int]]
) -> None:
    """Swap a leader who clashes with a leader of the same type elsewhere; D stays the same."""
    by_type = defaultdict(list)
    for i, t in enumerate(type_of):
        by_type[t].append(i)
    for _round in range(3):
        clashes = [i for i in range(len(groups)) if not _allowed(p, i, groups[i], groups, reports)]
        if not clashes:
            return
        for i in clashes:
            if _allowed(p, i, groups[i], groups, reports):
                continue
            for j in by_type[type_of[i]]:
                gi, gj = groups[i], groups[j]
                if gi == gj or p.pinned[j] or p.pinned[i]:
                    continue
                groups[i], groups[j] = gj, gi
                if _allowed(p, i, gj, groups, reports) and _allowed(p, j, gi, groups, reports):
                    break
                groups[i], groups[j] = gi, gj
