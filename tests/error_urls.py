"""The project's URLs plus one that fails, to see the 500 page (tests/test_error_pages.py)."""

from django.urls import path

from nyborg_ledelse.urls import (  # noqa: F401
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)


def broken(request):
    raise RuntimeError("A bug in a view.")


urlpatterns = [*urlpatterns, path("broken/", broken)]
