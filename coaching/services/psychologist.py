"""The psychologist hours and crisis help."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from ..funding import ZERO, quota
from ..models import CrisisRequest, PsychologistBooking
from ..notifications import CRISIS
from .years import check_hours, hours_text, lock_year


def psychologist_hours_used(leader: Leader, year: int) -> Decimal:
    return (
        PsychologistBooking.objects.filter(
            leader=leader, day__year=year, cancelled_at__isnull=True
        ).aggregate(hours=Sum("hours"))["hours"]
        or ZERO
    )


@transaction.atomic
def psychologist_book(*, leader: Leader, day: datetime.date, hours: Decimal) -> PsychologistBooking:
    check_hours(hours)
    lock_year(leader, day.year)
    used = psychologist_hours_used(leader, day.year)
    limit = quota("PSYCHOLOGIST_HOURS")
    if used + hours > limit:
        raise ValidationError(
            _(
                "Up to %(quota)s psychologist hours a year are centrally funded; you have %(left)s left."
            )
            % {"quota": hours_text(limit), "left": hours_text(limit - used)}
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


def crisis_mark_handled(*, crisis: CrisisRequest) -> None:
    CrisisRequest.objects.filter(pk=crisis.pk, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )
