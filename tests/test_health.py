"""/healthz: what the container's health check and a load balancer ask."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_ok_while_the_database_is_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}
    assert response["Cache-Control"] == "no-store"


def test_it_answers_the_container_on_plain_http_behind_the_host_check(client, settings):
    settings.ALLOWED_HOSTS = ["ledelsesrum.kommune.example"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_it_names_nobody(client, leader):
    client.force_login(leader)

    response = client.get("/healthz")

    assert leader.email not in response.text
    assert set(response.json()) == {"status", "database", "broker"}


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_it_reaches_the_broker(client, settings):
    settings.CELERY_BROKER_URL = os.environ["TEST_REDIS_URL"]

    assert client.get("/healthz").json()["broker"] == "ok"


def test_it_answers_503_in_production_when_the_database_and_broker_are_down():
    # A fresh process with the production settings and nothing listening on their ports.
    env = {
        "PATH": "/usr/bin:/bin",
        "HTTPS": "1",
        "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "ledelsesrum.kommune.example",
        "SITE_URL": "https://ledelsesrum.kommune.example",
        "EMAIL_HOST": "smtp.kommune.example",
        "DEFAULT_FROM_EMAIL": "ledelsesrum@kommune.example",
        "MESSAGE_ID_DOMAIN": "ledelsesrum.kommune.example",
        "DATABASE_URL": "postgres://ledelsesrum@127.0.0.1:1/ledelsesrum",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "DJANGO_SETTINGS_MODULE": "nyborg_ledelse.settings",
    }
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1:8000'); "
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "unavailable",
        "database": "unavailable",
        "broker": "unavailable",
    }
