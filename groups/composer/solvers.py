"""The solvers: CP-SAT per type warm-started by simulated annealing; CP-SAT per leader when a
seating by manager line cannot keep every rule.
"""

import math
import time
from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from .problem import CompositionError, Problem, violations

# Up to this many leader × group pairs, a seating that breaks a manager rule is solved again
# per leader, with every rule in the model.
INDIVIDUAL_LIMIT = 30_000
# What the local search manages in a second on the reference machine (2 cores, 2026).
SEARCH_STEPS_PER_SECOND = 150_000


def solve(p: "Problem", *, time_limit: float, seed: int, S_limit: int | None = None, hint=None):
    groups, proven = _solve_types(p, time_limit=time_limit, seed=seed, S_limit=S_limit, hint=hint)
    broken = groups is not None and any(
        violations(p, groups)[rule] for rule in ("manager_same_group", "manager_hosts_group")
    )
    if broken and len(p.members) * p.G <= INDIVIDUAL_LIMIT:
        # Keep the counts (so D) and let CP-SAT seat each leader with every rule in the model.
        _kinds, type_of = _types(p)
        counts = Counter((type_of[i], g) for i, g in enumerate(groups))
        seated, _ = _solve_individual(
            p,
            time_limit=time_limit / 2,
            seed=seed,
            S_limit=S_limit,
            hint=groups,
            fixed_counts=counts,
        )
        if seated is None:
            seated, proven = _solve_individual(
                p, time_limit=time_limit, seed=seed, S_limit=S_limit, hint=groups
            )
        if seated is not None:
            groups = seated
    return groups, proven


def _parameters(solver: cp_model.CpSolver, time_limit: float, seed: int) -> None:
    # Deterministic time and interleaved workers: the same input and seed give the same result.
    solver.parameters.max_deterministic_time = time_limit / 2
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = seed


def _squares(model: cp_model.CpModel, expressions: list, upper: int) -> list:
    """count² for each expression, as linear cuts that are exact at integers (strong LP bounds)."""
    squares = []
    for expression in expressions:
        square = model.NewIntVar(0, upper * upper, "")
        for k in range(upper):
            model.Add(square >= (2 * k + 1) * expression - k * (k + 1))
        squares.append(square)
    return squares


class _StopAtBound(cp_model.CpSolverSolutionCallback):
    """Stop as soon as a solution reaches the lower bound: nothing can be better."""

    def __init__(self, bound: int):
        super().__init__()
        self.bound = bound

    def on_solution_callback(self) -> None:
        if self.ObjectiveValue() <= self.bound:
            self.StopSearch()


