import pytest

from nyborg_ledelse.notifications.models import State
from tests.factories import MessageFactory
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    expand,
    junk_cases,
)

LOGIN = 302
EVERYONE = {"anonymous": LOGIN, **dict.fromkeys(["leader", "chef", "director", "hr"], 200)}
ADMINISTRATORS_ONLY = {
    "anonymous": LOGIN,
    **dict.fromkeys(["leader", "chef", "director", "hr"], 403),
}

MATRIX = {
    Page("notifications:mine"): {**EVERYONE, "administrator": 200},
    Page("notifications:preferences"): {**EVERYONE, "administrator": 200},
    Page("notifications:outbox"): {**ADMINISTRATORS_ONLY, "administrator": 200},
    # Retrying redirects back to the outbox.
    Page("notifications:retry", (("pk", "failed"),), "post"): {
        **ADMINISTRATORS_ONLY,
        "administrator": 302,
    },
    Page("notifications:retry_all", (), "post"): {**ADMINISTRATORS_ONLY, "administrator": 302},
}


@pytest.fixture
def objects(hr):
    failed = MessageFactory(
        recipient=hr,
        to_email=hr.email,
        kind="register_changed",
        idempotency_key="test:failed",
        state=State.FAILED,
        subject="Lederregisteret",
        body_text="…",
    )
    return {"failed": failed.pk}


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
