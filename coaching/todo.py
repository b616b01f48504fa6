"""What support asks of a person: a manager's decision on their own staff's hours, a member's
consent to give hours to group coaching, a new leader's sparring partner; for HR the open
requests, as counts (HR's own page shows the rest)."""

import datetime

from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nyborg_ledelse.organisation.frontpage import Kind, Task

from .models import Approval, Decision, GroupCoachingShare, SparringRequest, is_new_leader
from .services.hr import open_items_for_hr

NEW_LEADER_DAYS = 365  # see is_new_leader


def tasks(user, today: datetime.date) -> list[Task]:
    found = [
        Task(
            kind=Kind.LEADER,
            title=_("Decide on %(name)s's request for %(hours)s coaching hours")
            % {"name": approval.leader.full_name, "hours": localize(approval.hours)},
            url=reverse("coaching:approval", args=[approval.pk]),
        )
        for approval in Approval.objects.filter(
            manager=user, status=Decision.PENDING, leader__isnull=False
        ).select_related("leader")
    ]
    found += [
        Task(
            kind=Kind.LEADER,
            title=_("Agree to give %(hours)s of your hours to the group coaching of %(team)s")
            % {"hours": localize(share.hours), "team": share.group_coaching.team},
            url=reverse("coaching:mine"),
            deadline=share.group_coaching.day,
        )
        for share in GroupCoachingShare.objects.filter(
            leader=user, consented_at__isnull=True
        ).select_related("group_coaching")
    ]
    if is_new_leader(user, today) and not SparringRequest.objects.filter(leader=user).exists():
        found.append(
            Task(
                kind=Kind.LEADER,
                title=_("You are new as a leader: ask for a sparring partner"),
                url=reverse("coaching:sparring"),
                deadline=user.start_date + datetime.timedelta(days=NEW_LEADER_DAYS),
            )
        )
    if user.is_hr:
        found += _hr(open_items_for_hr())
    return found


def _hr(counts: dict) -> list[Task]:
    overview = reverse("coaching:hr")
    titles = {
        "approvals": lambda n: ngettext(
            "%(count)d request for hours 6–10 waits for a manager",
            "%(count)d requests for hours 6–10 wait for a manager",
            n,
        ),
        "applications": lambda n: ngettext(
            "%(count)d pool application to clarify",
            "%(count)d pool applications to clarify",
            n,
        ),
        "sparring": lambda n: ngettext(
            "%(count)d leader waits for a sparring partner",
            "%(count)d leaders wait for a sparring partner",
            n,
        ),
        "crises": lambda n: ngettext(
            "%(count)d crisis request to handle",
            "%(count)d crisis requests to handle",
            n,
        ),
    }
    return [
        Task(kind=Kind.HR, title=title(counts[key]) % {"count": counts[key]}, url=overview)
        for key, title in titles.items()
        if counts[key]
    ]
