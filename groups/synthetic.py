"""Seeded synthetic municipalities for the composer's benchmark and tests."""

import random

from .composer import HOST, MEMBER, Person

# Unequal departments, one as large as Børn og Unge usually is.
DEPARTMENT_SHARES = [
    ("Børn og Unge", 0.31),
    ("Ældre og Sundhed", 0.21),
    ("Teknik og Miljø", 0.12),
    ("Job og Arbejdsmarked", 0.11),
    ("Handicap og Psykiatri", 0.09),
    ("Kultur og Fritid", 0.08),
    ("Økonomi og HR", 0.08),
]
LEVEL_SHARES = [("3", 0.35), ("4", 0.45), ("5", 0.20)]


def synthetic_municipality(leaders: int, *, seed: int = 0, group_size: int = 11) -> list[Person]:
    """Hosts (one per group of about 11) and a manager tree of leaders under them."""
    rng = random.Random(seed)
    hosts_count = max(1, round(leaders / group_size))
    hosts = [Person(id=f"h{k}", role=HOST) for k in range(hosts_count)]
    people = list(hosts)
    by_level: dict[str, list[Person]] = {}
    for number in range(leaders):
        department = _pick(rng, DEPARTMENT_SHARES)
        level = _pick(rng, LEVEL_SHARES)
        if level == "3":
            manager = rng.choice(hosts).id
        else:
            above = str(int(level) - 1)
            candidates = [p for p in by_level.get(above, []) if p.department == department]
            manager = rng.choice(candidates).id if candidates else rng.choice(hosts).id
        person = Person(
            id=f"l{number}", role=MEMBER, department=department, level=level, manager_id=manager
        )
        by_level.setdefault(level, []).append(person)
        people.append(person)
    return people


def _pick(rng: random.Random, shares: list[tuple[str, float]]) -> str:
    value, roll = shares[-1][0], rng.random()
    for name, share in shares:
        if roll < share:
            return name
        roll -= share
    return value
