"""An administrator erases a person who has left, ahead of time: preview, then the erasure."""

import datetime

import pytest
from django.urls import reverse

from coaching.development.models import (
    Agreement,
    Comment,
    Evaluation,
    FoundationVersion,
    Goal,
    PersonalFoundation,
    Preparation,
    Programme,
    Talk,
)
from coaching.development.services import item_comment
from groups.models import Membership, Reason
from meetings.models import CalendarFeed
from nyborg_ledelse.organisation.models import Erasure
from tests.development.records import development_records
from tests.factories import CalendarFeedFactory, GroupFactory, LeaderFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(director):
    person = LeaderFactory(
        first_name="Søren",
        last_name="Lund",
        end_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    group = GroupFactory(number=2, host=director)
    MembershipFactory(
        group=group,
        leader=person,
        joined_on=datetime.date(2025, 1, 1),
        joined_reason=Reason.COMPOSED,
        left_on=person.end_date,
        left_reason=Reason.LEFT,
    )
    CalendarFeedFactory(leader=person)
    return person


def test_the_preview_says_what_is_removed_and_what_is_kept_and_why(client, administrator, leaver):
    client.force_login(administrator)

    page = client.get(reverse("organisation:erase", args=[leaver.pk])).content.decode()

    assert "Slet Søren Lund" in page
    assert "Navn, e-mailadresse" in page and "Privat kalenderadresse (1)" in page
    assert "Gruppemedlemskaber og deres historik (1)" in page
    assert "Bogføringsloven" in page
    assert "Slet nu" in page
    leaver.refresh_from_db()
    assert leaver.anonymised_at is None  # the preview changes nothing


def test_the_erasure_removes_the_details_keeps_the_history_and_is_logged(
    client, administrator, leaver
):
    client.force_login(administrator)

    response = client.post(reverse("organisation:erase", args=[leaver.pk]))

    assert response.url == reverse("organisation:retention")
    leaver.refresh_from_db()
    assert leaver.full_name == "Tidligere leder"
    assert (leaver.first_name, leaver.last_name, leaver.job_title) == ("", "", "")
    assert not leaver.is_active and not leaver.has_usable_password()
    assert not CalendarFeed.objects.filter(leader=leaver).exists()
    assert Membership.objects.filter(leader=leaver).count() == 1
    erasure = Erasure.objects.get(leader=leaver)
    assert (erasure.why, erasure.by) == (Erasure.Why.EARLY, administrator)
    page = client.get(reverse("organisation:retention")).content.decode()
    assert "Slettet før tid af en administrator" in page


def test_a_person_who_has_not_left_cannot_be_erased(client, administrator, leader):
    client.force_login(administrator)

    preview = client.get(reverse("organisation:erase", args=[leader.pk])).content.decode()
    response = client.post(reverse("organisation:erase", args=[leader.pk]), follow=True)

    assert "Slet nu" not in preview
    assert "slutdato skal være passeret" in response.content.decode()
    leader.refresh_from_db()
    assert leader.anonymised_at is None and not Erasure.objects.exists()


def test_a_leavers_own_development_records_go_and_the_preview_says_what_stays(
    client, administrator, leaver, chef
):
    development_records(leaver, chef)
    other = LeaderFactory(reports_to=leaver, start_date=datetime.date(2025, 3, 1))
    others_item = development_records(other, chef).programme.items.first()
    item_comment(item=others_item, by=leaver, text="Velkommen til")
    client.force_login(administrator)

    preview = client.get(reverse("organisation:erase", args=[leaver.pk])).content.decode()
    client.post(reverse("organisation:erase", args=[leaver.pk]))

    assert "Introduktionsforløb med punkter og kommentarer" in preview
    assert "Personligt ledelsesgrundlag, alle dets versioner og deling (3)" in preview
    assert "Forberedelse til udviklingssamtaler og aftalte udviklingsmål (" in preview
    assert "HR&#x27;s tal for alle ledere samlet" in preview
    assert not Programme.objects.filter(leader=leaver).exists()
    assert not PersonalFoundation.objects.filter(leader=leaver).exists()
    assert not FoundationVersion.objects.filter(foundation__leader=leaver).exists()
    assert not Preparation.objects.filter(talk__leader=leaver).exists()
    assert not Goal.objects.filter(leader=leaver).exists()
    agreement = Agreement.objects.get(leader=leaver)
    assert (agreement.title, agreement.provider, agreement.financing) == ("", "", "")
    assert (agreement.education, agreement.ects) == ("dil", 5)
    # HR's figures still count the held talk and the evaluation.
    talk = Talk.objects.get(leader=leaver)
    assert talk.held_on == datetime.date(2025, 9, 10) and talk.place == ""
    assert Evaluation.objects.filter(leader=leaver).count() == 1
    # The other leader's programme keeps its records, the leaver's comment under 'former leader'.
    assert Comment.objects.filter(author=leaver, item=others_item).exists()
    assert Programme.objects.filter(leader=other).exists()
    assert Goal.objects.filter(leader=other).count() == 2
    removed = Erasure.objects.get(leader=leaver).removed
    assert removed["Personligt ledelsesgrundlag, alle dets versioner og deling"] == 3
