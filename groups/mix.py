"""Each group's mix of departments and levels, against what an even spread would give."""

import math
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class MixCell:
    count: int
    ideal: float

    @property
    def balance(self) -> str:
        """even, when the count is as close to the ideal as whole leaders allow."""
        if self.count < math.floor(self.ideal + 1e-9):
            return "under"
        if self.count > math.ceil(self.ideal - 1e-9):
            return "over"
        return "even"


@dataclass(frozen=True)
class MixRow:
    label: str
    size: int  # members only: the host is not one of the 10–12
    departments: list[MixCell]
    levels: list[MixCell]
    host: str = ""


@dataclass(frozen=True)
class Mix:
    departments: list[str]
    levels: list[str]
    rows: list[MixRow]
    D: float
    has_hosts: bool = False

    def row(self, label: str) -> MixRow | None:
        return next((row for row in self.rows if row.label == label), None)


def mix_of(
    seats: dict[int, str],
    leaders: dict[int, object],
    labels: list[str],
    *,
    columns: tuple[list[str], list[str]] | None = None,
    hosts: dict[str, str] | None = None,
) -> Mix:
    """The mix of the given seating (leader id → group label) over the given groups.

    D is the composer's objective: Σ over groups and values of (count − n_v / G)². `columns`
    fixes the departments and levels shown (so two mixes can be compared column by column);
    `hosts` (label → name) adds each group's host beside, not inside, the counts.
    """
    seated = {pk: label for pk, label in seats.items() if label in labels and pk in leaders}
    department = {pk: _department(leaders[pk]) for pk in seated}
    level = {pk: _level(leaders[pk]) for pk in seated}
    department_totals = Counter(department.values())
    level_totals = Counter(level.values())
    if columns is None:
        departments = [name for name, _n in department_totals.most_common()]
        levels = sorted(level_totals)
    else:
        departments, levels = columns
    G = len(labels) or 1
    by_group = {label: Counter() for label in labels}
    for pk, label in seated.items():
        by_group[label].update([("d", department[pk]), ("l", level[pk])])
    rows, D = [], 0.0
    for label in labels:
        counts = by_group[label]
        row = MixRow(
            label=label,
            size=sum(1 for g in seated.values() if g == label),
            departments=[MixCell(counts[("d", d)], department_totals[d] / G) for d in departments],
            levels=[MixCell(counts[("l", v)], level_totals[v] / G) for v in levels],
            host=(hosts or {}).get(label, ""),
        )
        D += sum((cell.count - cell.ideal) ** 2 for cell in [*row.departments, *row.levels])
        rows.append(row)
    return Mix(departments=departments, levels=levels, rows=rows, D=D, has_hosts=bool(hosts))


def mixes_of(
    before: dict[int, str],
    after: dict[int, str],
    leaders: dict[int, object],
    labels: list[str],
    *,
    hosts: dict[str, str] | None = None,
) -> tuple[Mix, Mix]:
    """The mix before and after a change, in the same departments and levels: those of before,
    then any only newcomers bring."""
    first = mix_of(before, leaders, labels)
    second = mix_of(after, leaders, labels)
    departments = first.departments + [d for d in second.departments if d not in first.departments]
    levels = first.levels + [v for v in second.levels if v not in first.levels]
    columns = (departments, levels)
    return (
        mix_of(before, leaders, labels, columns=columns, hosts=hosts),
        mix_of(after, leaders, labels, columns=columns, hosts=hosts),
    )


def _department(leader) -> str:
    return str(leader.department or "–")


def _level(leader) -> str:
    return str(leader.level or "–")
