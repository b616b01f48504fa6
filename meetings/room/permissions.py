"""Who may reach which record of the confidential room: views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from meetings.models import Meeting, Round

# Exact on purpose: HR, administrators, other groups and their hosts, and
# a member's own line manager see nothing here unless they are in the group.


def may_read_summary(user, meeting: Meeting) -> bool:
    summary = getattr(meeting, "summary", None)
    if meeting.is_hosted_by(user):
        return True
    shown = summary is not None and summary.status != summary.Status.DRAFT
    return shown and meeting.had_member(user)


def may_read_feedback(user, meeting: Meeting) -> bool:
    """The group while it decides; the chef group once the group has released it."""
    if meeting.is_hosted_by(user) or meeting.had_member(user):
        return True
    feedback = getattr(meeting, "feedback", None)
    return user.is_chef_group and feedback is not None and feedback.is_released


def get_meeting_in_room(user, pk: int, *, may) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("round", "group", "host", "room"),
        pk=pk,
        group__isnull=False,
        round__published_at__isnull=False,
    )
    if not may(user, meeting):
        raise PermissionDenied
    return meeting


def may_write_records(user, meeting: Meeting) -> bool:
    return meeting.is_hosted_by(user)


def may_evaluate(user, meeting: Meeting) -> bool:
    return meeting.had_member(user) and not meeting.apologies.filter(leader=user).exists()


def may_see_group_evaluations(user, meeting: Meeting) -> bool:
    return meeting.is_hosted_by(user)


def require_chef_group(user) -> None:
    if not user.is_chef_group:
        raise PermissionDenied


def get_round_for_chef_group(user, pk: int) -> Round:
    require_chef_group(user)
    return get_object_or_404(Round, pk=pk, published_at__isnull=False)
