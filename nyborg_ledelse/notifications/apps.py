from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "nyborg_ledelse.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app declares its kinds of message in its own notifications.py.
        autodiscover_modules("notifications")
