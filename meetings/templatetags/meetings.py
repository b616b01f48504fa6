from django import template
from django.utils import timezone

from meetings.models import Meeting

register = template.Library()


@register.inclusion_tag("meetings/_next_meeting.html")
def next_meeting(group, user):
    """The group page's next meeting: when, where, the common input, the agenda, who is coming."""
    meeting = (
        Meeting.objects.filter(
            group=group,
            day__gte=timezone.localdate(),
            cancelled_at__isnull=True,
            round__published_at__isnull=False,
        )
        .select_related("round", "room", "host")
        .first()
    )
    if meeting is not None and meeting.is_over:
        # Today's meeting has been held: the next is the one after it.
        meeting = (
            Meeting.objects.filter(
                group=group,
                day__gt=meeting.day,
                cancelled_at__isnull=True,
                round__published_at__isnull=False,
            )
            .select_related("round", "room", "host")
            .first()
        )
    if meeting is None:
        return {"meeting": None}
    invited = meeting.invited()
    apologised = {a.leader_id for a in meeting.apologies.all()}
    return {
        "meeting": meeting,
        "round": meeting.round,
        "items": meeting.round.agenda_items.select_related("topic"),
        "materials": meeting.round.materials.all(),
        "coming": [p for p in invited if p.pk not in apologised],
        "apologised": [p for p in invited if p.pk in apologised],
        "user": user,
    }
