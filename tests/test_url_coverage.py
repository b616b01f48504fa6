"""Every URL of the project's own apps must be in some app's permission matrix."""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

THIRD_PARTY_PREFIXES = ("accounts/", "admin/", "i18n/")
# Pages that are deliberately open or handled by a third-party app's own tests.
# The private calendar feed: its secret token is the key (tests/meetings/test_feed.py).
NOT_IN_A_MATRIX: set[str] = {"meetings:feed"}


def project_url_names(resolver=None, prefix="", namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(THIRD_PARTY_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_url_names(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def covered_url_names() -> set[str]:
    names = set()
    for path in Path(__file__).parent.glob("*/test_*permissions.py"):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        names |= {page.name for page in module.MATRIX}
    return names


def test_every_project_url_is_in_a_permission_matrix():
    uncovered = project_url_names() - covered_url_names() - NOT_IN_A_MATRIX

    assert not uncovered, f"URLs without a permission matrix entry: {sorted(uncovered)}"
