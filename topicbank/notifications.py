from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import TOPIC_BANK, MessageKind, register

TOPIC_CHANGED = register(
    MessageKind(
        key="topic_changed",
        label=_("Topics you proposed or support: planned, discussed or declined"),
        template="topicbank/email/topic-changed",
        private=True,
        group=TOPIC_BANK,
    )
)
