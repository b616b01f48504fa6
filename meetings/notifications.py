from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register


def _not_begun(meeting) -> bool:
    return (
        meeting is not None and meeting.cancelled_at is None and meeting.starts_at > timezone.now()
    )


def _still_invited(meeting, recipient_id) -> bool:
    """Still asked to come: the host, or a member of the group on the meeting's day."""
    if meeting.group_id is None or recipient_id == meeting.host_id:
        return True
    return meeting.group.memberships.on(meeting.day).filter(leader_id=recipient_id).exists()


def _invitation_useful(message) -> bool:
    """The meeting's current version, before it begins, to someone still in the group."""
    meeting = message.about
    return (
        _current_version(message)
        and _not_begun(meeting)
        and _still_invited(meeting, message.recipient_id)
    )


def _meeting_still_on(message) -> bool:
    """A reminder goes before its meeting, to someone still invited who has not sent apologies."""
    meeting = message.about
    return (
        _not_begun(meeting)
        and _still_invited(meeting, message.recipient_id)
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
        private=False,
        always_sent=True,
        still_applies=_invitation_useful,
    )
)

# A personal cancellation: the meeting goes on, but this leader is no longer in the group.
UNINVITED = register(
    MessageKind(
        key="meeting_uninvited",
        label=_("Meetings you are no longer invited to"),
        template="meetings/email/uninvited",
        private=False,
        always_sent=True,
    )
)

# A personal cancellation for a host who handed the meeting to the co-host: they stay in the
# group's life, only this meeting leaves their calendar.
HANDED_OVER = register(
    MessageKind(
        key="meeting_handed_over",
        label=_("Meetings you handed over to the co-host"),
        template="meetings/email/handed_over",
        private=False,
        always_sent=True,
    )
)

CANCELLATION = register(
    MessageKind(
        key="meeting_cancelled",
        label=_("Cancelled meetings"),
        template="meetings/email/cancelled",
        private=False,
        always_sent=True,
        still_applies=_current_version,
    )
)

REMINDER = register(
    MessageKind(
        key="meeting_reminder",
        label=_("Reminders before a meeting"),
        template="meetings/email/reminder",
        private=False,
        still_applies=_meeting_still_on,
    )
)

AGENDA_DUE = register(
    MessageKind(
        key="agenda_due",
        label=_("The chef group: set the round's agenda"),
        template="meetings/email/agenda_due",
        private=False,
        still_applies=_agenda_still_missing,
    )
)


STAND_IN_REQUEST = register(
    MessageKind(
        key="stand_in_request",
        label=_("Administrators: a host asks for a stand-in"),
        template="meetings/email/stand_in_request",
        private=False,
    )
)
