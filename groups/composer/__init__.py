"""Composing and rebalancing the cross-cutting groups: a pure function on plain data.

The objective is fixed so results are comparable: for every group g and every department value
and level value v, with n_v leaders of that value in all, D = Σ_g Σ_v (count_g,v − n_v/G)². Since
Σ_g count_g,v = n_v, D = S − K with S = Σ_g Σ_v count_g,v² and K = Σ_v n_v²/G a constant, so the
solver minimises the integer S. The lower bound spreads each value as evenly as integers allow.

A simulated annealing on leaders (search.py) does the work, every rule in its score; CP-SAT
(solvers.py) settles what it leaves: whether the bound can be reached at all, the optimum when
it cannot, and a seating by the rules when swaps cannot repair one. Every budget is work (steps,
CP-SAT's deterministic time), never the clock, so the same input and seed give the same result
on any machine at any load; `time_limit` is only a safety cap, and the result says when it cut.
"""

import math
import time
from dataclasses import dataclass

from django.utils.translation import gettext_noop
from ortools.sat.python import cp_model

from nyborg_ledelse.isolation import SolverMessage, SolverStopped, run_isolated

from .problem import (
    HOST,
    MEMBER,
    Composition,
    CompositionError,
    Option,
    Person,
    Problem,
    prepare,
    violations,
)
from .search import Goal, Searched, anneal, clashes_of, deal, from_current, moves_of
from .solvers import (
    INDIVIDUAL_LIMIT,
    repair,
    seat_by_rules,
    seat_counts,
    type_model,
)

__all__ = [
    "HOST",
    "MEMBER",
    "Composition",
    "CompositionError",
    "Person",
    "compose",
    "compose_isolated",
]


def compose_isolated(people: list[Person], **options) -> Composition:
    """compose() in a process of its own, for callers that must outlive a crash in the solver.

    OR-Tools stops the whole process on an internal check failure; the web server must not.
    """
    try:
        return run_isolated(compose, people, **options)
    except SolverStopped:
        raise CompositionError(
            [
                SolverMessage(
                    gettext_noop("The composer stopped unexpectedly. Try again, or contact IT.")
                )
            ]
        ) from None


# The work budgets, in annealing steps per leader (with a floor for small municipalities) and
# in CP-SAT's deterministic seconds. On this project's 2-core reference machine the search does
# about 250,000 steps a second, so 5,000 leaders compose in well under 30 seconds.
STEPS_PER_LEADER = 400
MIN_STEPS = 100_000
# A rebalance: the search for the most even proposal, then each that trades evenness for
# fewer moves; each ends after STALL steps per leader without a better state.
EVEN_STEPS_PER_LEADER = 250
TRADE_STEPS_PER_LEADER = 120
STALL_PER_LEADER = 60
# Leaders × groups up to which a rebalance also searches up from where everyone sits.
SMALL = INDIVIDUAL_LIMIT
PROOF_WORK = 20.0
SEATING_WORK = 10.0
# Above the limit on S a rebalance's score rises this steeply: gently while it searches its way
# down to the limit, steeply once it starts within it and only trades moves.
GUIDE_WEIGHT = 4
HOLD_WEIGHT = 50


@dataclass
class _Fresh:
    groups: list[int]
    S: int
    reachable: bool | None
    optimum_S: int | None
    proof: str


