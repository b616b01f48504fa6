import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from meetings.models import Meeting, Round
from meetings.room.models import Feedback, Summary
from meetings.room.services import survey_attach_to_round
from nyborg_ledelse.notifications.models import State
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Role
from tests.browser.conftest import axe_violations, log_in
from tests.factories import MessageFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP, PHONE = (1366, 768), (390, 844)


def _open_work(logins) -> None:
    """Work waiting for every role on top of the demo: a survey, a host's unwritten summary and
    feedback, a coming round without its agenda, a failed message."""
    held = Round.objects.published().filter(kind="groups", week_start__lte=timezone.localdate())
    survey_attach_to_round(round_=held.first(), kind="course")
    meeting = Meeting.objects.filter(host=logins[Role.CHEF], round=held.first()).first()
    Feedback.objects.filter(meeting=meeting).delete()
    Summary.objects.filter(meeting=meeting).delete()
    monday = timezone.localdate() + datetime.timedelta(weeks=20)
    RoundFactory(title="Efterår ekstra", week_start=monday - datetime.timedelta(monday.weekday()))
    MessageFactory(state=State.FAILED, recipient=logins[Role.LEADER])


def _shoot(browser, path: Path, width: int) -> None:
    """The whole page, as tall as it is, to look at as its user would."""
    height = browser.execute_script("return document.documentElement.scrollHeight;")
    browser.set_window_size(width, height + 140)
    browser.save_screenshot(str(path))


def _overflows(browser) -> bool:
    return browser.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"
    )


def test_every_roles_front_page_lists_its_work_and_fits_a_laptop_and_a_phone(
    browser, live_server, live_demo
):
    logins = demo_logins()
    _open_work(logins)
    shots = os.environ.get("SCREENSHOT_DIR")
    expected = {
        Role.LEADER: "Besvar spørgeskemaet",
        Role.CHEF: "Skriv opsamlingen",
        Role.DIRECTOR: "Fastsæt dagsordenen for Efterår ekstra",
        Capacity.HR: "HR og Personale",
        Capacity.ADMINISTRATOR: "1 besked fejlede",
    }
    try:
        for key, text in expected.items():
            browser.delete_all_cookies()
            browser.set_window_size(*LAPTOP)
            log_in(browser, live_server, logins[key].email, DEMO_PASSWORD)
            browser.get(live_server.url + "/")
            main = browser.find_element(By.TAG_NAME, "main").text
            assert text in main, key
            assert axe_violations(browser) == [], key
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                _shoot(browser, Path(shots) / f"front-{key}-1366.png", LAPTOP[0])
            browser.set_window_size(*PHONE)
            browser.get(live_server.url + "/")
            assert not _overflows(browser), key
            assert axe_violations(browser) == [], key
            if shots:
                _shoot(browser, Path(shots) / f"front-{key}-390.png", PHONE[0])
    finally:
        browser.set_window_size(1280, 900)
