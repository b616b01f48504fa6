from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "coaching.development"
    label = "development"
    verbose_name = _("Leader development")

    def ready(self) -> None:
        # The message kinds register themselves on import.
        from . import notifications  # noqa: F401
