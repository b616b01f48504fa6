"""An administrator erases a person who has left, ahead of time: preview, then the erasure."""

import datetime

import pytest
from django.urls import reverse

from groups.models import Membership, Reason
from meetings.models import CalendarFeed
from nyborg_ledelse.organisation.models import Erasure
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
