from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class RegisterAccountAdapter(DefaultAccountAdapter):
    """Accounts come from the leaders register; nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_login(self, request, user, **kwargs):
        # allauth lets a user past the backend's refusal to show "inactive"; a leaver is inactive.
        if user.has_left():
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)


class RegisterSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Entra ID logs in leaders the register knows (matched by e-mail) and creates nobody."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False
