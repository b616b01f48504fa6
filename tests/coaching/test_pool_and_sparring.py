import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coaching.models import Phase, PoolApplication
from coaching.services.pool import (
    default_shares,
    pool_apply,
    pool_grant,
    pool_move,
    pool_share_confirm,
    pool_status,
)
from coaching.services.sparring import sparring_confirm, sparring_proposals
from nyborg_ledelse.notifications.models import Message
from tests.factories import (
    DepartmentFactory,
    LeaderFactory,
    PoolFactory,
    SparringRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def application(applicant, cost="90000", **fields) -> PoolApplication:
    return pool_apply(
        applicant=applicant,
        workplace=fields.pop("workplace", "Skole Øst"),
        year=2027,
        challenge="Konflikter i personalegruppen",
        provider="Erhvervspsykolog",
        estimated_cost=D(cost),
        pilot=False,
    )


def test_an_application_tells_hr(leader, hr):
    application(leader)

    assert Message.objects.get(kind="pool_application").recipient == hr


def test_the_default_split_is_a_third_each_and_adds_up_to_the_cost():
    assert default_shares(D("100000.00")) == (D("33333.33"), D("33333.33"), D("33333.34"))
    assert sum(default_shares(D("90000"))) == D("90000")


def test_shares_that_do_not_add_up_are_refused_and_nothing_is_saved(leader, hr):
    PoolFactory(year=2027, amount=D("200000"))
    applied = application(leader)

    with pytest.raises(ValidationError, match=r"giver 80\.000,00"):
        pool_grant(application=applied, by=hr, shares=(D(30000), D(30000), D(20000)))

    applied.refresh_from_db()
    assert applied.phase == Phase.RECEIVED and applied.share_pool is None


def test_a_grant_above_what_is_left_needs_a_reason_which_is_kept(leader, hr):
    PoolFactory(year=2027, amount=D("50000"))
    first = application(leader, cost="90000")
    pool_grant(application=first, by=hr, shares=default_shares(first.estimated_cost))
    second = application(leader, cost="90000", workplace="Plejecenter Syd")

    with pytest.raises(ValidationError, match="overskrider"):
        pool_grant(application=second, by=hr, shares=default_shares(second.estimated_cost))
    pool_grant(
        application=second,
        by=hr,
        shares=default_shares(second.estimated_cost),
        override_reason="Akut behov",
    )

    second.refresh_from_db()
    assert second.override_reason == "Akut behov"
    status = pool_status(2027)
    assert (status.granted, status.remaining, status.courses) == (D("60000"), D("-10000"), 2)
    assert status.nearly_used


def test_the_course_moves_through_its_phases_and_spending_is_tracked(leader, chef, hr):
    PoolFactory(year=2027, amount=D("200000"))
    applied = application(leader)
    pool_move(application=applied, by=hr, phase=Phase.CLARIFICATION, note="Møde med leder og chef")
    pool_grant(application=applied, by=hr, shares=default_shares(applied.estimated_cost))
    pool_share_confirm(application=applied, by=chef)
    pool_move(application=applied, by=hr, phase=Phase.COURSE, spent=D("12000"))

    with pytest.raises(ValidationError, match="kan ikke blive"):
        pool_move(application=applied, by=hr, phase=Phase.CLOSED)
    assert pool_status(2027).spent == D("12000")
    assert [e.phase for e in applied.events.all()] == [
        "received",
        "clarification",
        "granted",
        "course",
    ]


def test_declining_needs_a_reason(leader, hr):
    applied = application(leader)

    with pytest.raises(ValidationError, match="begrundelse"):
        pool_move(application=applied, by=hr, phase=Phase.DECLINED)


@pytest.fixture
def volunteers(director, chef):
    other_department = DepartmentFactory(name="Teknik og Miljø")
    same = LeaderFactory(reports_to=chef, start_date=datetime.date(2005, 1, 1))
    other = LeaderFactory(
        reports_to=director, department=other_department, start_date=datetime.date(2010, 1, 1)
    )
    senior_other = LeaderFactory(
        reports_to=director, department=other_department, start_date=datetime.date(1999, 1, 1)
    )
    return {
        "chef": VolunteerFactory(leader=chef, capacity=2),
        "same": VolunteerFactory(leader=same),
        "other": VolunteerFactory(leader=other),
        "senior_other": VolunteerFactory(leader=senior_other),
    }


def test_the_best_three_prefer_another_department_and_never_the_manager_line(leader, volunteers):
    request = SparringRequestFactory(leader=leader, why="new")

    proposals = sparring_proposals(request)

    assert proposals == [volunteers["senior_other"], volunteers["other"], volunteers["same"]]
    assert volunteers["chef"] not in proposals  # the leader's own manager


def test_a_volunteer_at_capacity_is_not_proposed_and_both_are_told_of_a_match(
    leader, hr, volunteers, chef
):
    earlier = SparringRequestFactory(leader=LeaderFactory(reports_to=chef), why="new")
    sparring_confirm(request=earlier, volunteer=volunteers["senior_other"], by=hr)
    request = SparringRequestFactory(leader=leader, why="area")

    assert volunteers["senior_other"] not in sparring_proposals(request)
    sparring_confirm(request=request, volunteer=volunteers["other"], by=hr)

    told = set(
        Message.objects.filter(kind="sparring_matched", about_id=request.pk).values_list(
            "recipient", flat=True
        )
    )
    assert told == {leader.pk, volunteers["other"].leader_id}
    with pytest.raises(ValidationError, match="allerede"):
        sparring_confirm(request=request, volunteer=volunteers["same"], by=hr)
