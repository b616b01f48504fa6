"""Simulated annealing on leaders: the composer's main search.

The state is each leader's group. A step moves one leader to another group (when both sizes
allow it) or swaps two leaders of different groups; its change in S, in moves and in broken
manager rules is computed in O(1). The budget is a number of steps and the random numbers come
from the seed, so the same input and seed give the same result on any machine at any load; the
clock is only a safety cap, and the result says when the cap ended a run.
"""

import math
import random
import time
from dataclasses import dataclass

from .problem import Problem

# A broken manager rule weighs more than any gain in S a step can bring: the rules are hard, the
# search only starts from states that may break them.
CLASH_WEIGHT = 10_000
# A move out of one's current group is worth this many units of S when the fewest moves come
# first (the "fewest moves" proposal).
MOVE_FIRST = 1000


@dataclass
class Searched:
    groups: list[int]
    S: int
    moves: int
    clashes: int
    steps: int
    stopped_by_clock: bool


@dataclass(frozen=True)
class Goal:
    """What a search minimises: weight·max(0, S − S_limit) + per_move·moves + clashes.

    Fresh compositions minimise S (S_limit 0, per_move 0); a rebalance minimises moves with S
    held to a limit (a heavy weight above it).
    """

    S_limit: int = 0
    weight: int = 1
    per_move: int = 0
    # Stop as soon as S reaches this (the lower bound) with no broken rule: nothing is better.
    stop_at_S: int | None = None


def clashes_of(p: Problem, groups: list[int]) -> int:
    broken = sum(1 for report, boss in p.manager_pairs if groups[report] == groups[boss])
    return broken + sum(1 for i, hosted in p.forbidden.items() if groups[i] in hosted)


def S_of(p: Problem, groups: list[int]) -> int:
    return p.S_of(groups)


def moves_of(p: Problem, groups: list[int]) -> int:
    return sum(1 for i, g in enumerate(groups) if p.current[i] is not None and p.current[i] != g)


