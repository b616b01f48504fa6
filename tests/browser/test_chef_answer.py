import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By

from meetings.models import Kind, Meeting, Round
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chef_group_answers_the_report_and_a_leader_reads_it(browser, live_server, live_demo):
    logins = demo_logins()
    leader = logins[Role.LEADER]
    coming = (
        Meeting.objects.for_leader(leader)
        .filter(group__isnull=False, day__gte=timezone.localdate())
        .select_related("round")
        .order_by("day")
        .first()
    )
    held = (
        Round.objects.published()
        .filter(kind=Kind.GROUPS, week_start__lt=coming.round.week_start)
        .order_by("-week_start")
        .first()
    )

    log_in(browser, live_server, logins[Role.DIRECTOR].email, DEMO_PASSWORD)
    browser.get(live_server.url + reverse("room:report", args=[held.pk]))
    wait_for_text(browser, "Opsamling tværgående ledelsesgrupper")
    assert axe_violations(browser) == []
    browser.get(live_server.url + reverse("room:chef_answer", args=[held.pk]))
    wait_for_text(browser, "Chefgruppen har endnu ikke skrevet sit svar.")
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Skriv svaret").click()
    wait_for_text(browser, "Kun chefgruppen kan se kladden")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "text").send_keys("Vi inddrager jer tidligere i budgettet.")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Svaret er gemt.")
    assert axe_violations(browser) == []
    click(
        browser, browser.find_element(By.XPATH, "//button[text()='Offentliggør for alle ledere']")
    )
    wait_for_text(browser, "alle ledere har fået besked")

    browser.delete_all_cookies()
    log_in(browser, live_server, leader.email, DEMO_PASSWORD)
    wait_for_text(browser, "Chefgruppens svar på gruppernes tilbagemeldinger")
    assert (
        "Vi inddrager jer tidligere i budgettet." in browser.find_element(By.TAG_NAME, "main").text
    )
    assert axe_violations(browser) == []
    browser.get(live_server.url + coming.get_absolute_url())
    wait_for_text(browser, "Hvad er der sket siden sidst!")
    assert (
        "Vi inddrager jer tidligere i budgettet." in browser.find_element(By.TAG_NAME, "main").text
    )
    assert axe_violations(browser) == []
