"""The log lines an IT department reads: one per event, with time, level and logger."""

import ipaddress
import logging
import smtplib
import types

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse

from nyborg_ledelse.logs import ForbiddenInOneLine, JsonFormatter, log_mfa_failed
from nyborg_ledelse.notifications import delivery
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.notifications.services import queue_message
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from nyborg_ledelse.organisation.notifications import REGISTER_CHANGED
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

AUTH = "nyborg_ledelse.auth"


def auth_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == AUTH]


def test_a_failed_login_is_one_line_with_the_account_and_no_password(client, leader, caplog):
    with caplog.at_level(logging.INFO, logger=AUTH):
        client.post(reverse("account_login"), {"login": leader.email, "password": "Hemmelig-42"})

    assert auth_lines(caplog) == [f"login-failed account={leader.email} ip=127.0.0.1"]
    assert "Hemmelig-42" not in caplog.text


def test_a_rate_limited_login_is_logged_with_the_client_behind_the_proxy(
    client, leader, caplog, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The test client connects from 127.0.0.1: that is the TLS proxy whose headers are believed.
    settings.TRUSTED_PROXY = [ipaddress.ip_network("127.0.0.1")]
    forwarded = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": leader.email, "password": "forkert"}, **forwarded
        )
    caplog.clear()

    with caplog.at_level(logging.INFO, logger=AUTH):
        client.post(
            reverse("account_login"), {"login": leader.email, "password": PASSWORD}, **forwarded
        )

    assert auth_lines(caplog) == [f"login-rate-limited account={leader.email} ip=198.51.100.7"]


def test_what_was_typed_as_the_account_cannot_forge_a_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger=AUTH):
        client.post(
            reverse("account_login"),
            {"login": "x@y.dk\nINFO forged", "password": "forkert"},
        )

    assert all("\n" not in line for line in auth_lines(caplog))


def test_a_failed_second_factor_is_one_line_with_the_account(leader, caplog):
    request = RequestFactory().post("/accounts/2fa/authenticate/", REMOTE_ADDR="192.0.2.4")

    with caplog.at_level(logging.INFO, logger=AUTH):
        log_mfa_failed(
            None, request=request, user=leader, authenticator=types.SimpleNamespace(type="totp")
        )

    assert auth_lines(caplog) == [f"mfa-failed account={leader.email} ip=192.0.2.4 method=totp"]


@pytest.mark.skipif(not apps.is_installed("allauth.mfa"), reason="allauth.mfa is not installed")
def test_allauths_second_factor_failures_reach_the_log():
    from allauth.mfa.signals import authentication_failed

    # Django keeps (key, weak reference, sender, is_async) for each receiver.
    assert log_mfa_failed in [entry[1]() for entry in authentication_failed.receivers]


def test_a_403_is_one_line_with_the_user_and_the_path(client, leader, caplog):
    client.force_login(leader)
    url = reverse("organisation:register_upload")

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(url)

    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Forbidden: user={leader.email} method=GET path={url}"
    assert record.exc_info is None


def test_the_403_filter_leaves_other_records_alone():
    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "Boom %s", ("x",), None)

    assert ForbiddenInOneLine().filter(record)
    assert record.getMessage() == "Boom x"


def test_a_mail_that_finally_fails_is_an_error_with_its_id_and_kind_only(
    hr, settings, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "MAX_ATTEMPTS": 1}
    message = queue_message(
        recipient=hr, kind=REGISTER_CHANGED.key, context={"added": 1, "removed": 0}
    )

    def refuse(email):
        raise smtplib.SMTPRecipientsRefused({hr.email: (550, b"No such user")})

    monkeypatch.setattr(delivery, "_deliver", refuse)
    with caplog.at_level(logging.INFO):
        dispatch_due_messages()

    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"Message {message.pk} (register_changed) failed for good after 1 attempts: "
        "SMTPRecipientsRefused"
    ]
    message = Message.objects.get()
    assert hr.email not in caplog.text
    assert message.subject not in caplog.text


def test_the_json_format_has_time_level_logger_and_message():
    record = logging.LogRecord(
        "nyborg_ledelse.auth", logging.WARNING, "", 0, "login-failed", (), None
    )

    line = JsonFormatter().format(record)

    assert set(__import__("json").loads(line)) == {"time", "level", "logger", "message"}


def test_the_text_format_has_time_level_and_logger(settings):
    text = settings.LOGGING["formatters"]["text"]["format"]

    assert all(field in text for field in ("%(asctime)s", "%(levelname)s", "%(name)s"))


def test_a_request_for_another_host_name_is_one_line(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/", HTTP_HOST="scanner.example")

    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert "scanner.example" in record.getMessage()
    assert record.exc_info is None
