from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import SUPPORT, MessageKind, register


def _item_still_due(message) -> bool:
    # Sent only while the item is open and to whoever manages the new leader now.
    item = message.about
    return (
        item is not None
        and item.done_at is None
        and item.programme.leader.reports_to_id == message.recipient_id
    )


INTRODUCTION_TO_PLAN = register(
    MessageKind(
        key="introduction_to_plan",
        label=_("A new leader in your area: plan the introduction"),
        template="development/email/introduction_to_plan",
        private=False,
    )
)
INTRODUCTION_ITEM_DUE = register(
    MessageKind(
        key="introduction_item_due",
        label=_("Reminders about a new leader's introduction"),
        template="development/email/introduction_item_due",
        private=False,
        still_applies=_item_still_due,
    )
)
TALK_BOOKED = register(
    MessageKind(
        key="development_talk_booked",
        label=_("Your development talk is booked"),
        template="development/email/talk_booked",
        # A leader's own development: theirs and their manager's, like coaching.
        private=True,
        group=SUPPORT,
    )
)
