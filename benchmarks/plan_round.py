"""How long the round planner takes, and how even its plans are.

    python benchmarks/plan_round.py

Plans seeded rounds: Nyborg's size (11 groups, 3 days, 5 rooms), a large municipality (100 groups,
5 days, 25 rooms, some hosts with two groups) and an infeasible one (more groups than places).
Prints one JSON line per case: groups placed, groups per day, problems found, seconds.
"""

import datetime
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetings.planner import PlanGroup, PlanRoom, plan_round

MONDAY = datetime.date(2027, 3, 1)


def case(name: str, groups: int, days: int, rooms: int, *, shared_hosts: int = 0, seed: int = 1):
    rng = random.Random(seed)
    hosts = list(range(groups - shared_hosts)) + [
        rng.randrange(groups - shared_hosts) for _ in range(shared_hosts)
    ]
    plan_groups = [
        PlanGroup(
            id=g,
            label=f"Gruppe {g + 1}",
            host_id=hosts[g],
            host_name=f"Vært {hosts[g]}",
            seats_needed=rng.choice([11, 12, 13]),
        )
        for g in range(groups)
    ]
    plan_rooms = [
        PlanRoom(id=100 + r, label=f"Lokale {r}", seats=rng.choice([12, 13, 14, 16, 20, 30]))
        for r in range(rooms)
    ]
    day_list = [MONDAY + datetime.timedelta(days=d) for d in range(days)]
    started = time.perf_counter()
    plan = plan_round(plan_groups, day_list, plan_rooms)
    seconds = time.perf_counter() - started
    per_day = Counter(day for day, _room in plan.placements.values())
    print(
        json.dumps(
            {
                "case": name,
                "groups": groups,
                "placed": len(plan.placements),
                "per_day": [per_day[d] for d in day_list],
                "problems": len(plan.problems),
                "seconds": round(seconds, 3),
            },
            ensure_ascii=False,
        )
    )


case("nyborg", 11, 3, 5)
case("large", 100, 5, 25, shared_hosts=10)
case("infeasible", 20, 3, 5)