class _Run:
    """One compose() call: its budgets, its clock cap, and what it spent."""

    def __init__(self, p: Problem, *, seed: int, deadline: float):
        self.p, self.seed, self.deadline = p, seed, deadline
        self.steps = 0
        self.stopped_by_clock = False
        self.budget = max(MIN_STEPS, STEPS_PER_LEADER * len(p.members))
        self.stall = max(MIN_STEPS // 4, STALL_PER_LEADER * len(p.members))
        self.calls = 0

    def anneal(self, start: list[int], goal: Goal, **options) -> Searched:
        # Each search draws its own numbers, derived from the seed and its place in the run.
        self.calls += 1
        options.setdefault("steps", self.budget)
        result = anneal(
            self.p,
            start,
            goal,
            seed=self.seed * 1000 + self.calls,
            deadline=self.deadline,
            **options,
        )
        self.steps += result.steps
        self.stopped_by_clock |= result.stopped_by_clock
        return self.clean(result)

    def clean(self, result: Searched) -> Searched:
        """A result that still breaks a manager rule is repaired by same-type swaps, or seated
        again by CP-SAT with the same counts when the municipality is small enough."""
        if result.clashes == 0:
            return result
        p = self.p
        groups = repair(p, result.groups)
        if clashes_of(p, groups) and len(p.members) * p.G <= INDIVIDUAL_LIMIT:
            seated, stopped = seat_by_rules(
                p, groups, work=SEATING_WORK, deadline=self.deadline, seed=self.seed
            )
            self.stopped_by_clock |= stopped
            if seated is not None:
                groups = seated
        return Searched(
            groups,
            p.S_of(groups),
            moves_of(p, groups),
            clashes_of(p, groups),
            result.steps,
            result.stopped_by_clock,
        )

    def solve(self, start: list[int], *, exact: bool):
        solved = type_model(
            self.p, start, work=PROOF_WORK, deadline=self.deadline, seed=self.seed, exact=exact
        )
        self.stopped_by_clock |= solved.stopped_by_clock
        return solved


def _fresh(run: _Run) -> _Fresh:
    """The most even composition from scratch, and what is proven about it."""
    p = run.p
    S_min = p.S_min()
    best = run.anneal(deal(p), Goal(stop_at_S=S_min))
    if S_min < best.S or best.clashes:
        again = run.anneal(best.groups, Goal(stop_at_S=S_min), temperature=(0.3, 0.02))
        if (again.clashes, again.S) < (best.clashes, best.S):
            best = again
    if S_min == best.S and best.clashes == 0:
        return _Fresh(best.groups, best.S, True, S_min, "bound")
    # The search did not reach the bound: ask CP-SAT whether any composition can.
    exact = run.solve(best.groups, exact=True)
    if exact.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        seated = run.clean(_searched(p, seat_counts(p, exact.values)))
        if seated.clashes == 0:
            return _Fresh(seated.groups, seated.S, True, S_min, "bound")
        return _Fresh(best.groups, best.S, True, S_min, "bound reachable per type; seating not")
    if exact.status != cp_model.INFEASIBLE:
        return _Fresh(best.groups, best.S, None, None, "not settled within the work budget")
    # Proven unreachable; now the least S any composition per type can have.
    least = run.solve(best.groups, exact=False)
    if least.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        seated = run.clean(_searched(p, seat_counts(p, least.values)))
        if seated.clashes == 0 and seated.S < best.S:
            best = seated
    if least.status == cp_model.OPTIMAL and round(least.bound) == best.S and best.clashes == 0:
        return _Fresh(best.groups, best.S, False, best.S, "optimum")
    proof = PROOFS["unreachable"]
    if least.status != cp_model.UNKNOWN:
        proof += f"; CP-SAT proved D ≥ {math.ceil(least.bound - 1e-6) - p.K():.4f}"
    return _Fresh(best.groups, best.S, False, None, proof)


def _fewer_moves(a: Searched, b: Searched, S_limit: int) -> bool:
    def key(r: Searched) -> tuple:
        return (r.clashes, max(0, r.S - S_limit), r.moves)

    return key(a) < key(b)


def _searched(p: Problem, groups: list[int]) -> Searched:
    return Searched(groups, p.S_of(groups), moves_of(p, groups), clashes_of(p, groups), 0, False)


PROOFS = {
    "bound": "bound reached: every department and level is spread as evenly as whole leaders "
    "allow, and no composition can do better",
    "optimum": "bound unreachable: CP-SAT proved that no composition per department × level "
    "type spreads every value evenly (INFEASIBLE), and proved the least S such a composition "
    "can have (OPTIMAL); it keeps every rule but who sits with whom, so it bounds every "
    "composition, and this one reaches it",
    "unreachable": "bound unreachable: CP-SAT proved that no composition per department × level "
    "type spreads every value evenly (INFEASIBLE); the optimum was not proven within the work "
    "budget",
}


def compose(
    people: list[Person],
    *,
    groups: int | None = None,
    min_size: int = 10,
    max_size: int = 12,
    time_limit: float = 120.0,
    seed: int = 0,
    tolerance: float = 0.05,
) -> Composition:
    """Compose the groups, or rebalance them when leaders have a current group.

    `time_limit` (seconds) is a safety cap only: the work done is fixed by the input and seed.
    """
    started = time.perf_counter()
    p = prepare(people, groups=groups, min_size=min_size, max_size=max_size)
    run = _Run(p, seed=seed, deadline=started + time_limit)
    S_min, K = p.S_min(), p.K()
    if any(g is not None for g in p.current):
        chosen, options, fresh = _rebalance(run, tolerance=tolerance)
    else:
        fresh = _fresh(run)
        chosen, options = fresh.groups, []

    proven = fresh.proof in ("bound", "optimum")

    def option(key: str, groups: list[int], recommended: bool) -> Option:
        return Option(
            key,
            _assignment(p, people, groups),
            _moves(p, groups),
            p.S_of(groups) - K,
            recommended,
            violations(p, groups),
            proven and p.S_of(groups) == fresh.optimum_S,
        )

    D = p.S_of(chosen) - K
    bound = S_min - K
    optimum = None if fresh.optimum_S is None else fresh.optimum_S - K
    return Composition(
        assignment=_assignment(p, people, chosen),
        D=D,
        lower_bound=bound,
        gap=(D - bound) / bound if bound > 1e-9 else (0.0 if D < 1e-9 else math.inf),
        moves=_moves(p, chosen),
        violations=violations(p, chosen),
        seconds=time.perf_counter() - started,
        proven_optimal=proven and p.S_of(chosen) == fresh.optimum_S,
        bound_reachable=fresh.reachable,
        optimum=optimum,
        proof=PROOFS.get(fresh.proof, fresh.proof),
        managers_outside=p.managers_outside,
        placed=sum(1 for g in p.current if g is None),
        stopped_by_clock=run.stopped_by_clock,
        steps=run.steps,
        options=[option(*found) for found in options],
    )


def _rebalance(run: _Run, *, tolerance: float):
    """Proposals from fewest moves to most even; the chosen one is within the tolerance."""
    p = run.p
    S_min, K = p.S_min(), p.K()
    start = run.clean(_searched(p, from_current(p)))
    N = len(p.members)
    guide = {
        "temperature": (0.3, 0.02),
        "stall": run.stall,
        "steps": max(MIN_STEPS, EVEN_STEPS_PER_LEADER * N),
    }
    hold = {
        "temperature": (0.2, 0.02),
        "stall": run.stall,
        "steps": max(MIN_STEPS, TRADE_STEPS_PER_LEADER * N),
    }
    even = run.anneal(start.groups, Goal(S_limit=S_min, weight=GUIDE_WEIGHT, per_move=1), **guide)
    if S_min == even.S and even.clashes == 0:
        fresh = _Fresh(even.groups, S_min, True, S_min, "bound")
    else:
        # The fresh optimum sets the tolerance: compose from scratch to know it.
        fresh = _fresh(run)
        target = fresh.optimum_S or fresh.S
        if target < even.S:
            even = run.anneal(
                even.groups, Goal(S_limit=target, weight=HOLD_WEIGHT, per_move=1), **guide
            )
    optimum_S = fresh.optimum_S or min(fresh.S, even.S)
    limit = math.floor((1 + tolerance) * (optimum_S - K) + K + 1e-9)
    within = run.anneal(even.groups, Goal(S_limit=limit, weight=HOLD_WEIGHT, per_move=1), **hold)
    if N * p.G <= SMALL:
        # Up from where everyone sits as well as down from the most even proposal: for a
        # municipality's size this finds fewer moves now and then, and costs under a second.
        rising = run.anneal(
            start.groups, Goal(S_limit=limit, weight=GUIDE_WEIGHT, per_move=1), **guide
        )
        rising = run.anneal(
            rising.groups, Goal(S_limit=limit, weight=HOLD_WEIGHT, per_move=1), **hold
        )
        if _fewer_moves(rising, within, limit):
            within = rising
    # Fewest moves: only newcomers and leaders who must move anyway (sizes, broken rules) move.
    must = [
        i for i in range(len(p.members)) if p.current[i] is None or start.groups[i] != p.current[i]
    ]
    fewest = run.anneal(
        start.groups,
        Goal(per_move=1000),
        movable=must,
        steps=max(MIN_STEPS // 4, 300 * len(must)),
        temperature=(0.6, 0.05),
    )
    between_limit = (fewest.S + within.S) // 2
    between = run.anneal(
        within.groups, Goal(S_limit=between_limit, weight=HOLD_WEIGHT, per_move=1), **hold
    )
    # The proposals on the frontier: each moves more than the one before and is more even.
    found = sorted(
        (r for r in (fewest, between, within, even) if r.clashes == 0),
        key=lambda r: (r.moves, r.S),
    )
    frontier: list[Searched] = []
    for result in found:
        if not frontier or result.S < frontier[-1].S:
            frontier.append(result)
    if not frontier:
        frontier = [min((fewest, between, within, even), key=lambda r: (r.clashes, r.S))]
    chosen = next((r for r in frontier if limit >= r.S), frontier[-1])
    options = []
    for k, result in enumerate(frontier):
        if k == len(frontier) - 1:
            key = "most_even"
        elif k == 0:
            key = "fewest_moves"
        else:
            key = "within_tolerance" if result is chosen else "between"
        options.append((key, result.groups, result is chosen))
    return chosen.groups, options, fresh


def _assignment(p: Problem, people: list[Person], groups: list[int]) -> dict[str, str]:
    assignment = {m.id: p.labels[g] for m, g in zip(p.members, groups, strict=True)}
    for host in people:
        if host.role == HOST:
            index = p.host_group.get(host.id)
            assignment[host.id] = p.labels[index] if index is not None else ""
    return assignment


def _moves(p: Problem, groups: list[int]) -> list[tuple[str, str, str]]:
    return [
        (m.id, p.labels[p.current[i]], p.labels[groups[i]])
        for i, m in enumerate(p.members)
        if p.current[i] is not None and p.current[i] != groups[i]
    ]
