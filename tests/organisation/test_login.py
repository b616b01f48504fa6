import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from nyborg_ledelse.notifications.models import Message
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_leader_logs_in_with_their_email_and_lands_on_the_front_page(client, leader):
    response = log_in(client, leader.email.upper())

    assert response.status_code == 302
    assert response.url == reverse("home")
    page = client.get(reverse("home"))
    assert f"Velkommen, {leader.first_name}" in page.text


def test_a_wrong_password_is_refused_in_danish(client, leader):
    response = log_in(client, leader.email, "forkert")

    assert response.status_code == 200
    assert "E-mailadressen eller adgangskoden er forkert." in response.text
    assert "_auth_user_id" not in client.session


def test_an_inactive_leader_cannot_log_in(client):
    leader = LeaderFactory(is_active=False)

    log_in(client, leader.email)

    assert "_auth_user_id" not in client.session


def test_a_leader_whose_end_date_has_passed_cannot_log_in(client):
    leader = LeaderFactory(end_date=datetime.date.today() - datetime.timedelta(days=1))

    log_in(client, leader.email)

    assert "_auth_user_id" not in client.session


def test_a_leader_who_leaves_is_logged_out_of_an_open_session(client, leader):
    client.force_login(leader)
    leader.end_date = datetime.date.today() - datetime.timedelta(days=1)
    leader.save()

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_leader_on_their_last_day_can_still_log_in(client):
    leader = LeaderFactory(end_date=datetime.date.today())

    log_in(client, leader.email)

    assert client.session["_auth_user_id"] == str(leader.pk)


def test_nobody_can_sign_up(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ny@nyborg.test",
            "password1": "et-langt-kodeord-42",
            "password2": "et-langt-kodeord-42",
        },
    )

    assert response.status_code == 200
    assert "Lukket for nye konti" in response.text
    assert "ny@nyborg.test" not in str(response.content)


def test_the_login_page_offers_no_sign_up_link(client):
    response = client.get(reverse("account_login"))

    assert reverse("account_signup") not in response.text
    assert reverse("account_reset_password") in response.text


def test_a_password_reset_link_is_sent_by_email_through_the_outbox(
    client, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": leader.email})

    assert Message.objects.get().recipient == leader
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [leader.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_password_reset_email_speaks_as_the_product_in_danish(
    client, leader, settings, django_capture_on_commit_callbacks
):
    settings.MUNICIPALITY_NAME = "Nyborg Kommune"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": leader.email})

    sent = mail.outbox[0]
    assert sent.subject == "Ledelsesrum · Nyborg Kommune: Nulstil din adgangskode"
    assert sent.body.startswith(f"Kære {leader.first_name}\n")
    assert "Ledelsesrum · Nyborg Kommune" in sent.body
    assert "password" not in (sent.subject + sent.body).replace("/password/", "").lower()
    assert "Hej fra" not in sent.body


def test_the_account_pages_say_adgangskode_in_the_products_layout(client, leader):
    client.force_login(leader)

    for name in ["account_change_password", "account_reset_password", "account_logout"]:
        page = client.get(reverse(name)).text
        main = page[page.index("<main") : page.index("</main>")]
        assert 'class="navbar' in page, name  # the product's header
        assert "password" not in re.sub(r"<[^>]*>", "", main).lower(), name
        assert "btn btn-primary" in main, name

    page = client.get(reverse("account_change_password")).text
    assert "<h1>Skift adgangskode</h1>" in page.replace("\n", "").replace("  ", "")
    assert "form-control" in page


def test_repeated_failed_logins_are_rate_limited(client, leader):
    for _ in range(5):
        log_in(client, leader.email, "forkert")

    response = log_in(client, leader.email)

    assert "for mange mislykkede logonforsøg" in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_login_goes_through_the_normal_login(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
