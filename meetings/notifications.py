from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register


def _meeting_still_on(message) -> bool:
    meeting = message.about
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and not meeting.apologies.filter(leader_id=message.recipient_id).exists()
    )


def _agenda_still_missing(message) -> bool:
    round_ = message.about
    return round_ is not None and not round_.is_published


INVITATION = register(
    MessageKind(
        key="meeting_invitation",
        label=_("Meeting invitations and changes"),
        template="meetings/email/invitation",
        always_sent=True,
    )
)

CANCELLATION = register(
    MessageKind(
        key="meeting_cancelled",
        label=_("Cancelled meetings"),
        template="meetings/email/cancelled",
        always_sent=True,
    )
)

REMINDER = register(
    MessageKind(
        key="meeting_reminder",
        label=_("Reminders before a meeting"),
        template="meetings/email/reminder",
        still_applies=_meeting_still_on,
    )
)

AGENDA_DUE = register(
    MessageKind(
        key="agenda_due",
        label=_("The chef group: set the round's agenda"),
        template="meetings/email/agenda_due",
        still_applies=_agenda_still_missing,
    )
)


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


def _not_evaluated(message) -> bool:
    meeting = message.about
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and not meeting.evaluation_receipts.filter(leader_id=message.recipient_id).exists()
        and not meeting.apologies.filter(leader_id=message.recipient_id).exists()
    )


SUMMARY_REMINDER = register(
    MessageKind(
        key="summary_reminder",
        label=_("The host: write the meeting's summary"),
        template="meetings/email/summary_reminder",
        still_applies=_summary_unpublished,
    )
)

FEEDBACK_REMINDER = register(
    MessageKind(
        key="feedback_reminder",
        label=_("The host: get the group's decision on the feedback"),
        template="meetings/email/feedback_reminder",
        still_applies=_feedback_undecided,
    )
)

SUMMARY_FOR_COMMENTS = register(
    MessageKind(
        key="summary_for_comments",
        label=_("A summary is ready for your comments"),
        template="meetings/email/summary_for_comments",
    )
)

SUMMARY_PUBLISHED = register(
    MessageKind(
        key="summary_published",
        label=_("A summary is published to the group"),
        template="meetings/email/summary_published",
    )
)

EVALUATION_NUDGE = register(
    MessageKind(
        key="evaluation_nudge",
        label=_("Evaluate the meeting"),
        template="meetings/email/evaluation_nudge",
        still_applies=_not_evaluated,
    )
)

CONCEPT_SURVEY = register(
    MessageKind(
        key="concept_survey",
        label=_("Surveys about the groups"),
        template="meetings/email/concept_survey",
    )
)
