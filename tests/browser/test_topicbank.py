import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text
from topicbank.models import State, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_proposes_and_supports_and_the_chef_group_shortlists(
    browser, live_server, live_demo
):
    logins = demo_logins()

    log_in(browser, live_server, logins[Role.LEADER].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/topics/")
    assert axe_violations(browser) == []

    browser.find_element(By.LINK_TEXT, "Foreslå et emne").click()
    wait_for_text(browser, "Titel")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "title").send_keys("Sygefravær i små enheder")
    browser.find_element(By.NAME, "description").send_keys("Når én mangler, mærker alle det.")
    click(browser, browser.find_element(By.ID, "id_agenda_item_0"))
    click(browser, browser.find_element(By.ID, "id_theme_0"))
    browser.find_element(By.NAME, "links").send_keys("https://www.example.dk/fravaer")
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    wait_for_text(browser, "Emnet er gemt i emnebanken.")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sygefravær i små enheder"
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, "//button[text()='Støt dette emne']"))
    wait_for_text(browser, "1 leder støtter det")
    proposed = Topic.objects.get(title="Sygefravær i små enheder")

    browser.delete_all_cookies()
    log_in(browser, live_server, logins[Role.CHEF].email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/topics/{proposed.pk}/")
    Select(browser.find_element(By.ID, "id_to_state")).select_by_visible_text("På kortlisten")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Flyt']"))

    wait_for_text(browser, "Emnet er nu 'På kortlisten'")
    proposed.refresh_from_db()
    assert proposed.state == State.SHORTLISTED
    browser.get(live_server.url + "/topics/board/")
    assert "Sygefravær i små enheder" in browser.find_element(By.TAG_NAME, "main").text
    assert axe_violations(browser) == []
