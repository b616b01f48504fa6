import pytest
from django.urls import reverse

from tests.factories import RegisterImportFactory
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)

LOGIN = 302
REGISTER_MANAGERS = {"hr": 200, "administrator": 200}
NOT_FOR_LEADERS = {"leader": 403, "chef": 403, "director": 403}
EVERYONE_LOGGED_IN = {"anonymous": LOGIN, **dict.fromkeys(["leader", "chef", "director"], 200)}
EVERYONE_LOGGED_IN |= REGISTER_MANAGERS

ONLY_ADMINISTRATOR = {"anonymous": LOGIN, **NOT_FOR_LEADERS, "hr": 403, "administrator": 200}

MATRIX = {
    Page("home"): EVERYONE_LOGGED_IN,
    # Mine data is always the signed-in person's own: there is no address for another's.
    Page("organisation:my_data"): EVERYONE_LOGGED_IN,
    Page("organisation:my_data_download"): EVERYONE_LOGGED_IN,
    Page("organisation:retention"): ONLY_ADMINISTRATOR,
    # The preview; erasing is a POST (tests/organisation/test_erasure.py).
    Page("organisation:erase", (("pk", "leaver"),)): ONLY_ADMINISTRATOR,
    Page("organisation:profile"): EVERYONE_LOGGED_IN,
    Page("organisation:leader_list"): {"anonymous": LOGIN, **NOT_FOR_LEADERS, **REGISTER_MANAGERS},
    Page("organisation:register_upload"): {
        "anonymous": LOGIN,
        **NOT_FOR_LEADERS,
        **REGISTER_MANAGERS,
    },
    Page("organisation:register_preview", (("pk", "register_import"),)): {
        "anonymous": LOGIN,
        **NOT_FOR_LEADERS,
        **REGISTER_MANAGERS,
    },
    # A successful apply redirects to the register.
    Page("organisation:register_apply", (("pk", "register_import"),), "post"): {
        "anonymous": LOGIN,
        **NOT_FOR_LEADERS,
        "hr": 302,
        "administrator": 302,
    },
    # Capacities (HR, administrator) are granted by administrators only; HR cannot raise itself.
    Page("organisation:capacities"): {
        "anonymous": LOGIN,
        **NOT_FOR_LEADERS,
        "hr": 403,
        "administrator": 200,
    },
    Page(
        "organisation:capacities",
        method="post",
        data=lambda o: {"leader": o["leader"], "capacity": "hr", "granted": "1"},
    ): {"anonymous": LOGIN, **NOT_FOR_LEADERS, "hr": 403, "administrator": 302},
    # The administration inside the product: its index lists HR's pages too.
    Page("organisation:administration"): {
        "anonymous": LOGIN,
        **NOT_FOR_LEADERS,
        **REGISTER_MANAGERS,
    },
    Page("organisation:departments"): ONLY_ADMINISTRATOR,
    Page("organisation:departments", method="post", data=(("name", "Kultur og Fritid"),)): {
        **ONLY_ADMINISTRATOR,
        "administrator": 302,
    },
    Page("organisation:department", (("pk", "department"),)): ONLY_ADMINISTRATOR,
    Page(
        "organisation:department", (("pk", "department"),), "post", (("name", "Kultur og Idræt"),)
    ): {**ONLY_ADMINISTRATOR, "administrator": 302},
    Page("organisation:department_active", (("pk", "department"),), "post", (("active", "0"),)): {
        **ONLY_ADMINISTRATOR,
        "administrator": 302,
    },
    Page("organisation:department_delete", (("pk", "department"),), "post"): {
        **ONLY_ADMINISTRATOR,
        "administrator": 302,
    },
    Page("organisation:roles"): ONLY_ADMINISTRATOR,
    Page(
        "organisation:roles",
        method="post",
        data=lambda o: {"leader": o["leader"], "role": "chef"},
    ): {**ONLY_ADMINISTRATOR, "administrator": 302},
    # The Django admin is for superusers only; everyone else is sent to its login, which refuses
    # them (test below) - the administrator included, who has the pages above.
    Page("admin:index"): {
        "anonymous": LOGIN,
        "leader": 302,
        "chef": 302,
        "director": 302,
        "hr": 302,
        "administrator": 302,
    },
}


def build_objects(people: dict) -> dict:
    import datetime

    from tests.factories import DepartmentFactory, LeaderFactory

    leaver = LeaderFactory(end_date=datetime.date(2026, 1, 31))
    header = (
        "email;fornavn;efternavn;stilling;afdeling;arbejdssted;niveau;leder_email;"
        "budgetansvar;personaleansvar"
    )
    row = "ny.leder@nyborg.test;Ny;Leder;Leder;Børn og Unge;Skole Øst;3;;ja;ja"
    register_import = RegisterImportFactory(
        file_name="register.csv", content=f"{header}\n{row}".encode(), uploaded_by=people["hr"]
    )
    unused = DepartmentFactory(name="Kultur")
    return {
        "register_import": register_import.pk,
        "leaver": leaver.pk,
        "leader": people["leader"].pk,
        "department": unused.pk,
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)


@pytest.mark.parametrize("role", ["leader", "chef", "director", "hr", "administrator"])
def test_the_django_admin_refuses_everyone_but_superusers(client, people, role):
    client.force_login(people[role])

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == 403