def _solve_individual(
    p: Problem,
    *,
    time_limit: float,
    seed: int,
    S_limit: int | None = None,
    hint: list[int],
    fixed_counts: Counter | None = None,
):
    N, G = len(p.members), p.G
    model = cp_model.CpModel()
    x = [[model.NewBoolVar("") for _ in range(G)] for _ in range(N)]
    for i in range(N):
        model.AddExactlyOne(x[i])
        for g in p.forbidden.get(i, ()):
            model.Add(x[i][g] == 0)
        if p.pinned[i]:
            model.Add(x[i][p.current[i]] == 1)
    for g in range(G):
        model.AddLinearConstraint(sum(x[i][g] for i in range(N)), p.lo, p.hi)
    for report, manager in p.manager_pairs:
        for g in range(G):
            model.AddBoolOr([x[report][g].Not(), x[manager][g].Not()])
    holders = defaultdict(list)
    for i, pair in enumerate(p.values):
        for v in pair:
            holders[v].append(i)
    squares = _squares(
        model, [sum(x[i][g] for i in holders[v]) for g in range(G) for v in holders], p.hi
    )
    S = sum(squares)
    model.Add(p.S_min() <= S)
    if fixed_counts is not None:
        _kinds, type_of = _types(p)
        members_of = defaultdict(list)
        for i, t in enumerate(type_of):
            members_of[t].append(i)
        for t, indices in members_of.items():
            for g in range(G):
                model.Add(sum(x[i][g] for i in indices) == fixed_counts[(t, g)])
    start = hint
    if S_limit is None and fixed_counts is None:
        model.Minimize(S)
    elif S_limit is None:
        pass  # the counts are fixed, so is S: any seating that keeps every rule will do
    else:
        model.Add(S_limit >= S)
        model.Minimize(sum(x[i][p.current[i]].Not() for i in range(N) if p.current[i] is not None))
    for i in range(N):
        for g in range(G):
            model.AddHint(x[i][g], start[i] == g)
    solver = cp_model.CpSolver()
    _parameters(solver, time_limit, seed)
    callback = _StopAtBound(p.S_min()) if S_limit is None and fixed_counts is None else None
    status = solver.Solve(model, callback) if callback else solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if S_limit is not None or fixed_counts is not None:
            return None, False
        raise CompositionError(
            [
                "Ingen sammensætning opfylder alle krav (størrelser, nærmeste leder, værter og fastlåste ledere) inden for tidsgrænsen."
            ]
        )
    result = [next(g for g in range(G) if solver.Value(x[i][g])) for i in range(N)]
    return result, status == cp_model.OPTIMAL


def _types(p: Problem) -> tuple[list[tuple[int, int]], list[int]]:
    kinds: dict[tuple[int, int], int] = {}
    of = [kinds.setdefault(tuple(pair), len(kinds)) for pair in p.values]
    return list(kinds), of


def _solve_types(
    p: Problem,
    *,
    time_limit: float,
    seed: int,
    S_limit: int | None = None,
    hint: list[int] | None = None,
):
    kinds, type_of = _types(p)
    if S_limit is not None:
        return _rebalance_types(
            p, kinds, type_of, time_limit=time_limit, seed=seed, S_limit=S_limit
        )
    start = (
        Counter((type_of[i], g) for i, g in enumerate(hint))
        if hint
        else _even_counts(p, kinds, type_of)
    )
    # A fast local search first; CP-SAT, warm-started from it, improves or proves what is left.
    searched = _local_search(
        p, kinds, type_of, start, seconds=time_limit / 4, seed=seed, S_limit=None
    )
    if _S_of_counts(p, kinds, searched) == p.S_min():
        return _seat(p, type_of, searched), True
    # Most municipalities can reach the bound: try that as a plain feasibility problem.
    places = _type_model(
        p, kinds, type_of, searched, time_limit=time_limit / 4, seed=seed, exact=True
    )
    if places is not None:
        return _seat(p, type_of, places), True
    places = _type_model(p, kinds, type_of, searched, time_limit=time_limit / 3, seed=seed)
    return _seat(p, type_of, places or searched), False


def _rebalance_types(p: Problem, kinds, type_of, *, time_limit: float, seed: int, S_limit: int):
    """Fewest moves within the limit. Measured on the benchmark: for a municipality's size CP-SAT
    does best started from where everyone sits now; for thousands it needs the local search's
    answer as its start."""
    current = _current_counts(p, kinds, type_of)
    kwargs = {"seed": seed, "S_limit": S_limit}
    if len(p.members) * p.G <= INDIVIDUAL_LIMIT:
        places = _type_model(p, kinds, type_of, current, time_limit=time_limit * 0.8, **kwargs)
        if places is not None:
            return _seat(p, type_of, places), False
    searched = _local_search(p, kinds, type_of, current, seconds=time_limit * 0.4, **kwargs)
    places = _type_model(p, kinds, type_of, searched, time_limit=time_limit * 0.4, **kwargs)
    return _seat(p, type_of, places or searched), False


def _S_of_counts(p: Problem, kinds, counts: Counter) -> int:
    per_value = Counter()
    for (t, g), n in counts.items():
        for v in kinds[t]:
            per_value[(g, v)] += n
    return sum(n * n for n in per_value.values())


