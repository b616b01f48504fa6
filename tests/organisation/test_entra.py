"""Single sign-on with Entra ID, driven through allauth's real OAuth flow.

Only the HTTP boundary is faked: the tenant's token endpoint and Microsoft Graph's /me answer as
Microsoft does; everything between (state, token exchange, profile, matching, login) is allauth's
and ours.
"""

import datetime
import json
import logging
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from nyborg_ledelse.notifications.models import Message
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

TENANT = "0b5e2f8a-tenant-nyborg"


@pytest.fixture(autouse=True)
def entra(settings):
    settings.ENTRA_ENABLED = True
    settings.SOCIALACCOUNT_PROVIDERS = {
        "microsoft": {
            "APPS": [{"client_id": "client-1", "secret": "s3cret", "settings": {"tenant": TENANT}}],
            "SCOPE": ["User.Read"],
        }
    }


def graph_profile(*, mail: str | None, upn: str, uid: str = "entra-uid-1") -> dict:
    return {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "id": uid,
        "displayName": "Mette Hansen",
        "givenName": "Mette",
        "surname": "Hansen",
        "mail": mail,
        "userPrincipalName": upn,
    }


def json_response(status: int, body: dict) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    return response


class FakeMicrosoft:
    """Answers the two requests allauth makes to Microsoft, and remembers them."""

    def __init__(self, profile: dict):
        self.profile = profile
        self.calls: list[tuple[str, str]] = []

    def answer(self, method, url, **kwargs):
        self.calls.append((method, url))
        if url == f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token":
            assert kwargs["data"]["code"] == "the-code"
            return json_response(
                200, {"token_type": "Bearer", "access_token": "at-1", "expires_in": 3600}
            )
        if url == "https://graph.microsoft.com/v1.0/me":
            assert kwargs["headers"]["Authorization"] == "Bearer at-1"
            return json_response(200, self.profile)
        raise AssertionError(f"unexpected request to {url}")


def sign_in_with_entra(client, monkeypatch, profile: dict):
    start = client.post(reverse("microsoft_login"))
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    microsoft = FakeMicrosoft(profile)
    monkeypatch.setattr(
        requests.Session,
        "request",
        lambda session, *args, **kwargs: microsoft.answer(*args, **kwargs),
    )
    return client.get(reverse("microsoft_callback"), {"code": "the-code", "state": state})


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_button_sends_the_leader_to_the_municipalitys_tenant(client):
    response = client.post(reverse("microsoft_login"))

    authorize = urlparse(response["Location"])
    query = parse_qs(authorize.query)
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == (
        f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/authorize"
    )
    assert query["scope"] == ["User.Read"]
    assert query["client_id"] == ["client-1"]
    assert query["redirect_uri"][0].endswith("/accounts/microsoft/login/callback/")


