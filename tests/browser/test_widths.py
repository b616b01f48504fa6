"""Every role's front page and main pages on a laptop (1280 px) and a phone (390 px): nothing
runs off the side, no menu item breaks over two lines, and axe finds no WCAG 2.1 A/AA violation."""

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from selenium.webdriver.common.by import By

from nyborg_ledelse.organisation.demo import demo_logins
from nyborg_ledelse.organisation.models import Capacity, Leader, Role
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
SEVERAL = "several capacities"

# The page's width against the window's, and the menu items whose text takes two lines.
MEASURE = """
const lines = element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  // Text boxes that do not overlap vertically sit on different lines (a 1 px box is hidden text).
  const boxes = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1)
    .sort((a, b) => a.top - b.top);
  let count = 0, bottom = -Infinity;
  for (const box of boxes) {
    if (box.top >= bottom - 1) { count += 1; bottom = box.bottom; }
    else { bottom = Math.max(bottom, box.bottom); }
  }
  return count;
};
const items = [...document.querySelectorAll('header nav a, header nav button')]
  .filter(element => element.getClientRects().length > 0);
return {
  page: document.documentElement.scrollWidth,
  window: window.innerWidth,
  wrapped: items.filter(element => lines(element) > 1).map(element => element.textContent.trim()),
};
"""


def person(key: str) -> Leader:
    if key == SEVERAL:
        # The widest menu: a chef who hosts a group, works in HR and administers the product.
        chef = Leader.objects.filter(role=Role.CHEF, works_in_hr=True).first()
        chef.administers_product = True
        chef.save()
        return chef
    return demo_logins()[key]


def logged_in_as(browser, live_server, leader: Leader) -> None:
    """A session made on the server's side: this test is about pages, not the login."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(leader.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = leader.get_session_auth_hash()
    session.save()
    browser.get(live_server.url + "/accounts/login/")
    browser.delete_all_cookies()
    browser.add_cookie(
        {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "path": "/"}
    )


def at_width(browser, width: int) -> None:
    browser.set_window_size(width, 900)
    inner = browser.execute_script("return window.innerWidth")
    if inner != width:  # the window's frame, if any, is not part of the page
        browser.set_window_size(2 * width - inner, 900)


def problems(browser, where: str) -> list[str]:
    found = []
    measured = browser.execute_script(MEASURE)
    if measured["page"] > measured["window"]:
        found.append(f"{where}: {measured['page']} px wide in a {measured['window']} px window")
    if measured["wrapped"]:
        found.append(f"{where}: menu items over two lines: {measured['wrapped']}")
    found.extend(f"{where}: {violation}" for violation in axe_violations(browser))
    return found


@pytest.mark.parametrize(
    "key", [Role.LEADER, Role.CHEF, Role.DIRECTOR, Capacity.HR, Capacity.ADMINISTRATOR, SEVERAL]
)
def test_every_main_page_fits_a_laptop_and_a_phone_without_accessibility_errors(
    browser, live_server, live_demo, key
):
    logged_in_as(browser, live_server, person(key))
    at_width(browser, 1280)
    browser.get(live_server.url + "/")
    menu = browser.execute_script(
        "return [...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href'))"
    )
    pages = [path for path in dict.fromkeys(["/", *menu]) if path.startswith("/")]
    assert len(pages) >= 7

    found = []
    for width in WIDTHS:
        at_width(browser, width)
        for path in pages:
            browser.get(live_server.url + path)
            assert browser.find_element(By.TAG_NAME, "h1").text, path
            found += problems(browser, f"{path} at {width} px")
    assert found == []


@pytest.mark.parametrize("width", WIDTHS)
def test_each_menu_opens_and_fits(browser, live_server, live_demo, width):
    logged_in_as(browser, live_server, person(SEVERAL))
    at_width(browser, width)
    browser.get(live_server.url + "/")
    if width < 1200:
        toggler = browser.find_element(By.CSS_SELECTOR, ".navbar-toggler")
        assert toggler.text == "Menu"
        toggler.click()
        time.sleep(0.5)  # the menu slides open

    menus = browser.find_elements(By.CSS_SELECTOR, "header [data-bs-toggle=dropdown]")
    assert [menu.text for menu in menus][:3] == ["Chefgruppen", "HR", "Administration"]
    found = []
    for menu in menus:
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        links = menu.find_elements(By.XPATH, "following-sibling::ul//a")
        assert links and all(link.is_displayed() for link in links)
        found += problems(browser, f"{menu.text} open at {width} px")
    assert found == []


def test_the_current_section_is_marked_for_assistive_technology(browser, live_server, live_demo):
    logged_in_as(browser, live_server, person(Capacity.ADMINISTRATOR))
    at_width(browser, 1280)

    browser.get(live_server.url + "/outbox/")

    current = browser.find_element(By.CSS_SELECTOR, "header [aria-current=page]")
    assert current.get_attribute("textContent").strip() == "Udgående beskeder"
    menu = browser.find_element(By.CSS_SELECTOR, "header button[aria-current=true]")
    assert menu.text == "Administration"


def test_the_box_of_surveys_to_answer_has_readable_links(browser, live_server, live_demo):
    from groups.models import Membership
    from tests.factories import SurveyFactory

    leader = person(Role.LEADER)
    SurveyFactory(group=Membership.objects.current().get(leader=leader).group)
    logged_in_as(browser, live_server, leader)

    for width in WIDTHS:
        at_width(browser, width)
        browser.get(live_server.url + "/meetings/")
        assert browser.find_element(By.LINK_TEXT, "Besvar spørgeskemaet").is_displayed()
        assert problems(browser, f"/meetings/ at {width} px") == []
