from django import template
from django.utils import timezone

from meetings.agenda_template import FOLLOW_UP_ITEM
from meetings.models import Meeting

from ..answers import answer_for_meeting
from ..disclosure import evaluation_is_closed
from ..forms import SurveyAttachForm
from ..models import Commitment
from ..permissions import (
    may_evaluate,
    may_evaluate_seminar,
    may_read_summary,
    may_see_seminar_evaluation,
    readable_commitments,
)
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


@register.inclusion_tag("room/_group_commitments.html")
def group_commitments(group, user):
    """The group page's open commitments: what the group said it would do and has not followed up."""
    commitments = (
        Commitment.objects.of_group(group)
        .open()
        .select_related("summary__meeting__round", "due_meeting__round")
    )
    return {"commitments": readable_commitments(user, commitments)}


@register.inclusion_tag("room/_commitments_at_item.html")
def commitments_at_item(item, meeting, user):
    """Under agenda item 2 of a group's meeting: the commitments it follows up, and what became of
    them once the host has recorded it."""
    if item.number != FOLLOW_UP_ITEM or not meeting or meeting.group_id is None:
        return {"commitments": []}
    commitments = readable_commitments(user, Commitment.objects.to_follow_up_at(meeting))
    return {
        "commitments": commitments,
        "meeting": meeting,
        "outcomes_shown": bool(commitments) and may_read_summary(user, meeting),
    }


@register.filter
def get_item(mapping, key):
    """A dict's value in a template: answers by question, notes by item number."""
    if not mapping:
        return None
    return mapping.get(str(key))


@register.inclusion_tag("room/_meeting_links.html")
def room_links(meeting, user):
    """The meeting page's way into the room, for its members on the day and its host; the
    records open when the meeting begins (Meeting.has_begun)."""
    has_begun = meeting.has_begun()
    return {
        "meeting": meeting,
        "in_room": meeting.is_hosted_by(user) or meeting.had_member(user),
        "is_host": meeting.is_hosted_by(user),
        "has_begun": has_begun,
        "may_read_summary": may_read_summary(user, meeting),
        "starts_at": timezone.localtime(meeting.starts_at),
        "may_evaluate": has_begun
        and may_evaluate(user, meeting)
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
    return {"surveys": surveys_to_answer(user)}


@register.inclusion_tag("room/_chef_answer_on_agenda.html")
def chef_answer_on_agenda(meeting, item, user):
    """Under item 2 of a group's meeting: the chef group's answer to the round before."""
    show = item.number == FOLLOW_UP_ITEM and meeting.group_id is not None
    return {"answer": answer_for_meeting(meeting, user) if show else None}
