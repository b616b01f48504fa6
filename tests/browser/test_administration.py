import pytest
from selenium.webdriver.common.by import By

from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Department
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_administrator_keeps_departments_without_the_django_admin(
    browser, live_server, live_demo
):
    log_in(browser, live_server, demo_logins()[Capacity.ADMINISTRATOR].email, DEMO_PASSWORD)

    menu = "//button[@data-bs-toggle='dropdown'][normalize-space()='Administration']"
    click(browser, browser.find_element(By.XPATH, menu))
    click(
        browser,
        browser.find_element(
            By.XPATH,
            "//*[contains(@class, 'dropdown-menu')]//a[normalize-space()='Administration']",
        ),
    )
    wait_for_text(browser, "Værter og medværter")
    assert "/admin/" not in browser.find_element(By.TAG_NAME, "main").get_attribute("innerHTML")
    assert axe_violations(browser) == []

    click(browser, browser.find_element(By.LINK_TEXT, "Afdelinger"))
    wait_for_text(browser, "Kommunens afdelinger")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "name").send_keys("Kultur og Fritid")
    click(browser, browser.find_element(By.XPATH, "//main//form//button[@type='submit']"))
    wait_for_text(browser, "Afdelingen Kultur og Fritid er tilføjet.")

    click(browser, browser.find_element(By.LINK_TEXT, "Kultur og Fritid"))
    wait_for_text(browser, "Slet afdelingen")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, "//button[text()='Luk']"))
    wait_for_text(browser, "Afdelingen Kultur og Fritid er lukket.")
    assert not Department.objects.get(name="Kultur og Fritid").active

    for path, heading in [
        ("/administration/roles/", "Chefgruppen i dag"),
        ("/meetings/rooms/", "Tilføj et lokale"),
    ]:
        browser.get(live_server.url + path)
        wait_for_text(browser, heading)
        assert axe_violations(browser) == [], path
