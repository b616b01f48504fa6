"""HR, administrators and superusers need a second factor after a password login."""

import time

import pytest
from allauth.account.models import Login
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from django.urls import reverse

from nyborg_ledelse.organisation.adapters import PasswordSecondFactorStage
from nyborg_ledelse.organisation.demo import demo_code, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Role
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def code_for(secret: str) -> str:
    cache.clear()  # a code is accepted once; tests may log in twice in the same 30 seconds
    # Not in the last seconds of a period, or the code may be checked in the next one.
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.fixture(params=["hr", "administrator", "superuser"])
def guarded(request, people):
    if request.param == "superuser":
        return LeaderFactory(is_superuser=True, is_staff=True, role=Role.LEADER)
    return people[request.param]


def test_after_a_password_login_hr_and_administrators_must_set_up_an_authenticator_first(
    client, guarded
):
    response = log_in(client, guarded.email)

    assert response.status_code == 302
    setup = reverse("mfa_activate_totp")
    for page in [reverse("home"), reverse("notifications:mine"), reverse("coaching:mine")]:
        refused = client.get(page)
        assert refused.status_code == 302 and refused.url == setup
    assert client.get(setup).status_code == 200


def test_setting_up_the_authenticator_gives_recovery_codes_and_opens_the_product(client, hr):
    log_in(client, hr.email)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=hr, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=hr, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("home")).status_code == 200


def test_once_set_up_the_code_is_asked_at_every_password_login(client, guarded):
    secret = generate_totp_secret()
    TOTP.activate(guarded, secret)
    RecoveryCodes.activate(guarded)

    response = log_in(client, guarded.email)

    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert client.session["_auth_user_id"] == str(guarded.pk)
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_stands_in_for_a_lost_phone(client, hr):
    TOTP.activate(hr, generate_totp_secret())
    codes = RecoveryCodes.activate(hr).get_unused_codes()

    log_in(client, hr.email)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})

    assert client.session["_auth_user_id"] == str(hr.pk)


@pytest.mark.parametrize("role", ["leader", "chef", "director"])
def test_leaders_log_in_with_their_password_alone(client, people, role):
    log_in(client, people[role].email)

    assert client.get(reverse("home")).status_code == 200


def with_login_record(client, user, method: str) -> None:
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": method, "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def test_an_entra_id_login_is_not_asked_for_a_second_factor(client, hr):
    with_login_record(client, hr, "socialaccount")

    assert client.get(reverse("home")).status_code == 200


def test_a_password_session_without_an_authenticator_is_sent_to_set_one_up(client, hr):
    with_login_record(client, hr, "password")

    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")


def test_the_code_step_is_skipped_for_an_entra_id_login_only(rf, hr):
    TOTP.activate(hr, generate_totp_secret())
    request = rf.get("/")
    request.COOKIES = {}
    request.session = {}

    by_password = PasswordSecondFactorStage(None, request, Login(user=hr))
    by_entra = PasswordSecondFactorStage(
        None, request, Login(user=hr, signal_kwargs={"sociallogin": object()})
    )

    assert by_password._should_handle(request) is True
    assert by_entra._should_handle(request) is False


def test_the_demos_hr_and_administrator_can_log_in_with_the_printed_secret(client, demo):
    logins = demo_logins()
    from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_second_factors

    secrets = demo_second_factors()
    hr = logins[Capacity.HR]
    assert secrets[hr] in demo  # load_demo printed it

    assert set(secrets) == {logins[Capacity.HR], logins[Capacity.ADMINISTRATOR]}
    assert log_in(client, hr.email, DEMO_PASSWORD).url == reverse("mfa_authenticate")
    code = code_for(secrets[hr])
    assert demo_code(secrets[hr]) == code
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get(reverse("home")).status_code == 200
