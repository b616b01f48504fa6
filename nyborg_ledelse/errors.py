"""Error pages in the product's layout and language, and the one way to refuse bad input.

Django's own error pages are bare and English; a municipal user who mistypes a link or comes
back to an expired form should see a Danish page with the menu and a way back.
"""

import logging

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

# Years the product can mean: a year outside these is a typing error or a probe.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class InvalidInput(BadRequest):
    """Input the user can correct: its message is shown on the 400 page."""


class NotOpenYet(PermissionDenied):
    """A page the user may reach later: its message, saying when, is shown on the 403 page."""


def year_from(request, *, default: int, name: str = "year") -> int:
    """A year from the query string (?year=2027), the default when none is given."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise InvalidInput(
            gettext_lazy("The year must be written as a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(raw)


def _page(request, status: int, title: str, text: str) -> HttpResponse:
    template = loader.get_template("error.html")
    context = {"status": status, "title": title, "text": text}
    return HttpResponse(template.render(context, request), status=status)


def bad_request(request, exception=None, template_name=None):
    text = (
        str(exception)
        if isinstance(exception, InvalidInput)
        else _("Ledelsesrum could not understand the request. Check the address or the form.")
    )
    return _page(request, 400, _("The request could not be understood"), text)


def permission_denied(request, exception=None, template_name=None):
    if isinstance(exception, NotOpenYet):
        return _page(request, 403, _("Not open yet"), str(exception))
    return _page(
        request,
        403,
        _("You do not have access to this page"),
        _("Your role does not give access to this page. Ask an administrator if you need it."),
    )


def page_not_found(request, exception=None, template_name=None):
    return _page(
        request,
        404,
        _("The page was not found"),
        _("The page does not exist, or it has been moved. Check the address."),
    )


def server_error(request, template_name=None):
    title = _("Something went wrong")
    text = _("An error occurred in Ledelsesrum. It has been logged; try again in a moment.")
    try:
        return _page(request, 500, title, text)
    except Exception:
        # The layout itself failed (the database may be down): a page without it.
        logger.exception("The error page could not be drawn in the layout.")
        return HttpResponse(
            f'<!DOCTYPE html><html lang="da"><title>{title}</title>'
            f'<main><h1>{title}</h1><p>{text}</p><p><a href="/">Ledelsesrum</a></p></main>',
            status=500,
        )


def csrf_failure(request, reason=""):
    return _page(
        request,
        403,
        _("The form had expired"),
        _(
            "For your safety, a form can only be sent from a page that is still open in "
            "Ledelsesrum. Go back, reload the page and send the form again."
        ),
    )
