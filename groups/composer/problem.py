"""The composer's input, checked, in the indices the solvers work with."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from nyborg_ledelse.isolation import SolverMessage

MEMBER, HOST = "member", "host"


@dataclass(frozen=True)
class Person:
    id: str
    role: str
    department: str = ""
    level: str = ""
    manager_id: str = ""
    current_group: str = ""
    pinned: bool = False


class CompositionError(ValueError):
    """The input cannot be composed; each message says what and why (translated when shown:
    the composer may run in a process of its own without Django's translations)."""

    def __init__(self, messages: list):
        super().__init__(messages)
        self.messages = messages

    def __str__(self) -> str:
        return "\n".join(str(message) for message in self.messages)

    def __reduce__(self):
        # Survives the trip back from compose_isolated's process.
        return (type(self), (self.messages,))


@dataclass
class Option:
    """One way to rebalance: who sits where, who moves, and how even the mix is."""

    key: str  # fewest_moves, between, within_tolerance, most_even
    assignment: dict[str, str]
    moves: list[tuple[str, str, str]]
    D: float
    recommended: bool = False  # the fewest moves within the tolerance
    violations: dict[str, int] = field(default_factory=dict)
    proven_optimal: bool = False

    def summary(self) -> dict:
        return {
            "key": self.key,
            "moves": len(self.moves),
            "D": round(self.D, 4),
            "recommended": self.recommended,
        }


@dataclass
class Composition:
    assignment: dict[str, str]
    D: float
    lower_bound: float
    gap: float
    moves: list[tuple[str, str, str]] = field(default_factory=list)
    violations: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    proven_optimal: bool = False
    # Whether the even spread of every value (the bound) is reachable: True when reached,
    # False when proven unreachable, None when neither could be shown within the budget.
    bound_reachable: bool | None = None
    # The least D any composition can have, when known (the bound, or a proven optimum).
    optimum: float | None = None
    proof: str = ""
    managers_outside: int = 0
    placed: int = 0  # leaders without a current group who get one
    stopped_by_clock: bool = False
    steps: int = 0
    # A rebalance's proposals from fewest moves to most even; the assignment above is the one
    # within the tolerance.
    options: list[Option] = field(default_factory=list)

    def summary(self) -> dict:
        figures = {
            "D": round(self.D, 4),
            "lower_bound": round(self.lower_bound, 4),
            "gap": round(self.gap, 6),
            "moves": len(self.moves),
            "violations": self.violations,
            "seconds": round(self.seconds, 2),
            "proven_optimal": self.proven_optimal,
            "bound_reachable": self.bound_reachable,
            "optimum": None if self.optimum is None else round(self.optimum, 4),
            "proof": self.proof,
            "managers_outside": self.managers_outside,
            "placed": self.placed,
            "stopped_by_clock": self.stopped_by_clock,
            "steps": self.steps,
        }
        if self.options:
            figures["options"] = [option.summary() for option in self.options]
        return figures


@dataclass
class Problem:
    members: list[Person]
    labels: list[str]  # group labels, index = group number in the model
    host_group: dict[str, int]  # host id → group index
    lo: int
    hi: int
    values: list[list[int]]  # per member: the indices of its department and level values
    value_counts: list[int]
    manager_pairs: list[tuple[int, int]]  # (report, manager), both members
    forbidden: dict[int, set[int]]  # member → groups hosted by their manager
    current: list[int | None]  # member → current group index, if continuing
    pinned: list[bool]
    managers_outside: int = 0  # distinct managers named in the file but not in it

    @property
    def manager_index(self) -> dict[int, int]:
        if not hasattr(self, "_manager_index"):
            self._manager_index = dict(self.manager_pairs)
        return self._manager_index

    @property
    def G(self) -> int:
        return len(self.labels)

    def S_min(self) -> int:
        total = 0
        for n in self.value_counts:
            q, r = divmod(n, self.G)
            total += r * (q + 1) ** 2 + (self.G - r) * q**2
        return total

    def K(self) -> float:
        return sum(n * n for n in self.value_counts) / self.G

    def S_of(self, groups: list[int]) -> int:
        counts = Counter((g, v) for i, g in enumerate(groups) for v in self.values[i])
        return sum(c * c for c in counts.values())


def prepare(people: list[Person], *, groups: int | None, min_size: int, max_size: int) -> Problem:
    errors: list[SolverMessage] = []
    ids = Counter(p.id for p in people)
    errors += [
        SolverMessage(
            gettext_noop("The id %(id)s appears %(count)d times."), (("id", pid), ("count", n))
        )
        for pid, n in ids.items()
        if n > 1
    ]
    by_id = {p.id: p for p in people}
    # A manager outside the file (a chef who hosts no group this year, a director, a leader
    # outside the Store Ledergruppe) has no seat to clash with: no rule for them, only a count.
    managers_outside = len(
        {p.manager_id for p in people if p.manager_id and p.manager_id not in by_id}
    )
    errors += [
        SolverMessage(
            gettext_noop("%(id)s has an unknown role '%(role)s' (use member or host)."),
            (("id", p.id), ("role", p.role)),
        )
        for p in people
        if p.role not in (MEMBER, HOST)
    ]
    errors += [
        SolverMessage(gettext_noop("%(id)s is pinned but has no current group."), (("id", p.id),))
        for p in people
        if p.pinned and not p.current_group
    ]
    errors += _cycles(people, by_id)
    hosts = [p for p in people if p.role == HOST]
    members = [p for p in people if p.role == MEMBER]
    if not hosts:
        errors.append(
            SolverMessage(
                gettext_noop("There are no hosts: every group needs a chef or director as host.")
            )
        )
    G = groups or len(hosts)
    if hosts and len(hosts) < G:
        errors.append(
            SolverMessage(
                gettext_noop(
                    "%(groups)d groups need %(groups)d hosts, but there are only %(hosts)d."
                ),
                (("groups", G), ("hosts", len(hosts))),
            )
        )
    if G < 1:
        errors.append(SolverMessage(gettext_noop("The number of groups must be at least 1.")))
    if min_size > max_size:
        errors.append(
            SolverMessage(
                gettext_noop(
                    "The smallest group size (%(low)d) is larger than the largest (%(high)d)."
                ),
                (("low", min_size), ("high", max_size)),
            )
        )
    if errors:
        raise CompositionError(errors)
    N = len(members)
    lo, hi = max(min_size, N // G), min(max_size, -(-N // G))
    if not G * min_size <= N <= G * max_size:
        raise CompositionError(
            [
                SolverMessage(
                    gettext_noop(
                        "%(leaders)d leaders cannot be shared among %(groups)d groups of "
                        "%(low)d–%(high)d (that takes between %(fewest)d and %(most)d leaders)."
                    ),
                    (
                        ("leaders", N),
                        ("groups", G),
                        ("low", min_size),
                        ("high", max_size),
                        ("fewest", G * min_size),
                        ("most", G * max_size),
                    ),
                )
            ]
        )

    # Hosts keep the group they host; the others take the labels still free.
    existing = []
    for host in hosts:
        if host.current_group and host.current_group not in existing:
            existing.append(host.current_group)
    labels = existing[:G]
    number = 1
    while len(labels) < G:
        if str(number) not in labels:
            labels.append(str(number))
        number += 1
    host_group: dict[str, int] = {}
    free = [g for g in range(G)]
    for host in hosts:
        if host.current_group in labels[:G] and labels.index(host.current_group) in free:
            host_group[host.id] = labels.index(host.current_group)
            free.remove(host_group[host.id])
    for host in hosts:
        if host.id not in host_group and free:
            host_group[host.id] = free.pop(0)

    value_index: dict[str, int] = {}
    values = []
    for m in members:
        values.append(
            [
                value_index.setdefault(f"d:{m.department}", len(value_index)),
                value_index.setdefault(f"l:{m.level}", len(value_index)),
            ]
        )
    value_counts = [0] * len(value_index)
    for pair in values:
        for v in pair:
            value_counts[v] += 1
    position = {m.id: i for i, m in enumerate(members)}
    manager_pairs = [
        (i, position[m.manager_id]) for i, m in enumerate(members) if m.manager_id in position
    ]
    forbidden: dict[int, set[int]] = defaultdict(set)
    for i, m in enumerate(members):
        if m.manager_id in host_group:
            forbidden[i].add(host_group[m.manager_id])
    # A group can only be filled by leaders whose manager does not host it.
    for host_id, g in host_group.items():
        others = sum(1 for i in range(len(members)) if g not in forbidden.get(i, ()))
        if others < lo:
            raise CompositionError(
                [
                    SolverMessage(
                        gettext_noop(
                            "The group of %(host)s cannot be filled: only %(others)d leaders do "
                            "not have %(host)s as their line manager, and the group needs at "
                            "least %(low)d."
                        ),
                        (("host", host_id), ("others", others), ("low", lo)),
                    )
                ]
            )
    current = [
        labels.index(m.current_group) if m.current_group in labels else None for m in members
    ]
    pinned = [m.pinned for m in members]
    for i, m in enumerate(members):
        if m.pinned and current[i] is None:
            raise CompositionError(
                [
                    SolverMessage(
                        gettext_noop("%(id)s is pinned to group %(group)s, which has no host."),
                        (("id", m.id), ("group", m.current_group)),
                    )
                ]
            )
    return Problem(
        members,
        labels,
        host_group,
        lo,
        hi,
        values,
        value_counts,
        manager_pairs,
        dict(forbidden),
        current,
        pinned,
        managers_outside,
    )


def _cycles(people: list[Person], by_id: dict[str, Person]) -> list[SolverMessage]:
    errors, done = [], set()
    for person in people:
        path, seen = [], set()
        current = person
        while current is not None and current.id not in done:
            if current.id in seen:
                cycle = path[path.index(current.id) :]
                errors.append(
                    SolverMessage(
                        gettext_noop("A ring of managers: %(ring)s."),
                        (("ring", " → ".join([*cycle, current.id])),),
                    )
                )
                break
            seen.add(current.id)
            path.append(current.id)
            current = by_id.get(current.manager_id)
        done.update(seen)
    return errors


def violations(p: Problem, groups: list[int]) -> dict[str, int]:
    sizes = Counter(groups)
    reports: dict[int, list[int]] = defaultdict(list)
    for report, boss in p.manager_pairs:
        reports[boss].append(report)
    return {
        "size": sum(1 for g in range(p.G) if not p.lo <= sizes[g] <= p.hi),
        "manager_same_group": sum(
            1 for report, boss in p.manager_pairs if groups[report] == groups[boss]
        ),
        "manager_hosts_group": sum(1 for i, hosted in p.forbidden.items() if groups[i] in hosted),
        "pinned": sum(1 for i in range(len(groups)) if p.pinned[i] and groups[i] != p.current[i]),
    }
