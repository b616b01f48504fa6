"""Administration inside the product: departments, rooms, positions and coaches are kept in the
product's own pages, each change logged with who and when; the Django admin is for superusers."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coaching.models import Coach
from groups.hosting import hosting_appoint
from meetings.models import Room
from nyborg_ledelse.organisation.models import Department, Leader, Role, RoleChange
from nyborg_ledelse.organisation.services import register_apply, register_plan
from tests.factories import (
    ChefFactory,
    CoachFactory,
    DepartmentFactory,
    GroupFactory,
    LeaderFactory,
    RoleChangeFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db

HEADER = (
    "email;fornavn;efternavn;stilling;afdeling;arbejdssted;niveau;leder_email;"
    "budgetansvar;personaleansvar"
)


def register_file(row: str, header: str = HEADER) -> bytes:
    return f"{header}\n{row}".encode()


def page(client, user, name: str, *args) -> str:
    client.force_login(user)
    return client.get(reverse(name, args=args)).text


# The index


def test_the_administrators_menu_leads_to_the_index_of_the_products_own_pages(
    client, administrator
):
    index = page(client, administrator, "home")
    assert reverse("organisation:administration") in index

    listed = page(client, administrator, "organisation:administration")

    for name in [
        "organisation:departments",
        "meetings:rooms",
        "groups:hosts",
        "organisation:roles",
        "organisation:capacities",
        "coaching:coaches",
    ]:
        assert reverse(name) in listed
    assert reverse("admin:index") not in listed


def test_hr_finds_the_coaches_and_the_register_but_not_the_administrators_pages(client, hr):
    listed = page(client, hr, "organisation:administration")

    assert reverse("coaching:coaches") in listed
    assert reverse("organisation:leader_list") in listed
    assert reverse("organisation:departments") not in listed


def test_only_a_superuser_is_shown_the_django_admin(client, administrator):
    administrator.is_superuser = administrator.is_staff = True
    administrator.save()

    assert reverse("admin:index") in page(client, administrator, "organisation:administration")


# Departments


def test_an_administrator_adds_a_department_and_it_is_logged(client, administrator):
    client.force_login(administrator)

    response = client.post(reverse("organisation:departments"), {"name": "  Kultur  og Fritid "})

    assert response.status_code == 302
    department = Department.objects.get(name="Kultur og Fritid")
    assert (department.name, department.active) == ("Kultur og Fritid", True)
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_repr, entry.is_addition()) == (
        administrator,
        "Kultur og Fritid",
        True,
    )
    assert "Kultur og Fritid" in page(client, administrator, "organisation:departments")


@pytest.mark.parametrize("name", ["Børn og Unge", "børn og unge"])
def test_a_second_department_with_the_same_name_is_refused_in_danish(
    client, administrator, department, name
):
    client.force_login(administrator)

    response = client.post(reverse("organisation:departments"), {"name": name})

    assert response.status_code == 200
    assert "Der findes allerede en afdeling med dette navn." in response.text
    assert Department.objects.filter(name__iexact=name).count() == 1


def test_renaming_a_department_is_logged_and_refused_onto_another_name(
    client, administrator, department
):
    DepartmentFactory(name="Teknik og Miljø")
    client.force_login(administrator)
    url = reverse("organisation:department", args=[department.pk])

    refused = client.post(url, {"name": "teknik og miljø"})
    client.post(url, {"name": "Børn, Unge og Familie"})

    assert "Der findes allerede en afdeling med dette navn." in refused.text
    department.refresh_from_db()
    assert department.name == "Børn, Unge og Familie"
    entry = LogEntry.objects.get()
    assert entry.user == administrator
    assert entry.get_change_message() == "Ændrede navn."


def test_a_department_people_work_in_cannot_be_closed(client, administrator):
    department = DepartmentFactory(name="Kultur")
    LeaderFactory(department=department)
    client.force_login(administrator)

    response = client.post(
        reverse("organisation:department_active", args=[department.pk]),
        {"active": "0"},
        follow=True,
    )

    assert "Afdelingen er i brug: 1 person arbejder stadig i den." in response.text
    department.refresh_from_db()
    assert department.active
    assert not LogEntry.objects.exists()


def test_a_department_only_former_people_belonged_to_is_closed_kept_and_opened_again(
    client, administrator
):
    department = DepartmentFactory(name="Kultur")
    LeaderFactory(department=department, end_date=datetime.date(2025, 12, 31))
    client.force_login(administrator)
    url = reverse("organisation:department_active", args=[department.pk])

    client.post(url, {"active": "0"})
    department.refresh_from_db()
    closed = department.active
    deleted = client.post(
        reverse("organisation:department_delete", args=[department.pk]), follow=True
    )
    client.post(url, {"active": "1"})

    assert closed is False
    assert "Afdelingen er i brug og kan ikke slettes" in deleted.text
    department.refresh_from_db()
    assert department.active
    assert [e.get_change_message() for e in LogEntry.objects.order_by("pk")] == [
        "Ændrede i brug.",
        "Ændrede i brug.",
    ]


def test_a_department_nobody_belonged_to_can_be_deleted_and_the_deletion_is_logged(
    client, administrator
):
    mistake = DepartmentFactory(name="Bøn og Unge")
    client.force_login(administrator)

    client.post(reverse("organisation:department_delete", args=[mistake.pk]))

    assert not Department.objects.filter(pk=mistake.pk).exists()
    entry = LogEntry.objects.get()
    assert (entry.object_repr, entry.is_deletion(), entry.user) == (
        "Bøn og Unge",
        True,
        administrator,
    )


def test_the_register_import_refuses_a_closed_department_for_people_who_stay():
    DepartmentFactory(name="Kultur", active=False)
    staying = "ny@nyborg.test;Ny;Leder;Leder;Kultur;Huset;3;;ja;ja"
    left = "gammel@nyborg.test;Gammel;Leder;Leder;Kultur;Huset;3;;ja;ja;2025-01-31"

    refused = register_plan(content=register_file(staying), filename="r.csv")
    accepted = register_plan(content=register_file(left, HEADER + ";slutdato"), filename="r.csv")

    assert [error.message for error in refused.errors] == [
        "Afdelingen 'Kultur' er lukket; åbn den igen, eller flyt personen."
    ]
    assert accepted.is_valid


# Positions


def test_an_administrator_makes_a_leader_chef_and_it_is_logged(client, administrator, leader):
    client.force_login(administrator)

    response = client.post(
        reverse("organisation:roles"), {"leader": leader.pk, "role": Role.CHEF}, follow=True
    )

    leader.refresh_from_db()
    assert leader.role == Role.CHEF and leader.is_chef_group
    change = RoleChange.objects.get()
    assert (change.leader, change.role_before, change.role, change.by) == (
        leader,
        Role.LEADER,
        Role.CHEF,
        administrator,
    )
    assert f"{leader.full_name} er nu Chef." in response.text
    assert leader.full_name in page(client, administrator, "organisation:roles")


def test_a_host_cannot_be_made_a_leader_until_someone_else_hosts(client, administrator):
    group = GroupFactory()
    client.force_login(administrator)

    response = client.post(
        reverse("organisation:roles"), {"leader": group.host.pk, "role": Role.LEADER}
    )

    assert (
        f"{group.host.full_name} er vært eller medvært for gruppe {group.number}: udpeg en "
        "anden dér først." in response.text
    )
    group.host.refresh_from_db()
    assert group.host.role == Role.CHEF
    assert not RoleChange.objects.exists()


def test_a_future_co_host_also_keeps_their_position(administrator, chef):
    group = GroupFactory()
    hosting_appoint(
        group=group,
        leader=chef,
        role="co_host",
        starts_on=datetime.date.today() + datetime.timedelta(days=30),
        by=administrator,
    )
    from django.core.exceptions import ValidationError

    from nyborg_ledelse.organisation.services import role_set

    with pytest.raises(ValidationError):
        role_set(leader=chef, role=Role.LEADER, by=administrator)


def test_a_register_file_without_the_column_rolle_keeps_the_position_given_by_hand(
    department, administrator
):
    row = "ny@nyborg.test;Ny;Leder;Leder;Børn og Unge;Huset;3;;ja;ja"
    register_apply(content=register_file(row), filename="r.csv")
    leader = Leader.objects.get(email="ny@nyborg.test")
    Leader.objects.filter(pk=leader.pk).update(role=Role.CHEF)
    RoleChangeFactory(leader=leader, by=administrator)

    register_apply(content=register_file(row), filename="r.csv")
    kept = Leader.objects.get(pk=leader.pk).role
    register_apply(content=register_file(row + ";leder", HEADER + ";rolle"), filename="r.csv")

    assert kept == Role.CHEF
    assert Leader.objects.get(pk=leader.pk).role == Role.LEADER


# Rooms


def test_rooms_are_added_and_changed_with_seats_and_access_and_logged(client, administrator):
    client.force_login(administrator)
    data = {"name": "Mødelokale 3", "building": "Rådhuset", "seats": 12, "active": "on"}

    client.post(reverse("meetings:rooms"), data)
    room = Room.objects.get()
    client.post(
        reverse("meetings:room_edit", args=[room.pk]), {**data, "seats": 16, "accessible": "on"}
    )

    room.refresh_from_db()
    assert (room.seats, room.accessible) == (16, True)
    messages = [e.get_change_message() for e in LogEntry.objects.order_by("pk")]
    assert messages[0] == "Tilføjet."
    assert messages[1] == "Ændrede pladser og niveaufri adgang."
    listed = page(client, administrator, "meetings:rooms")
    assert "Ændrede pladser og niveaufri adgang." in listed and administrator.full_name in listed


def test_a_room_name_twice_in_one_building_is_refused_in_danish(client, administrator):
    RoomFactory(name="Mødelokale 1", building="Rådhuset")
    client.force_login(administrator)

    response = client.post(
        reverse("meetings:rooms"),
        {"name": "Mødelokale 1", "building": "Rådhuset", "seats": 10, "active": "on"},
    )

    assert "Bygningen har allerede et lokale med dette navn." in response.text
    assert Room.objects.count() == 1


# Coaches


def test_hr_sees_coaches_no_longer_in_use_and_leaders_do_not(client, hr, leader):
    CoachFactory(name="Aktiv Coach")
    CoachFactory(name="Tidligere Coach", active=False)

    for_hr = page(client, hr, "coaching:coaches")
    for_leader = page(client, leader, "coaching:coaches")

    assert "Tidligere Coach" in for_hr and "ikke i brug" in for_hr
    assert "Aktiv Coach" in for_leader and "Tidligere Coach" not in for_leader


def test_hr_changes_a_coach_and_the_change_is_logged(client, hr):
    coach = CoachFactory(name="Karen Holm")
    client.force_login(hr)
    data = {
        "name": "Karen Holm",
        "firm": coach.firm,
        "certification": coach.certification,
        "hourly_rate": "1950.00",
    }

    client.post(reverse("coaching:coach_edit", args=[coach.pk]), data)

    coach.refresh_from_db()
    assert (coach.hourly_rate, coach.active) == (1950, False)
    entry = LogEntry.objects.get()
    assert entry.user == hr and entry.object_repr == str(coach)
    assert "Karen Holm" in page(client, hr, "coaching:coaches")
    assert Coach.objects.count() == 1


# Cost


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "grow"),
    [
        ("organisation:roles", lambda: RoleChangeFactory(leader=ChefFactory())),
        ("organisation:departments", lambda: LeaderFactory(department=DepartmentFactory())),
    ],
)
def test_the_administration_lists_cost_the_same_queries_at_any_size(
    client, administrator, name, grow
):
    client.force_login(administrator)
    url = reverse(name)
    grow()
    queries_for(client, url)  # the first request caches the session and the content type
    small = queries_for(client, url)
    for _ in range(10):
        grow()

    assert queries_for(client, url) == small
