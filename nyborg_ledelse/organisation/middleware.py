from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Danish unless the user picked English in the footer.

    Django's LocaleMiddleware would follow the browser, and many municipal PCs run an English
    Windows; the municipality's working language is Danish.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Restored afterwards, so the next thing this thread does is not in this person's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
