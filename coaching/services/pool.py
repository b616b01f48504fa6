"""The pool funds: HR shares a course's cost with the workplace and the area's chef."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from ..funding import ZERO
from ..models import PHASES_USING_MONEY, Phase, Pool, PoolApplication, PoolEvent
from ..notifications import POOL_APPLICATION


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


def pool_set_amount(*, year: int, amount: Decimal) -> Pool:
    pool, _created = Pool.objects.update_or_create(year=year, defaults={"amount": amount})
    return pool
