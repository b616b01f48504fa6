"""Writes to the support offers. Every change to a leader's coaching or psychologist hours locks
that leader's year first, so two simultaneous requests cannot overdraw a quota."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader
from nyborg_ledelse.organisation.retention import add_years, removed_before

from .funding import ZERO, Split, YearBooking, allocate_year, quota
from .models import (
    PHASES_USING_MONEY,
    Approval,
    Booking,
    ClosedYear,
    Coach,
    CoachingYear,
    CrisisRequest,
    Decision,
    GroupCoaching,
    GroupCoachingShare,
    Phase,
    Pool,
    PoolApplication,
    PoolEvent,
    PsychologistBooking,
    RecordRead,
    SparringRequest,
    Volunteer,
)
from .notifications import (
    ANONYMOUS_USED_UP,
    APPROVAL_DECIDED,
    APPROVAL_REQUESTED,
    CRISIS,
    GROUP_COACHING_CONSENT,
    POOL_APPLICATION,
    SPARRING_MATCHED,
)


def _hours(value: Decimal) -> str:
    """Hours as Danish readers expect them: one decimal ("2,5"), whatever the database returned."""
    return localize(Decimal(value).quantize(Decimal("0.1")))


def _lock_year(leader: Leader, year: int) -> None:
    """The row lock that serialises every change to one leader's hours in one year."""
    if ClosedYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)d is closed for the accounts; its bookings cannot change.") % {"year": year}
        )
    CoachingYear.objects.get_or_create(leader=leader, year=year)
    CoachingYear.objects.select_for_update().get(leader=leader, year=year)


def _check_hours(hours: Decimal) -> None:
    if hours is None or hours <= 0:
        raise ValidationError(_("The number of hours must be more than zero."))


# --- coaching funding -------------------------------------------------------------------------


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
                % {"hours": _hours(split.own)}
            )


@transaction.atomic
def booking_create(
    *, leader: Leader, coach: Coach, day: datetime.date, hours: Decimal, cost_centre: str = ""
) -> Booking:
    _check_hours(hours)
    if not leader.has_staff_responsibility:
        raise ValidationError(_("Coaching is offered to leaders with staff responsibility."))
    if not coach.active:
        raise ValidationError(_("This coach is no longer on the list."))
    _lock_year(leader, day.year)
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
    _check_hours(new_hours)
    for year in sorted({booking.day.year, new_day.year}):
        _lock_year(booking.leader, year)
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
    _lock_year(booking.leader, booking.day.year)
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


# --- approvals for hours 6–10 ---------------------------------------------------------------


@transaction.atomic
def approval_request(*, leader: Leader, year: int, hours: Decimal) -> Approval:
    _check_hours(hours)
    if leader.reports_to is None:
        raise ValidationError(_("You have no manager in the register to approve more hours."))
    if ClosedYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)d is closed for the accounts; its bookings cannot change.") % {"year": year}
        )
    _lock_year(leader, year)
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
                "max": _hours(quota("APPROVED_HOURS")),
                "first": _hours(quota("ANONYMOUS_HOURS")),
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


# --- group coaching ----------------------------------------------------------------------------


@transaction.atomic
def group_coaching_create(
    *,
    organiser: Leader,
    team: str,
    coach: Coach,
    day: datetime.date,
    hours: Decimal,
    payment: str,
    cost_centre: str = "",
    shares: dict | None = None,
) -> GroupCoaching:
    _check_hours(hours)
    shares = shares or {}
    if payment == GroupCoaching.Payment.TEAM_BUDGET and not cost_centre.strip():
        raise ValidationError(_("Give the team's cost centre."))
    if payment == GroupCoaching.Payment.CONVERTED:
        if not shares or sum(shares.values(), ZERO) != hours:
            raise ValidationError(
                _("The members' hours must add up to the course's %(hours)s hours.")
                % {"hours": hours}
            )
        if any(h <= 0 for h in shares.values()):
            raise ValidationError(_("The number of hours must be more than zero."))
    course = GroupCoaching.objects.create(
        team=team,
        coach=coach,
        day=day,
        hours=hours,
        payment=payment,
        cost_centre=cost_centre.strip(),
        organiser=organiser,
    )
    with sending_together():
        for member, member_hours in shares.items():
            share = GroupCoachingShare.objects.create(
                group_coaching=course, leader=member, hours=member_hours
            )
            queue_message(
                recipient=member,
                kind=GROUP_COACHING_CONSENT.key,
                about=share,
                context={"course": course, "share": share},
                url=reverse("coaching:mine"),
            )
    return course


