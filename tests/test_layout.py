import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_danish_with_a_skip_link_and_landmarks(client, leader):
    client.force_login(leader)

    page = client.get(reverse("home")).text

    assert '<html lang="da">' in page
    assert 'href="#main">Spring til indhold</a>' in page
    assert '<main id="main"' in page
    assert "<header>" in page and "<footer" in page
    assert 'aria-label="Hovedmenu"' in page


def test_the_footer_links_to_the_accessibility_statement_from_settings(client, leader, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/eksempel"
    client.force_login(leader)

    page = client.get(reverse("home")).text

    assert '<a href="https://www.was.digst.dk/eksempel">Tilgængelighedserklæring</a>' in page


def test_the_content_security_policy_is_enforced_and_allows_no_other_origin(client):
    response = client.get(reverse("account_login"))

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy.replace("https://login.microsoftonline.com", "")


def test_front_end_files_are_served_from_our_own_static_folder(client):
    page = client.get(reverse("account_login")).text

    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in page
    assert "cdn" not in page.lower()
    assert client.get("/static/vendor/bootstrap/bootstrap.min.css").status_code == 200


@pytest.mark.parametrize(
    ("role", "sees_register", "sees_admin"),
    [
        ("leader", False, False),
        ("chef", False, False),
        ("director", False, False),
        ("hr", True, True),
        ("administrator", True, True),
    ],
)
def test_the_navigation_shows_each_role_what_it_may_use(
    client, people, role, sees_register, sees_admin
):
    client.force_login(people[role])

    page = client.get(reverse("home")).text

    assert (reverse("organisation:register_upload") in page) is sees_register
    assert (reverse("organisation:administration") in page) is sees_admin
    assert reverse("admin:index") not in page


def test_danish_is_shown_even_to_an_english_browser(client, leader):
    client.force_login(leader)

    page = client.get(reverse("home"), headers={"accept-language": "en"}).text

    assert f"Velkommen, {leader.first_name}" in page


def test_a_leader_can_choose_english_as_the_second_language(client, leader):
    client.force_login(leader)

    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    page = client.get(reverse("home")).text

    assert f"Welcome, {leader.first_name}" in page
    assert '<html lang="en">' in page
