"""Which tier pays for each coaching hour: a pure function of the year's bookings in date order.

The first hours of the year are anonymous and centrally funded, the next as many as the manager
approved are centrally funded too, the rest come from the leader's own budget. Working it out
from all the year's bookings every time keeps it right when one is moved, cancelled or corrected.
"""

from dataclasses import dataclass
from decimal import Decimal

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
