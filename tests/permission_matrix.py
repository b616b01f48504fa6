"""Helpers for the per-app permission matrices (one `MATRIX` in each app's test_permissions.py)."""

import hashlib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from tests.people import new_people

ROLES = ["anonymous", "leader", "chef", "director", "hr", "administrator"]
# A POST the role may send, refused by the rule it breaks (a message, a redirect, no change):
# an apology from someone not invited, publishing a round already published.
NO_EFFECT = "302 without effect"


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple = ()
    method: str = "get"
    # What a POST sends: (field, value) pairs, or a callable of the objects returning a dict.
    data: tuple = ()

    def payload(self, objects: dict) -> dict:
        return self.data(objects) if callable(self.data) else dict(self.data)

    def url(self, objects: dict) -> str:
        return reverse(self.name, kwargs={key: objects[value] for key, value in self.kwargs})


def built_once_per_module(build_objects: Callable[[dict], dict]) -> tuple:
    """The `people` and `objects` fixtures of a matrix module, built once for the whole module.

    A matrix sends hundreds of requests against the same few records; building them again for
    each took a fifth of the suite's time. Every test still runs in a savepoint of its own and
    leaves the rows as it found them (tests/conftest.py: module_transaction).

        module_world, people, objects = built_once_per_module(build_objects)
    """

    @pytest.fixture(scope="module", name="module_world")
    def module_world(module_transaction):
        people = new_people()
        return people, build_objects(people)

    @pytest.fixture(name="people")
    def people(module_world, db):
        return module_world[0]

    @pytest.fixture(name="objects")
    def objects(module_world, db):
        return module_world[1]

    return module_world, people, objects


def request_as(client, people: dict, role: str, page: Page, objects: dict):
    if role != "anonymous":
        client.force_login(people[role])
    if page.method == "post":
        return client.post(page.url(objects), page.payload(objects))
    return getattr(client, page.method)(page.url(objects))


def assert_reaches(
    client, people: dict, objects: dict, page: Page, role: str, expected: int
) -> None:
    """The role gets the expected status; an anonymous visitor always ends on the login page.

    A POST must do what its status says: a refusal changes no row of the project's data, and a
    302 for a role that may act changes some (a refused action that redirects is caught).
    """
    if role != "anonymous":
        client.force_login(people[role])  # before the fingerprint: logging in writes last_login
    before = project_data_fingerprint() if page.method == "post" else None
    response = request_as(client, people, "anonymous", page, objects)

    assert response.status_code == (302 if expected == NO_EFFECT else expected)
    if before is not None:
        changed = project_data_fingerprint() != before
        acted = expected == 302 and role != "anonymous"
        assert changed == acted, f"{page.name} as {role}: " + (
            "nothing was changed" if acted else "the data changed though it was refused"
        )
    if role == "anonymous":
        landing = client.get(response.url, follow=True)
        assert landing.request["PATH_INFO"] == reverse("account_login")


def expand(matrix: dict[Page, dict[str, int]]) -> list[tuple[Page, str, int]]:
    cases = []
    for page, expected in matrix.items():
        missing = set(ROLES) - set(expected)
        assert not missing, f"{page.name} has no expectation for {sorted(missing)}"
        cases.extend((page, role, expected[role]) for role in ROLES)
    return cases


PROJECT_APPS = ("nyborg_ledelse", "groups", "meetings", "topicbank", "coaching")


def project_data_fingerprint() -> str:
    """A hash of every row of the project's own models (not sessions or third-party tables)."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if not model.__module__.startswith(PROJECT_APPS):
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


# What a careless or curious user might type: words, negatives, huge numbers, nothing, a novel.
JUNK = ["abc", "-1", "99999999999", "", "x" * 3000]
_READ_IN_VIEWS = re.compile(r"request\.(?:GET|POST)(?:\.get(?:list)?\(\s*|\[)\"(\w+)\"")
_NAME_IN_PAGE = re.compile(r'\sname="([^"]+)"')


@cache
def input_names() -> frozenset[str]:
    """Every query parameter and form field the project's views read."""
    root = Path(__file__).parents[1]
    names = {"year", "page", "q", "state", "format"}
    for app in PROJECT_APPS:
        for source in (root / app).rglob("*.py"):
            names |= set(_READ_IN_VIEWS.findall(source.read_text()))
    for app in PROJECT_APPS:
        for module in (root / app).rglob("forms.py"):
            dotted = ".".join(module.relative_to(root).with_suffix("").parts)
            importlib.import_module(dotted)
    for form in _subclasses(forms.BaseForm):
        if form.__module__.startswith(PROJECT_APPS):
            names |= set(form.base_fields)
    return frozenset(names)


def _subclasses(cls) -> set:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def junk_cases(matrix: dict[Page, dict[str, int]]) -> list:
    return [
        pytest.param(page, role, id=f"{page.name}-{page.method}-{role}")
        for page in matrix
        for role in ROLES
    ]


def assert_junk_is_refused_cleanly(client, people: dict, objects: dict, page: Page, role: str):
    """Junk in every query parameter and form field, by GET and POST: never a server error.

    The fields are those the views read, plus those the page itself shows (forms whose fields
    depend on the data, such as one box per member)."""
    if role != "anonymous":
        client.force_login(people[role])
    url = page.url(objects)
    first = client.get(url)
    assert first.status_code < 500
    names = set(input_names())
    if first.get("Content-Type", "").startswith("text/html"):
        names |= set(_NAME_IN_PAGE.findall(first.content.decode())) - {"csrfmiddlewaretoken"}
    for junk in JUNK:
        data = dict.fromkeys(sorted(names), junk)
        for method in ("get", "post"):
            response = getattr(client, method)(url, data)
            assert response.status_code < 500, f"{method.upper()} {url} with {junk[:20]!r}"
