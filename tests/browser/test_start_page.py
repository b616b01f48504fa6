import pytest
from selenium.webdriver.common.by import By

from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Role
from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_leader_logs_in_and_sees_an_accessible_start_page(browser, live_server, live_demo):
    leader = demo_logins()[Role.LEADER]

    browser.get(live_server.url + "/accounts/login/")
    assert axe_violations(browser) == []

    log_in(browser, live_server, leader.email, DEMO_PASSWORD)

    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == f"Velkommen, {leader.first_name}"
    assert leader.job_title in browser.find_element(By.TAG_NAME, "main").text
    assert axe_violations(browser) == []


def test_hr_sees_the_register_and_the_import_page_without_accessibility_errors(
    browser, live_server, live_demo
):
    hr = demo_logins()[Capacity.HR]
    log_in(browser, live_server, hr.email, DEMO_PASSWORD)

    for path in ["/register/", "/register/import/"]:
        browser.get(live_server.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text
        assert axe_violations(browser) == [], path


def test_the_administrators_outbox_and_a_leaders_messages_are_accessible(
    browser, live_server, live_demo
):
    logins = demo_logins()

    log_in(browser, live_server, logins[Capacity.ADMINISTRATOR].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/outbox/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Udgående beskeder"
    assert axe_violations(browser) == []

    browser.get(live_server.url + "/messages/preferences/")
    assert axe_violations(browser) == []
    browser.get(live_server.url + "/messages/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mine beskeder"
    assert axe_violations(browser) == []
