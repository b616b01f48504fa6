"""What the groups ask of the administrators: groups outside the size bounds, and seats still held
by people who should no longer have one."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext

from nyborg_ledelse.organisation.frontpage import Kind, Task

from .models import Group, Membership


def tasks(user, today: datetime.date) -> list[Task]:
    if not user.is_administrator:
        return []
    overview = reverse("groups:overview")
    found = []
    low, high = settings.GROUPS["MIN_SIZE"], settings.GROUPS["MAX_SIZE"]
    # The overview's rule: a group's size is its seats today, within the bounds.
    outside = (
        Group.objects.annotate(
            size=Count("memberships", filter=Q(memberships__in=Membership.objects.current()))
        )
        .filter(Q(size__lt=low) | Q(size__gt=high))
        .count()
    )
    if outside:
        found.append(
            Task(
                kind=Kind.ADMINISTRATOR,
                title=ngettext(
                    "%(count)d group is outside the bounds of %(low)d–%(high)d members",
                    "%(count)d groups are outside the bounds of %(low)d–%(high)d members",
                    outside,
                )
                % {"count": outside, "low": low, "high": high},
                url=overview,
            )
        )
    leavers = Membership.objects.leaving(today).count()
    if leavers:
        found.append(
            Task(
                kind=Kind.ADMINISTRATOR,
                title=ngettext(
                    "%(count)d seat is held by someone no longer in the Store Ledergruppe",
                    "%(count)d seats are held by people no longer in the Store Ledergruppe",
                    leavers,
                )
                % {"count": leavers},
                url=overview,
                # The daily round frees them; one still here today means the round has not run.
                deadline=today,
            )
        )
    return found
