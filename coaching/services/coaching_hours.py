"""Individual coaching: the bookings, their funding over the year, and the manager's approval of
the central hours beyond the anonymous ones."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message
from nyborg_ledelse.organisation.models import Leader

from ..funding import ZERO, Split, YearBooking, allocate_year, quota
from ..models import Approval, Booking, ClosedYear, Coach, Decision
from ..notifications import ANONYMOUS_USED_UP, APPROVAL_DECIDED, APPROVAL_REQUESTED
from .years import check_hours, check_session_hours, hours_text, lock_year


@dataclass
class YearFunding:
    year: int
    splits: dict  # booking pk (or "new") → Split
    approved_hours: Decimal

    def total(self) -> Split:
        parts = list(self.splits.values())
        return Split(
            sum((s.anonymous for s in parts), ZERO),
            sum((s.approved for s in parts), ZERO),
            sum((s.own for s in parts), ZERO),
        )

    @property
    def anonymous_left(self) -> Decimal:
        return quota("ANONYMOUS_HOURS") - self.total().anonymous

    @property
    def approved_left(self) -> Decimal:
        return self.approved_hours - self.total().approved


def approved_hours(leader: Leader, year: int) -> Decimal:
    granted = (
        Approval.objects.filter(leader=leader, year=year, status=Decision.APPROVED).aggregate(
            hours=Sum("hours")
        )["hours"]
        or ZERO
    )
    return min(granted, quota("APPROVED_HOURS"))


def year_funding(
    leader: Leader, year: int, *, extra: tuple[datetime.date, Decimal] | None = None, without=None
) -> YearFunding:
    """The funding of every booking in the year; `extra` adds a booking not yet made ("new")."""
    bookings = Booking.objects.active().in_year(year).filter(leader=leader)
    if without is not None:
        bookings = bookings.exclude(pk=without.pk)
    rows = [YearBooking(b.pk, b.day, b.created_at, b.hours) for b in bookings]
    if extra is not None:
        rows.append(YearBooking("new", extra[0], timezone.now(), extra[1]))
    granted = approved_hours(leader, year)
    return YearFunding(year, allocate_year(rows, granted=granted), granted)


def booking_preview(leader: Leader, day: datetime.date, hours: Decimal) -> Split:
    return year_funding(leader, day.year, extra=(day, hours)).splits["new"]


def _needs_cost_centre(funding: YearFunding, cost_centres: dict) -> None:
    for key, split in funding.splits.items():
        if split.own > 0 and not cost_centres.get(key):
            raise ValidationError(
                _(
                    "%(hours)s of these hours are paid from your own budget: give the cost centre "
                    "(or ask your manager to approve more central hours)."
                )
                % {"hours": hours_text(split.own)}
            )


@transaction.atomic
def booking_create(
    *, leader: Leader, coach: Coach, day: datetime.date, hours: Decimal, cost_centre: str = ""
) -> Booking:
    check_session_hours(hours)
    if not leader.has_staff_responsibility:
        raise ValidationError(_("Coaching is offered to leaders with staff responsibility."))
    if not coach.active:
        raise ValidationError(_("This coach is no longer on the list."))
    lock_year(leader, day.year)
    before = year_funding(leader, day.year)
    after = year_funding(leader, day.year, extra=(day, hours))
    cost_centres = {
        b.pk: b.cost_centre
        for b in Booking.objects.active().in_year(day.year).filter(leader=leader)
    }
    _needs_cost_centre(after, {**cost_centres, "new": cost_centre.strip()})
    booking = Booking.objects.create(
        leader=leader, coach=coach, day=day, hours=hours, cost_centre=cost_centre.strip()
    )
    _tell_if_anonymous_used_up(leader, before, after)
    return booking


@transaction.atomic
def booking_change(
    *,
    booking: Booking,
    day: datetime.date | None = None,
    hours: Decimal | None = None,
    cost_centre: str | None = None,
) -> Booking:
    """Move or correct a booking; the funding of the year (or both years) is worked out again."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.cancelled_at:
        raise ValidationError(_("The booking is cancelled."))
    new_day = day or booking.day
    new_hours = booking.hours if hours is None else hours
    check_session_hours(new_hours)
    for year in sorted({booking.day.year, new_day.year}):
        lock_year(booking.leader, year)
    booking.day, booking.hours = new_day, new_hours
    if cost_centre is not None:
        booking.cost_centre = cost_centre.strip()
    booking.save()
    funding = year_funding(booking.leader, new_day.year)
    cost_centres = {
        b.pk: b.cost_centre
        for b in Booking.objects.active().in_year(new_day.year).filter(leader=booking.leader)
    }
    _needs_cost_centre(funding, cost_centres)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking) -> None:
    lock_year(booking.leader, booking.day.year)
    Booking.objects.filter(pk=booking.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )


def _tell_if_anonymous_used_up(leader: Leader, before: YearFunding, after: YearFunding) -> None:
    if before.anonymous_left > 0 and after.anonymous_left <= 0:
        queue_message(
            recipient=leader,
            kind=ANONYMOUS_USED_UP.key,
            version=after.year,
            context={"year": after.year, "approved": quota("APPROVED_HOURS")},
            url=reverse("coaching:mine"),
        )


@transaction.atomic
def approval_request(*, leader: Leader, year: int, hours: Decimal) -> Approval:
    check_hours(hours)
    if leader.reports_to is None:
        raise ValidationError(_("You have no manager in the register to approve more hours."))
    if ClosedYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)d is closed for the accounts; its bookings cannot change.") % {"year": year}
        )
    lock_year(leader, year)
    asked = (
        Approval.objects.filter(leader=leader, year=year)
        .exclude(status=Decision.DECLINED)
        .aggregate(hours=Sum("hours"))["hours"]
        or ZERO
    )
    if asked + hours > quota("APPROVED_HOURS"):
        raise ValidationError(
            _(
                "Your manager can approve at most %(max)s central hours a year beyond the first %(first)s."
            )
            % {
                "max": hours_text(quota("APPROVED_HOURS")),
                "first": hours_text(quota("ANONYMOUS_HOURS")),
            }
        )
    approval = Approval.objects.create(
        leader=leader, manager=leader.reports_to, year=year, hours=hours
    )
    queue_message(
        recipient=approval.manager,
        kind=APPROVAL_REQUESTED.key,
        about=approval,
        context={"approval": approval},
        url=reverse("coaching:approval", args=[approval.pk]),
    )
    return approval


def approval_decide(*, approval: Approval, by: Leader, approve: bool, reason: str = "") -> Approval:
    """Once: a second decision on the same request is refused.

    Only as the leader's line manager: being HR (or an administrator) gives no say, also not to a
    manager who is HR as well, so nobody approves a report's hours with HR's authority."""
    if by.pk != approval.manager_id:
        raise ValidationError(_("Only the leader's manager decides."))
    status = Decision.APPROVED if approve else Decision.DECLINED
    with transaction.atomic():
        decided = Approval.objects.filter(pk=approval.pk, status=Decision.PENDING).update(
            status=status, reason=reason.strip(), decided_at=timezone.now()
        )
        if not decided:
            raise ValidationError(_("This request has already been decided."))
        approval.refresh_from_db()
        queue_message(
            recipient=approval.leader,
            kind=APPROVAL_DECIDED.key,
            about=approval,
            context={"approval": approval},
            url=reverse("coaching:mine"),
        )
    return approval
