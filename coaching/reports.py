"""HR's figures: coaching hours and money per funding tier, in aggregate only (no names)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import pgettext

from .funding import ZERO, YearBooking, allocate_year
from .models import Approval, Booking, Decision, PsychologistBooking, Tier


@dataclass
class TierTotal:
    tier: Tier
    hours: Decimal
    amount: Decimal


def allocated(year: int):
    """Every active booking of the year with its funding split: the same rule as year_funding,
    worked out in memory for all leaders at once."""
    bookings = Booking.objects.active().in_year(year).select_related("coach", "leader__department")
    # A year past its accounting period has no names: person_key keeps each leader's rows together.
    granted = {
        leader or key: hours
        for leader, key, hours in Approval.objects.filter(year=year, status=Decision.APPROVED)
        .values("leader", "person_key")
        .annotate(hours=Sum("hours"))
        .values_list("leader", "person_key", "hours")
    }
    by_leader = defaultdict(list)
    for booking in bookings:
        by_leader[booking.leader_id or booking.person_key].append(booking)
    for leader_id, own in by_leader.items():
        splits = allocate_year(
            [YearBooking(b.pk, b.day, b.created_at, b.hours) for b in own],
            granted=granted.get(leader_id, ZERO),
        )
        for booking in own:
            yield booking, splits[booking.pk]


def coaching_totals(year: int) -> dict:
    hours = dict.fromkeys(Tier, ZERO)
    amount = dict.fromkeys(Tier, ZERO)
    for booking, split in allocated(year):
        for tier, part in (
            (Tier.ANONYMOUS, split.anonymous),
            (Tier.APPROVED, split.approved),
            (Tier.OWN_BUDGET, split.own),
        ):
            hours[tier] += part
            amount[tier] += part * booking.coach.hourly_rate
    tiers = [TierTotal(t, hours[t], amount[t].quantize(Decimal("0.01"))) for t in Tier]
    top = max((t.hours for t in tiers), default=ZERO) or Decimal(1)
    return {
        "tiers": [(t, int(t.hours / top * 10)) for t in tiers],
        "central_amount": sum((t.amount for t in tiers if t.tier != Tier.OWN_BUDGET), ZERO),
        "psychologist_hours": PsychologistBooking.objects.filter(
            day__year=year, cancelled_at__isnull=True
        ).aggregate(hours=Sum("hours"))["hours"]
        or ZERO,
    }


def finance_rows(year: int) -> tuple[list[str], list[list]]:
    lines = defaultdict(lambda: [ZERO, ZERO])
    for booking, split in allocated(year):
        month = f"{booking.day:%Y-%m}"
        for tier, part in (
            (Tier.ANONYMOUS, split.anonymous),
            (Tier.APPROVED, split.approved),
            (Tier.OWN_BUDGET, split.own),
        ):
            if part:
                centre = booking.cost_centre if tier == Tier.OWN_BUDGET else "central"
                key = (month, str(booking.coach), str(tier.hr_label), centre)
                lines[key][0] += part
                lines[key][1] += part * booking.coach.hourly_rate
    header = [
        pgettext("finance export column", "month"),
        pgettext("finance export column", "coach"),
        pgettext("finance export column", "funding"),
        pgettext("finance export column", "cost centre"),
        pgettext("finance export column", "hours"),
        pgettext("finance export column", "amount (DKK)"),
    ]
    rows = [
        [*key, hours.quantize(Decimal("0.1")), amount.quantize(Decimal("0.01"))]
        for key, (hours, amount) in sorted(lines.items())
    ]
    return header, rows
