"""Where the chef group's published answer to a round's report is shown: under item 2 of each
group's next meeting and on the front page."""

from meetings.models import Kind, Meeting, Round

from .models import ChefGroupAnswer
from .permissions import may_read_chef_answers


def _published():
    return (
        ChefGroupAnswer.objects.published()
        .select_related("round")
        .prefetch_related("round__questions")
    )


def answer_for_meeting(meeting: Meeting, user) -> ChefGroupAnswer | None:
    """The answer to the round before this meeting's: what item 2 follows up."""
    if meeting.group_id is None or not may_read_chef_answers(user):
        return None
    previous = (
        Round.objects.published()
        .filter(kind=Kind.GROUPS, week_start__lt=meeting.round.week_start)
        .order_by("-week_start")
        .values("pk")[:1]
    )
    return _published().filter(round__in=previous).first()


def answer_for_front_page(user) -> ChefGroupAnswer | None:
    """The chef group's latest published answer."""
    if not may_read_chef_answers(user):
        return None
    return _published().order_by("-published_at").first()


def front_page_context(user) -> dict:
    """What the front page needs for templates/room/_chef_answer.html."""
    return {"chef_answer": answer_for_front_page(user)}
