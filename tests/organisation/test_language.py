"""The language a person chooses: kept on their row, applied to their next session and e-mails."""

import pytest
from django.conf import settings
from django.urls import reverse

from nyborg_ledelse.notifications.models import Message
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def choose(client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": reverse("home")})


def test_a_signed_in_leaders_choice_is_kept_on_their_row(client, leader):
    client.force_login(leader)

    choose(client, "en")

    leader.refresh_from_db()
    assert leader.language == "en"


def test_an_unknown_language_changes_nothing(client, leader):
    client.force_login(leader)

    choose(client, "tlh")

    leader.refresh_from_db()
    assert leader.language == ""
    assert f"Velkommen, {leader.first_name}" in client.get(reverse("home")).text


def test_an_anonymous_visitor_still_switches_the_login_page(client, leader):
    choose(client, "en")

    page = client.get(reverse("account_login")).text

    assert '<html lang="en">' in page
    leader.refresh_from_db()
    assert leader.language == ""


def test_the_stored_language_is_applied_at_the_next_login_on_another_browser(client):
    leader = LeaderFactory(language="en")
    # Another browser, whose footer was left on Danish.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"

    client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD})
    page = client.get(reverse("home")).text

    assert f"Welcome, {leader.first_name}" in page
    assert '<html lang="en">' in page


def test_a_leader_who_never_chose_gets_danish_after_login(client, leader):
    client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD})

    assert f"Velkommen, {leader.first_name}" in client.get(reverse("home")).text


def test_switching_back_to_danish_is_kept_too(client):
    leader = LeaderFactory(language="en")
    client.force_login(leader)

    choose(client, "da")

    leader.refresh_from_db()
    assert leader.language == "da"
    assert f"Velkommen, {leader.first_name}" in client.get(reverse("home")).text


def test_the_password_reset_email_is_in_the_recipients_language(
    client, django_capture_on_commit_callbacks
):
    english = LeaderFactory(language="en")
    danish = LeaderFactory(language="da")
    # Asked for from a browser set to the other language: the recipient's choice wins.
    for leader, browser in ((english, "da"), (danish, "en")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = browser
        client.post(reverse("account_reset_password"), {"email": leader.email})

    assert "Password Reset" in Message.objects.get(recipient=english).subject
    assert Message.objects.get(recipient=danish).subject.endswith("Nulstil din adgangskode")
