import datetime

import pytest

from groups.composer import compose
from groups.models import Reason
from groups.services import groups_apply_composition, people_from_register
from tests.factories import LeaderFactory

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
