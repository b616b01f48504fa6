"""The group composer on seeded synthetic municipalities: fresh composition and rebalancing.

    python benchmarks/compose_groups.py [--sizes 130,1000,5000] [--seed 1]

For each N: a fresh composition (D, bound, gap, seconds, hard-constraint violations), then 10 %
churn (5 % leave, 5 % join, 2 % change department) and a rebalancing of the previous assignment
(moves against the allowance joiners + leavers + 10 % of G). One JSON line per run.
Time limits follow the targets: 5 s for 130, 30 s for 1,000, 120 s for 5,000.
"""

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groups.composer import MEMBER, compose
from groups.synthetic import DEPARTMENT_SHARES, synthetic_municipality

TIME_LIMITS = {130: 5, 1000: 30, 5000: 120}


def churn(people, assignment, *, seed: int):
    rng = random.Random(seed)
    members = [p for p in people if p.role == MEMBER]
    managers = {p.manager_id for p in people}
    # Leavers are leaders nobody reports to, so the manager tree stays whole.
    leavers = set(
        rng.sample([p.id for p in members if p.id not in managers], round(0.05 * len(members)))
    )
    movers = set(
        rng.sample([p.id for p in members if p.id not in leavers], round(0.02 * len(members)))
    )
    after = []
    for person in people:
        if person.id in leavers:
            continue
        department = person.department
        if person.id in movers:
            department = rng.choice([d for d, _share in DEPARTMENT_SHARES if d != department])
        after.append(replace(person, department=department, current_group=assignment[person.id]))
    joiners = round(0.05 * len(members))
    template = [p for p in after if p.role == MEMBER]
    for number in range(joiners):
        like = rng.choice(template)
        after.append(replace(like, id=f"new{number}", current_group="", pinned=False))
    return after, len(leavers), joiners


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="130,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for size in [int(n) for n in args.sizes.split(",")]:
        limit = TIME_LIMITS.get(size, 60)
        people = synthetic_municipality(size, seed=args.seed)
        fresh = compose(people, time_limit=limit, seed=args.seed)
        print(
            json.dumps({"N": size, "run": "fresh", "time_limit": limit, **fresh.summary()}),
            flush=True,
        )
        after, leavers, joiners = churn(people, fresh.assignment, seed=args.seed)
        rebalanced = compose(after, time_limit=limit, seed=args.seed)
        groups = len({g for g in fresh.assignment.values() if g})
        allowance = joiners + leavers + round(0.1 * groups)
        print(
            json.dumps(
                {
                    "N": size,
                    "run": "rebalance after 10% churn",
                    "time_limit": limit,
                    **rebalanced.summary(),
                    "leavers": leavers,
                    "joiners": joiners,
                    "moves_allowed": allowance,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
