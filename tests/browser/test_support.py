import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from coaching.models import Booking, Coach, PoolApplication
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Capacity, Leader, Role
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


def test_the_group_coaching_picker_searches_as_you_type(browser, live_server, live_demo):
    logins = demo_logins()
    organiser = logins[Role.DIRECTOR]
    member = (
        Leader.objects.active()
        .filter(has_staff_responsibility=True)
        .exclude(pk=organiser.pk)
        .order_by("pk")
        .first()
    )

    log_in(browser, live_server, organiser.email, DEMO_PASSWORD)
    browser.get(live_server.url + reverse("coaching:group_new"))
    wait_for_text(browser, "Gruppecoaching for et lederteam")
    assert member.full_name not in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.NAME, "members_search").send_keys(member.first_name[:4])
    wait_for_text(browser, member.full_name)
    assert axe_violations(browser) == []
    box = browser.find_element(By.CSS_SELECTOR, f"[data-role=results] input[value='{member.pk}']")
    click(browser, box)

    chosen = browser.find_element(By.CSS_SELECTOR, "[data-role=chosen]")
    assert chosen.find_element(By.CSS_SELECTOR, f"input[value='{member.pk}']").is_selected()
    assert browser.current_url.endswith(reverse("coaching:group_new"))


def test_the_area_chef_confirms_the_share_and_hr_sees_the_running_course(
    browser, live_server, live_demo
):
    granted = PoolApplication.objects.get(workplace="Dagtilbud Nord")
    running = PoolApplication.objects.get(workplace="Plejecentret Egebo")
    assert granted.area_chef is not None

    log_in(browser, live_server, granted.area_chef.email, DEMO_PASSWORD)
    browser.get(live_server.url + reverse("coaching:pool_application", args=[granted.pk]))
    wait_for_text(browser, "Din bekræftelse som områdechef")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, "//button[text()='Bekræft områdets andel']"))
    wait_for_text(browser, "Du har bekræftet områdets andel")
    granted.refresh_from_db()
    assert granted.area_chef_confirmed_at is not None

    browser.delete_all_cookies()
    log_in(browser, live_server, demo_logins()[Capacity.HR].email, DEMO_PASSWORD)
    browser.get(live_server.url + reverse("coaching:pool_application", args=[running.pk]))
    wait_for_text(browser, "Fase og forbrug")
    phase = Select(browser.find_element(By.NAME, "phase"))
    assert phase.first_selected_option.text == "Forløb i gang (nu)"
    assert axe_violations(browser) == []
