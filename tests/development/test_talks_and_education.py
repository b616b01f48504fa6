import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching.development.models import (
    Agreement,
    Education,
    Offer,
    Status,
    evaluation_due_year,
)
from coaching.development.reports import education_figures, talk_rates
from coaching.development.services import (
    evaluation_record,
    goal_add,
    talk_book,
    talk_mark_held,
)
from nyborg_ledelse.notifications.models import Message
from tests.factories import DepartmentFactory, LeaderFactory

pytestmark = pytest.mark.django_db


def _soon() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=7)


def test_booking_a_talk_gives_the_leader_the_foundations_questions_and_an_email(leader, chef):
    talk = talk_book(leader=leader, manager=chef, booked_for=_soon())

    questions = [row.question for row in talk.preparation.all()]
    assert questions[0].startswith("Kerneopgaven er vores kompas")
    assert len(questions) == 6
    message = Message.objects.get(kind="development_talk_booked")
    assert message.recipient == leader


def test_a_leader_has_one_development_talk_a_year(leader, chef):
    talk_book(leader=leader, manager=chef, booked_for=_soon())

    with pytest.raises(ValidationError):
        talk_book(leader=leader, manager=chef, booked_for=_soon() + datetime.timedelta(hours=2))


def test_the_leader_prepares_and_both_see_the_agreed_goals(client, leader, chef):
    talk = talk_book(leader=leader, manager=chef, booked_for=_soon())
    row = talk.preparation.first()
    client.force_login(leader)
    client.post(
        reverse("development:talk_prepare", args=[talk.pk]),
        {f"answer_{row.pk}": "Vi taler om kerneopgaven hver uge."},
    )
    client.force_login(chef)
    client.post(
        reverse("development:talk_goal", args=[talk.pk]),
        {"text": "Et forløb med en sparringspartner", "offer": Offer.SPARRING},
    )

    page = client.get(reverse("development:talk", args=[talk.pk])).content.decode()
    client.force_login(leader)
    own = client.get(reverse("development:mine")).content.decode()

    assert "Vi taler om kerneopgaven hver uge." in page
    assert "Et forløb med en sparringspartner" in own
    assert "Sparringspartner" in own


def test_hr_sees_the_share_of_held_talks_per_department_and_no_small_departments(chef, hr):
    big, small = DepartmentFactory(name="Ældre og Sundhed"), DepartmentFactory(name="Kultur")
    leaders = [LeaderFactory(department=big, reports_to=chef) for _ in range(4)]
    lonely = LeaderFactory(department=small, reports_to=chef)
    year = timezone.localdate().year
    for person in [*leaders[:3], lonely]:
        talk = talk_book(leader=person, manager=chef, booked_for=_soon())
        if person is not leaders[2]:
            talk_mark_held(talk=talk, held_on=timezone.localdate())

    rates = {row.department: row for row in talk_rates(year)}

    assert rates["Ældre og Sundhed"].percent == 50
    assert rates["Kultur"].percent is None


def test_the_hr_page_shows_rates_and_no_goals_or_answers(client, leader, chef, hr):
    talk = talk_book(leader=leader, manager=chef, booked_for=_soon())
    goal_add(talk=talk, text="Fortroligt udviklingsmål", offer=Offer.COACHING)
    client.force_login(hr)

    page = client.get(reverse("development:hr")).content.decode()

    assert "Fortroligt udviklingsmål" not in page
    assert "Børn og Unge" in page


def test_the_leader_evaluation_is_due_every_second_year(leader, chef):
    this_year = timezone.localdate().year
    assert evaluation_due_year(leader) == this_year

    evaluation_record(leader=leader, manager=chef, held_on=datetime.date(this_year - 1, 3, 1))

    assert evaluation_due_year(leader) == this_year + 1


def test_goals_from_an_evaluation_are_recorded_with_it(client, leader, chef):
    client.force_login(chef)
    client.post(
        reverse("development:evaluation_new", args=[leader.pk]),
        {"held_on": timezone.localdate().isoformat()},
    )
    evaluation = leader.leader_evaluations.get()
    client.post(
        reverse("development:evaluation_goal", args=[evaluation.pk]),
        {"text": "Tydeligere prioriteringer", "offer": ""},
    )

    assert [goal.text for goal in evaluation.goals.all()] == ["Tydeligere prioriteringer"]


def test_an_evaluation_in_the_future_is_refused(client, leader, chef):
    client.force_login(chef)

    response = client.post(
        reverse("development:evaluation_new", args=[leader.pk]),
        {"held_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
    )

    assert response.status_code == 200
    assert not leader.leader_evaluations.exists()


def test_the_chef_agrees_an_education_and_a_completed_one_needs_its_date(client, leader, chef):
    client.force_login(chef)
    fields = {
        "education": Education.DOL,
        "title": "",
        "provider": "UC Lillebælt",
        "ects": "10",
        "starts_on": "2027-02-01",
        "ends_on": "",
        "financing": "Afdelingen betaler",
        "status": Status.COMPLETED,
        "completed_on": "",
    }

    refused = client.post(reverse("development:agreement_new", args=[leader.pk]), fields)
    saved = client.post(
        reverse("development:agreement_new", args=[leader.pk]),
        {**fields, "completed_on": "2027-06-30"},
    )

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert Agreement.objects.get().agreed_by == chef


def test_the_leader_reads_the_agreement_but_only_the_chef_changes_it(client, leader, chef):
    agreement = Agreement.objects.create(
        leader=leader, agreed_by=chef, education=Education.DIL, starts_on=timezone.localdate()
    )
    client.force_login(leader)

    assert client.get(reverse("development:agreement", args=[agreement.pk])).status_code == 200
    assert client.post(reverse("development:agreement", args=[agreement.pk]), {}).status_code == 403


def test_hr_sees_how_many_leaders_are_on_each_education_and_ects_completed_per_year(leader, chef):
    other = LeaderFactory(reports_to=chef)
    Agreement.objects.create(
        leader=leader, agreed_by=chef, education=Education.DIL, starts_on=datetime.date(2026, 1, 1)
    )
    for person in (leader, other):
        Agreement.objects.create(
            leader=person,
            agreed_by=chef,
            education=Education.DOL,
            ects=Decimal(10),
            starts_on=datetime.date(2025, 8, 1),
            status=Status.COMPLETED,
            completed_on=datetime.date(2026, 1, 20),
        )

    figures = education_figures()

    assert dict(figures.current)[Education.DIL.label] == 1
    assert dict(figures.current)[Education.DOL.label] == 0
    assert figures.ects_per_year == [(2026, Decimal(20))]
