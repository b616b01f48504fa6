import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.models import Approval, Booking, ClosedYear, GroupCoaching, PsychologistBooking
from coaching.services.coaching_hours import (
    approval_decide,
    approval_request,
    booking_cancel,
    booking_change,
    booking_create,
    booking_preview,
    year_funding,
)
from coaching.services.group_coaching import group_coaching_create, share_consent
from coaching.services.psychologist import psychologist_book
from nyborg_ledelse.notifications.models import Message
from tests.coaching.conftest import JAN, JUN, MAR
from tests.factories import ClosedYearFactory, LeaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("long_sessions")]
H = Decimal


def splits(leader, year=2027):
    funding = year_funding(leader, year)
    return [(s.anonymous, s.approved, s.own) for s in funding.splits.values()]


def test_the_first_5_hours_are_anonymous_and_the_rest_needs_a_cost_centre(leader, coach):
    booking_create(leader=leader, coach=coach, day=JAN, hours=H(3))

    with pytest.raises(ValidationError, match="omkostningssted"):
        booking_create(leader=leader, coach=coach, day=MAR, hours=H(3))
    assert Booking.objects.count() == 1
    booking_create(leader=leader, coach=coach, day=MAR, hours=H(3), cost_centre="4711")
    assert splits(leader) == [(3, 0, 0), (2, 0, 1)]


def test_approved_hours_are_centrally_funded_after_the_anonymous_ones(leader, chef, coach):
    approval = approval_request(leader=leader, year=2027, hours=H(5))
    approval_decide(approval=approval, by=chef, approve=True)

    booking_create(leader=leader, coach=coach, day=JAN, hours=H(4))
    booking_create(leader=leader, coach=coach, day=MAR, hours=H(4))
    booking_create(leader=leader, coach=coach, day=JUN, hours=H(3), cost_centre="4711")

    assert splits(leader) == [(4, 0, 0), (1, 3, 0), (0, 2, 1)]


def test_the_funding_stays_right_when_a_booking_is_moved_corrected_or_cancelled(leader, coach):
    first = booking_create(leader=leader, coach=coach, day=JAN, hours=H(4))
    second = booking_create(leader=leader, coach=coach, day=MAR, hours=H(1))

    booking_change(booking=first, day=JUN)  # now after the other
    assert splits(leader) == [(1, 0, 0), (4, 0, 0)]
    booking_change(booking=first, hours=H(2))
    assert splits(leader) == [(1, 0, 0), (2, 0, 0)]
    booking_cancel(booking=second)
    assert splits(leader) == [(2, 0, 0)]


def test_a_booking_moved_across_the_year_end_counts_in_its_new_year(leader, coach):
    booking = booking_create(
        leader=leader, coach=coach, day=datetime.date(2027, 12, 30), hours=H(5)
    )

    booking_change(booking=booking, day=datetime.date(2028, 1, 3))

    assert splits(leader, 2027) == []
    assert splits(leader, 2028) == [(5, 0, 0)]
    assert booking_preview(leader, datetime.date(2027, 12, 30), H(5)).anonymous == 5


@pytest.mark.parametrize("hours", [H(0), H(-1)])
def test_zero_or_negative_hours_are_refused(leader, coach, hours):
    with pytest.raises(ValidationError, match="mere end nul"):
        booking_create(leader=leader, coach=coach, day=JAN, hours=hours)


def test_a_booking_in_a_closed_year_is_refused(leader, hr, coach):
    ClosedYearFactory(year=2027, closed_by=hr)

    with pytest.raises(ValidationError, match="lukket"):
        booking_create(leader=leader, coach=coach, day=JAN, hours=H(1))