def anneal(
    p: Problem,
    start: list[int],
    goal: Goal,
    *,
    steps: int,
    seed: int,
    deadline: float,
    temperature: tuple[float, float] = (0.6, 0.05),
    stall: int | None = None,
    movable: list[int] | None = None,
) -> Searched:
    """Anneal from `start` (which keeps the size bounds) for at most `steps` steps.

    `stall` ends the search after that many steps without a better state: steps, not seconds,
    so the end is the same on any machine. `movable` limits who may change group (pinned
    leaders never do).
    """
    rng = random.Random(seed)
    rand = rng.random
    N, G, V = len(p.members), p.G, len(p.value_counts)
    lo, hi = p.lo, p.hi
    grp = list(start)
    va = [pair[0] for pair in p.values]
    vb = [pair[1] for pair in p.values]
    cnt = [0] * (G * V)
    size = [0] * G
    for i in range(N):
        g = grp[i]
        size[g] += 1
        cnt[g * V + va[i]] += 1
        cnt[g * V + vb[i]] += 1
    cur = [-1 if c is None else c for c in p.current]
    # Each leader's manager hosts at most one group: the one they must keep out of.
    forb = [-1] * N
    for i, hosted in p.forbidden.items():
        forb[i] = min(hosted)
    boss = [-1] * N
    reps: list[list[int]] = [[] for _ in range(N)]
    for report, manager in p.manager_pairs:
        boss[report] = manager
        reps[manager].append(report)
    free = [False] * N
    for i in range(N) if movable is None else movable:
        free[i] = not p.pinned[i]
    pool = [i for i in range(N) if free[i]]
    if len(pool) < 2 or G < 2:
        return Searched(grp, p.S_of(grp), moves_of(p, grp), clashes_of(p, grp), 0, False)
    npool = len(pool)
    # Who sits in each group, and who sits outside their current group: so a step can pick a
    # leader to bring home and someone in their home group to trade places with.
    inside: list[list[int]] = [[] for _ in range(G)]
    at = [0] * N
    for i in pool:
        at[i] = len(inside[grp[i]])
        inside[grp[i]].append(i)
    away: list[int] = []
    away_at = [-1] * N

    def mark(x: int) -> None:
        is_away = cur[x] >= 0 and grp[x] != cur[x]
        if is_away and away_at[x] < 0:
            away_at[x] = len(away)
            away.append(x)
        elif not is_away and away_at[x] >= 0:
            last = away.pop()
            if last != x:
                away[away_at[x]] = last
                away_at[last] = away_at[x]
            away_at[x] = -1

    def leave(x: int, g: int) -> None:
        members = inside[g]
        last = members.pop()
        if last != x:
            members[at[x]] = last
            at[last] = at[x]

    def enter(x: int, h: int) -> None:
        at[x] = len(inside[h])
        inside[h].append(x)

    for i in pool:
        mark(i)
    homecoming = 0.3 if any(c >= 0 for c in cur) else 0.0

    def local(x: int) -> int:
        gx = grp[x]
        c = 1 if forb[x] == gx else 0
        b = boss[x]
        if b >= 0 and grp[b] == gx:
            c += 1
        for r in reps[x]:
            if grp[r] == gx:
                c += 1
        return c

    S = sum(c * c for c in cnt)
    moves = sum(1 for i in range(N) if cur[i] >= 0 and cur[i] != grp[i])
    clashes = clashes_of(p, grp)
    S_limit, weight, per_move = goal.S_limit, goal.weight, goal.per_move

    def score_of(S: int, moves: int, clashes: int) -> int:
        return weight * max(0, S - S_limit) + per_move * moves + CLASH_WEIGHT * clashes

    score = score_of(S, moves, clashes)
    # The best state is copied only when the search is about to leave it: copying thousands of
    # seats at every improvement would cost more than the search.
    best, best_score, best_at, saved = list(grp), score, 0, True
    hot, cold = temperature
    T = hot
    cooling = (cold / hot) ** (1024 / max(steps, 1024))
    step, stopped_by_clock = 0, False
    stop_at = goal.stop_at_S
    while step < steps:
        step += 1
        if step & 1023 == 0:
            T *= cooling
            if stall is not None and step - best_at > stall:
                break
            if time.perf_counter() > deadline:
                stopped_by_clock = True
                break
        roll = rand()
        if roll < homecoming and away:
            i = away[int(rand() * len(away))]
            g, h = grp[i], cur[i]
            if size[g] > lo and size[h] < hi and roll < homecoming / 2:
                j = -1
            else:
                there = inside[h]
                if not there:
                    continue
                j = there[int(rand() * len(there))]
        else:
            i = pool[int(rand() * npool)]
            g = grp[i]
            if roll < homecoming + 0.3:
                h = int(rand() * G)
                if h == g or size[g] <= lo or size[h] >= hi:
                    continue
                j = -1
            else:
                j = pool[int(rand() * npool)]
                h = grp[j]
                if h == g:
                    continue
        a, b = va[i], vb[i]
        gV, hV = g * V, h * V
        # Accept when the change in score is at most this (Metropolis, drawn before the change
        # is known so a step that cannot be accepted stops early).
        limit = -T * math.log(1.0 - rand())
        if j < 0:
            dS = 2 * (cnt[hV + a] - cnt[gV + a] + 1 + cnt[hV + b] - cnt[gV + b] + 1)
            dm = (h != cur[i]) - (g != cur[i]) if cur[i] >= 0 else 0
            excess = S + dS - S_limit
            delta = (
                weight * ((excess if excess > 0 else 0) - (S - S_limit if S_limit < S else 0))
                + per_move * dm
            )
            before = local(i)
            if delta - CLASH_WEIGHT * before > limit:
                continue
            grp[i] = h
            dc = local(i) - before
            delta += CLASH_WEIGHT * dc
            if delta > limit:
                grp[i] = g
                continue
            if delta > 0 and not saved:
                best, saved = list(grp), True
                best[i] = g
            size[g] -= 1
            size[h] += 1
            cnt[gV + a] -= 1
            cnt[hV + a] += 1
            cnt[gV + b] -= 1
            cnt[hV + b] += 1
            leave(i, g)
            enter(i, h)
            mark(i)
        else:
            c, d = va[j], vb[j]
            dS = 0
            if a != c:
                dS += 2 * (cnt[hV + a] - cnt[gV + a] + 1 + cnt[gV + c] - cnt[hV + c] + 1)
            if b != d:
                dS += 2 * (cnt[hV + b] - cnt[gV + b] + 1 + cnt[gV + d] - cnt[hV + d] + 1)
            dm = 0
            if cur[i] >= 0:
                dm += (h != cur[i]) - (g != cur[i])
            if cur[j] >= 0:
                dm += (g != cur[j]) - (h != cur[j])
            excess = S + dS - S_limit
            delta = (
                weight * ((excess if excess > 0 else 0) - (S - S_limit if S_limit < S else 0))
                + per_move * dm
            )
            before = local(i) + local(j)
            if delta - CLASH_WEIGHT * before > limit:
                continue
            grp[i], grp[j] = h, g
            dc = local(i) + local(j) - before
            delta += CLASH_WEIGHT * dc
            if delta > limit:
                grp[i], grp[j] = g, h
                continue
            if delta > 0 and not saved:
                best, saved = list(grp), True
                best[i], best[j] = g, h
            if a != c:
                cnt[gV + a] -= 1
                cnt[hV + a] += 1
                cnt[hV + c] -= 1
                cnt[gV + c] += 1
            if b != d:
                cnt[gV + b] -= 1
                cnt[hV + b] += 1
                cnt[hV + d] -= 1
                cnt[gV + d] += 1
            # i takes j's place in h's list and j takes i's in g's.
            inside[g][at[i]], inside[h][at[j]] = j, i
            at[i], at[j] = at[j], at[i]
            mark(i)
            mark(j)
        S, moves, clashes, score = S + dS, moves + dm, clashes + dc, score + delta
        if score < best_score:
            best_score, best_at, saved = score, step, False
            if stop_at is not None and stop_at >= S and clashes == 0 and per_move == 0:
                break
    if not saved:
        best = list(grp)
    # Moves of equal score may have changed the figures since: count them again.
    return Searched(
        best, p.S_of(best), moves_of(p, best), clashes_of(p, best), step, stopped_by_clock
    )


