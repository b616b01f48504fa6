"""A held meeting of the director's group with a summary open for comments, unreleased feedback,
a structured question and a concept survey: the confidential room's objects for every test."""

import datetime

from django.utils import timezone

from groups.models import Reason
from meetings.models import Meeting
from meetings.room.models import Summary
from tests.factories import (
    FeedbackFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    MentionAgreementFactory,
    RoomFactory,
    RoundFactory,
    SummaryFactory,
    SummaryQuestionFactory,
    SurveyFactory,
)


def held_meeting(people) -> Meeting:
    group = GroupFactory(number=1, host=people["director"])
    MembershipFactory(
        group=group,
        leader=people["leader"],
        joined_on=timezone.localdate() - datetime.timedelta(days=60),
        joined_reason=Reason.COMPOSED,
    )
    day = timezone.localdate() - datetime.timedelta(days=7)
    week = day - datetime.timedelta(days=day.weekday())
    round_ = RoundFactory(
        title="Forår 2027",
        week_start=week,
        days=[day.isoformat()],
        starts=datetime.time(9),
        ends=datetime.time(12),
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    room = RoomFactory(name="Mødelokale 1", building="Rådhuset", seats=14)
    return MeetingFactory(round=round_, group=group, host=people["director"], day=day, room=room)


def coming_meeting(held: Meeting) -> Meeting:
    """The same group's meeting in the next round, weeks away."""
    day = timezone.localdate() + datetime.timedelta(weeks=5)
    week = day - datetime.timedelta(days=day.weekday())
    round_ = RoundFactory(
        title="Vinter 2027",
        week_start=week,
        days=[week.isoformat()],
        starts=datetime.time(9),
        ends=datetime.time(12),
        published_at=timezone.now(),
    )
    return MeetingFactory(round=round_, group=held.group, host=held.host, day=week, room=held.room)


def room_objects(people) -> dict:
    meeting = held_meeting(people)
    question = SummaryQuestionFactory(round=meeting.round, theme="LEDELSE OPAD")
    SummaryFactory(
        meeting=meeting,
        talked_about="Vi talte om budgettet.",
        status=Summary.Status.COMMENTING,
        comment_until=timezone.localdate() + datetime.timedelta(days=3),
        updated_by=people["director"],
    )
    FeedbackFactory(
        meeting=meeting,
        text="Chefgruppen bør se på rekruttering.",
        answers={str(question.pk): {"dos": "Oplys konsekvenser.", "donts": "Undlad at oplyse."}},
        updated_by=people["director"],
    )
    survey = SurveyFactory(kind="concept", group=meeting.group)
    leader = people["leader"]
    mention = MentionAgreementFactory(meeting=meeting, person=leader, asked_by=people["director"])
    return {
        "meeting": meeting.pk,
        "round": meeting.round_id,
        "survey": survey.pk,
        "mention": mention.pk,
    }
