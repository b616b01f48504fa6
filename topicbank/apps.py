from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicbankConfig(AppConfig):
    name = "topicbank"
    verbose_name = _("Topic bank")