def _current_counts(p: Problem, kinds, type_of) -> Counter:
    """Where everyone sits now, with each newcomer added to the smallest group."""
    counts = Counter(
        (type_of[i], p.current[i]) for i in range(len(p.members)) if p.current[i] is not None
    )
    size = Counter()
    for (_t, g), n in counts.items():
        size[g] += n
    for i in range(len(p.members)):
        if p.current[i] is None:
            g = min(range(p.G), key=lambda g: (size[g], g))
            counts[(type_of[i], g)] += 1
            size[g] += 1
    return counts


def _even_counts(p: Problem, kinds, type_of) -> Counter:
    """Each type spread evenly, its extra leaders dealt round the groups so sizes differ by ≤ 1."""
    n_t = Counter(type_of)
    counts: Counter = Counter()
    offset = 0
    for t in range(len(kinds)):
        q, r = divmod(n_t[t], p.G)
        for g in range(p.G):
            counts[(t, g)] = q
        for k in range(r):
            counts[(t, (offset + k) % p.G)] += 1
        offset += r
    return counts


def _local_search(
    p: Problem, kinds, type_of, start: Counter, *, seconds: float, seed: int, S_limit: int | None
) -> Counter:
    """Simulated annealing on the counts per type and group, each move's change in O(1).

    Moves one leader of a type to another group, or swaps two leaders of different types between
    two groups. Rebalancing adds the leaders moved out of their current group, with S above the
    limit weighed far heavier.
    """
    import random

    rng = random.Random(seed)
    T, G = len(kinds), p.G
    n_t = Counter(type_of)
    y = [[start[(t, g)] for g in range(G)] for t in range(T)]
    count = defaultdict(int)
    size = [0] * G
    for t in range(T):
        for g in range(G):
            size[g] += y[t][g]
            for v in kinds[t]:
                count[(g, v)] += y[t][g]
    cap = {(t, g): n_t[t] for t in range(T) for g in range(G)}
    for i, hosted in p.forbidden.items():
        for g in hosted:
            cap[(type_of[i], g)] -= 1
    floor = Counter((type_of[i], p.current[i]) for i in range(len(p.members)) if p.pinned[i])
    current = Counter(
        (type_of[i], p.current[i]) for i in range(len(p.members)) if p.current[i] is not None
    )
    S = sum(c * c for c in count.values())
    moved = sum(max(0, current[(t, g)] - y[t][g]) for t in range(T) for g in range(G))
    heavy = 1000

    def score(S: int, moved: int) -> float:
        if S_limit is None:
            return S
        return heavy * max(0, S - S_limit) + moved

    def shift(t: int, g: int, h: int, sign: int) -> tuple[int, int]:
        """The change in S and in moved if `sign` leaders of type t go from g to h."""
        dS = 0
        for v in kinds[t]:
            a, b = count[(g, v)], count[(h, v)]
            dS += (a - sign) ** 2 - a * a + (b + sign) ** 2 - b * b
        dm = (max(0, current[(t, g)] - (y[t][g] - sign)) - max(0, current[(t, g)] - y[t][g])) + (
            max(0, current[(t, h)] - (y[t][h] + sign)) - max(0, current[(t, h)] - y[t][h])
        )
        return dS, dm

    def apply(t: int, g: int, h: int) -> None:
        y[t][g] -= 1
        y[t][h] += 1
        size[g] -= 1
        size[h] += 1
        for v in kinds[t]:
            count[(g, v)] -= 1
            count[(h, v)] += 1

    best = [row[:] for row in y]
    best_score = current_score = score(S, moved)
    # A step budget, not a clock, so the same input and seed give the same result on any machine;
    # the clock only guards against a machine far slower than this one.
    budget = int(seconds * SEARCH_STEPS_PER_SECOND)
    deadline = time.perf_counter() + 3 * seconds
    temperature, steps = 2.0, 0
    while True:
        steps += 1
        if steps % 2000 == 0:
            if steps >= budget or time.perf_counter() > deadline:
                break
            temperature = max(0.05, temperature * 0.97)
        t, g, h = rng.randrange(T), rng.randrange(G), rng.randrange(G)
        if g == h or y[t][g] <= floor[(t, g)] or y[t][h] >= cap[(t, h)]:
            continue
        dS, dm = shift(t, g, h, 1)
        if size[g] > p.lo and size[h] < p.hi and rng.random() < 0.3:
            u = None
        else:
            u = rng.randrange(T)
            if u == t or y[u][h] <= floor[(u, h)] or y[u][g] >= cap[(u, g)]:
                continue
            apply(t, g, h)
            dS2, dm2 = shift(u, h, g, 1)
            apply(t, h, g)
            dS, dm = dS + dS2, dm + dm2
        new_score = score(S + dS, moved + dm)
        delta = new_score - current_score
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            apply(t, g, h)
            if u is not None:
                apply(u, h, g)
            S, moved, current_score = S + dS, moved + dm, new_score
            if current_score < best_score:
                best_score, best = current_score, [row[:] for row in y]
                if S_limit is None and p.S_min() == S:
                    break
    return Counter({(t, g): best[t][g] for t in range(T) for g in range(G)})


