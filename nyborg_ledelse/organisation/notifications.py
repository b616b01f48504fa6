from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.notifications.kinds import MessageKind, register

REGISTER_CHANGED = register(
    MessageKind(
        key="register_changed",
        label=_("The leaders register changed: new and leaving leaders (HR)"),
        template="organisation/email/register-changed",
        private=False,
    )
)
