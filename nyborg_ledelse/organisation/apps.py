from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "nyborg_ledelse.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        # A wrong second-factor code is an authentication event like a wrong password. allauth
        # reports it only by a signal, and only when its MFA app is installed.
        if apps.is_installed("allauth.mfa"):
            from allauth.mfa.signals import authentication_failed

            from nyborg_ledelse.logs import log_mfa_failed

            authentication_failed.connect(log_mfa_failed, dispatch_uid="log_mfa_failed")
