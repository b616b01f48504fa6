"""The people every test can ask for by name."""

import datetime

import pytest

from groups.composer import compose
from groups.models import Reason
from groups.services import groups_apply_composition, people_from_register
from nyborg_ledelse.organisation.models import Role
from tests.demo_snapshot import DemoSnapshot
from tests.factories import DepartmentFactory, LeaderFactory

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Børn og Unge")


@pytest.fixture
def director(db):
    return LeaderFactory(role=Role.DIRECTOR, job_title="Kommunaldirektør", level=1)


@pytest.fixture
def chef(director):
    return LeaderFactory(role=Role.CHEF, job_title="Skolechef", level=2, reports_to=director)


@pytest.fixture
def leader(chef):
    """A member of the Store Ledergruppe, reporting to the chef."""
    return LeaderFactory(job_title="Skoleleder", level=3, reports_to=chef)


@pytest.fixture
def hr(db):
    return LeaderFactory(
        works_in_hr=True,
        job_title="HR-konsulent",
        has_budget_responsibility=False,
        has_staff_responsibility=False,
    )


@pytest.fixture
def administrator(db):
    return LeaderFactory(
        administers_product=True,
        job_title="Systemadministrator",
        has_budget_responsibility=False,
        has_staff_responsibility=False,
    )


@pytest.fixture
def people(leader, chef, director, hr, administrator):
    return {
        "leader": leader,
        "chef": chef,
        "director": director,
        "hr": hr,
        "administrator": administrator,
    }


MAY = datetime.date(2026, 5, 12)


@pytest.fixture
def register(director):
    chefs = [LeaderFactory(role="chef", level=2, reports_to=director) for _ in range(2)]
    leaders = [
        LeaderFactory(
            department__name=["Børn og Unge", "Teknik og Miljø"][k % 2],
            level=3 + k % 2,
            reports_to=chefs[k % 2],
        )
        for k in range(33)
    ]
    return chefs, leaders


@pytest.fixture
def composed(register):
    """The register composed into three groups, seated since May."""
    result = compose(people_from_register(), time_limit=5)
    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=MAY)
    return register


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> DemoSnapshot:
    """The demo municipality, built once for the whole test session (tests/demo_snapshot.py)."""
    with django_db_blocker.unblock():
        return DemoSnapshot.take()


@pytest.fixture
def demo(db, demo_snapshot) -> str:
    """The demo's data for a test that reads it; returns what load_demo printed."""
    return demo_snapshot.restore()


@pytest.fixture
def live_demo(transactional_db, demo_snapshot) -> str:
    """The demo's data, committed, for browser tests and their live server."""
    return demo_snapshot.restore()
