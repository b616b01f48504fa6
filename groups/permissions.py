"""Who may see and change which group: views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Group, Proposal


def _knows_group(user, group: Group) -> bool:
    """Its members and hosts, and those who see the overview of all groups."""
    return (
        group.is_hosted_by(user)
        or group.has_member(user)
        or user.is_chef_group
        or user.is_administrator
    )


def get_group_for_user(user, pk: int) -> Group:
    """The group page is the group's own: its members and its host and co-host.

    404 for those who may not know the group; 403 for the chef group and the administrators, who
    see it in the overview but not its page.
    """
    group = get_object_or_404(Group.objects.select_related("host", "co_host"), pk=pk)
    if not _knows_group(user, group):
        raise Http404
    if not (group.is_hosted_by(user) or group.has_member(user)):
        raise PermissionDenied
    return group


def get_group_to_edit_contract(user, pk: int) -> Group:
    group = get_object_or_404(Group, pk=pk)
    if not _knows_group(user, group):
        raise Http404
    if not group.is_hosted_by(user):
        raise PermissionDenied
    return group


def require_overview(user) -> None:
    """The chef group and the administrators see how all groups are composed."""
    if not (user.is_chef_group or user.is_administrator):
        raise PermissionDenied


def require_composer(user) -> None:
    if not user.is_administrator:
        raise PermissionDenied


def get_proposal_for_user(user, pk: int) -> Proposal:
    require_composer(user)
    return get_object_or_404(Proposal, pk=pk)


def get_group_for_hosting(user, pk: int) -> Group:
    """Appointing hosts is the administrators'; the chef group knows the group (403)."""
    group = get_object_or_404(Group.objects.select_related("host", "co_host"), pk=pk)
    if user.is_administrator:
        return group
    if _knows_group(user, group):
        raise PermissionDenied
    raise Http404
