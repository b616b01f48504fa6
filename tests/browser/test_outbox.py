import pytest
from selenium.webdriver.common.by import By

from coaching.notifications import ANONYMOUS_USED_UP, APPROVAL_REQUESTED
from nyborg_ledelse.notifications import kinds
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text
from tests.factories import LeaderFactory, MessageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Dine anonyme coachingtimer er brugt"


def test_an_administrator_finds_coaching_messages_only_as_counts(browser, live_server, live_demo):
    logins = demo_logins()
    # Someone with no public messages, so any sight of them on the page would be a leak.
    leader = LeaderFactory(first_name="Privata", last_name="Coachingsen")
    for number, (kind, state) in enumerate(
        [
            (ANONYMOUS_USED_UP, State.SENT),
            (ANONYMOUS_USED_UP, State.SENT),
            (APPROVAL_REQUESTED, State.FAILED),
        ]
    ):
        MessageFactory(
            recipient=leader,
            to_email=leader.email,
            kind=kind.key,
            idempotency_key=f"browser:{number}",
            state=state,
            subject=SUBJECT,
            body_text="…",
            url="/support/",
            last_error=f"550 <{leader.email}> refused" if state == State.FAILED else "",
        )

    log_in(browser, live_server, logins[Capacity.ADMINISTRATOR].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/outbox/")
    wait_for_text(browser, "Private beskeder")
    main = browser.find_element(By.TAG_NAME, "main").text
    support = browser.find_element(
        By.XPATH, "//table[@id='private-counts']//tr[th[text()='Støtte til din ledelse']]"
    ).text
    support_kinds = [kind.key for kind in kinds.all_kinds() if kind.group == kinds.SUPPORT]
    sent = Message.objects.filter(kind__in=support_kinds, state=State.SENT).count()
    assert f"Sendt: {sent}" in support and "Mislykket: 1" in support
    assert leader.email not in main and SUBJECT not in main and leader.last_name not in main
    assert axe_violations(browser) == []

    search = browser.find_element(By.NAME, "q")
    search.send_keys("coaching")
    click(browser, browser.find_element(By.XPATH, "//form[@role='search']//button"))
    wait_for_text(browser, "Ingen beskeder.")
    assert SUBJECT not in browser.find_element(By.TAG_NAME, "main").text

    failed = browser.find_element(By.ID, "private-failed")
    assert "550 <…> refused" in failed.text
    click(browser, failed.find_element(By.XPATH, ".//button"))
    wait_for_text(browser, "Beskeden er sat i kø igen.")
    assert Message.objects.get(idempotency_key="browser:2").state != State.FAILED