def _type_model(p, kinds, type_of, start: Counter, *, time_limit, seed, S_limit=None, exact=False):
    T, G = len(kinds), p.G
    n_t = Counter(type_of)
    model = cp_model.CpModel()
    y = [[model.NewIntVar(0, min(n_t[t], p.hi), "") for _ in range(G)] for t in range(T)]
    for t in range(T):
        model.Add(sum(y[t]) == n_t[t])
    # Leaders whose manager hosts g cannot sit there: enough others of their type must fill g.
    # Each leader is kept out of at most one group, so this is all a seating needs (Hall).
    kept_out = Counter((type_of[i], g) for i, hosted in p.forbidden.items() for g in hosted)
    for (t, g), count in kept_out.items():
        model.Add(y[t][g] <= n_t[t] - count)
    for g in range(G):
        model.AddLinearConstraint(sum(y[t][g] for t in range(T)), p.lo, p.hi)
    pinned = Counter((type_of[i], p.current[i]) for i in range(len(p.members)) if p.pinned[i])
    for (t, g), count in pinned.items():
        model.Add(y[t][g] >= count)
    by_value = defaultdict(list)
    for t, pair in enumerate(kinds):
        for v in pair:
            by_value[v].append(t)
    counts = {(g, v): sum(y[t][g] for t in by_value[v]) for g in range(G) for v in by_value}
    if exact:
        for (_g, v), count in counts.items():
            q, r = divmod(p.value_counts[v], G)
            model.AddLinearConstraint(count, q, q + (1 if r else 0))
    else:
        S = sum(_squares(model, list(counts.values()), p.hi))
        model.Add(p.S_min() <= S)
        if S_limit is None:
            model.Minimize(S)
        else:
            model.Add(S_limit >= S)
            current = Counter(
                (type_of[i], p.current[i])
                for i in range(len(p.members))
                if p.current[i] is not None
            )
            moved = []
            for (t, g), count in current.items():
                out = model.NewIntVar(0, count, "")
                model.Add(out >= count - y[t][g])
                moved.append(out)
            model.Minimize(sum(moved))
    for t in range(T):
        for g in range(G):
            model.AddHint(y[t][g], start[(t, g)])
    solver = cp_model.CpSolver()
    _parameters(solver, time_limit, seed)
    callback = _StopAtBound(p.S_min()) if not exact and S_limit is None else None
    status = solver.Solve(model, callback) if callback else solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {(t, g): solver.Value(y[t][g]) for t in range(T) for g in range(G)}


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
