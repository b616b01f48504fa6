"""Sparring partners: volunteers matched outside the leader's own manager line."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from ..models import SparringRequest, Volunteer
from ..notifications import SPARRING_MATCHED


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
