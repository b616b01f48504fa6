"""Who may reach which meeting page: views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from nyborg_ledelse.errors import NotOpenYet

from .models import Meeting, Round


def require_planner(user) -> None:
    """The chef group and the administrators plan rounds and set the agenda."""
    if not (user.is_chef_group or user.is_administrator):
        raise PermissionDenied


def require_administrator(user) -> None:
    if not user.is_administrator:
        raise PermissionDenied


def get_round_for_planner(user, pk: int) -> Round:
    require_planner(user)
    return get_object_or_404(Round, pk=pk)


def get_meeting_for_user(user, pk: int) -> Meeting:
    """The group's members on the day, its host, the chef group and the administrators."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("round", "group", "room", "host"), pk=pk
    )
    # 404: an outsider may not learn that the meeting exists.
    if not meeting.round.is_published and not (user.is_chef_group or user.is_administrator):
        raise Http404
    if not meeting.may_see(user):
        raise Http404
    return meeting


def get_seminar_for_planner(user, pk: int) -> Round:
    round_ = get_round_for_planner(user, pk)
    if not round_.is_seminar:
        raise Http404
    return round_


def get_meeting_for_host(user, pk: int) -> Meeting:
    """The host records a group's meeting; the seminar has no host, so the planners record it."""
    meeting = get_meeting_for_user(user, pk)
    if meeting.group is None:
        require_planner(user)
        return meeting
    if not (meeting.is_hosted_by(user) or user.is_administrator):
        raise PermissionDenied
    return meeting


def require_begun(meeting: Meeting) -> None:
    """After-meeting pages before the start: the user may come back, so they are told when."""
    if not meeting.has_begun():
        raise NotOpenYet(opens_when(meeting))


def opens_when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    return _("Opens when the meeting begins on %(day)s at %(time)s.") % {
        "day": date_format(start, "l j. F Y"),
        "time": time_format(start, "H.i"),
    }
