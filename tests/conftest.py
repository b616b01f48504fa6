"""The people every test can ask for by name."""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings

from groups.composer import compose
from groups.models import Reason
from groups.services import groups_apply_composition, people_from_register
from tests import database_template
from tests.demo_snapshot import DemoSnapshot
from tests.factories import DepartmentFactory, LeaderFactory
from tests.people import (
    new_administrator,
    new_chef,
    new_director,
    new_hr,
    new_leader,
)

PASSWORD = "korrekt-hest-batteri"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # The production hasher is slow on purpose; tests create many users.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Børn og Unge")


@pytest.fixture
def director(db):
    return new_director()


@pytest.fixture
def chef(director):
    return new_chef(director)


@pytest.fixture
def leader(chef):
    """A member of the Store Ledergruppe, reporting to the chef."""
    return new_leader(chef)


@pytest.fixture
def hr(db):
    return new_hr()


@pytest.fixture
def administrator(db):
    return new_administrator()


@pytest.fixture
def people(leader, chef, director, hr, administrator):
    return {
        "leader": leader,
        "chef": chef,
        "director": director,
        "hr": hr,
        "administrator": administrator,
    }


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """On SQLite the migrated database is copied into place (tests/database_template.py) and
    pytest-django keeps it instead of migrating; the copy is removed at the end of the run."""
    if request.config.getvalue("reuse_db"):
        return True
    copy = database_template.put_in_place()
    if copy is None:
        return False
    request.addfinalizer(lambda: copy.unlink(missing_ok=True))
    return True


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """Rows a module's tests share: built once inside this transaction, rolled back after the
    module. Each test still runs in a savepoint of its own (it needs `db`), so none sees
    another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


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
