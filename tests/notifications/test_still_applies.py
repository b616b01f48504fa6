"""The real `still_applies` rules, through the real dispatcher: a reminder that no longer applies
when it falls due is cancelled, one that still applies is sent. Every kind that has such a rule
has a scenario here."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from groups.models import Membership, Reason
from meetings.room.models import Feedback, MentionAgreement, Summary
from meetings.room.services import evaluation_submit, summary_comment
from nyborg_ledelse.notifications import kinds
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.services import queue_message
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from tests.factories import ApologyFactory
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


def _apologise(meeting, person):
    ApologyFactory(meeting=meeting, leader=person, reason="Sygdom")


def _cancel(meeting, person):
    type(meeting).objects.filter(pk=meeting.pk).update(cancelled_at=timezone.now())


def _publish_round(meeting, person):
    type(meeting.round).objects.filter(pk=meeting.round_id).update(published_at=timezone.now())


def _unpublish_round(meeting, person):
    type(meeting.round).objects.filter(pk=meeting.round_id).update(published_at=None)


def _publish_summary(meeting, person):
    Summary.objects.filter(meeting=meeting).update(status=Summary.Status.PUBLISHED)


def _release_feedback(meeting, person):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())


def _evaluate(meeting, person):
    evaluation_submit(meeting=meeting, leader=person, good="", missed="", rating=4)


def _answer_mention(meeting, person):
    MentionAgreement.objects.filter(meeting=meeting).update(
        status=MentionAgreement.Status.AGREED, answered_at=timezone.now()
    )


def _void_mention(meeting, person):
    MentionAgreement.objects.filter(meeting=meeting).update(status=MentionAgreement.Status.VOID)


def _at_version_one(meeting, person):
    # The test queues version 1 (queue_message's default): make that the meeting's SEQUENCE.
    type(meeting).objects.filter(pk=meeting.pk).update(sequence=1)


def _coming(meeting, person):
    """Reminders and invitations are about a meeting that has not begun."""
    type(meeting).objects.filter(pk=meeting.pk).update(
        day=timezone.localdate() + datetime.timedelta(days=7)
    )


def _coming_at_version_one(meeting, person):
    _coming(meeting, person)
    _at_version_one(meeting, person)


def _leave_group(meeting, person):
    Membership.objects.filter(leader=person).update(
        left_on=timezone.localdate(), left_reason=Reason.REBALANCED
    )


def _move(meeting, person):
    type(meeting).objects.filter(pk=meeting.pk).update(sequence=2)


def _tick_item(meeting, person):
    from coaching.development.models import Item

    Item.objects.update(done_at=timezone.now())


def _new_manager(meeting, person):
    from coaching.development.models import Programme

    leader = Programme.objects.get().leader
    leader.reports_to = meeting.host  # the director: the chef no longer plans the introduction
    leader.save(update_fields=["reports_to"])


def _introduction_item(people):
    from coaching.development.models import Item, Programme

    leader = people["leader"]
    programme = Programme.objects.create(leader=leader, start_date=timezone.localdate())
    return Item.objects.create(programme=programme, title="Rutiner", due_date=timezone.localdate())


# kind → (who gets it, what it is about, what makes it stale, a setup before queueing)
SCENARIOS = {
    "meeting_invitation": ("leader", "meeting", _move, _coming_at_version_one),
    "meeting_cancelled": ("leader", "meeting", _move, _at_version_one),
    "meeting_reminder": ("leader", "meeting", _apologise, _coming),
    "agenda_due": ("chef", "round", _publish_round, _unpublish_round),
    "summary_reminder": ("director", "meeting", _publish_summary, None),
    "feedback_reminder": ("director", "meeting", _release_feedback, None),
    "evaluation_nudge": ("leader", "meeting", _evaluate, None),
    "introduction_item_due": ("chef", "introduction_item", _tick_item, None),
    "mention_asked": ("leader", "mention", _answer_mention, None),
    "summary_commented": ("director", "comment", _publish_summary, None),
}
MORE_STALE = {
    "meeting_invitation": _leave_group,
    "meeting_reminder": _cancel,
    "summary_reminder": _cancel,
    "feedback_reminder": _cancel,
    "evaluation_nudge": _apologise,
    "introduction_item_due": _new_manager,
    "mention_asked": _void_mention,
}


def test_every_kind_with_a_rule_has_a_scenario():
    with_rule = {kind.key for kind in kinds.all_kinds() if kind.still_applies}

    assert with_rule == set(SCENARIOS)


@pytest.fixture
def meeting(people):
    from meetings.models import Meeting

    return Meeting.objects.select_related("round", "group").get(pk=room_objects(people)["meeting"])


def _about(about_name, meeting, people):
    if about_name == "introduction_item":
        return _introduction_item(people)
    if about_name == "mention":
        return MentionAgreement.objects.get(meeting=meeting)
    if about_name == "comment":
        return summary_comment(meeting=meeting, author=people["leader"], text="Enig.")
    return meeting if about_name == "meeting" else meeting.round


def _queued(kind_key, recipient, about):
    return queue_message(
        recipient=recipient,
        kind=kind_key,
        about=about,
        context={"meeting": about, "round": about, "days": 1, "weeks": 1},
    )


@pytest.mark.parametrize("kind_key", sorted(SCENARIOS))
def test_a_reminder_that_still_applies_is_sent(kind_key, people, meeting):
    who, about_name, _stale, setup = SCENARIOS[kind_key]
    if setup:
        setup(meeting, people[who])
    about = _about(about_name, meeting, people)
    if about_name == "mention":
        return MentionAgreement.objects.get(meeting=meeting)
    message = _queued(kind_key, people[who], about)

    dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.SENT
    assert [email.to for email in mail.outbox] == [[people[who].email]]


@pytest.mark.parametrize(
    ("kind_key", "make_stale"),
    [(key, scenario[2]) for key, scenario in sorted(SCENARIOS.items())]
    + sorted(MORE_STALE.items()),
)
def test_a_reminder_that_no_longer_applies_is_cancelled(kind_key, make_stale, people, meeting):
    who, about_name, _stale, setup = SCENARIOS[kind_key]
    if setup:
        setup(meeting, people[who])
    about = _about(about_name, meeting, people)
    if about_name == "mention":
        return MentionAgreement.objects.get(meeting=meeting)
    message = _queued(kind_key, people[who], about)
    make_stale(meeting, people[who])

    dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.CANCELLED
    assert mail.outbox == []


def test_a_reminder_about_a_meeting_that_was_deleted_is_cancelled(people, meeting):
    message = _queued("meeting_reminder", people["leader"], meeting)
    Message.objects.filter(pk=message.pk).update(about_id=meeting.pk + 1000)

    dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.CANCELLED


@pytest.mark.parametrize("kind_key", ["meeting_reminder", "meeting_invitation"])
def test_a_message_about_a_meeting_that_has_begun_is_not_sent_late(kind_key, people, meeting):
    # The room's meeting was held a week ago.
    _at_version_one(meeting, people["leader"])
    message = _queued(kind_key, people["leader"], meeting)

    dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.CANCELLED
    assert mail.outbox == []
