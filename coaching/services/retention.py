"""Personal data with an end: the support records lose their names after the accounts."""

import datetime
import uuid

from django.conf import settings
from django.db import transaction

from nyborg_ledelse.organisation.retention import add_years, removed_before

from ..models import (
    Approval,
    Booking,
    CoachingYear,
    CrisisRequest,
    GroupCoaching,
    GroupCoachingShare,
    PoolApplication,
    PoolEvent,
    PsychologistBooking,
    RecordRead,
)


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
    ).update(applicant=None, area_chef=None, challenge="", decision_reason="", override_reason="")
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
