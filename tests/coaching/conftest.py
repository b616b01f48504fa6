import datetime
from decimal import Decimal

import pytest

from tests.factories import CoachFactory


@pytest.fixture
def coach(db):
    return new_coach()


def new_coach():
    return CoachFactory(
        name="Birgitte Coach",
        firm="Coachhuset",
        certification="ICF PCC",
        hourly_rate=Decimal("1800.00"),
    )


JAN = datetime.date(2027, 1, 15)
MAR = datetime.date(2027, 3, 10)
JUN = datetime.date(2027, 6, 1)


@pytest.fixture
def long_sessions(settings):
    """The funding rules are about a year's hours: their tests book them in long blocks. The
    session limit itself is tested in test_bounds.py with the default."""
    settings.COACHING = {**settings.COACHING, "SESSION_MAX_HOURS": 10}
