from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomConfig(AppConfig):
    """The confidential room: summaries, feedback, evaluations, surveys and their access log.

    An app of its own so that the confidentiality line is an app boundary: nothing of it is in
    the Django admin, and every one of its URLs is in its permission matrix.
    """

    name = "meetings.room"
    label = "room"
    verbose_name = _("The confidential room")
