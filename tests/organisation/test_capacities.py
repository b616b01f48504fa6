"""HR and administrator are capacities besides the position: granted and withdrawn by
administrators in the product, logged, taken from the register file, and kept when given by hand."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from nyborg_ledelse.organisation.models import Capacity, CapacityChange, Leader, Role
from nyborg_ledelse.organisation.services import capacity_set, register_apply, register_plan
from tests.factories import DepartmentFactory, LeaderFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "email;fornavn;efternavn;stilling;afdeling;arbejdssted;niveau;leder_email;"
    "budgetansvar;personaleansvar;rolle;hr;administrator"
)
HR_CHEF = "anne.berg@nyborg.test;Anne;Berg;HR-chef;Børn og Unge;Rådhuset;2;;ja;ja;chef;ja;nej"
CONSULTANT = (
    "ole.lund@nyborg.test;Ole;Lund;HR-konsulent;Børn og Unge;Rådhuset;3;"
    "anne.berg@nyborg.test;ja;ja;leder;ja;"
)
IT_LEADER = "eva.sky@nyborg.test;Eva;Sky;IT-leder;Børn og Unge;Rådhuset;3;;ja;ja;;nej;ja"


@pytest.fixture(autouse=True)
def departments():
    DepartmentFactory(name="Børn og Unge")


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode("utf-8")


def apply(*rows: str, header: str = HEADER):
    return register_apply(content=csv_file(*rows, header=header), filename="register.csv")


def test_the_import_takes_the_capacities_from_the_file():
    apply(HR_CHEF, CONSULTANT, IT_LEADER)

    anne, ole, eva = (
        Leader.objects.get(email=f"{n}@nyborg.test") for n in ("anne.berg", "ole.lund", "eva.sky")
    )
    assert (anne.role, anne.is_chef_group, anne.is_hr, anne.is_administrator) == (
        Role.CHEF,
        True,
        True,
        False,
    )
    assert (ole.is_hr, ole.in_store_ledergruppe) == (True, True)
    assert (eva.is_administrator, eva.is_hr, eva.in_store_ledergruppe) == (True, False, True)
    logged = CapacityChange.objects.filter(source=CapacityChange.Source.REGISTER, granted=True)
    assert sorted(logged.values_list("leader__email", "capacity")) == [
        ("anne.berg@nyborg.test", "hr"),
        ("eva.sky@nyborg.test", "admin"),
        ("ole.lund@nyborg.test", "hr"),
    ]


def test_the_import_withdraws_a_capacity_the_file_gave_and_the_preview_shows_it():
    apply(HR_CHEF, CONSULTANT)
    without = CONSULTANT.replace(";leder;ja;", ";leder;nej;")

    plan = register_plan(content=csv_file(HR_CHEF, without), filename="register.csv")
    apply(HR_CHEF, without)

    assert [c.changed_labels for c in plan.changed] == [["HR"]]
    assert not Leader.objects.get(email="ole.lund@nyborg.test").is_hr
    assert CapacityChange.objects.filter(leader__email="ole.lund@nyborg.test").count() == 2


def test_the_import_never_removes_capacities_given_by_hand(administrator):
    ole = LeaderFactory(email="ole.lund@nyborg.test", from_register=True)
    capacity_set(leader=ole, capacity=Capacity.HR, granted=True, by=administrator)
    capacity_set(leader=ole, capacity=Capacity.ADMINISTRATOR, granted=True, by=administrator)
    without = CONSULTANT.replace(";leder;ja;", ";leder;nej;nej")

    plan = register_plan(content=csv_file(HR_CHEF, without), filename="register.csv")
    apply(HR_CHEF, without)

    ole.refresh_from_db()
    assert (ole.is_hr, ole.is_administrator) == (True, True)
    assert all("HR" not in c.changed_labels for c in plan.changed)


def test_a_file_without_the_capacity_columns_leaves_them_as_they_are(hr):
    header = HEADER.removesuffix(";hr;administrator")
    row = f"{hr.email};Hanne;HR;HR-konsulent;Børn og Unge;Rådhuset;3;;nej;nej;leder"

    apply(row, header=header)

    hr.refresh_from_db()
    assert hr.is_hr and hr.from_register


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (HR_CHEF.replace(";chef;ja;nej", ";chef;måske;nej"), "'måske' i kolonnen 'hr'"),
        (HR_CHEF.replace(";chef;ja;nej", ";chef;ja;2"), "'2' i kolonnen 'administrator'"),
        (HR_CHEF.replace(";chef;ja;nej", ";hr;ja;nej"), "ikke en rolle, men en funktion"),
        (HR_CHEF.replace(";chef;ja;nej", ";administrator;nej;ja"), "ikke en rolle, men en"),
    ],
)
def test_bad_capacity_values_are_refused_per_line_in_danish(row, message):
    plan = register_plan(content=csv_file(IT_LEADER, row), filename="register.csv")

    assert not plan.is_valid
    assert [(e.line, message in str(e)) for e in plan.errors] == [(3, True)]
    assert not Leader.objects.exists()


def test_an_administrator_grants_and_withdraws_capacities_and_it_is_logged(client, administrator):
    leader = LeaderFactory()
    client.force_login(administrator)
    url = reverse("organisation:capacities")

    client.post(url, {"leader": leader.pk, "capacity": "hr", "granted": "1"})
    leader.refresh_from_db()
    assert leader.is_hr
    client.post(url, {"leader": leader.pk, "capacity": "hr", "granted": "0"})
    leader.refresh_from_db()
    assert not leader.is_hr

    log = list(CapacityChange.objects.order_by("pk").values_list("capacity", "granted", "by"))
    assert log == [("hr", True, administrator.pk), ("hr", False, administrator.pk)]
    page = client.get(url).content.decode()
    assert "Tildelt" in page and "Frataget" in page and administrator.full_name in page


def test_the_last_administrator_cannot_be_withdrawn(client, administrator):
    client.force_login(administrator)

    response = client.post(
        reverse("organisation:capacities"),
        {"leader": administrator.pk, "capacity": "admin", "granted": "0"},
        follow=True,
    )

    administrator.refresh_from_db()
    assert administrator.is_administrator
    assert "sidste administrator" in response.content.decode()
    assert not CapacityChange.objects.exists()


def test_the_migration_turns_the_former_roles_into_capacities(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("organisation", "0002_email_lower_case")])
    old = executor.loader.project_state([("organisation", "0002_email_lower_case")]).apps
    OldLeader = old.get_model("organisation", "Leader")
    made = {
        role: OldLeader.objects.create(
            email=f"{role}@nyborg.test",
            first_name=role,
            last_name="X",
            role=role,
            has_budget_responsibility=True,
            has_staff_responsibility=True,
        ).pk
        for role in ("hr", "admin", "chef", "leader")
    }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    people = {role: Leader.objects.get(pk=pk) for role, pk in made.items()}
    assert (people["hr"].role, people["hr"].is_hr, people["hr"].in_store_ledergruppe) == (
        Role.LEADER,
        True,
        False,
    )
    assert (people["admin"].is_administrator, people["admin"].is_hr) == (True, False)
    assert (people["chef"].role, people["chef"].is_hr) == (Role.CHEF, False)
    assert people["leader"].in_store_ledergruppe and not people["leader"].is_hr
    log = CapacityChange.objects.values_list("leader__email", "capacity", "source")
    assert sorted(log) == [
        ("admin@nyborg.test", "admin", "migration"),
        ("hr@nyborg.test", "hr", "migration"),
    ]


def test_a_person_s_own_data_shows_their_capacities(client, hr):
    client.force_login(hr)

    page = client.get(reverse("organisation:my_data")).content.decode()

    assert "Desuden" in page and "HR" in page
