"""Which tier pays for each coaching hour: a pure function of the year's bookings in date order.

The first hours of the year are anonymous and centrally funded, the next as many as the manager
approved are centrally funded too, the rest come from the leader's own budget. Working it out
from all the year's bookings every time keeps it right when one is moved, cancelled or corrected.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

ZERO = Decimal("0")


@dataclass(frozen=True)
class Split:
    anonymous: Decimal = ZERO
    approved: Decimal = ZERO
    own: Decimal = ZERO

    @property
    def central(self) -> Decimal:
        return self.anonymous + self.approved


def allocate(
    bookings: list[tuple[object, Decimal]], *, anonymous: Decimal, approved: Decimal
) -> dict:
    """bookings: (key, hours) in date order → key → Split."""
    left_anonymous, left_approved = Decimal(anonymous), Decimal(approved)
    splits = {}
    for key, hours in bookings:
        from_anonymous = min(hours, left_anonymous)
        from_approved = min(hours - from_anonymous, left_approved)
        splits[key] = Split(from_anonymous, from_approved, hours - from_anonymous - from_approved)
        left_anonymous -= from_anonymous
        left_approved -= from_approved
    return splits


def quota(name: str) -> Decimal:
    """COACHING_ANONYMOUS_HOURS or COACHING_APPROVED_HOURS, as the settings say."""
    return Decimal(settings.COACHING[name])


@dataclass(frozen=True)
class YearBooking:
    key: object
    day: datetime.date
    created_at: datetime.datetime
    hours: Decimal


def allocate_year(bookings: list[YearBooking], *, granted: Decimal) -> dict:
    """One leader's year: bookings in date order (then in the order they were made), the
    anonymous quota first, then the approved hours up to their cap, then the own budget.

    The one definition of the funding's inputs: booking a session and HR's figures both use it.
    """
    ordered = sorted(bookings, key=lambda booking: (booking.day, booking.created_at))
    return allocate(
        [(booking.key, booking.hours) for booking in ordered],
        anonymous=quota("ANONYMOUS_HOURS"),
        approved=min(granted, quota("APPROVED_HOURS")),
    )
