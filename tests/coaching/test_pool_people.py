"""Pool funds with the people in them: the applicant and the area's chef are told at each phase,
the chef confirms the area's share, spending beyond the grant needs a reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.forms import plain_amount
from coaching.models import Phase, PoolApplication
from coaching.services.pool import (
    pool_apply,
    pool_grant,
    pool_move,
    pool_share_confirm,
)
from nyborg_ledelse.notifications.models import Message
from tests.factories import ChefFactory, PoolFactory

pytestmark = pytest.mark.django_db
D = Decimal
SHARES = (D(30000), D(20000), D(40000))


@pytest.fixture
def applied(leader, hr) -> PoolApplication:
    PoolFactory(year=2027, amount=D("200000"))
    return pool_apply(
        applicant=leader,
        workplace="Skole Øst",
        year=2027,
        challenge="Konflikter i personalegruppen",
        provider="Erhvervspsykolog",
        estimated_cost=D("90000"),
        pilot=False,
    )


def news(person) -> list[str]:
    return [
        m.body_text
        for m in Message.objects.filter(kind="pool_phase", recipient=person).order_by("pk")
    ]


def test_the_applicants_chef_is_the_areas_chef_and_hears_of_the_application(applied, leader, chef):
    assert applied.area_chef == chef
    assert len(news(chef)) == 1
    assert "søger puljemidler til Skole Øst: et forløb til 90.000,00 kr." in news(chef)[0]
    assert news(leader) == []  # the applicant knows


def test_applicant_and_chef_are_told_of_clarification_and_grant(applied, leader, chef, hr):
    pool_move(application=applied, by=hr, phase=Phase.CLARIFICATION, note="Møde den 3. marts")
    pool_grant(application=applied, by=hr, shares=SHARES)

    for person in (leader, chef):
        clarification, grant = news(person)[-2:]
        assert "HR afklarer ansøgningen fra Skole Øst" in clarification
        assert "HR's note: Møde den 3. marts" in clarification
        assert "området 20.000,00 kr. og puljen 40.000,00 kr." in grant
    assert "skal du bekræfte områdets andel" in news(chef)[-1]
    assert "bekræfte" not in news(leader)[-1]
    subjects = Message.objects.filter(kind="pool_phase", recipient=leader).order_by("pk")
    assert subjects.last().subject == "Puljemidler til Skole Øst: Bevilget"


def test_applicant_and_chef_are_told_of_a_decline_with_its_reason(applied, leader, chef, hr):
    pool_move(application=applied, by=hr, phase=Phase.DECLINED, note="Puljen er brugt")

    for person in (leader, chef):
        assert (
            "HR har givet afslag på ansøgningen fra Skole Øst. Begrundelsen: Puljen er brugt"
            in (news(person)[-1])
        )


def test_each_new_phase_of_the_course_is_told_and_a_note_alone_is_not(applied, leader, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)
    pool_share_confirm(application=applied, by=chef)
    told = len(news(leader))

    pool_move(application=applied, by=hr, phase=Phase.COURSE)
    pool_move(application=applied, by=hr, phase=Phase.COURSE, note="Første møde holdt")
    pool_move(application=applied, by=hr, phase=Phase.EVALUATION)
    pool_move(application=applied, by=hr, phase=Phase.CLOSED)

    assert len(news(leader)) == told + 3
    assert "er gået videre: Afsluttet." in news(chef)[-1]


def test_the_area_chef_confirms_the_areas_share_and_hr_is_told(applied, leader, chef, hr):
    with pytest.raises(ValidationError, match="ingen andel"):
        pool_share_confirm(application=applied, by=chef)  # not granted yet
    pool_grant(application=applied, by=hr, shares=SHARES)
    for someone_else in (leader, hr, ChefFactory()):
        with pytest.raises(ValidationError, match="Kun områdechefen"):
            pool_share_confirm(application=applied, by=someone_else)

    pool_share_confirm(application=applied, by=chef)

    applied.refresh_from_db()
    assert applied.area_chef_confirmed_at is not None
    told = Message.objects.get(kind="pool_share_confirmed")
    assert told.recipient == hr
    assert "bekræfter områdets andel på 20.000,00 kr." in told.body_text
    with pytest.raises(ValidationError, match="ingen andel"):
        pool_share_confirm(application=applied, by=chef)


def test_the_course_starts_only_after_the_chefs_confirmation(applied, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)

    with pytest.raises(ValidationError, match="Områdechefen har endnu ikke bekræftet"):
        pool_move(application=applied, by=hr, phase=Phase.COURSE)
    pool_share_confirm(application=applied, by=chef)
    pool_move(application=applied, by=hr, phase=Phase.COURSE)

    applied.refresh_from_db()
    assert applied.phase == Phase.COURSE


def test_the_chef_confirms_on_the_application_page(client, applied, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)
    client.force_login(chef)
    url = reverse("coaching:pool_application", args=[applied.pk])

    page = client.get(url).text
    client.post(reverse("coaching:pool_share_confirm", args=[applied.pk]))

    assert "Områdets andel er 20.000,00 kr." in page
    assert "Bekræft områdets andel" in page
    after = client.get(url).text
    assert "bekræftede områdets andel den" in after
    assert "Bekræft områdets andel" not in after


def test_spending_45000_against_a_share_of_40000_asks_for_a_reason(applied, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)
    pool_share_confirm(application=applied, by=chef)
    pool_move(application=applied, by=hr, phase=Phase.COURSE, spent=D(30000))

    with pytest.raises(
        ValidationError,
        match=r"45\.000,00 kr\. er mere end puljens bevilgede andel på 40\.000,00 kr\.",
    ):
        pool_move(application=applied, by=hr, phase=Phase.COURSE, spent=D(45000))
    applied.refresh_from_db()
    assert applied.spent == D(30000)

    pool_move(
        application=applied, by=hr, phase=Phase.COURSE, spent=D(45000), note="Ekstra møde aftalt"
    )
    applied.refresh_from_db()
    assert applied.spent == D(45000)
    assert applied.events.last().note == "Ekstra møde aftalt"


def test_hr_is_asked_for_the_reason_on_the_page(client, applied, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)
    pool_share_confirm(application=applied, by=chef)
    pool_move(application=applied, by=hr, phase=Phase.COURSE)
    client.force_login(hr)
    url = reverse("coaching:pool_application", args=[applied.pk])

    refused = client.post(url, {"phase": "course", "spent": "45.000,00"}, follow=True)
    client.post(url, {"phase": "course", "spent": "45.000,00", "note": "Ekstra møde"})

    assert "give" not in refused.text and "skriv begrundelsen i noten" in refused.text
    applied.refresh_from_db()
    assert applied.spent == D(45000)


def test_the_phase_selector_starts_at_the_current_phase(client, applied, chef, hr):
    pool_grant(application=applied, by=hr, shares=SHARES)
    pool_share_confirm(application=applied, by=chef)
    pool_move(application=applied, by=hr, phase=Phase.COURSE)
    client.force_login(hr)

    page = client.get(reverse("coaching:pool_application", args=[applied.pk])).text

    select = page.split('name="phase"', 1)[1].split("</select>", 1)[0]
    assert '<option value="course" selected>Forløb i gang (nu)</option>' in select
    assert 'value="evaluation"' in select
    assert "Afklaring" not in select


def test_amounts_are_shown_and_read_the_danish_way(client, leader, hr):
    PoolFactory(year=2027, amount=D("250000"))
    client.force_login(leader)
    client.post(
        reverse("coaching:pool_apply"),
        {
            "workplace": "Skole Øst",
            "year": 2027,
            "challenge": "Konflikter",
            "provider": "Erhvervspsykolog",
            "estimated_cost": "250.000,00",
        },
    )
    applied = PoolApplication.objects.get()
    assert applied.estimated_cost == D(250000)
    client.force_login(hr)
    url = reverse("coaching:pool_application", args=[applied.pk])

    page = client.get(url).text
    client.post(
        url,
        {
            "grant": "1",
            "share_workplace": "83.333,33",
            "share_area_chef": "83.333,33",
            "share_pool": "83.333,34",
        },
    )

    assert 'value="83.333,33"' in page
    assert "83333.33" not in page
    applied.refresh_from_db()
    assert applied.phase == Phase.GRANTED and applied.share_pool == D("83333.34")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("250.000,00", "250000.00"),
        ("250000,5", "250000.5"),
        ("250.000", "250000"),
        ("1.250.000", "1250000"),
        ("250000.00", "250000.00"),
        (" 45 000 ", "45000"),
    ],
)
def test_an_amount_is_read_as_a_danish_reader_means_it(typed, read):
    assert plain_amount(typed) == read
