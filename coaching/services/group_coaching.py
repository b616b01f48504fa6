"""Group coaching for a team, paid by the team's budget or by the members' own central hours."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from ..funding import ZERO
from ..models import Booking, Coach, GroupCoaching, GroupCoachingShare
from ..notifications import GROUP_COACHING_CONSENT
from .coaching_hours import booking_preview
from .years import check_session_hours, hours_text, lock_year


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
    check_session_hours(hours)
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
    lock_year(leader, course.day.year)
    split = booking_preview(leader, course.day, share.hours)
    if split.own > 0:
        raise ValidationError(
            _("You have only %(hours)s central hours left this year.")
            % {"hours": hours_text(share.hours - split.own)}
        )
    share.consented_at = timezone.now()
    share.save(update_fields=["consented_at"])
    return Booking.objects.create(
        leader=leader, coach=course.coach, day=course.day, hours=share.hours, group_coaching=course
    )
