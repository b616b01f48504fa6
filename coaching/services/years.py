"""What the offers share. Every change to a leader's coaching or psychologist hours locks that
leader's year first, so two simultaneous requests cannot overdraw a quota; a year closed for the
accounts changes no more. Also the checks of hours and sessions, and hours and amounts as text."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import localize, number_format
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.models import Leader

from ..funding import quota
from ..models import ClosedYear, CoachingYear


def hours_text(value: Decimal) -> str:
    """Hours as Danish readers expect them: one decimal ("2,5"), whatever the database returned."""
    return localize(Decimal(value).quantize(Decimal("0.1")))


def money_text(amount: Decimal) -> str:
    """An amount as Danish readers write it: 45.000,00 (250,000.00 in English)."""
    return number_format(amount, 2, force_grouping=True)


def lock_year(leader: Leader, year: int) -> None:
    """The row lock that serialises every change to one leader's hours in one year."""
    if ClosedYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)d is closed for the accounts; its bookings cannot change.") % {"year": year}
        )
    CoachingYear.objects.get_or_create(leader=leader, year=year)
    CoachingYear.objects.select_for_update().get(leader=leader, year=year)


def check_hours(hours: Decimal) -> None:
    if hours is None or hours <= 0:
        raise ValidationError(_("The number of hours must be more than zero."))


def check_session_hours(hours: Decimal) -> None:
    """One coaching session, a booking or a group's course, lasts at most SESSION_MAX_HOURS."""
    check_hours(hours)
    longest = quota("SESSION_MAX_HOURS")
    if hours > longest:
        raise ValidationError(
            _(
                "A coaching session lasts at most %(hours)s hours; book a longer course as several sessions."
            )
            % {"hours": localize(longest)}
        )


def year_close(*, year: int | None, by: Leader) -> ClosedYear:
    """After the accounts: the year's bookings can no longer change. Only a past year."""
    if year is None or year >= timezone.localdate().year:
        raise ValidationError(_("Only a past year can be closed."))
    closed, _created = ClosedYear.objects.get_or_create(year=year, defaults={"closed_by": by})
    return closed
