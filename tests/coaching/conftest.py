import datetime
from decimal import Decimal

import pytest

from coaching.models import Coach


@pytest.fixture
def coach(db):
    return Coach.objects.create(
        name="Birgitte Coach",
        firm="Coachhuset",
        certification="ICF PCC",
        hourly_rate=Decimal("1800.00"),
    )


JAN = datetime.date(2027, 1, 15)
MAR = datetime.date(2027, 3, 10)
JUN = datetime.date(2027, 6, 1)
