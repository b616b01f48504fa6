"""The coaching offer's bounds: a session's length, and a member picker that scales."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coaching.models import Booking, GroupCoaching
from coaching.services.coaching_hours import booking_change, booking_create
from coaching.services.group_coaching import group_coaching_create
from tests.coaching.conftest import JAN, JUN, MAR
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db
H = Decimal


def test_a_booking_of_41_hours_is_refused_in_danish(client, leader, coach):
    client.force_login(leader)

    response = client.post(
        reverse("coaching:book"),
        {"coach": coach.pk, "day": "2027-03-10", "hours": "41", "cost_centre": "4711"},
    )
    response = client.post(
        reverse("coaching:book"),
        {"coach": coach.pk, "day": "2027-03-10", "hours": "41", "confirm": "True"},
    )

    assert "En coachingsession varer højst 3 timer" in response.content.decode()
    assert "Sådan finansieres timerne" not in response.content.decode()
    assert not Booking.objects.exists()


def test_no_service_books_or_changes_a_session_beyond_the_setting(leader, director, coach):
    with pytest.raises(ValidationError, match="højst 3 timer"):
        booking_create(leader=leader, coach=coach, day=JAN, hours=H("3.5"))
    booking = booking_create(leader=leader, coach=coach, day=JAN, hours=H(3))
    with pytest.raises(ValidationError, match="højst 3 timer"):
        booking_change(booking=booking, hours=H(41))
    with pytest.raises(ValidationError, match="højst 3 timer"):
        group_coaching_create(
            organiser=director,
            team="Skoleledere",
            coach=coach,
            day=JUN,
            hours=H(8),
            payment=GroupCoaching.Payment.TEAM_BUDGET,
            cost_centre="4711",
        )
    booking.refresh_from_db()
    assert booking.hours == 3
    assert not GroupCoaching.objects.exists()


def test_the_longest_session_is_a_setting(settings, leader, coach):
    settings.COACHING = {**settings.COACHING, "SESSION_MAX_HOURS": 4}

    booking_create(leader=leader, coach=coach, day=MAR, hours=H(4))
    with pytest.raises(ValidationError, match="højst 4 timer"):
        booking_create(leader=leader, coach=coach, day=JUN, hours=H("4.5"))


def test_the_group_coaching_page_does_not_list_every_leader(client, director, leader):
    client.force_login(director)

    page = client.get(reverse("coaching:group_new")).content.decode()

    assert leader.full_name not in page
    assert 'name="members_search"' in page
    assert "js/member-picker.js" in page


def leaders_named(count: int, last_name: str = "Holmgaard") -> list:
    return LeaderFactory.create_batch(count, last_name=last_name)


def test_the_search_finds_leaders_by_name_and_leaves_out_the_chosen(client, director):
    wanted, chosen = leaders_named(2, "Skovbo")
    other = LeaderFactory(last_name="Andersen", first_name="Bo")
    no_staff = LeaderFactory(last_name="Skovbo", has_staff_responsibility=False)
    client.force_login(director)

    found = client.get(
        reverse("coaching:member_search"), {"q": "skov", "chosen": [chosen.pk]}
    ).content.decode()

    assert wanted.full_name in found
    assert f'value="{wanted.pk}"' in found
    assert chosen.full_name not in found
    assert other.full_name not in found
    assert no_staff.full_name not in found


def test_the_search_shows_ten_matches_and_says_there_are_more(client, director):
    leaders_named(12)
    client.force_login(director)

    found = client.get(reverse("coaching:member_search"), {"q": "holmg"}).content.decode()

    assert found.count('type="checkbox"') == 10
    assert "Kun de første 10 resultater vises" in found
    nothing = client.get(reverse("coaching:member_search"), {"q": "zzz"}).content.decode()
    assert "Ingen ledere passer til søgningen" in nothing


@pytest.mark.parametrize("url", ["coaching:member_search", "coaching:group_new"])
def test_the_picker_costs_the_same_queries_for_20_and_500_leaders(client, director, url):
    client.force_login(director)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(url), {"q": "holmg"})
        assert response.status_code == 200
        return len(captured)

    leaders_named(20)
    small = queries()
    leaders_named(480)
    assert queries() == small


def test_without_javascript_the_search_button_keeps_the_form_and_shows_the_matches(
    client, director, coach
):
    chosen = LeaderFactory(last_name="Skovbo")
    wanted = LeaderFactory(last_name="Holmgaard")
    client.force_login(director)

    page = client.post(
        reverse("coaching:group_new"),
        {
            "team": "Skoleledere Øst",
            "coach": coach.pk,
            "members": [chosen.pk],
            "members_search": "holmg",
            "search_members": "1",
        },
    ).content.decode()

    assert 'value="Skoleledere Øst"' in page
    assert f'value="{chosen.pk}" id="member-{chosen.pk}" checked' in page
    assert wanted.full_name in page
    assert not GroupCoaching.objects.exists()


def test_the_chosen_members_are_asked_for_their_hours(client, director, coach):
    first, second = leaders_named(2)
    client.force_login(director)

    response = client.post(
        reverse("coaching:group_new"),
        {
            "team": "Skoleledere Øst",
            "coach": coach.pk,
            "day": "2027-06-01",
            "hours": "2",
            "payment": GroupCoaching.Payment.CONVERTED,
            "members": [first.pk, second.pk],
        },
    )

    assert response.status_code == 302
    course = GroupCoaching.objects.get()
    assert sorted(course.shares.values_list("leader", "hours")) == [
        (first.pk, H(1)),
        (second.pk, H(1)),
    ]
