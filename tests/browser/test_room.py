import pytest
from selenium.webdriver.common.by import By

from meetings.models import Meeting
from meetings.room.models import Feedback, Summary
from nyborg_ledelse.organisation.demo import DEMO_PASSWORD, demo_logins
from nyborg_ledelse.organisation.models import Role
from tests.browser.conftest import axe_violations, click, log_in, wait_for_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_host_writes_and_releases_feedback_and_a_director_reads_the_report(
    browser, live_server, live_demo
):
    logins = demo_logins()
    host = logins[Role.CHEF]
    meeting = (
        Meeting.objects.filter(host=host, summary__isnull=False)
        .select_related("round", "group")
        .order_by("-day")
        .first()
    )
    Feedback.objects.filter(meeting=meeting).delete()
    Summary.objects.filter(meeting=meeting).delete()
    question = meeting.round.questions.first()

    log_in(browser, live_server, host.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{meeting.pk}/")
    browser.find_element(By.LINK_TEXT, "Tilbagemelding til chefgruppen").click()
    wait_for_text(browser, "Der er ikke skrevet en tilbagemelding")
    browser.find_element(By.LINK_TEXT, "Skriv tilbagemeldingen").click()
    wait_for_text(browser, "Nævn ingen ved navn")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "text").send_keys("Som skolelederen sagde, mangler vi hænder.")
    browser.find_element(By.NAME, f"q{question.pk}_dos").send_keys("Inddrage os før høring.")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Tilbagemeldingen er gemt.")
    click(
        browser,
        browser.find_element(
            By.XPATH, "//button[text()='Gruppen er enig: frigiv til chefgruppen']"
        ),
    )

    # The check stops the release and shows where; the host rewrites the sentence.
    wait_for_text(browser, "Teksten nævner eller udpeger personer.")
    assert browser.find_element(By.CSS_SELECTOR, "mark.finding").text == "skolelederen"
    assert axe_violations(browser) == []
    browser.find_element(By.LINK_TEXT, "Redigér tilbagemeldingen").click()
    wait_for_text(browser, "Nævn ingen ved navn")
    field = browser.find_element(By.NAME, "text")
    field.clear()
    field.send_keys("Flere af os mangler hænder.")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Tilbagemeldingen er gemt.")
    click(
        browser,
        browser.find_element(
            By.XPATH, "//button[text()='Gruppen er enig: frigiv til chefgruppen']"
        ),
    )
    wait_for_text(browser, "frigivet til chefgruppen som aftalt i gruppen")

    browser.delete_all_cookies()
    log_in(browser, live_server, logins[Role.DIRECTOR].email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/rounds/{meeting.round_id}/report/")
    wait_for_text(browser, "Opsamling tværgående ledelsesgrupper")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Inddrage os før høring." in main
    assert "Flere af os mangler hænder." in main
    assert axe_violations(browser) == []


def test_a_named_member_agrees_before_the_host_can_release_the_feedback(
    browser, live_server, live_demo
):
    from meetings.room.models import MentionAgreement
    from nyborg_ledelse.organisation.models import Leader

    host = demo_logins()[Role.CHEF]
    meeting = (
        Meeting.objects.filter(host=host, summary__isnull=False)
        .select_related("round", "group")
        .order_by("-day")
        .first()
    )
    Feedback.objects.filter(meeting=meeting).delete()
    member = meeting.group.members_on(meeting.day)[0]
    Leader.objects.filter(first_name="Mette", last_name="Hansen").update(last_name="Holm")
    Leader.objects.filter(pk=member.pk).update(first_name="Mette", last_name="Hansen")
    release = "//button[text()='Gruppen er enig: frigiv til chefgruppen']"

    log_in(browser, live_server, host.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{meeting.pk}/feedback/edit/")
    wait_for_text(browser, "Nævn ingen ved navn")
    browser.find_element(By.NAME, "text").send_keys(
        "Som Mette Hansen sagde, mangler vi hænder i sommerferien."
    )
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Tilbagemeldingen er gemt.")
    click(browser, browser.find_element(By.XPATH, release))

    # The check stops the release; the host asks the named member instead of agreeing for her.
    wait_for_text(browser, "Teksten nævner eller udpeger personer.")
    assert browser.find_element(By.CSS_SELECTOR, "mark.finding").text == "Mette Hansen"
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, "//button[text()='Spørg Mette Hansen']"))
    wait_for_text(browser, "Mette Hansen er spurgt, om sætningen må blive stående.")
    click(browser, browser.find_element(By.XPATH, release))
    wait_for_text(browser, "Teksten nævner eller udpeger personer.")

    # She follows the link in her e-mail, sees the sentence alone and agrees.
    agreement = MentionAgreement.objects.get(meeting=meeting, person_id=member.pk)
    browser.delete_all_cookies()
    log_in(browser, live_server, member.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/mentions/{agreement.pk}/")
    wait_for_text(browser, "En sætning om dig")
    assert "Som Mette Hansen sagde, mangler vi hænder i sommerferien." in (
        browser.find_element(By.TAG_NAME, "blockquote").text
    )
    assert axe_violations(browser) == []
    click(
        browser, browser.find_element(By.XPATH, "//button[text()='Ja: sætningen må blive stående']")
    )
    wait_for_text(browser, "Tak. Værten må beholde sætningen.")
    assert axe_violations(browser) == []

    browser.delete_all_cookies()
    log_in(browser, live_server, host.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{meeting.pk}/feedback/")
    wait_for_text(browser, "Mette Hansen sagde ja")
    assert axe_violations(browser) == []
    click(browser, browser.find_element(By.XPATH, release))
    wait_for_text(browser, "frigivet til chefgruppen som aftalt i gruppen")
    assert Feedback.objects.get(meeting=meeting).is_released


def test_the_host_writes_a_commitment_and_the_group_sees_it_under_item_2_of_the_next_meeting(
    browser, live_server, live_demo
):
    host = demo_logins()[Role.CHEF]
    meeting = (
        Meeting.objects.filter(host=host, summary__isnull=False)
        .select_related("group")
        .order_by("-day")
        .first()
    )
    next_meeting = Meeting.objects.filter(group=meeting.group, day__gt=meeting.day).earliest("day")
    member = meeting.group.members_on(meeting.day)[0]
    Summary.objects.filter(meeting=meeting).update(status=Summary.Status.DRAFT)

    log_in(browser, live_server, host.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{meeting.pk}/summary/edit/")
    wait_for_text(browser, "Én aftale pr. handling")
    assert axe_violations(browser) == []
    browser.find_element(By.NAME, "commitments-1-text").send_keys("Vi holder et fælles MED-møde.")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Gem']"))
    wait_for_text(browser, "Opsamlingen er gemt.")
    click(browser, browser.find_element(By.XPATH, "//button[text()='Offentliggør for gruppen']"))
    wait_for_text(browser, "Opsamlingen er offentliggjort for gruppen.")

    browser.delete_all_cookies()
    log_in(browser, live_server, member.email, DEMO_PASSWORD)
    browser.get(live_server.url + f"/meetings/{next_meeting.pk}/")
    wait_for_text(browser, "Hvad vi sagde, vi ville gøre:")
    assert "Vi holder et fælles MED-møde." in browser.find_element(By.CSS_SELECTOR, ".agenda").text
    assert axe_violations(browser) == []
