import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from nyborg_ledelse.logs import auth_event

from .models import Leader


def password_login_allowed(user: Leader) -> bool:
    """With SSO_ONLY, leaders from the register log in with Entra ID only."""
    return not (settings.SSO_ONLY and user.from_register)


class RegisterAccountAdapter(DefaultAccountAdapter):
    """Accounts come from the leaders register; nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def clean_email(self, email: str) -> str:
        return email.strip().lower()

    def send_mail(self, template_prefix, email, context):
        # Password resets too go through the outbox, so every e-mail has a row and a record.
        from nyborg_ledelse.notifications.services import queue_account_email, recipient_language

        user = context.get("user")
        if getattr(user, "pk", None) is None:
            user = Leader.objects.filter(email__iexact=email).first()
        # The e-mail greets and signs as the product (templates/account/email/base_message.txt).
        context = {
            **context,
            "user": user,
            "municipality_name": settings.MUNICIPALITY_NAME,
            "site_url": settings.SITE_URL,
        }
        # In the recipient's language, not the language of whoever's request sent it.
        with translation.override(recipient_language(user)):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
        )
        queue_account_email(
            to_email=email,
            recipient=user,
            subject=message.subject,
            text=message.body,
            html=html,
        )

    def format_email_subject(self, subject: str) -> str:
        # allauth would prefix the host name of the request ("[127.0.0.1:8000]").
        return f"Ledelsesrum · {settings.MUNICIPALITY_NAME}: {subject}"

    def send_password_reset_mail(self, user, email, context):
        if not password_login_allowed(user):
            # The reset page says the same whatever the address, so nobody learns who is who.
            auth_event(
                "password-reset-refused",
                request=context.get("request"),
                account=email,
                level=logging.INFO,
                reason="sso-only",
            )
            return
        super().send_password_reset_mail(user, email, context)

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            auth_event("login-rate-limited", request=request, account=credentials.get("email"))
            raise

    def authentication_failed(self, request, **credentials):
        auth_event("login-failed", request=request, account=credentials.get("email"))

    def get_login_stages(self) -> list[str]:
        # Entra ID logins bring the municipality's own second factor: only passwords are asked.
        return [
            "nyborg_ledelse.organisation.adapters.PasswordSecondFactorStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # The first authenticator is set up right after the password was typed: asking for it
        # again would only confuse. Changing or removing one asks for the password again.
        from allauth.core import context
        from allauth.mfa.models import Authenticator

        user = getattr(context.request, "user", None)
        if (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not Authenticator.objects.filter(user=user).exists()
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def pre_login(self, request, user, **kwargs):
        # allauth lets a user past the backend's refusal to show "inactive"; a leaver is inactive.
        if user.has_left():
            auth_event("login-refused", request=request, account=user.email, reason="left")
            return self.respond_user_inactive(request, user)
        by_entra = "sociallogin" in (kwargs.get("signal_kwargs") or {})
        if not by_entra and not password_login_allowed(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            auth_event("login-refused", request=request, account=user.email, reason="sso-only")
            messages.error(
                request,
                _("Leaders in the register log in with their Microsoft account, not a password."),
            )
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)


class RegisterSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Entra ID logs in the leaders the register knows and creates nobody.

    A leader is found by the Entra account's e-mail (`mail`), else by its sign-in name
    (`userPrincipalName`), in any case. The tenant is the municipality's own, so its directory
    is trusted for these addresses; the account is then linked, so a later change of address
    in Entra keeps the link. Leavers and people outside the register get a page saying whom to
    contact; nobody's local password is touched.
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            leader = sociallogin.user
        else:
            leader = self._leader_for(sociallogin.account.extra_data)
        if leader is None:
            self._refuse(request, sociallogin, "not-in-register")
        if leader.has_left() or not leader.is_active:
            self._refuse(request, sociallogin, "left")
        if not sociallogin.is_existing:
            sociallogin.connect(request, leader)

    @staticmethod
    def _leader_for(profile: dict) -> Leader | None:
        for field in ("mail", "userPrincipalName"):
            address = (profile.get(field) or "").strip().lower()
            if address:
                leader = Leader.objects.filter(email=address).first()
                if leader is not None:
                    return leader
        return None

    @staticmethod
    def _refuse(request, sociallogin, reason: str):
        profile = sociallogin.account.extra_data
        auth_event(
            "sso-refused",
            request=request,
            account=profile.get("mail") or profile.get("userPrincipalName") or "",
            reason=reason,
        )
        response = render(
            request,
            "socialaccount/refused.html",
            {"reason": reason, "contact": settings.SSO_CONTACT},
            status=403,
        )
        raise ImmediateHttpResponse(response)


class PasswordSecondFactorStage(AuthenticateStage):
    """allauth's code step, skipped for a login through Entra ID (which did its own MFA)."""

    def _should_handle(self, request) -> bool:
        if (self.login.signal_kwargs or {}).get("sociallogin") is not None:
            return False
        return super()._should_handle(request)
