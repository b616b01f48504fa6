"""Error pages are the product's own: Danish, in the layout, with a way back."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_in_the_layout(response, status: int, title: str, lang: str = "da") -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{lang}">' in page
    assert '<main id="main"' in page
    assert f"<h1>{title}</h1>" in page
    assert f'href="{reverse("home")}"' in page


def test_a_missing_page_is_a_danish_404(client, leader):
    client.force_login(leader)

    assert_in_the_layout(client.get("/findes-ikke/"), 404, "Siden blev ikke fundet")


def test_a_missing_page_is_english_when_english_is_chosen(client, leader):
    client.force_login(leader)
    client.cookies["django_language"] = "en"

    assert_in_the_layout(client.get("/findes-ikke/"), 404, "The page was not found", "en")


def test_a_page_the_role_may_not_see_is_a_danish_403(client, leader):
    client.force_login(leader)

    response = client.get(reverse("notifications:outbox"))

    assert_in_the_layout(response, 403, "Du har ikke adgang til denne side")


def test_bad_input_is_a_danish_400_that_says_what_to_correct(client, hr):
    client.force_login(hr)

    response = client.get(reverse("coaching:hr"), {"year": "abc"})

    assert_in_the_layout(response, 400, "Forespørgslen kunne ikke forstås")
    assert "Året skal skrives som et årstal mellem 2000 og 2100." in response.text


def test_a_bug_is_a_danish_500_in_the_layout(leader, settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)
    client.force_login(leader)

    response = client.get("/broken/")

    assert_in_the_layout(response, 500, "Der opstod en fejl")
    assert "RuntimeError" not in response.text


def test_a_500_is_english_when_english_is_chosen(settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"

    assert_in_the_layout(client.get("/broken/"), 500, "Something went wrong", "en")


def test_an_expired_form_is_a_danish_page_not_djangos_csrf_page(leader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)

    response = client.post(reverse("notifications:preferences"), {})

    assert_in_the_layout(response, 403, "Formularen var udløbet")
    assert "CSRF" not in response.text
