"""From agenda to action, over two held meetings of one group: the commitment written at the
first is followed up under item 2 of the second, the round's report is complete, the chef group
answers it and a leader reads the answer on the front page."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from meetings.models import Meeting
from meetings.room.models import Commitment, Feedback, Summary
from meetings.room.notifications import REPORT_COMPLETE
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMITMENT = "Vi holder et fælles MED-møde om vagtplanerne."
OUTCOME = "Mødet blev holdt i oktober; vagtplanerne er nu fælles."
ANSWER = "Vi lægger vagtplanerne ind i budgetprocessen fra næste år."


def _log_in_as(browser, live_server, person) -> None:
    browser.delete_all_cookies()
    log_in(browser, live_server, person.email, DEMO_PASSWORD)


def _checked(browser) -> None:
    assert axe_violations(browser) == []


def _press(browser, text: str) -> None:
    click(browser, browser.find_element(By.XPATH, f"//button[text()='{text}']"))


def test_a_commitment_is_followed_up_and_the_chef_group_answers_the_complete_report(
    browser, live_server, live_demo
):
    # The demo's two latest held rounds: both meetings have begun, so no travelling in time.
    logins = demo_logins()
    host, director = logins[Role.CHEF], logins[Role.DIRECTOR]
    second = (
        Meeting.objects.filter(host=host, summary__isnull=False)
        .select_related("round", "group")
        .order_by("-day")
        .first()
    )
    first = (
        Meeting.objects.filter(group=second.group, host=host, day__lt=second.day)
        .filter(summary__isnull=False)
        .latest("day")
    )
    member = second.group.members_on(second.day)[0]
    # The group's records as they stand at the end of each meeting: written, not yet published,
    # and the second meeting's feedback the last of the round to be released.
    Commitment.objects.of_group(second.group).delete()
    Summary.objects.filter(meeting__in=[first, second]).update(
        status=Summary.Status.DRAFT, published_at=None
    )
    Feedback.objects.filter(meeting=second).update(
        text="Vi ønsker at blive inddraget tidligere.", answers={}, released_at=None, agreed_by=None
    )
    groups = Meeting.objects.filter(round=second.round, group__isnull=False).count()

    # Meeting 1: the host writes what the group will do and publishes the summary.
    _log_in_as(browser, live_server, host)
    browser.get(live_server.url + reverse("room:summary_edit", args=[first.pk]))
    wait_for_text(browser, "Én aftale pr. handling")
    _checked(browser)
    browser.find_element(By.NAME, "commitments-0-text").send_keys(COMMITMENT)
    _press(browser, "Gem")
    wait_for_text(browser, "Opsamlingen er gemt.")
    _checked(browser)
    _press(browser, "Offentliggør for gruppen")
    wait_for_text(browser, "Opsamlingen er offentliggjort for gruppen.")
    _checked(browser)

    # Meeting 2: a member finds it under item 2, "Hvad er der sket siden sidst!".
    _log_in_as(browser, live_server, member)
    browser.get(live_server.url + second.get_absolute_url())
    wait_for_text(browser, "Hvad vi sagde, vi ville gøre:")
    assert COMMITMENT in browser.find_element(By.CSS_SELECTOR, ".agenda").text
    _checked(browser)

    # The host records it as done, with a line on what happened, in the new summary.
    commitment = Commitment.objects.get(text=COMMITMENT)
    _log_in_as(browser, live_server, host)
    browser.get(live_server.url + reverse("room:summary_edit", args=[second.pk]))
    wait_for_text(browser, COMMITMENT)
    _checked(browser)
    Select(browser.find_element(By.NAME, f"follow{commitment.pk}-outcome")).select_by_value("done")
    browser.find_element(By.NAME, f"follow{commitment.pk}-note").send_keys(OUTCOME)
    _press(browser, "Gem")
    wait_for_text(browser, "Opsamlingen er gemt.")
    _press(browser, "Offentliggør for gruppen")
    wait_for_text(browser, "Opsamlingen er offentliggjort for gruppen.")
    _checked(browser)

    # The last group releases its feedback: the round's report is complete.
    browser.get(live_server.url + reverse("room:feedback", args=[second.pk]))
    wait_for_text(browser, "Vi ønsker at blive inddraget tidligere.")
    _checked(browser)
    _press(browser, "Gruppen er enig: frigiv til chefgruppen")
    wait_for_text(browser, "frigivet til chefgruppen som aftalt i gruppen")
    _checked(browser)
    assert Message.objects.filter(kind=REPORT_COMPLETE.key, recipient=director).exists()

    # The chef group reads the complete report and answers it.
    _log_in_as(browser, live_server, director)
    browser.get(live_server.url + reverse("room:report", args=[second.round_id]))
    wait_for_text(browser, f"{groups} af {groups} grupper har frigivet deres tilbagemelding")
    _checked(browser)
    browser.get(live_server.url + reverse("room:chef_answer_edit", args=[second.round_id]))
    wait_for_text(browser, "Kun chefgruppen kan se kladden")
    _checked(browser)
    browser.find_element(By.NAME, "text").send_keys(ANSWER)
    _press(browser, "Gem")
    wait_for_text(browser, "Svaret er gemt.")
    _checked(browser)
    _press(browser, "Offentliggør for alle ledere")
    wait_for_text(browser, "alle ledere har fået besked")
    _checked(browser)

    # The member reads what became of the commitment, and the chef group's answer.
    _log_in_as(browser, live_server, member)
    wait_for_text(browser, "Chefgruppens svar på gruppernes tilbagemeldinger")
    assert ANSWER in browser.find_element(By.TAG_NAME, "main").text
    _checked(browser)
    browser.get(live_server.url + second.get_absolute_url())
    wait_for_text(browser, OUTCOME)
    assert f"{COMMITMENT}: Udført – {OUTCOME}" in (
        browser.find_element(By.CSS_SELECTOR, ".agenda").text
    )
    _checked(browser)
