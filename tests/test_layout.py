import re

import pytest
from django.urls import reverse

from tests.factories import LeaderFactory

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
    ("role", "sees_register", "menus"),
    [
        ("leader", False, []),
        ("chef", False, ["Chefgruppen"]),
        ("director", False, ["Chefgruppen"]),
        ("hr", True, ["HR"]),
        ("administrator", True, ["Administration"]),
    ],
)
def test_the_navigation_shows_each_role_what_it_may_use(client, people, role, sees_register, menus):
    client.force_login(people[role])

    page = client.get(reverse("home")).text

    assert (reverse("organisation:register_upload") in page) is sees_register
    assert (reverse("organisation:administration") in page) is sees_register
    shown = re.findall(r'data-bs-toggle="dropdown"[^>]*>([^<]+)</button>', page)
    assert shown == [*menus, people[role].full_name]


def test_only_a_superuser_is_sent_to_the_django_admin(client, administrator):
    client.force_login(administrator)
    assert reverse("admin:index") not in client.get(reverse("home")).text

    superuser = LeaderFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert reverse("admin:index") in client.get(reverse("home")).text


def test_a_person_with_several_capacities_finds_each_page_once(client, chef):
    chef.works_in_hr = chef.administers_product = True
    chef.save()
    client.force_login(chef)

    page = client.get(reverse("home")).text
    menu = page[page.index("<header>") : page.index("</header>")]

    shown = re.findall(r'data-bs-toggle="dropdown"[^>]*>([^<]+)</button>', menu)
    assert shown == ["Chefgruppen", "HR", "Administration", chef.full_name]
    for name in ["meetings:rounds", "organisation:leader_list", "notifications:outbox"]:
        assert menu.count(f'href="{reverse(name)}"') == 1, name


def test_the_current_section_is_marked_in_the_menu(client, leader, chef):
    client.force_login(chef)

    page = client.get(reverse("topicbank:board")).text

    assert f'aria-current="page" href="{reverse("topicbank:board")}"' in page
    assert re.search(r'aria-current="true">Chefgruppen</button>', page)
    assert page.count('aria-current="page"') == 1

    client.force_login(leader)
    page = client.get(reverse("coaching:book")).text  # a page under My support
    assert f'aria-current="page" href="{reverse("coaching:mine")}"' in page


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
