import subprocess
import sys

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
