import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from meetings.models import Meeting
from meetings.room.models import Exercise, ExerciseReceipt
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_host_opens_an_exercise_and_a_member_rates_the_sources_of_resistance(
    browser, live_server, live_demo
):
    host = demo_logins()[Role.CHEF]
    meeting = Meeting.objects.filter(host=host, group__isnull=False).order_by("-day").first()
    Meeting.objects.filter(pk=meeting.pk).update(day=timezone.localdate())
    meeting.refresh_from_db()
    member = meeting.group.members_on(meeting.day)[0]

    log_in(browser, live_server, host.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{meeting.pk}/")
    click(browser, browser.find_element(By.LINK_TEXT, "Øvelser for gruppen"))
    wait_for_text(browser, "Åbn en øvelse")
    assert axe_violations(browser) == []
    Select(browser.find_element(By.NAME, "kind")).select_by_visible_text(
        "Kilder til modstand mod det tværgående samarbejde"
    )
    Select(browser.find_element(By.NAME, "agenda_item")).select_by_index(3)
    click(browser, browser.find_element(By.XPATH, "//button[text()='Åbn øvelsen']"))
    wait_for_text(browser, "Resultatet vises, når værten lukker øvelsen.")
    assert axe_violations(browser) == []
    exercise = Exercise.objects.get(meeting=meeting)

    browser.delete_all_cookies()
    log_in(browser, live_server, member.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/exercises/{exercise.pk}/")
    wait_for_text(browser, "Frygt for ydre styring og kontrol")
    assert axe_violations(browser) == []
    for i in range(9):
        click(
            browser, browser.find_element(By.CSS_SELECTOR, f"input[name=s{i}][value='{i % 5 + 1}']")
        )
    click(browser, browser.find_element(By.XPATH, "//button[text()='Send mine vurderinger']"))
    wait_for_text(browser, "Dine vurderinger er gemt anonymt.")
    assert ExerciseReceipt.objects.filter(exercise=exercise, leader=member).exists()
    assert axe_violations(browser) == []
