import pytest
from selenium.webdriver.common.by import By

from groups.models import Group, Proposal
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Leader, Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text
from tests.conftest import PASSWORD
from tests.factories import LeaderFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_rebalances_and_a_moved_leader_finds_the_new_group(
    browser, live_server, live_demo
):
    chef = Leader.objects.filter(role=Role.CHEF).first()
    # The demo's 11 hosts seat up to 132: two newcomers still fit.
    for k in range(2):
        LeaderFactory(
            email=f"ny{k}@nyborg-demo.example",
            department=chef.department,
            level=4,
            reports_to=chef,
        )
    logins = demo_logins()

    log_in(browser, live_server, logins[Capacity.ADMINISTRATOR].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/groups/overview/")
    wait_for_text(browser, "2 ledere uden gruppe")
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Foreslå en ombalancering").click()
    wait_for_text(browser, "Mindste gruppe")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    wait_for_text(browser, "Foreslået ombalancering")
    assert "Nedre grænse" in browser.find_element(By.TAG_NAME, "main").text
    assert axe_violations(browser) == []
    click(
        browser,
        browser.find_element(By.XPATH, "//button[text()='Gennemfør og giv lederne besked']"),
    )

    wait_for_text(browser, "Grupperne er opdateret")
    assert "Alle ledere i Store Ledergruppe har en plads." in browser.page_source
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.APPLIED
    # A leader who moved from another group if any did (demo password), else a newcomer.
    moved_pk, old, new = max(proposal.moves, key=lambda move: bool(move[1]))
    moved = Leader.objects.get(pk=moved_pk)

    browser.delete_all_cookies()
    log_in(browser, live_server, moved.email, DEMO_PASSWORD if old else PASSWORD)
    browser.get(live_server.url + "/groups/mine/")
    wait_for_text(browser, f"Gruppe {new}")
    group = Group.objects.get(number=int(new))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert group.host.full_name in main
    assert moved.full_name in main
    assert axe_violations(browser) == []