def test_a_second_decision_on_the_same_request_is_refused(leader, chef):
    approval = approval_request(leader=leader, year=2027, hours=H(2))
    approval_decide(approval=approval, by=chef, approve=False, reason="Ikke i år")

    with pytest.raises(ValidationError, match="allerede"):
        approval_decide(approval=approval, by=chef, approve=True)
    assert Approval.objects.get().status == "declined"
    told = Message.objects.get(kind="coaching_approval_decided")
    assert told.recipient == leader


def test_the_manager_sees_only_the_hours_and_the_year(client, leader, chef, coach):
    booking_create(leader=leader, coach=coach, day=JAN, hours=H(5))
    approval = approval_request(leader=leader, year=2027, hours=H(3))
    client.force_login(chef)

    page = client.get(reverse("coaching:approval", args=[approval.pk])).content.decode()
    mail = Message.objects.get(kind="coaching_approval_requested")

    assert "3" in page and "2027" in page
    for text in (page, mail.body_text, mail.body_html):
        assert coach.name not in text
    mine = client.get(reverse("coaching:mine")).content.decode()
    assert coach.name not in mine


def test_nobody_but_the_leader_and_hr_administrators_see_the_anonymous_hours(client, people, coach):
    booking = booking_create(leader=people["leader"], coach=coach, day=JAN, hours=H(2))
    for role in ("chef", "director", "administrator"):
        client.force_login(people[role])
        assert client.get(reverse("coaching:booking", args=[booking.pk])).status_code == 404
        assert (
            people["leader"].full_name not in client.get(reverse("coaching:mine")).content.decode()
        )
    assert Booking not in admin.site._registry
    client.force_login(people["hr"])
    overview = client.get(reverse("coaching:hr") + "?year=2027").content.decode()
    assert people["leader"].full_name not in overview  # aggregates only
    assert "3.600,00" in overview  # 2 hours at 1,800 DKK, in Danish notation


def test_the_leader_sees_the_funding_before_booking(client, leader, coach):
    booking_create(leader=leader, coach=coach, day=JAN, hours=H(4))
    client.force_login(leader)

    page = client.post(
        reverse("coaching:book"),
        {"coach": coach.pk, "day": "2027-03-10", "hours": "3", "cost_centre": ""},
    ).content.decode()

    assert "1,0 anonyme" in page or "1.0 anonyme" in page
    assert "fra dit eget budget" in page
    assert Booking.objects.count() == 1  # nothing booked before the leader confirms


def test_the_leader_is_told_when_the_anonymous_hours_are_used_up(leader, coach):
    booking_create(leader=leader, coach=coach, day=JAN, hours=H(3))
    assert not Message.objects.filter(kind="coaching_anonymous_used_up").exists()

    booking_create(leader=leader, coach=coach, day=MAR, hours=H(2))

    assert Message.objects.get(kind="coaching_anonymous_used_up").recipient == leader


def test_group_coaching_takes_hours_only_from_members_who_consent(leader, chef, director, coach):
    other = LeaderFactory(reports_to=chef)
    course = group_coaching_create(
        organiser=director,
        team="Skoleledere",
        coach=coach,
        day=JUN,
        hours=H(4),
        payment=GroupCoaching.Payment.CONVERTED,
        shares={leader: H(2), other: H(2)},
    )
    assert Booking.objects.count() == 0

    share_consent(share=course.shares.get(leader=leader), leader=leader)

    assert list(Booking.objects.values_list("leader", "hours")) == [(leader.pk, H(2))]
    booking_create(leader=other, coach=coach, day=JAN, hours=H(5))
    with pytest.raises(ValidationError, match="centrale timer"):
        share_consent(share=course.shares.get(leader=other), leader=other)


def test_group_coaching_shares_must_add_up(leader, director, coach):
    with pytest.raises(ValidationError, match="lægge op til"):
        group_coaching_create(
            organiser=director,
            team="Team",
            coach=coach,
            day=JUN,
            hours=H(4),
            payment=GroupCoaching.Payment.CONVERTED,
            shares={leader: H(3)},
        )