@transaction.atomic
def share_consent(*, share: GroupCoachingShare, leader: Leader) -> Booking:
    """The member agrees: the hours are taken from their own central hours, never their budget."""
    if share.leader_id != leader.pk:
        raise ValidationError(_("Only the member can agree to give their own hours."))
    share = GroupCoachingShare.objects.select_for_update().get(pk=share.pk)
    if share.consented_at:
        raise ValidationError(_("You have already agreed."))
    course = share.group_coaching
    _lock_year(leader, course.day.year)
    split = booking_preview(leader, course.day, share.hours)
    if split.own > 0:
        raise ValidationError(
            _("You have only %(hours)s central hours left this year.")
            % {"hours": _hours(share.hours - split.own)}
        )
    share.consented_at = timezone.now()
    share.save(update_fields=["consented_at"])
    return Booking.objects.create(
        leader=leader, coach=course.coach, day=course.day, hours=share.hours, group_coaching=course
    )


# --- psychologist and crisis help ----------------------------------------------------------------


def psychologist_hours_used(leader: Leader, year: int) -> Decimal:
    return (
        PsychologistBooking.objects.filter(
            leader=leader, day__year=year, cancelled_at__isnull=True
        ).aggregate(hours=Sum("hours"))["hours"]
        or ZERO
    )


@transaction.atomic
def psychologist_book(*, leader: Leader, day: datetime.date, hours: Decimal) -> PsychologistBooking:
    _check_hours(hours)
    _lock_year(leader, day.year)
    used = psychologist_hours_used(leader, day.year)
    limit = quota("PSYCHOLOGIST_HOURS")
    if used + hours > limit:
        raise ValidationError(
            _(
                "Up to %(quota)s psychologist hours a year are centrally funded; you have %(left)s left."
            )
            % {"quota": _hours(limit), "left": _hours(limit - used)}
        )
    return PsychologistBooking.objects.create(leader=leader, day=day, hours=hours)


@transaction.atomic
def crisis_request(*, workplace: str, description: str, by: Leader) -> CrisisRequest:
    request = CrisisRequest.objects.create(
        workplace=workplace.strip(), description=description.strip(), requested_by=by
    )
    with sending_together():
        for person in Leader.objects.hr():
            queue_message(
                recipient=person,
                kind=CRISIS.key,
                about=request,
                context={"crisis": request},
                url=reverse("coaching:hr"),
            )
    return request


# --- pool funds ---------------------------------------------------------------------------------


@dataclass
class PoolStatus:
    year: int
    amount: Decimal
    granted: Decimal
    spent: Decimal
    courses: int

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.granted

    @property
    def expected_courses(self) -> tuple[int, int]:
        return settings.COACHING["POOL_COURSES_EXPECTED"]

    @property
    def nearly_used(self) -> bool:
        return self.amount > 0 and self.remaining < self.amount / 10


def pool_status(year: int) -> PoolStatus:
    pool = Pool.objects.filter(year=year).first()
    used = PoolApplication.objects.filter(year=year, phase__in=PHASES_USING_MONEY)
    totals = used.aggregate(granted=Sum("share_pool"), spent=Sum("spent"))
    return PoolStatus(
        year=year,
        amount=pool.amount if pool else ZERO,
        granted=totals["granted"] or ZERO,
        spent=totals["spent"] or ZERO,
        courses=used.count(),
    )


def pool_apply(*, applicant: Leader, **fields) -> PoolApplication:
    with transaction.atomic():
        application = PoolApplication.objects.create(applicant=applicant, **fields)
        PoolEvent.objects.create(application=application, phase=Phase.RECEIVED, by=applicant)
        with sending_together():
            for person in Leader.objects.hr():
                queue_message(
                    recipient=person,
                    kind=POOL_APPLICATION.key,
                    about=application,
                    context={"application": application},
                    url=reverse("coaching:pool_application", args=[application.pk]),
                )
    return application


