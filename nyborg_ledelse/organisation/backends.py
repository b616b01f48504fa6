from allauth.account.auth_backends import AuthenticationBackend


class RegisterAuthenticationBackend(AuthenticationBackend):
    """allauth's e-mail login, refusing leaders whose end date has passed.

    Django asks this on every request too, so a leader who leaves is logged out the day after.
    """

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not user.has_left()
