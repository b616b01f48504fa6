from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class RegisterAccountAdapter(DefaultAccountAdapter):
    """Accounts come from the leaders register; nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix, email, context):
        # Password resets too go through the outbox, so every e-mail has a row and a record.
        from nyborg_ledelse.notifications.services import queue_account_email

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
        )
        queue_account_email(
            to_email=email,
            recipient=user if getattr(user := context.get("user"), "pk", None) else None,
            subject=message.subject,
            text=message.body,
            html=html,
        )

    def pre_login(self, request, user, **kwargs):
        # allauth lets a user past the backend's refusal to show "inactive"; a leaver is inactive.
        if user.has_left():
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)


class RegisterSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Entra ID logs in leaders the register knows (matched by e-mail) and creates nobody."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False
