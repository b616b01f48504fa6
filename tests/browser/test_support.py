import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from coaching.models import Booking, Coach
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_sees_the_funding_books_a_session_and_hr_sees_only_aggregates(
    browser, live_server, live_demo
):
    logins = demo_logins()
    leader = logins[Role.LEADER]
    before = Booking.objects.filter(leader=leader).count()

    log_in(browser, live_server, leader.email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/")
    wait_for_text(browser, "Min støtte")
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Book en coachingsession").click()
    wait_for_text(browser, "Book en coachingsession")
    Select(browser.find_element(By.NAME, "coach")).select_by_index(1)
    browser.find_element(By.NAME, "day").send_keys("01122026")
    hours = browser.find_element(By.NAME, "hours")
    hours.clear()
    hours.send_keys("1")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Se finansieringen']"))
    wait_for_text(browser, "Sådan finansieres timerne")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, "//button[text()='Bekræft bookingen']"))
    wait_for_text(browser, "Sessionen er booket.")
    assert Booking.objects.filter(leader=leader).count() == before + 1

    browser.delete_all_cookies()
    log_in(browser, live_server, logins[Capacity.HR].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/support/hr/")
    wait_for_text(browser, "Coaching efter finansiering")
    assert leader.full_name not in browser.find_element(By.TAG_NAME, "main").text
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "regnskabsmæssigt"))
    wait_for_text(browser, "Det kan ikke fortrydes")
    assert axe_violations(browser) == []
    assert Coach.objects.count() == 4
