import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from coaching.development.models import Item, Programme
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_plans_an_introduction_item_and_the_new_leader_ticks_it(
    browser, live_server, live_demo
):
    chef = demo_logins()[Role.CHEF]
    programme = Programme.objects.get(leader__reports_to=chef)
    newcomer = programme.leader
    day = timezone.localdate() + datetime.timedelta(days=10)

    log_in(browser, live_server, chef.email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/development/")
    wait_for_text(browser, "Dine ledere")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.LINK_TEXT, newcomer.full_name))
    wait_for_text(browser, f"Udvikling: {newcomer.full_name}")
    click(browser, browser.find_element(By.LINK_TEXT, "Tilrettelæg introduktionen"))
    wait_for_text(browser, f"Introduktion for {newcomer.full_name}")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.LINK_TEXT, "Planlæg et punkt"))
    wait_for_text(browser, "Planlæg et punkt for")
    assert axe_violations(browser) == []
    Select(browser.find_element(By.NAME, "topic")).select_by_visible_text("Mødefora")
    # Typed keys into a date field are dropped on a busy machine; the value is what is tested here.
    due_date = browser.find_element(By.NAME, "due_date")
    browser.execute_script("arguments[0].value = arguments[1]", due_date, day.isoformat())
    click(browser, browser.find_element(By.XPATH, "//main//button[text()='Gem']"))
    wait_for_text(browser, "Punktet er føjet til introduktionen.")
    item = Item.objects.get(programme=programme, title="Mødefora")
    assert item.due_date == day

    browser.delete_all_cookies()
    log_in(browser, live_server, newcomer.email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/development/")
    wait_for_text(browser, "Din introduktion som ny leder")
    click(browser, browser.find_element(By.LINK_TEXT, "Se din introduktion"))
    wait_for_text(browser, "Mødefora")
    assert axe_violations(browser) == []
    click(
        browser, browser.find_element(By.XPATH, "//button[text()='Markér “Mødefora” som udført']")
    )
    wait_for_text(browser, "“Mødefora” er markeret som udført.")
    assert axe_violations(browser) == []
    item.refresh_from_db()
    assert item.done_by == newcomer


def test_the_foundation_the_talk_and_hrs_figures_pass_the_accessibility_check(
    browser, live_server, live_demo
):
    logins = demo_logins()

    log_in(browser, live_server, logins[Role.LEADER].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/development/foundation/")
    wait_for_text(browser, "Kommunens ledelsesgrundlag")
    assert axe_violations(browser) == []
    browser.get(live_server.url + "/support/development/")
    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, f"{timezone.localdate().year}:"))
    wait_for_text(browser, "Aftalte udviklingsmål")
    assert axe_violations(browser) == []

    browser.delete_all_cookies()
    log_in(browser, live_server, logins[Capacity.HR].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/development/hr/")
    wait_for_text(browser, "Afholdte lederudviklingssamtaler")
    assert logins[Role.LEADER].full_name not in browser.find_element(By.TAG_NAME, "main").text
    assert axe_violations(browser) == []