def test_a_leader_in_the_register_is_logged_in_by_their_email(client, monkeypatch, leader):
    response = sign_in_with_entra(
        client, monkeypatch, graph_profile(mail=leader.email, upn="mh1234@nyborg.onmicrosoft.com")
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_as(client) == str(leader.pk)
    assert SocialAccount.objects.get(provider="microsoft").user == leader


def test_the_email_from_entra_matches_in_any_case(client, monkeypatch, leader):
    sign_in_with_entra(
        client, monkeypatch, graph_profile(mail=leader.email.title(), upn="x@nyborg.test")
    )

    assert logged_in_as(client) == str(leader.pk)


def test_without_a_mail_attribute_the_sign_in_name_is_used(client, monkeypatch, leader):
    sign_in_with_entra(client, monkeypatch, graph_profile(mail=None, upn=leader.email.upper()))

    assert logged_in_as(client) == str(leader.pk)


def test_the_leaders_password_still_works_after_signing_in_with_entra(client, monkeypatch, leader):
    sign_in_with_entra(client, monkeypatch, graph_profile(mail=leader.email, upn=leader.email))
    client.logout()

    leader.refresh_from_db()
    assert leader.has_usable_password()
    assert leader.check_password(PASSWORD)


def test_a_linked_leader_is_found_again_after_the_address_changed_in_entra(
    client, monkeypatch, leader
):
    sign_in_with_entra(client, monkeypatch, graph_profile(mail=leader.email, upn=leader.email))
    client.logout()

    sign_in_with_entra(client, monkeypatch, graph_profile(mail="nyt@nyborg.test", upn="n@n.test"))

    assert logged_in_as(client) == str(leader.pk)


def test_someone_outside_the_register_is_told_whom_to_contact(
    client, monkeypatch, leader, settings, caplog
):
    settings.SSO_CONTACT = "HR og Personale, hr@nyborg.dk"

    with caplog.at_level(logging.INFO, logger="nyborg_ledelse.auth"):
        response = sign_in_with_entra(
            client, monkeypatch, graph_profile(mail="ukendt@nyborg.dk", upn="ukendt@nyborg.dk")
        )

    assert response.status_code == 403
    assert "matcher ikke nogen i lederregistret" in response.text
    assert "kontakt HR og Personale, hr@nyborg.dk" in response.text
    assert logged_in_as(client) is None
    assert not SocialAccount.objects.exists()
    assert "sso-refused account=ukendt@nyborg.dk" in caplog.text
    assert "reason=not-in-register" in caplog.text


def test_a_leader_whose_end_date_has_passed_is_refused(client, monkeypatch):
    leaver = LeaderFactory(end_date=datetime.date.today() - datetime.timedelta(days=1))

    response = sign_in_with_entra(
        client, monkeypatch, graph_profile(mail=leaver.email, upn=leaver.email)
    )

    assert response.status_code == 403
    assert "slutdato i lederregistret er passeret" in response.text
    assert logged_in_as(client) is None


def test_a_linked_leader_who_has_left_is_refused(client, monkeypatch, leader):
    sign_in_with_entra(client, monkeypatch, graph_profile(mail=leader.email, upn=leader.email))
    client.logout()
    leader.end_date = datetime.date.today() - datetime.timedelta(days=1)
    leader.save()

    response = sign_in_with_entra(
        client, monkeypatch, graph_profile(mail=leader.email, upn=leader.email)
    )

    assert response.status_code == 403
    assert logged_in_as(client) is None


@pytest.fixture
def sso_only(settings):
    settings.SSO_ONLY = True


def test_with_sso_only_a_register_leader_cannot_log_in_with_a_password(client, sso_only):
    register_leader = LeaderFactory(from_register=True)

    response = client.post(
        reverse("account_login"), {"login": register_leader.email, "password": PASSWORD}
    )

    assert logged_in_as(client) is None
    page = client.get(response["Location"])
    assert "logger ind med deres Microsoft-konto" in page.text


def test_with_sso_only_a_register_leader_still_logs_in_with_entra(client, monkeypatch, sso_only):
    register_leader = LeaderFactory(from_register=True)

    sign_in_with_entra(
        client, monkeypatch, graph_profile(mail=register_leader.email, upn="u@nyborg.test")
    )

    assert logged_in_as(client) == str(register_leader.pk)


def test_with_sso_only_an_account_outside_the_register_logs_in_with_a_password(
    client, hr, sso_only
):
    client.post(reverse("account_login"), {"login": hr.email, "password": PASSWORD})

    assert logged_in_as(client) == str(hr.pk)


def test_with_sso_only_a_password_reset_is_sent_only_outside_the_register(
    client, hr, sso_only, django_capture_on_commit_callbacks
):
    register_leader = LeaderFactory(from_register=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": register_leader.email})
        client.post(reverse("account_reset_password"), {"email": hr.email})

    assert [message.recipient for message in Message.objects.all()] == [hr]


def test_the_login_page_says_register_leaders_use_microsoft(client, sso_only):
    response = client.get(reverse("account_login"))

    assert "Log ind med din Microsoft-konto fra Nyborg Kommune" in response.text
    assert "kun til andre konti" in response.text
