from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register


def _meeting_still_on(message) -> bool:
    meeting = message.about
    return (
        meeting is not None
        and meeting.cancelled_at is None
        and not meeting.apologies.filter(leader_id=message.recipient_id).exists()
    )


def _current_version(message) -> bool:
    """An invitation or cancellation older than the meeting's SEQUENCE is never sent: a client
    that got version 2 would otherwise be told version 0 after it."""
    from nyborg_ledelse.notifications.services import message_version

    meeting = message.about
    return meeting is not None and message_version(message) == str(meeting.sequence)


def _agenda_still_missing(message) -> bool:
    round_ = message.about
    return round_ is not None and not round_.is_published


INVITATION = register(
    MessageKind(
        key="meeting_invitation",
        label=_("Meeting invitations and changes"),
        template="meetings/email/invitation",
        always_sent=True,
        still_applies=_current_version,
    )
)

CANCELLATION = register(
    MessageKind(
        key="meeting_cancelled",
        label=_("Cancelled meetings"),
        template="meetings/email/cancelled",
        always_sent=True,
        still_applies=_current_version,
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
