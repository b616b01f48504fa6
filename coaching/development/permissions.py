"""Who may see which development record. A leader's own records are theirs and their manager's;
HR reads only aggregates. 404 for what the user may not know exists, 403 for what they may see
but not change. Views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from groups.models import Membership
from nyborg_ledelse.organisation.models import Leader

from .models import Agreement, Evaluation, Item, PersonalFoundation, Programme, Talk


def require_hr(user) -> None:
    if not user.is_hr:
        raise PermissionDenied


def manages(user, leader: Leader) -> bool:
    return leader.reports_to_id is not None and leader.reports_to_id == user.pk


def get_report_for_manager(user, pk: int) -> Leader:
    """A direct report of the user; anyone else's development is not the user's to know of."""
    return get_object_or_404(Leader.objects.select_related("department"), pk=pk, reports_to=user)


def get_leader_for_user(user, pk: int) -> Leader:
    """The leader's own development page, for the leader and their manager."""
    leader = get_object_or_404(Leader.objects.select_related("department", "reports_to"), pk=pk)
    if leader.pk != user.pk and not manages(user, leader):
        raise Http404
    return leader


def get_programme_for_user(user, pk: int, *, write: bool = False) -> Programme:
    """The new leader reads and ticks their checklist; planning it is the manager's."""
    programme = get_object_or_404(Programme.objects.select_related("leader__reports_to"), pk=pk)
    is_manager = manages(user, programme.leader)
    if programme.leader_id != user.pk and not is_manager:
        raise Http404
    if write and not is_manager:
        raise PermissionDenied
    return programme


def get_item_for_user(user, pk: int, *, write: bool = False) -> Item:
    item = get_object_or_404(Item.objects.select_related("programme"), pk=pk)
    item.programme = get_programme_for_user(user, item.programme_id, write=write)
    return item


def may_read_foundation(user, foundation: PersonalFoundation) -> bool:
    leader = foundation.leader
    if leader.pk == user.pk:
        return True
    if foundation.share_with_manager and manages(user, leader):
        return True
    return foundation.share_with_group and shares_a_group(user, leader)


def shares_a_group(user, leader: Leader) -> bool:
    """The user sits in, or hosts, the group the leader sits in today."""
    seat = Membership.objects.current().filter(leader=leader).select_related("group").first()
    if seat is None:
        return False
    group = seat.group
    return (
        group.is_hosted_by(user)
        or group.memberships.on(timezone.localdate()).filter(leader=user).exists()
    )


def get_foundation_for_user(user, pk: int) -> PersonalFoundation:
    foundation = get_object_or_404(
        PersonalFoundation.objects.select_related("leader__reports_to"), pk=pk
    )
    if not may_read_foundation(user, foundation):
        raise Http404
    return foundation


def get_talk_for_user(user, pk: int, *, as_leader: bool = False, as_manager: bool = False) -> Talk:
    """Private to the two; each writes their own part."""
    talk = get_object_or_404(Talk.objects.select_related("leader", "manager"), pk=pk)
    if user.pk not in (talk.leader_id, talk.manager_id):
        raise Http404
    if (as_leader and user.pk != talk.leader_id) or (as_manager and user.pk != talk.manager_id):
        raise PermissionDenied
    return talk


def get_evaluation_for_user(user, pk: int) -> Evaluation:
    evaluation = get_object_or_404(Evaluation.objects.select_related("leader", "manager"), pk=pk)
    if user.pk not in (evaluation.leader_id, evaluation.manager_id) and not manages(
        user, evaluation.leader
    ):
        raise Http404
    return evaluation


def get_agreement_for_user(user, pk: int, *, write: bool = False) -> Agreement:
    """The leader sees their agreement; the chef who manages them keeps it."""
    agreement = get_object_or_404(Agreement.objects.select_related("leader"), pk=pk)
    is_manager = manages(user, agreement.leader)
    if agreement.leader_id != user.pk and not is_manager:
        raise Http404
    if write and not is_manager:
        raise PermissionDenied
    return agreement
