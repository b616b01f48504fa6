from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import SUPPORT, MessageKind, register

APPROVAL_REQUESTED = register(
    MessageKind(
        key="coaching_approval_requested",
        label=_("A leader asks you to approve more coaching hours"),
        template="coaching/email/approval_requested",
        private=True,
        group=SUPPORT,
    )
)
APPROVAL_DECIDED = register(
    MessageKind(
        key="coaching_approval_decided",
        label=_("Your manager's decision on more coaching hours"),
        template="coaching/email/approval_decided",
        private=True,
        group=SUPPORT,
    )
)
ANONYMOUS_USED_UP = register(
    MessageKind(
        key="coaching_anonymous_used_up",
        label=_("Your anonymous coaching hours are used up"),
        template="coaching/email/anonymous_used_up",
        private=True,
        group=SUPPORT,
    )
)
GROUP_COACHING_CONSENT = register(
    MessageKind(
        key="group_coaching_consent",
        label=_("Group coaching asks for your hours"),
        template="coaching/email/group_coaching_consent",
        private=True,
        group=SUPPORT,
    )
)
CRISIS = register(
    MessageKind(
        key="crisis_request",
        label=_("HR: a workplace asks for acute crisis help"),
        template="coaching/email/crisis",
        private=True,
        group=SUPPORT,
        always_sent=True,
    )
)
POOL_APPLICATION = register(
    MessageKind(
        key="pool_application",
        label=_("HR: a new application for pool funds"),
        template="coaching/email/pool_application",
        private=True,
        group=SUPPORT,
    )
)
SPARRING_MATCHED = register(
    MessageKind(
        key="sparring_matched",
        label=_("Sparring partners"),
        template="coaching/email/sparring_matched",
        private=True,
        group=SUPPORT,
    )
)
POOL_PHASE = register(
    MessageKind(
        key="pool_phase",
        label=_("Pool funds: news of an application from your workplace or area"),
        template="coaching/email/pool_phase",
        private=True,
        group=SUPPORT,
    )
)
POOL_SHARE_CONFIRMED = register(
    MessageKind(
        key="pool_share_confirmed",
        label=_("HR: the area's chef confirms the area's share of a pool course"),
        template="coaching/email/pool_share_confirmed",
        private=True,
        group=SUPPORT,
    )
)
