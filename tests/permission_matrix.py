"""Helpers for the per-app permission matrices (one `MATRIX` in each app's test_permissions.py)."""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

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
