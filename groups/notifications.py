from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register

SUCCESSOR_JOINED = register(
    MessageKind(
        key="group_successor",
        label=_("A new leader took over a seat in the group you host"),
        template="groups/email/successor",
    )
)
