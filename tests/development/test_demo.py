import pytest

from coaching.development.models import (
    Agreement,
    Education,
    FoundationText,
    Goal,
    PersonalFoundation,
    Programme,
)

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_new_leader_halfway_a_foundation_lus_goals_and_dil_and_dol(demo):
    programme = Programme.objects.get()
    progress = programme.progress()
    assert 0 < progress.done < progress.total
    assert abs(progress.done - progress.total / 2) <= 1
    assert programme.leader.reports_to is not None
    assert FoundationText.objects.filter(title="Grundlag for ledelse i Nyborg Kommune").exists()
    foundation = PersonalFoundation.objects.get()
    assert foundation.versions.count() == 2
    assert Goal.objects.filter(talk__isnull=False).count() >= 2
    assert Goal.objects.filter(evaluation__isnull=False).exists()
    educations = set(Agreement.objects.values_list("education", flat=True))
    assert {Education.DIL, Education.DOL} <= educations
