import datetime

from django.utils import timezone

from .composer import compose
from .models import Reason
from .services import groups_apply_composition, people_from_register


def build_demo_groups(*, seed: int = 2026) -> None:
    """The demo's Store Ledergruppe composed by the composer, seated since last year."""
    result = compose(people_from_register(), time_limit=10, seed=seed)
    since = timezone.localdate() - datetime.timedelta(days=365)
    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=since)
