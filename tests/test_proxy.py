"""Forwarded headers are believed only from the TLS proxy named in TRUSTED_PROXY."""

import ipaddress

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from nyborg_ledelse.organisation.middleware import TrustedProxyMiddleware
from tests.test_settings import settings_in_a_fresh_process

PROXY = "10.20.30.40"


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY = [ipaddress.ip_network(PROXY)]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    return settings


def seen_by_the_app(remote_addr: str) -> dict:
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    seen = {}

    def app(request):
        seen.update(request.META)
        return HttpResponse()

    TrustedProxyMiddleware(app)(request)
    return seen


def test_forwarded_headers_from_anyone_else_are_removed(behind_a_proxy):
    seen = seen_by_the_app("198.51.100.7")

    assert "HTTP_X_FORWARDED_PROTO" not in seen and "HTTP_X_FORWARDED_FOR" not in seen


def test_forwarded_headers_from_the_proxy_are_kept(behind_a_proxy):
    seen = seen_by_the_app(PROXY)

    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"
    assert seen["HTTP_X_FORWARDED_FOR"] == "203.0.113.9"


@pytest.mark.django_db
def test_a_client_cannot_claim_https_on_a_plain_connection(client, behind_a_proxy):
    response = client.get(
        reverse("account_login"), HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="198.51.100.7"
    )

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_the_proxy_may_say_the_request_came_over_https(client, behind_a_proxy):
    response = client.get(
        reverse("account_login"), HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=PROXY
    )

    assert response.status_code == 200


def test_without_a_trusted_proxy_no_forwarded_header_is_believed():
    assert settings_in_a_fresh_process({}, "s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXY") == (
        "(None, [])"
    )


def test_a_trusted_proxy_turns_the_https_header_on():
    values = settings_in_a_fresh_process(
        {"TRUSTED_PROXY": "172.28.48.1, 10.0.0.0/24"},
        "s.SECURE_PROXY_SSL_HEADER, [str(n) for n in s.TRUSTED_PROXY]",
    )

    assert values == "(('HTTP_X_FORWARDED_PROTO', 'https'), ['172.28.48.1/32', '10.0.0.0/24'])"


def test_a_proxy_address_that_is_not_an_address_stops_the_start_up():
    output = settings_in_a_fresh_process({"TRUSTED_PROXY": "the-proxy"}, "s.TRUSTED_PROXY")

    assert "ImproperlyConfigured" in output and "TRUSTED_PROXY" in output