def test_psychologist_hours_stop_at_the_central_10(leader):
    psychologist_book(leader=leader, day=JAN, hours=H(8))

    with pytest.raises(ValidationError, match="du har 2,0 tilbage"):
        psychologist_book(leader=leader, day=MAR, hours=H(3))
    assert PsychologistBooking.objects.count() == 1


def test_a_crisis_request_tells_hr_at_once(client, leader, hr):
    client.force_login(leader)

    client.post(
        reverse("coaching:crisis"), {"workplace": "Skole Øst", "description": "Alvorlig ulykke"}
    )

    message = Message.objects.get(kind="crisis_request")
    assert message.recipient == hr and "Skole Øst" in message.subject


def test_the_finance_export_has_amounts_by_funding_and_no_names(client, people, coach):
    booking_create(leader=people["leader"], coach=coach, day=JAN, hours=H(6), cost_centre="4711")
    client.force_login(people["hr"])

    csv_text = client.get(reverse("coaching:export_csv") + "?year=2027").content.decode("utf-8-sig")
    xlsx = client.get(reverse("coaching:export_xlsx") + "?year=2027")

    lines = csv_text.strip().splitlines()
    assert lines[0] == "måned;coach;finansiering;omkostningssted;timer;beløb (DKK)"
    assert (
        "2027-01;Birgitte Coach, Coachhuset;Anonymt, centralt finansieret;central;5.0;9000.00"
        in lines
    )
    assert "2027-01;Birgitte Coach, Coachhuset;Lederens eget budget;4711;1.0;1800.00" in lines
    assert people["leader"].last_name not in csv_text
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == lines[0].split(";")
    assert sheet.max_row == 3


def test_hr_closes_a_past_year_and_its_bookings_can_no_longer_change(client, hr, leader, coach):
    booking = booking_create(leader=leader, coach=coach, day=datetime.date(2025, 5, 1), hours=H(1))
    client.force_login(hr)

    client.post(reverse("coaching:close_year"), {"year": "2025"})
    page = client.post(reverse("coaching:close_year"), {"year": "2999"}, follow=True)

    assert list(ClosedYear.objects.values_list("year", flat=True)) == [2025]
    assert "Kun et tidligere år kan lukkes." in page.content.decode()
    with pytest.raises(ValidationError, match="lukket"):
        booking_change(booking=booking, hours=H(2))


def test_only_a_leader_within_12_months_asks_as_a_new_leader(client, leader):
    leader.start_date = datetime.date(2015, 1, 1)
    leader.save()
    client.force_login(leader)

    page = client.post(reverse("coaching:sparring"), {"ask": "1", "why": "new", "wishes": ""})

    assert "de første 12 måneder" in page.content.decode()
    client.post(reverse("coaching:sparring"), {"ask": "1", "why": "area", "wishes": "Nyt område"})
    from coaching.models import SparringRequest

    assert SparringRequest.objects.get().why == "area"


def test_hrs_totals_agree_with_each_leaders_own_funding(leader, chef, coach):
    from coaching.reports import coaching_totals

    other = LeaderFactory(reports_to=chef)
    approval_decide(
        approval=approval_request(leader=leader, year=2027, hours=H(2)), by=chef, approve=True
    )
    for person, hours in ((leader, [H(4), H(2), H(3)]), (other, [H(6)])):
        for k, h in enumerate(hours):
            booking_create(
                leader=person,
                coach=coach,
                day=JAN + datetime.timedelta(days=k),
                hours=h,
                cost_centre="4711",
            )

    tiers = {t.tier: t.hours for t, _width in coaching_totals(2027)["tiers"]}

    own = [year_funding(p, 2027).total() for p in (leader, other)]
    assert tiers["anonymous"] == sum(t.anonymous for t in own) == 10
    assert tiers["approved"] == sum(t.approved for t in own) == 2
    assert tiers["own"] == sum(t.own for t in own) == 3
