"""HR's figures for leader development: how far introductions have come, the rate of held
development talks per department, and education in aggregate. No answers, goals or texts."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from nyborg_ledelse.organisation.models import Leader, Role

from .models import Agreement, Education, Programme, Progress, Status, Talk

# A department with fewer leaders than this shows no rate: with one or two leaders a rate is a
# statement about a named person.
MIN_LEADERS_FOR_A_RATE = 3


@dataclass(frozen=True)
class IntroductionRow:
    leader: Leader
    start_date: datetime.date
    progress: Progress


def introductions(today: datetime.date | None = None) -> list[IntroductionRow]:
    """Per new leader only the progress: items done of all, and whether any item is overdue."""
    today = today or timezone.localdate()
    programmes = Programme.objects.select_related("leader__department").prefetch_related("items")
    return [IntroductionRow(p.leader, p.start_date, p.progress(today)) for p in programmes]


@dataclass(frozen=True)
class RateRow:
    department: str
    leaders: int
    held: int | None  # None: too few leaders to show

    @property
    def percent(self) -> int | None:
        if self.held is None or not self.leaders:
            return None
        return round(100 * self.held / self.leaders)


def talk_rates(year: int) -> list[RateRow]:
    """Whether this year's development talk took place, as a rate per department."""
    leaders = Leader.objects.active().filter(role=Role.LEADER, has_staff_responsibility=True)
    per_department = Counter(leaders.values_list("department__name", flat=True))
    held = Counter(
        Talk.objects.held()
        .filter(year=year, leader__in=leaders)
        .values_list("leader__department__name", flat=True)
    )
    rows = []
    for name, count in sorted(per_department.items(), key=lambda kv: kv[0] or ""):
        rows.append(
            RateRow(
                department=name or "—",
                leaders=count,
                held=held[name] if count >= MIN_LEADERS_FOR_A_RATE else None,
            )
        )
    return rows


@dataclass(frozen=True)
class EducationFigures:
    current: list[tuple[str, int]]  # education label, leaders on it now
    ects_per_year: list[tuple[int, Decimal]]


def education_figures() -> EducationFigures:
    on_now: dict[str, set[int]] = defaultdict(set)
    for education, leader_id in Agreement.objects.current().values_list("education", "leader_id"):
        on_now[education].add(leader_id)
    completed = (
        Agreement.objects.filter(status=Status.COMPLETED, completed_on__isnull=False)
        .values_list("completed_on__year")
        .annotate(ects=Sum("ects"))
        .order_by("completed_on__year")
    )
    return EducationFigures(
        current=[(choice.label, len(on_now[choice.value])) for choice in Education],
        ects_per_year=[(year, ects) for year, ects in completed],
    )
