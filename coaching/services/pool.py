"""The pool funds: HR shares a course's cost with the workplace and the area's chef."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader, Role

from ..funding import ZERO
from ..models import PHASES_USING_MONEY, Phase, Pool, PoolApplication, PoolEvent
from ..notifications import POOL_APPLICATION, POOL_PHASE, POOL_SHARE_CONFIRMED
from .years import money_text


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
        application = PoolApplication.objects.create(
            applicant=applicant, area_chef=area_chef_of(applicant), **fields
        )
        event = PoolEvent.objects.create(
            application=application, phase=Phase.RECEIVED, by=applicant
        )
        _tell_the_parties(application, event)
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


def area_chef_of(leader: Leader) -> Leader | None:
    """The first chef up the leader's manager line; the leader, if a chef."""
    current, seen = leader, set()
    while current is not None and current.pk not in seen:
        if current.role == Role.CHEF:
            return current
        seen.add(current.pk)
        current = current.reports_to
    return None


def _tell_the_parties(application: PoolApplication, event: PoolEvent) -> None:
    """HR agrees a course with the local leader and the area's chef (seed 001), so both hear of
    each phase; not the person who made the change, who knows."""
    parties = {
        person.pk: person
        for person in (application.applicant, application.area_chef)
        if person is not None and person.is_active and person.pk != event.by_id
    }
    with sending_together():
        for person in parties.values():
            queue_message(
                recipient=person,
                kind=POOL_PHASE.key,
                about=application,
                version=event.pk,
                context={
                    "application": application,
                    "event": event,
                    "asked_to_confirm": person.pk == application.area_chef_id
                    and application.awaits_area_chef,
                },
                url=reverse("coaching:pool_application", args=[application.pk]),
            )


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
                "sum": money_text(workplace + area_chef + pool_share),
                "cost": money_text(application.estimated_cost),
            }
        )
    Pool.objects.select_for_update().filter(year=application.year).first()
    status = pool_status(application.year)
    if pool_share > status.remaining and not override_reason.strip():
        raise ValidationError(
            _(
                "The pool has %(left)s DKK left; granting %(share)s DKK overspends it. Give a reason to do it anyway."
            )
            % {"left": money_text(status.remaining), "share": money_text(pool_share)}
        )
    application.share_workplace, application.share_area_chef, application.share_pool = shares
    application.override_reason = override_reason.strip() if pool_share > status.remaining else ""
    application.phase = Phase.GRANTED
    application.save()
    event = PoolEvent.objects.create(
        application=application, phase=Phase.GRANTED, by=by, note=application.override_reason
    )
    _tell_the_parties(application, event)
    return application


@transaction.atomic
def pool_share_confirm(*, application: PoolApplication, by: Leader) -> PoolApplication:
    """The area's chef agrees to pay the area's share of a granted course; HR is told."""
    if by.pk != application.area_chef_id:
        raise ValidationError(_("Only the area's chef confirms the area's share."))
    confirmed = PoolApplication.objects.filter(
        pk=application.pk, phase=Phase.GRANTED, area_chef_confirmed_at__isnull=True
    ).update(area_chef_confirmed_at=timezone.now())
    if not confirmed:
        raise ValidationError(_("No share of this course waits for your confirmation."))
    application.refresh_from_db()
    with sending_together():
        for person in Leader.objects.hr():
            queue_message(
                recipient=person,
                kind=POOL_SHARE_CONFIRMED.key,
                about=application,
                context={"application": application, "chef": by},
                url=reverse("coaching:pool_application", args=[application.pk]),
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
    """Clarification, declining (with a reason), and the course's phases after the grant. The
    current phase again records the amount spent or a note without moving the case."""
    application = PoolApplication.objects.select_for_update().get(pk=application.pk)
    note = note.strip()
    stays = phase == application.phase
    if not stays and phase not in application.next_phases():
        raise ValidationError(
            _("An application that is '%(from)s' cannot become '%(to)s'.")
            % {"from": Phase(application.phase).label, "to": Phase(phase).label}
        )
    if stays and spent is None and not note:
        raise ValidationError(_("Choose a new phase, or give the amount spent or a note."))
    if phase == Phase.DECLINED and not note:
        raise ValidationError(_("Give the workplace a reason when you decline."))
    if phase == Phase.COURSE and application.awaits_area_chef:
        raise ValidationError(
            _("The area's chef has not yet confirmed the area's share of the course.")
        )
    if spent is not None and spent != application.spent:
        _check_spending(application, spent, note)
        application.spent = spent
    application.phase = phase
    if phase == Phase.DECLINED:
        application.decision_reason = note
    application.save()
    event = PoolEvent.objects.create(application=application, phase=phase, by=by, note=note)
    if not stays:
        _tell_the_parties(application, event)
    return application


def _check_spending(application: PoolApplication, spent: Decimal, note: str) -> None:
    if spent < 0:
        raise ValidationError(_("The amount spent cannot be negative."))
    granted = application.share_pool or ZERO
    if spent > granted and not note:
        raise ValidationError(
            _(
                "%(spent)s DKK is more than the pool's granted share of %(share)s DKK: "
                "give the reason in the note."
            )
            % {"spent": money_text(spent), "share": money_text(granted)}
        )


def pool_set_amount(*, year: int, amount: Decimal) -> Pool:
    pool, _created = Pool.objects.update_or_create(year=year, defaults={"amount": amount})
    return pool
