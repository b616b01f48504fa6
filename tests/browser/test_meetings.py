import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from meetings.models import Apology, Round
from meetings.services import round_plan, round_plan_save
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text
from tests.meetings.conftest import make_round, next_monday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chef_group_publishes_a_round_and_a_leader_sends_apologies(
    browser, live_server, live_demo
):
    logins = demo_logins()
    round_ = make_round(title="Ekstra runde", week_start=next_monday(4))
    round_plan_save(round_=round_, plan=round_plan(round_))

    log_in(browser, live_server, logins[Role.CHEF].email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/rounds/{round_.pk}/agenda/")
    wait_for_text(browser, "Rundens dagsorden")
    assert axe_violations(browser) == []
    Select(browser.find_element(By.NAME, "item3-topic")).select_by_visible_text(
        "Kunstig intelligens i sagsbehandlingen"
    )
    Select(browser.find_element(By.NAME, "item5-topic")).select_by_visible_text(
        "Lederens eget arbejdsmiljø"
    )
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem dagsordenen']"))
    wait_for_text(browser, "Dagsordenen er gemt.")
    assert axe_violations(browser) == []
    click(
        browser,
        browser.find_element(
            By.XPATH, "//button[text()='Offentliggør runden og send indkaldelserne']"
        ),
    )
    wait_for_text(browser, "Runden er offentliggjort")
    assert Round.objects.get(pk=round_.pk).is_published

    leader = logins[Role.LEADER]
    meeting = round_.meetings.get(
        group__memberships__leader=leader, group__memberships__left_on=None
    )
    assert Message.objects.filter(
        kind="meeting_invitation", about_id=meeting.pk, recipient=leader
    ).exists()
    browser.delete_all_cookies()
    log_in(browser, live_server, leader.email, DEMO_PASSWORD)
    browser.get(live_server.url + "/groups/mine/")
    wait_for_text(browser, "Næste møde")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert str(meeting.room) in main
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Se mødet").click()
    wait_for_text(browser, "Meld afbud")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "reason").send_keys("Tilsyn på skolen")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Meld afbud']"))

    wait_for_text(browser, "Dit afbud er sendt til værten.")
    assert Apology.objects.get(meeting=meeting, leader=leader).reason == "Tilsyn på skolen"


def test_the_chef_group_keeps_the_seminars_programme_and_reads_who_came_and_its_evaluation(
    browser, live_server, live_demo
):
    from meetings.models import Meeting

    seminar = Meeting.objects.get(round__kind="seminar")
    log_in(browser, live_server, demo_logins()[Role.CHEF].email, DEMO_PASSWORD)

    browser.get(live_server.url + f"/meetings/rounds/{seminar.round.pk}/programme/")
    wait_for_text(browser, "Seminarets program")
    assert axe_violations(browser) == []
    new = browser.find_elements(By.CSS_SELECTOR, "input[name$='-title']")[-1]
    prefix = new.get_attribute("name").removesuffix("-title")
    browser.find_element(By.NAME, f"{prefix}-starts").send_keys("15:30")
    new.send_keys("Afrunding og kaffe")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Programmet er gemt.")
    assert seminar.round.sessions.filter(title="Afrunding og kaffe").exists()

    browser.get(live_server.url + seminar.get_absolute_url())
    wait_for_text(browser, "Afrunding og kaffe")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert " deltog" in main and "kommer" not in main
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Evalueringer").click()
    wait_for_text(browser, "Gennemsnitlig vurdering")
    assert axe_violations(browser) == []


def test_the_warning_before_a_fourth_round_in_a_year_is_accessible(browser, live_server, live_demo):
    import datetime

    year = 2040
    for number, month in enumerate([3, 5, 9], start=1):
        first = datetime.date(year, month, 1)
        monday = first + datetime.timedelta(days=-first.weekday() % 7)
        make_round(title=f"Runde {number} {year}", week_start=monday)
    log_in(browser, live_server, demo_logins()[Role.CHEF].email, DEMO_PASSWORD)
    browser.get(live_server.url + "/meetings/rounds/new/")
    browser.find_element(By.NAME, "title").send_keys("Ekstra")
    week = datetime.date(2040, 11, 5)  # a Monday
    browser.execute_script(
        "arguments[0].value = arguments[1]",
        browser.find_element(By.NAME, "week_start"),
        week.isoformat(),
    )
    for box in browser.find_elements(By.NAME, "weekdays")[1:4]:
        click(browser, box)
    browser.execute_script("arguments[0].value = '12:30'", browser.find_element(By.NAME, "starts"))
    browser.execute_script("arguments[0].value = '15:30'", browser.find_element(By.NAME, "ends"))
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))

    wait_for_text(browser, f"{year} har allerede 3 grupperunder")
    assert axe_violations(browser) == []
