"""Rows built once for a module (the permission matrices) are shared, but no test's change to them
reaches the next test (tests/permission_matrix.py: built_once_per_module)."""

from nyborg_ledelse.organisation.models import Department, Leader
from tests.factories import DepartmentFactory
from tests.permission_matrix import built_once_per_module


def build_objects(people: dict) -> dict:
    return {"department": DepartmentFactory(name="Kultur").pk}


module_world, people, objects = built_once_per_module(build_objects)


def test_a_test_may_change_and_delete_the_shared_rows(people, objects):
    Department.objects.filter(pk=objects["department"]).update(name="Kultur og Fritid")
    Leader.objects.filter(pk=people["hr"].pk).delete()

    assert Department.objects.get(pk=objects["department"]).name == "Kultur og Fritid"


def test_the_next_test_finds_them_as_built(people, objects):
    assert Department.objects.get(pk=objects["department"]).name == "Kultur"
    assert Leader.objects.filter(pk__in=[person.pk for person in people.values()]).count() == 5
