"""E-mail addresses are stored in lower case whichever way an account is made."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from nyborg_ledelse.organisation.models import Leader
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory


@pytest.mark.django_db
def test_an_account_made_in_the_admin_is_stored_in_lower_case_and_can_log_in(client, administrator):
    administrator.is_superuser = administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)

    client.post(
        reverse("admin:organisation_leader_add"),
        {
            "email": "IT-Support@Nyborg.DK",
            "first_name": "It",
            "last_name": "Support",
            "role": "leader",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    client.logout()

    assert Leader.objects.filter(email="it-support@nyborg.dk").exists()
    client.post(reverse("account_login"), {"login": "IT-Support@nyborg.dk", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(Leader.objects.get(last_name="Support").pk)


@pytest.mark.django_db
def test_an_address_changed_in_the_admin_is_stored_in_lower_case(client, administrator, leader):
    administrator.is_superuser = administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:organisation_leader_change", args=[leader.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"groups", "user_permissions", "password"}
    }
    data.update(email="Mette.Hansen@Nyborg.DK", date_joined_0="2026-01-01", date_joined_1="08:00")

    client.post(url, data)

    leader.refresh_from_db()
    assert leader.email == "mette.hansen@nyborg.dk"


@pytest.mark.django_db
def test_the_manager_and_the_model_lower_case_the_address():
    created = Leader.objects.create_user("Ny.Leder@Nyborg.DK", PASSWORD, first_name="Ny")
    made_by_hand = Leader(email=" Anden@Nyborg.DK ", first_name="A", last_name="B")
    made_by_hand.clean()

    assert created.email == "ny.leder@nyborg.dk"
    assert made_by_hand.email == "anden@nyborg.dk"
    assert Leader.objects.get_by_natural_key("NY.LEDER@nyborg.dk") == created


@pytest.mark.django_db
def test_the_database_refuses_an_address_with_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderFactory(email="Stort@Nyborg.DK")


@pytest.mark.django_db(transaction=True)
def test_the_migration_lower_cases_the_addresses_already_stored():
    executor = MigrationExecutor(connection)
    executor.migrate([("organisation", "0001_initial")])
    old_state = executor.loader.project_state([("organisation", "0001_initial")])
    OldLeader = old_state.apps.get_model("organisation", "Leader")
    OldLeader.objects.create(email="Lars.Holm@Nyborg.DK", first_name="Lars", last_name="Holm")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(Leader.objects.values_list("email", flat=True)) == ["lars.holm@nyborg.dk"]
