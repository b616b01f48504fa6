"""Tests build rows through tests/factories.py, and every factory builds a valid row."""

import inspect
import re
from pathlib import Path

import factory
import pytest
from django.db.models import JSONField

from tests import factories

TESTS = Path(__file__).parent
HAND_BUILT = re.compile(r"\b([A-Z][A-Za-z0-9]*)\.objects\.create\(")


def model_factories() -> dict[str, type]:
    return {
        f._meta.model.__name__: f
        for _name, f in inspect.getmembers(factories, inspect.isclass)
        if issubclass(f, factory.django.DjangoModelFactory) and f._meta.model is not None
    }


def hand_built(source: str) -> list[str]:
    """Models with a factory that the source creates with Model.objects.create(…)."""
    covered = model_factories()
    return [name for name in HAND_BUILT.findall(source) if name in covered]


def test_no_test_builds_a_row_by_hand_when_a_factory_exists():
    offenders = [
        f"{path.relative_to(TESTS)}: {name}.objects.create( → {name}Factory("
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "factories.py"
        for name in hand_built(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


def test_the_guard_catches_a_hand_built_row_and_lets_factories_and_queries_pass():
    create = ".objects." + "create("  # split, so this module does not trip the guard itself
    source = (
        f"Room{create}name='Kontoret', building='Rådhuset', seats=6)\n"
        "RoomFactory(name='Kontoret')\n"
        "Room.objects.filter(seats=6).update(seats=8)\n"
        f"Material{create}title='x')\n"  # no factory: not this guard's business
    )

    assert hand_built(source) == ["Room"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(model_factories()))
def test_each_factory_builds_a_valid_row(name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = model_factories()[name]()

    # Nullable fields and JSON documents are states the services fill in later (a decision, a
    # release); no form edits them, so the models do not mark them blank.
    later = [f.name for f in type(row)._meta.fields if f.null or isinstance(f, JSONField)]
    row.full_clean(exclude=later)
    assert type(row).objects.filter(pk=row.pk).exists()
