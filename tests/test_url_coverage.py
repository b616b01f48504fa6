"""Every URL pattern of the project is in some app's permission matrix, named or not, wherever it
is mounted; the URLconfs of other packages are listed here one by one, each with its reason."""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

# Included URLconfs that are not ours, with where they are tested. A new one fails the test below
# until it is listed here (or its pages are put in a matrix).
THIRD_PARTY_URLCONFS = {
    "allauth.urls": "allauth's login, password reset and Entra ID (tests/organisation/test_login.py)",
    "django.conf.urls.i18n": "Django's language switch (tests/test_layout.py)",
    "admin": "the Django admin, for superusers only",
}
# Pages that are deliberately open: the private calendar feed's secret token is the key
# (tests/meetings/test_feed.py).
NOT_IN_A_MATRIX: set[str] = {"meetings:feed"}


def _urlconf_label(resolver: URLResolver) -> str:
    if resolver.app_name == "admin":
        return "admin"
    urlconf = resolver.urlconf_name
    return urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", repr(urlconf))


def project_patterns(resolver=None, prefix="", namespace=""):
    """(route, name or None) of every pattern outside the listed third-party URLconfs."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if _urlconf_label(pattern) in THIRD_PARTY_URLCONFS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, (namespace + pattern.name) if pattern.name else None


def third_party_urlconfs(resolver=None) -> set[str]:
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            label = _urlconf_label(pattern)
            if label.split(".")[0] not in PROJECT_PACKAGES:
                found.add(label)
            else:
                found |= third_party_urlconfs(pattern)
    return found


PROJECT_PACKAGES = {"nyborg_ledelse", "groups", "meetings", "topicbank", "coaching"}


def covered_url_names(*, with_junk: bool = False) -> set[str]:
    names = set()
    for path in Path(__file__).parent.glob("*/test_*permissions.py"):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        if with_junk and not hasattr(module, "test_junk_input_never_gives_a_server_error"):
            continue
        names |= {page.name for page in module.MATRIX}
    return names


def test_every_project_url_has_a_name_a_matrix_can_use():
    unnamed = [route for route, name in project_patterns() if name is None]

    assert not unnamed, f"URL patterns without a name: {unnamed}"


def test_every_project_url_is_in_a_permission_matrix():
    names = {name for _route, name in project_patterns() if name}
    uncovered = names - covered_url_names() - NOT_IN_A_MATRIX

    assert not uncovered, f"URLs without a permission matrix entry: {sorted(uncovered)}"


def test_every_other_packages_urls_are_listed_with_a_reason():
    assert third_party_urlconfs() == set(THIRD_PARTY_URLCONFS)


def test_every_project_url_is_sent_junk_by_every_role():
    """Each matrix also sends junk to its pages (permission_matrix.assert_junk_is_refused_cleanly);
    the feed gets its junk in tests/meetings/test_feed.py."""
    names = {name for _route, name in project_patterns() if name}
    missed = names - covered_url_names(with_junk=True) - NOT_IN_A_MATRIX

    assert not missed, f"URLs no junk test reaches: {sorted(missed)}"