def deal(p: Problem) -> list[int]:
    """A first composition: leaders ordered by department and level, dealt round the groups.

    Each department is then spread evenly and the levels nearly so; sizes differ by at most one.
    """
    order = sorted(range(len(p.members)), key=lambda i: (p.values[i][0], p.values[i][1], i))
    groups = [0] * len(p.members)
    for k, i in enumerate(order):
        groups[i] = k % p.G
    return groups


def from_current(p: Problem) -> list[int]:
    """Everyone where they sit now; newcomers, and leaders a group must give up to keep the size
    bounds, go where they spread the mix best."""
    N, G, V = len(p.members), p.G, len(p.value_counts)
    groups: list[int | None] = list(p.current)
    size = [0] * G
    cnt = [0] * (G * V)

    def add(i: int, g: int, sign: int) -> None:
        size[g] += sign
        for v in p.values[i]:
            cnt[g * V + v] += sign

    for i, g in enumerate(groups):
        if g is not None:
            add(i, g, 1)
    for g in range(G):  # too big: the leaders most like the rest of the group leave it
        while size[g] > p.hi:
            seated = [i for i in range(N) if groups[i] == g and not p.pinned[i]]
            if not seated:
                break
            i = max(seated, key=lambda i: (sum(cnt[g * V + v] for v in p.values[i]), -i))
            add(i, g, -1)
            groups[i] = None

    def cost(i: int, g: int) -> int:
        return sum(2 * cnt[g * V + v] + 1 for v in p.values[i])

    for i in range(N):
        if groups[i] is not None:
            continue
        short = [g for g in range(G) if size[g] < p.lo]
        candidates = short or [g for g in range(G) if size[g] < p.hi]
        g = min(candidates, key=lambda g: (cost(i, g), g))
        groups[i] = g
        add(i, g, 1)
    for g in range(G):  # still too small: take from groups that can spare a leader
        while size[g] < p.lo:
            spare = [
                i for i in range(N) if size[groups[i]] > p.lo and not p.pinned[i] and groups[i] != g
            ]
            if not spare:
                break
            i = min(spare, key=lambda i: (cost(i, g), i))
            add(i, groups[i], -1)
            groups[i] = g
            add(i, g, 1)
    return groups
