import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nyborg_ledelse.settings import envbool, envint


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_booleans_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)

    assert envbool("SOME_FLAG", not expected) is expected


def test_a_boolean_that_means_nothing_stops_the_start_up(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes please")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        envbool("DEBUG", False)


def test_a_number_that_is_not_a_number_stops_the_start_up(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")

    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        envint("EMAIL_PORT", 25)


def settings_in_a_fresh_process(env: dict, expression: str) -> str:
    code = f"import nyborg_ledelse.settings as s; print(repr(({expression})))"
    clean = {"PATH": "/usr/bin:/bin", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_the_defaults_are_the_safe_local_ones():
    values = settings_in_a_fresh_process(
        {},
        "s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.LANGUAGE_CODE, s.TIME_ZONE, s.MAILERS['default']['BACKEND']",
    )

    assert values == (
        "(False, 'django.db.backends.sqlite3', True, 'da', 'Europe/Copenhagen', "
        "'django.core.mail.backends.console.EmailBackend')"
    )


def test_production_without_a_secret_key_refuses_to_start():
    output = settings_in_a_fresh_process({"HTTPS": "1"}, "s.SECRET_KEY")

    assert "SECRET_KEY must be set" in output


def test_entra_id_is_switched_on_by_its_three_settings():
    env = {"ENTRA_TENANT_ID": "t", "ENTRA_CLIENT_ID": "c", "ENTRA_CLIENT_SECRET": "x"}

    assert settings_in_a_fresh_process(env, "s.ENTRA_ENABLED") == "True"
    assert "ENTRA_CLIENT_SECRET together" in settings_in_a_fresh_process(
        {"ENTRA_TENANT_ID": "t"}, "s.ENTRA_ENABLED"
    )


PRODUCTION = {
    "HTTPS": "1",
    "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "ledelsesrum.kommune.example",
    "SITE_URL": "https://ledelsesrum.kommune.example",
    "EMAIL_HOST": "smtp.kommune.example",
    "DEFAULT_FROM_EMAIL": "Ledelsesrum <ledelsesrum@kommune.example>",
    "MESSAGE_ID_DOMAIN": "ledelsesrum.kommune.example",
}


def test_a_complete_production_configuration_starts():
    assert settings_in_a_fresh_process(PRODUCTION, "s.MAILERS['default']['BACKEND']") == (
        "'django.core.mail.backends.smtp.EmailBackend'"
    )


@pytest.mark.parametrize(
    "missing", ["EMAIL_HOST", "SITE_URL", "DEFAULT_FROM_EMAIL", "MESSAGE_ID_DOMAIN"]
)
def test_production_without_mail_or_addresses_refuses_to_start(missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}

    output = settings_in_a_fresh_process(env, "s.SITE_URL")

    assert "ImproperlyConfigured" in output
    assert "HTTPS is on (production), so these must be set" in output
    assert missing in output


def run_in_a_fresh_process(env: dict, *command: str) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, *command],
        env=clean,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_web_process_and_the_worker_stop_with_the_reason():
    env = {name: value for name, value in PRODUCTION.items() if name != "EMAIL_HOST"}

    web = run_in_a_fresh_process(env, "manage.py", "check")
    worker = run_in_a_fresh_process(
        {**env, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"},
        "-m",
        "celery",
        "-A",
        "nyborg_ledelse",
        "worker",
        "--pool",
        "solo",
    )

    for process in (web, worker):
        assert process.returncode != 0
        assert "so these must be set: EMAIL_HOST" in process.stderr


def test_the_message_domain_does_not_follow_the_site_address():
    env = {**PRODUCTION, "SITE_URL": "https://nyt-navn.kommune.example"}

    assert settings_in_a_fresh_process(env, "s.MESSAGE_ID_DOMAIN") == (
        "'ledelsesrum.kommune.example'"
    )


def test_the_login_limits_are_shared_through_redis_when_there_is_a_broker():
    backend = "s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION')"

    assert settings_in_a_fresh_process({}, backend) == (
        "('django.core.cache.backends.locmem.LocMemCache', None)"
    )
    assert settings_in_a_fresh_process({"CELERY_BROKER_URL": "redis://redis:6379/0"}, backend) == (
        "('django.core.cache.backends.redis.RedisCache', 'redis://redis:6379/0')"
    )
    assert settings_in_a_fresh_process(
        {"CELERY_BROKER_URL": "redis://redis:6379/0", "CACHE_URL": "redis://redis:6379/1"}, backend
    ) == ("('django.core.cache.backends.redis.RedisCache', 'redis://redis:6379/1')")


def test_sso_only_needs_entra_id():
    assert "SSO_ONLY=1 needs Entra ID" in settings_in_a_fresh_process(
        {"SSO_ONLY": "1"}, "s.SSO_ONLY"
    )


def test_a_log_format_that_means_nothing_stops_the_start_up():
    assert "LOG_FORMAT='xml'" in settings_in_a_fresh_process({"LOG_FORMAT": "xml"}, "1")
