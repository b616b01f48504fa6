"""Composing and rebalancing the cross-cutting groups: a pure function on plain data.

The objective is fixed so results are comparable: for every group g and every department value
and level value v, with n_v leaders of that value in all, D = Σ_g Σ_v (count_g,v − n_v/G)². Since
Σ_g count_g,v = n_v, D = S − K with S = Σ_g Σ_v count_g,v² and K = Σ_v n_v²/G a constant, so the
solver minimises the integer S. The lower bound spreads each value as evenly as integers allow.

Small problems are solved per leader with OR-Tools CP-SAT, every hard constraint in the model.
Large ones are solved per type (department × level) with CP-SAT, then leaders are seated into
their type's places by manager line and any clash is repaired by swapping two leaders of the
same type, which leaves D unchanged.
"""

import math
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .problem import HOST, MEMBER, Composition, CompositionError, Person, prepare, violations
from .solvers import solve

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
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(compose, people, **options).result()
        except BrokenProcessPool:
            raise CompositionError(
                ["Sammensætteren stoppede uventet. Prøv igen, eller kontakt IT."]
            ) from None


def compose(
    people: list[Person],
    *,
    groups: int | None = None,
    min_size: int = 10,
    max_size: int = 12,
    time_limit: float = 30.0,
    seed: int = 0,
    tolerance: float = 0.05,
) -> Composition:
    started = time.perf_counter()
    problem = prepare(people, groups=groups, min_size=min_size, max_size=max_size)
    S_min = problem.S_min()
    rebalancing = any(g is not None for g in problem.current)
    budget = time_limit / 2 if rebalancing else time_limit
    best, proven = solve(problem, time_limit=budget, seed=seed)
    if rebalancing:
        limit = math.floor(
            (1 + tolerance) * (problem.S_of(best) - problem.K()) + problem.K() + 1e-9
        )
        kept, _proven = solve(problem, time_limit=budget, seed=seed, S_limit=limit, hint=best)
        if kept is not None:
            best = kept
            proven = proven and problem.S_of(best) == S_min

    D = problem.S_of(best) - problem.K()
    bound = S_min - problem.K()
    assignment = {m.id: problem.labels[g] for m, g in zip(problem.members, best, strict=True)}
    for host in people:
        if host.role == HOST:
            index = problem.host_group.get(host.id)
            assignment[host.id] = problem.labels[index] if index is not None else ""
    moves = [
        (m.id, problem.labels[problem.current[i]], problem.labels[best[i]])
        for i, m in enumerate(problem.members)
        if problem.current[i] is not None and problem.current[i] != best[i]
    ]
    return Composition(
        assignment=assignment,
        D=D,
        lower_bound=bound,
        gap=(D - bound) / bound if bound > 1e-9 else (0.0 if D < 1e-9 else math.inf),
        moves=moves,
        violations=violations(problem, best),
        seconds=time.perf_counter() - started,
        proven_optimal=proven or problem.S_of(best) == S_min,
    )
