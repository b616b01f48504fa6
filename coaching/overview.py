"""HR's overview of a year as charts: coaching per month and per department, the pool's use
against the expected courses, psychologist hours. Aggregates only: hours, money and courses,
never a name or a count of people. A fixed number of queries, whatever the size."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from meetings.room.disclosure import hidden_groups

from .charts import Chart, Reference, Series
from .funding import ZERO
from .models import (
    PHASES_USING_MONEY,
    Approval,
    Booking,
    Phase,
    Pool,
    PoolApplication,
    PsychologistBooking,
    Tier,
    current_year,
)
from .reports import allocated

# Seed 001: the pool is expected to fund 4–6 larger courses a year.
EXPECTED_COURSES = (4, 6)
TIER_CSS = {
    Tier.ANONYMOUS: "chart-anonymous",
    Tier.APPROVED: "chart-approved",
    Tier.OWN_BUDGET: "chart-own",
}
MONTHS = range(1, 13)


def month_names() -> list[str]:
    return [str(MONTHS_3[m]).capitalize() for m in MONTHS]


def years_with_data() -> list[int]:
    """The years the selector offers: every year something was booked, applied for or set."""
    years = {current_year()}
    years.update(d.year for d in Booking.objects.dates("day", "year"))
    years.update(d.year for d in PsychologistBooking.objects.dates("day", "year"))
    years.update(Pool.objects.values_list("year", flat=True))
    years.update(PoolApplication.objects.values_list("year", flat=True).distinct())
    years.update(Approval.objects.values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def _tier_series(by_key: dict, keys: list) -> list[Series]:
    return [
        Series(str(tier.hr_label), TIER_CSS[tier], [by_key[key][tier] for key in keys])
        for tier in Tier
    ]


def coaching_charts(year: int) -> list[Chart]:
    """Hours and money per month and per department, each split by funding tier."""
    hours_by_month = defaultdict(lambda: dict.fromkeys(Tier, ZERO))
    money_by_month = defaultdict(lambda: dict.fromkeys(Tier, ZERO))
    hours_by_department = defaultdict(lambda: dict.fromkeys(Tier, ZERO))
    money_by_department = defaultdict(lambda: dict.fromkeys(Tier, ZERO))
    people_by_department = defaultdict(set)
    unknown = _("Not known (name removed or no department)")
    for booking, split in allocated(year):
        department = (
            booking.leader.department.name
            if booking.leader and booking.leader.department
            else unknown
        )
        people_by_department[department].add(booking.leader_id or booking.person_key)
        for tier, part in (
            (Tier.ANONYMOUS, split.anonymous),
            (Tier.APPROVED, split.approved),
            (Tier.OWN_BUDGET, split.own),
        ):
            money = (part * booking.coach.hourly_rate).quantize(Decimal("0.01"))
            hours_by_month[booking.day.month][tier] += part
            money_by_month[booking.day.month][tier] += money
            hours_by_department[department][tier] += part
            money_by_department[department][tier] += money
    others = _merge_small_departments(
        people_by_department, hours_by_department, money_by_department
    )
    departments = sorted(hours_by_department, key=lambda name: (name in (unknown, others), name))
    hours, money = _("hours"), _("DKK")
    month, department = _("Month"), _("Department")
    return [
        Chart(
            "hours-month",
            _("Coaching hours per month"),
            hours,
            month_names(),
            _tier_series(hours_by_month, list(MONTHS)),
            category_heading=month,
        ),
        Chart(
            "money-month",
            _("Coaching costs per month"),
            money,
            month_names(),
            _tier_series(money_by_month, list(MONTHS)),
            decimals=0,
            category_heading=month,
        ),
        Chart(
            "hours-department",
            _("Coaching hours per department"),
            hours,
            departments,
            _tier_series(hours_by_department, departments),
            horizontal=True,
            category_heading=department,
        ),
        Chart(
            "money-department",
            _("Coaching costs per department"),
            money,
            departments,
            _tier_series(money_by_department, departments),
            decimals=0,
            horizontal=True,
            category_heading=department,
        ),
    ]


def _merge_small_departments(people: dict, *figures: dict) -> str:
    """The disclosure rule on the number of coached leaders per department: a department with
    too few is shown only together with others, in one bar no single department can be read from.
    """
    others = _("Other departments together (too few leaders to show each)")
    hidden, total_hidden = hidden_groups({name: len(who) for name, who in people.items()})
    if total_hidden:
        hidden = set(people)
    if hidden:
        for by_department in figures:
            merged = dict.fromkeys(Tier, ZERO)
            for name in hidden:
                for tier, value in by_department.pop(name).items():
                    merged[tier] += value
            by_department[others] = merged
    return others


def pool_charts(year: int, pool_amount: Decimal) -> list[Chart]:
    """The pool's use through the year: granted courses and their share, month by month."""
    granted = PoolApplication.objects.filter(year=year, phase__in=PHASES_USING_MONEY).annotate(
        granted_at=Min("events__at", filter=Q(events__phase=Phase.GRANTED))
    )
    courses = dict.fromkeys(MONTHS, 0)
    shares = dict.fromkeys(MONTHS, ZERO)
    for application in granted.only("year", "share_pool", "created_at"):
        when = timezone.localtime(application.granted_at or application.created_at)
        # A course of this year granted the December before counts from January.
        month = when.month if when.year == year else (1 if when.year < year else 12)
        courses[month] += 1
        shares[month] += application.share_pool or ZERO
    running_courses, running_shares = [], []
    count, amount = 0, ZERO
    for m in MONTHS:
        count += courses[m]
        amount += shares[m]
        running_courses.append(Decimal(count))
        running_shares.append(amount)
    low, high = EXPECTED_COURSES
    month = _("Month")
    return [
        Chart(
            "pool-courses",
            _("Courses granted from the pool so far this year"),
            _("courses"),
            month_names(),
            [Series(_("Courses granted so far"), "chart-pool", running_courses)],
            decimals=0,
            references=[
                Reference(_("expected at least"), Decimal(low)),
                Reference(_("expected at most"), Decimal(high)),
            ],
            category_heading=month,
            cumulative=True,
        ),
        Chart(
            "pool-money",
            _("The pool's share granted so far this year"),
            _("DKK"),
            month_names(),
            [Series(_("Granted from the pool so far"), "chart-pool", running_shares)],
            decimals=0,
            references=[Reference(_("the pool"), pool_amount)] if pool_amount else [],
            category_heading=month,
            cumulative=True,
        ),
    ]


def psychologist_chart(year: int) -> Chart:
    hours = dict.fromkeys(MONTHS, ZERO)
    for day, booked in PsychologistBooking.objects.filter(
        day__year=year, cancelled_at__isnull=True
    ).values_list("day", "hours"):
        hours[day.month] += booked
    return Chart(
        "psychologist-month",
        _("Psychologist hours per month"),
        _("hours"),
        month_names(),
        [Series(_("Psychologist hours"), "chart-psychologist", [hours[m] for m in MONTHS])],
        category_heading=_("Month"),
    )
