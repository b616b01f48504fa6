"""The kinds of message the confidential room sends: follow-ups after a meeting and surveys."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import CONFIDENTIAL_ROOM, MessageKind, register


def _summary_unpublished(message) -> bool:
    meeting = message.about
    summary = getattr(meeting, "summary", None) if meeting else None
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and not (summary and summary.is_published)
    )


def _feedback_undecided(message) -> bool:
    meeting = message.about
    feedback = getattr(meeting, "feedback", None) if meeting else None
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and not (feedback and feedback.is_released)
    )


# The evaluation is asked for while the meeting is fresh; a nudge later than this is not sent.
EVALUATION_NUDGES_UNTIL_DAYS = 14


def _not_evaluated(message) -> bool:
    meeting = message.about
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and timezone.localdate()
        <= meeting.day + datetime.timedelta(days=EVALUATION_NUDGES_UNTIL_DAYS)
        and not meeting.evaluation_receipts.filter(leader_id=message.recipient_id).exists()
        and not meeting.apologies.filter(leader_id=message.recipient_id).exists()
    )


SUMMARY_REMINDER = register(
    MessageKind(
        key="summary_reminder",
        label=_("The host: write the meeting's summary"),
        template="room/email/summary_reminder",
        private=True,
        group=CONFIDENTIAL_ROOM,
        still_applies=_summary_unpublished,
    )
)

FEEDBACK_REMINDER = register(
    MessageKind(
        key="feedback_reminder",
        label=_("The host: get the group's decision on the feedback"),
        template="room/email/feedback_reminder",
        private=True,
        group=CONFIDENTIAL_ROOM,
        still_applies=_feedback_undecided,
    )
)

SUMMARY_FOR_COMMENTS = register(
    MessageKind(
        key="summary_for_comments",
        label=_("A summary is ready for your comments"),
        template="room/email/summary_for_comments",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)


def _comment_still_news(message) -> bool:
    """Until the summary is published: after that the host has read and decided."""
    comment = message.about
    return comment is not None and not comment.summary.is_published


# At once or, by the host's preference, in the next morning's digest: the comment window is
# counted in days, a weekly digest would come after it.
SUMMARY_COMMENTED = register(
    MessageKind(
        key="summary_commented",
        label=_("The host: a member commented on the draft summary"),
        template="room/email/summary_commented",
        private=True,
        group=CONFIDENTIAL_ROOM,
        daily_digest=True,
        still_applies=_comment_still_news,
    )
)

SUMMARY_PUBLISHED = register(
    MessageKind(
        key="summary_published",
        label=_("A summary is published to the group"),
        template="room/email/summary_published",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)

EVALUATION_NUDGE = register(
    MessageKind(
        key="evaluation_nudge",
        label=_("Evaluate the meeting"),
        template="room/email/evaluation_nudge",
        private=True,
        group=CONFIDENTIAL_ROOM,
        still_applies=_not_evaluated,
    )
)

CONCEPT_SURVEY = register(
    MessageKind(
        key="concept_survey",
        label=_("Surveys about the groups"),
        template="room/email/concept_survey",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)


def _still_asked(message) -> bool:
    agreement = message.about
    return agreement is not None and agreement.status == agreement.Status.ASKED


# Whether a sentence about you may stay is your own decision, so this is always sent.
MENTION_ASKED = register(
    MessageKind(
        key="mention_asked",
        label=_("A host asks whether a sentence about you may stay"),
        template="room/email/mention_asked",
        always_sent=True,
        # It quotes a sentence of the confidential room.
        private=True,
        group=CONFIDENTIAL_ROOM,
        still_applies=_still_asked,
    )
)

MENTION_ANSWERED = register(
    MessageKind(
        key="mention_answered",
        label=_("The host: a named person agreed or declined"),
        template="room/email/mention_answered",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)


# --- the chef group's loop ------------------------------------------------------------------

FEEDBACK_RELEASED = register(
    MessageKind(
        key="feedback_released",
        label=_("The chef group: a group released its feedback"),
        template="room/email/feedback_released",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)

REPORT_COMPLETE = register(
    MessageKind(
        key="report_complete",
        label=_("The chef group: the round's report is complete"),
        template="room/email/report_complete",
        private=True,
        group=CONFIDENTIAL_ROOM,
    )
)


# Published to every leader (and never withdrawn), so administrators may see who was told.
CHEF_ANSWER_PUBLISHED = register(
    MessageKind(
        key="chef_answer_published",
        label=_("The chef group answers the groups' feedback"),
        template="room/email/chef_answer_published",
        private=False,
    )
)
