from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register

SUCCESSOR_JOINED = register(
    MessageKind(
        key="group_successor",
        label=_("A new leader took over a seat in the group you host"),
        template="groups/email/successor",
        private=False,
    )
)

MOVED = register(
    MessageKind(
        key="group_moved",
        label=_("You move to another group"),
        template="groups/email/moved",
        private=False,
    )
)

GROUP_CHANGED = register(
    MessageKind(
        key="group_changed",
        label=_("Leaders join or leave the group you host"),
        template="groups/email/group_changed",
        private=False,
    )
)

MEMBER_LEFT = register(
    MessageKind(
        key="group_member_left",
        label=_("A leader leaves the group you host"),
        template="groups/email/member_left",
        private=False,
    )
)

HOSTING_CHANGED = register(
    MessageKind(
        key="group_hosting",
        label=_("A host or co-host is appointed to your group, or the appointment ends"),
        template="groups/email/hosting",
        # Given in the open: the group always learns who may read its records.
        always_sent=True,
        private=False,
    )
)
