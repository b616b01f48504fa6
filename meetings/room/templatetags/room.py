from django import template
from django.db.models import Q
from django.utils import timezone

from groups.models import Membership
from meetings.models import Meeting

from ..disclosure import evaluation_is_closed, survey_is_closed
from ..forms import SurveyAttachForm
from ..models import Survey
from ..permissions import (
    may_answer_survey,
    may_evaluate,
    may_evaluate_seminar,
    may_read_summary,
    may_see_seminar_evaluation,
)

register = template.Library()


@register.inclusion_tag("room/_group_summaries.html")
def group_summaries(group, user):
    """The group page's summaries: every published one from meetings the user may read."""
    meetings = (
        Meeting.objects.filter(group=group, summary__status="published")
        .select_related("round", "summary")
        .order_by("-day")
    )
    return {"meetings": [m for m in meetings if may_read_summary(user, m)]}


@register.filter
def get_item(mapping, key):
    """A dict's value in a template: answers by question, notes by item number."""
    if not mapping:
        return None
    return mapping.get(str(key))


@register.inclusion_tag("room/_meeting_links.html")
def room_links(meeting, user):
    """The meeting page's way into the room, for its members on the day and its host."""
    return {
        "meeting": meeting,
        "in_room": meeting.is_hosted_by(user) or meeting.had_member(user),
        "is_host": meeting.is_hosted_by(user),
        "may_evaluate": may_evaluate(user, meeting)
        and meeting.starts_at <= timezone.now()
        and not evaluation_is_closed(meeting),
    }


@register.inclusion_tag("room/_seminar_links.html")
def seminar_links(meeting, user):
    """The seminar page's evaluation: to answer once it has begun, and the chef group's result."""
    return {
        "meeting": meeting,
        "may_evaluate": meeting.starts_at <= timezone.now()
        and may_evaluate_seminar(user, meeting)
        and not evaluation_is_closed(meeting),
        "sees_result": meeting.is_over and may_see_seminar_evaluation(user, meeting),
    }


@register.inclusion_tag("room/_chef_group_links.html", takes_context=True)
def chef_group_links(context, round_):
    """The round page's links for the chef group: the report, evaluations and surveys."""
    return {
        "round": round_,
        "surveys": round_.surveys.all(),
        "survey_form": SurveyAttachForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("room/_open_surveys.html")
def open_surveys(user):
    """Surveys the user may still answer: their group's concept survey, their rounds' templates."""
    groups = Membership.objects.filter(leader=user).values("group")
    rounds = Meeting.objects.filter(group__in=groups).values("round")
    candidates = (
        Survey.objects.filter(Q(group__in=groups) | Q(round__in=rounds))
        .exclude(receipts__leader=user)
        .select_related("group", "round")
        .distinct()
    )
    return {
        "surveys": [s for s in candidates if may_answer_survey(user, s) and not survey_is_closed(s)]
    }
