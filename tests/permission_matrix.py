"""Helpers for the per-app permission matrices (one `MATRIX` in each app's test_permissions.py)."""

from dataclasses import dataclass

from django.urls import reverse

ROLES = ["anonymous", "leader", "chef", "director", "hr", "administrator"]


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple = ()
    method: str = "get"

    def url(self, objects: dict) -> str:
        return reverse(self.name, kwargs={key: objects[value] for key, value in self.kwargs})


def request_as(client, people: dict, role: str, page: Page, objects: dict):
    if role != "anonymous":
        client.force_login(people[role])
    return getattr(client, page.method)(page.url(objects))


def assert_reaches(
    client, people: dict, objects: dict, page: Page, role: str, expected: int
) -> None:
    """The role gets the expected status; an anonymous visitor always ends on the login page."""
    response = request_as(client, people, role, page, objects)

    assert response.status_code == expected
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