def default_shares(cost: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """A third each, to the øre; the pool takes what rounding leaves."""
    third = (cost / 3).quantize(Decimal("0.01"))
    return third, third, cost - 2 * third


@transaction.atomic
def pool_grant(
    *,
    application: PoolApplication,
    by: Leader,
    shares: tuple[Decimal, Decimal, Decimal],
    override_reason: str = "",
) -> PoolApplication:
    application = PoolApplication.objects.select_for_update().get(pk=application.pk)
    if application.phase not in (Phase.RECEIVED, Phase.CLARIFICATION):
        raise ValidationError(_("The application has already been decided."))
    workplace, area_chef, pool_share = shares
    if any(share < 0 for share in shares):
        raise ValidationError(_("A share cannot be negative."))
    if workplace + area_chef + pool_share != application.estimated_cost:
        raise ValidationError(
            _("The three shares add up to %(sum)s DKK, but the cost is %(cost)s DKK.")
            % {
                "sum": localize(workplace + area_chef + pool_share),
                "cost": localize(application.estimated_cost),
            }
        )
    Pool.objects.select_for_update().filter(year=application.year).first()
    status = pool_status(application.year)
    if pool_share > status.remaining and not override_reason.strip():
        raise ValidationError(
            _(
                "The pool has %(left)s DKK left; granting %(share)s DKK overspends it. Give a reason to do it anyway."
            )
            % {"left": localize(status.remaining), "share": localize(pool_share)}
        )
    application.share_workplace, application.share_area_chef, application.share_pool = shares
    application.override_reason = override_reason.strip() if pool_share > status.remaining else ""
    application.phase = Phase.GRANTED
    application.save()
    PoolEvent.objects.create(
        application=application, phase=Phase.GRANTED, by=by, note=application.override_reason
    )
    return application


@transaction.atomic
def pool_move(
    *,
    application: PoolApplication,
    by: Leader,
    phase: str,
    note: str = "",
    spent: Decimal | None = None,
) -> PoolApplication:
    """Clarification, declining (with a reason), and the course's phases after the grant."""
    application = PoolApplication.objects.select_for_update().get(pk=application.pk)
    allowed = {
        Phase.RECEIVED: {Phase.CLARIFICATION, Phase.DECLINED},
        Phase.CLARIFICATION: {Phase.DECLINED},
        Phase.GRANTED: {Phase.COURSE},
        Phase.COURSE: {Phase.EVALUATION},
        Phase.EVALUATION: {Phase.CLOSED},
    }.get(application.phase, set())
    if phase not in allowed:
        raise ValidationError(
            _("An application that is '%(from)s' cannot become '%(to)s'.")
            % {"from": Phase(application.phase).label, "to": Phase(phase).label}
        )
    if phase == Phase.DECLINED and not note.strip():
        raise ValidationError(_("Give the workplace a reason when you decline."))
    if spent is not None:
        if spent < 0:
            raise ValidationError(_("The amount spent cannot be negative."))
        application.spent = spent
    application.phase = phase
    if phase == Phase.DECLINED:
        application.decision_reason = note.strip()
    application.save()
    PoolEvent.objects.create(application=application, phase=phase, by=by, note=note.strip())
    return application


# --- sparring partners ---------------------------------------------------------------------------


def _manager_line(leader: Leader) -> set[int]:
    """The leader's managers up the line and everyone below the leader."""
    line, current = set(), leader.reports_to
    while current is not None and current.pk not in line:
        line.add(current.pk)
        current = current.reports_to
    below, frontier = set(), {leader.pk}
    while frontier:
        frontier = (
            set(Leader.objects.filter(reports_to__in=frontier).values_list("pk", flat=True)) - below
        )
        below |= frontier
    return line | below


def sparring_proposals(request: SparringRequest, *, count: int = 3) -> list[Volunteer]:
    """The best volunteers: another department first, then another level, then longest tenure."""
    leader = request.leader
    excluded = _manager_line(leader) | {leader.pk}
    busy = {
        row["partner"]: row["n"]
        for row in SparringRequest.objects.filter(partner__isnull=False, ended_at__isnull=True)
        .values("partner")
        .annotate(n=Count("pk"))
    }
    candidates = [
        v
        for v in Volunteer.objects.filter(active=True)
        .select_related("leader__department")
        .exclude(leader__in=excluded)
        if busy.get(v.pk, 0) < v.capacity and not v.leader.has_left()
    ]

    def score(volunteer: Volunteer):
        other = volunteer.leader
        return (
            other.department_id != leader.department_id,
            other.level != leader.level,
            -(other.start_date.toordinal() if other.start_date else 10**6),
            -other.pk,
        )

    return sorted(candidates, key=score, reverse=True)[:count]


@transaction.atomic
def sparring_confirm(
    *, request: SparringRequest, volunteer: Volunteer, by: Leader
) -> SparringRequest:
    request = SparringRequest.objects.select_for_update().get(pk=request.pk)
    if request.partner_id:
        raise ValidationError(_("A sparring partner is already confirmed."))
    Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer not in sparring_proposals(request, count=1000):
        raise ValidationError(
            _("This volunteer cannot be chosen: their manager line, capacity or availability.")
        )
    request.partner, request.confirmed_by, request.confirmed_at = volunteer, by, timezone.now()
    request.save()
    with sending_together():
        for person, other in (
            (request.leader, volunteer.leader),
            (volunteer.leader, request.leader),
        ):
            queue_message(
                recipient=person,
                kind=SPARRING_MATCHED.key,
                about=request,
                context={"other": other, "request": request},
                url=reverse("coaching:mine"),
            )
    return request


def open_items_for_hr() -> dict:
    return {
        "approvals": Approval.objects.filter(status=Decision.PENDING).count(),
        "applications": PoolApplication.objects.filter(
            phase__in=[Phase.RECEIVED, Phase.CLARIFICATION]
        ).count(),
        "sparring": SparringRequest.objects.filter(partner__isnull=True).count(),
        "crises": CrisisRequest.objects.filter(handled_at__isnull=True).count(),
    }


# --- HR's year ---------------------------------------------------------------------------------


def pool_set_amount(*, year: int, amount: Decimal) -> Pool:
    pool, _created = Pool.objects.update_or_create(year=year, defaults={"amount": amount})
    return pool


def year_close(*, year: int | None, by: Leader) -> ClosedYear:
    """After the accounts: the year's bookings can no longer change. Only a past year."""
    if year is None or year >= timezone.localdate().year:
        raise ValidationError(_("Only a past year can be closed."))
    closed, _created = ClosedYear.objects.get_or_create(year=year, defaults={"closed_by": by})
    return closed


def crisis_mark_handled(*, crisis: CrisisRequest) -> None:
    CrisisRequest.objects.filter(pk=crisis.pk, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )


# --- personal data with an end ------------------------------------------------------------------


@transaction.atomic
def support_records_anonymise(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step: support records of a year whose accounting period is over lose
    their names (kept RETENTION["SUPPORT_FINANCIAL_YEARS"] full financial years after their own).

    Hours, amounts, coaches and phases stay for statistics; each leader's rows of a year share a
    random key instead of the name, so the year's funding tiers still add up. Also the log of
    others reading a leader's records ends with the access log's period.
    """
    last_year = today.year - 1 - settings.RETENTION["SUPPORT_FINANCIAL_YEARS"]
    counts = {"bookings": 0, "approvals": 0, "psychologist": 0, "pool_cases": 0, "reads": 0}
    named = (
        Booking.objects.filter(day__year__lte=last_year, leader__isnull=False)
        .values_list("leader_id", "day__year")
        .distinct()
    )
    named_approvals = (
        Approval.objects.filter(year__lte=last_year, leader__isnull=False)
        .values_list("leader_id", "year")
        .distinct()
    )
    for leader_id, year in set(named) | set(named_approvals):
        key = uuid.uuid4().hex
        counts["bookings"] += Booking.objects.filter(leader_id=leader_id, day__year=year).update(
            leader=None, person_key=key
        )
        counts["approvals"] += Approval.objects.filter(leader_id=leader_id, year=year).update(
            leader=None, manager=None, reason="", person_key=key
        )
    Approval.objects.filter(year__lte=last_year, manager__isnull=False).update(
        manager=None, reason=""
    )
    CoachingYear.objects.filter(year__lte=last_year).delete()
    counts["psychologist"] = PsychologistBooking.objects.filter(
        day__year__lte=last_year, leader__isnull=False
    ).update(leader=None)
    GroupCoaching.objects.filter(day__year__lte=last_year, organiser__isnull=False).update(
        organiser=None
    )
    GroupCoachingShare.objects.filter(
        group_coaching__day__year__lte=last_year, leader__isnull=False
    ).update(leader=None)
    counts["pool_cases"] = PoolApplication.objects.filter(
        year__lte=last_year, applicant__isnull=False
    ).update(applicant=None, challenge="", decision_reason="", override_reason="")
    PoolEvent.objects.filter(application__year__lte=last_year, by__isnull=False).update(
        by=None, note=""
    )
    CrisisRequest.objects.filter(
        created_at__lt=removed_before(datetime.date(last_year, 12, 31)),
        requested_by__isnull=False,
    ).update(requested_by=None, description="")
    reads_until = add_years(today, -settings.RETENTION["ACCESS_LOG_YEARS"])
    counts["reads"], _deleted = RecordRead.objects.filter(
        at__lt=removed_before(reads_until)
    ).delete()
    return counts
