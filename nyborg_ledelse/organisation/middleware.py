import ipaddress

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation

from .services import leader_language_set

# What a user who must set up a second factor may still reach: the setup itself and the way out.
SECOND_FACTOR_SETUP = {
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_index",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "set_language",
}
PASSWORD_METHODS = {"password", "password_reset"}


class TrustedProxyMiddleware:
    """Forwarded headers count only when they come from the TLS proxy in TRUSTED_PROXY.

    Anyone can send X-Forwarded-Proto or X-Forwarded-For; believed from anywhere, they would let
    a client claim HTTPS for a plain connection, or another address to slip past the rate limits.
    From any other address they are removed before the rest of the stack reads them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._from_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in [key for key in request.META if key.startswith("HTTP_X_FORWARDED_")]:
                del request.META[header]
        return self.get_response(request)

    @staticmethod
    def _from_trusted_proxy(address: str) -> bool:
        try:
            client = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(client in network for network in settings.TRUSTED_PROXY)


class ChosenLanguageMiddleware:
    """Danish unless the person chose English: on their row when signed in, else in the footer.

    Django's LocaleMiddleware would follow the browser, and many municipal PCs run an English
    Windows; the municipality's working language is Danish. A signed-in person's stored choice
    wins over this browser's cookie, so it follows them to their next session on any machine and
    into their e-mails. Placed after AuthenticationMiddleware, which gives it request.user.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = self._chosen(request)
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's next request or task starts from the default.
        with translation.override(language):
            response = self.get_response(request)
        self._remember_switch(request, response)
        response.headers.setdefault("Content-Language", language)
        return response

    def _chosen(self, request) -> str:
        user = getattr(request, "user", None)
        stored = user.language if user is not None and user.is_authenticated else ""
        for choice in (stored, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
            if choice in self.supported:
                return choice
        return settings.LANGUAGE_CODE

    def _remember_switch(self, request, response) -> None:
        # Django's set_language (the footer's switch) answers a valid choice with the language
        # cookie; for a signed-in person the same choice is kept on their row.
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if cookie is None or user is None or not user.is_authenticated:
            return
        if cookie.value in self.supported and cookie.value != user.language:
            leader_language_set(leader=user, language=cookie.value)


class SecondFactorMiddleware:
    """After a password login, HR and administrators set up an authenticator app first.

    Once it is set up, allauth asks for its code at every password login. A login through
    Entra ID is not asked: the municipality's Entra ID gives its own second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        user = request.user
        if not user.is_authenticated or not user.needs_second_factor:
            return False
        methods = {record.get("method") for record in get_authentication_records(request, user)}
        if not methods & PASSWORD_METHODS or "socialaccount" in methods:
            return False
        try:
            if resolve(request.path_info).url_name in SECOND_FACTOR_SETUP:
                return False
        except Resolver404:
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
