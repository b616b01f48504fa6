from django import template
from django.utils import timezone

from meetings.models import Meeting

from ..disclosure import evaluation_is_closed
from ..forms import SurveyAttachForm
from ..permissions import may_evaluate, may_read_summary
from ..services import surveys_to_answer

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
    return {"surveys": surveys_to_answer(user)}
