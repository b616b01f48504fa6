"""The group composer on seeded synthetic municipalities: fresh composition and rebalancing.

    python benchmarks/compose_groups.py [--sizes 130,1000,5000] [--seed 1]

For each N: a fresh composition (D, bound, gap, seconds, how the result is proven), then 10 %
churn (5 % leave, 5 % join, 2 % change department) and a rebalancing of the fresh assignment
(moves against the allowance joiners + leavers + 10 % of G, D against the tolerance of the
fresh optimum, and the proposals from fewest moves to most even). Every run is done twice, the
second time in a process of its own with another hash seed, and "deterministic" says whether
the two gave the same groups and figures. One JSON line per run, with the load average.
Default settings throughout: the work budget is fixed, the clock is only a safety cap.
"""

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groups.composer import MEMBER, compose
from groups.synthetic import DEPARTMENT_SHARES, synthetic_municipality

TOLERANCE = 0.05


def churn(people, assignment, *, seed: int):
    rng = random.Random(seed)
    members = [p for p in people if p.role == MEMBER]
    managers = {p.manager_id for p in people}
    # Leavers are leaders nobody reports to, so the manager tree stays whole.
    leavers = set(
        rng.sample([p.id for p in members if p.id not in managers], round(0.05 * len(members)))
    )
    movers = set(
        rng.sample(sorted(p.id for p in members if p.id not in leavers), round(0.02 * len(members)))
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


def digest(result) -> str:
    """The groups and every figure but the seconds, as one fingerprint."""
    figures = {k: v for k, v in result.summary().items() if k != "seconds"}
    options = [sorted(option.assignment.items()) for option in result.options]
    text = json.dumps([sorted(result.assignment.items()), figures, options], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def runs(size: int, seed: int):
    """The fresh composition and the rebalance after churn, as (record, result) pairs."""
    people = synthetic_municipality(size, seed=seed)
    fresh = compose(people, seed=seed)
    yield {"N": size, "run": "fresh"}, fresh
    after, leavers, joiners = churn(people, fresh.assignment, seed=seed)
    rebalanced = compose(after, seed=seed, tolerance=TOLERANCE)
    groups = len({g for g in fresh.assignment.values() if g})
    allowance = joiners + leavers + round(0.1 * groups)
    optimum = rebalanced.optimum if rebalanced.optimum is not None else rebalanced.lower_bound
    yield (
        {
            "N": size,
            "run": "rebalance after 10% churn",
            "leavers": leavers,
            "joiners": joiners,
            "moves_allowed": allowance,
            "within_allowance": len(rebalanced.moves) <= allowance,
            "fresh_optimum_D": round(optimum, 4),
            "within_tolerance": (1 + TOLERANCE) * optimum + 1e-9 >= rebalanced.D,
        },
        rebalanced,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="130,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--digests", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    if args.digests:  # the second run, in a process of its own
        for size in sizes:
            print(json.dumps([digest(result) for _record, result in runs(size, args.seed)]))
        return
    for size in sizes:
        first = list(runs(size, args.seed))
        env = {**os.environ, "PYTHONHASHSEED": str(args.seed + 12345)}
        second = subprocess.run(
            [sys.executable, __file__, "--sizes", str(size), "--seed", str(args.seed), "--digests"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        again = json.loads(second.stdout.strip().splitlines()[-1])
        for (record, result), other in zip(first, again, strict=True):
            summary = result.summary()
            line = {
                **record,
                "D": summary["D"],
                "bound": summary["lower_bound"],
                "gap": summary["gap"],
                "moves": summary["moves"],
                "seconds": summary["seconds"],
                "deterministic": digest(result) == other,
                "proven_optimal": summary["proven_optimal"],
                "bound_reachable": summary["bound_reachable"],
                "violations": sum(summary["violations"].values()),
                "stopped_by_clock": summary["stopped_by_clock"],
                "steps": summary["steps"],
                "load": round(os.getloadavg()[0], 2),
            }
            if result.options:
                line["options"] = [(o["moves"], o["D"]) for o in summary["options"]]
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
