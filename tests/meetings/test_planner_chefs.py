"""The planner's two rules beside the rooms: a chef is one person (hosting or co-hosting, never two
groups on one day), and the common input's room is the input's. Manual moves keep them too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.planner import PlanGroup, PlanRoom, plan_round
from meetings.services import (
    meeting_move,
    meeting_pin,
    plan_problems,
    round_plan,
    round_plan_save,
)
from tests.factories import ChefFactory, GroupFactory, MeetingFactory, RoomFactory
from tests.meetings.conftest import make_round

DAYS = [datetime.date(2027, 3, d) for d in (2, 3, 4)]
HALL = 200


def group(id: int, host: int, co_host: int | None = None, **pins) -> PlanGroup:
    return PlanGroup(
        id=id,
        label=f"Gruppe {id}",
        host_id=host,
        host_name=f"Chef {host}",
        co_host_id=co_host,
        co_host_name=f"Chef {co_host}" if co_host else "",
        seats_needed=12,
        **pins,
    )


def rooms(count: int) -> list[PlanRoom]:
    return [
        PlanRoom(id=HALL, label="Byrådssalen", seats=30),
        *(PlanRoom(id=100 + k, label=f"Lokale {k}", seats=14) for k in range(count)),
    ]


def test_a_chef_who_co_hosts_one_group_and_hosts_another_gets_them_on_different_days():
    # Chef 9 co-hosts group 1 and hosts group 2; two days, two groups a day would fit.
    groups = [group(1, host=1, co_host=9), group(2, host=9), group(3, host=3), group(4, host=4)]

    plan = plan_round(groups, DAYS[:2], rooms(2))

    assert plan.is_complete
    assert plan.placements[1][0] != plan.placements[2][0]


def test_a_chef_with_two_groups_and_one_day_is_explained():
    groups = [group(1, host=1, co_host=9), group(2, host=9)]

    plan = plan_round(groups, DAYS[:1], rooms(2))

    assert not plan.is_complete
    assert any("Chef 9" in str(problem) for problem in plan.problems)


def test_the_common_input_room_is_given_to_no_group():
    groups = [group(k, host=k) for k in range(6)]

    plan = plan_round(groups, DAYS, rooms(2), common_input_room=HALL)

    assert plan.is_complete
    assert HALL not in {room for _day, room in plan.placements.values()}


def test_without_a_common_input_its_hall_is_an_ordinary_room():
    groups = [group(k, host=k) for k in range(9)]

    plan = plan_round(groups, DAYS, rooms(2))

    assert plan.is_complete
    assert HALL in {room for _day, room in plan.placements.values()}


def test_a_group_fixed_to_the_common_input_room_is_explained():
    groups = [group(1, host=1, pinned_day=DAYS[0], pinned_room=HALL)]

    plan = plan_round(groups, DAYS, rooms(1), common_input_room=HALL)

    assert next(str(problem) for problem in plan.problems) == (
        "Gruppe 1 er låst til Byrådssalen, som bruges til det fælles input."
    )


# --- the same rules through the round's services ---------------------------------------------


@pytest.fixture
def hall(db):
    return RoomFactory(name="Byrådssalen", building="Rådhuset", seats=30)


@pytest.fixture
def two_rooms(db):
    return [RoomFactory(name=f"Mødelokale {k}", building="Rådhuset", seats=14) for k in (1, 2)]


@pytest.fixture
def chefs(db):
    return {name: ChefFactory(first_name=name, last_name="Chef") for name in ("Anne", "Bo", "Cai")}


@pytest.fixture
def groups(chefs):
    """Bo co-hosts group 1 and hosts group 2."""
    return [
        GroupFactory(number=1, host=chefs["Anne"], co_host=chefs["Bo"]),
        GroupFactory(number=2, host=chefs["Bo"]),
        GroupFactory(number=3, host=chefs["Cai"]),
    ]


def _round(hall, *, days=(1, 2)):
    week = timezone.localdate() + datetime.timedelta(weeks=3)
    week -= datetime.timedelta(days=week.weekday())
    return make_round(
        week_start=week,
        days=[(week + datetime.timedelta(days=k)).isoformat() for k in days],
        input_room=hall,
    )


def test_the_round_plan_keeps_a_co_host_to_one_group_a_day_and_the_hall_free(
    groups, hall, two_rooms
):
    round_ = _round(hall)

    plan = round_plan(round_)
    round_plan_save(round_=round_, plan=plan)

    meetings = {m.group.number: m for m in round_.meetings.select_related("group")}
    assert meetings[1].day != meetings[2].day
    assert hall.pk not in {m.room_id for m in meetings.values()}
    assert plan_problems(round_) == []


def test_fixing_a_group_to_the_common_input_room_is_refused(groups, hall, two_rooms):
    round_ = _round(hall)
    meeting = MeetingFactory(round=round_, group=groups[2], day=round_.day_dates[0])

    with pytest.raises(ValidationError) as refused:
        meeting_pin(meeting=meeting, day=round_.day_dates[0], room=hall)

    assert refused.value.messages == [
        "Byrådssalen, Rådhuset bruges til det fælles input; vælg et andet lokale."
    ]


def test_moving_a_meeting_to_the_day_its_co_host_hosts_another_group_is_refused(
    groups, hall, two_rooms
):
    round_ = _round(hall)
    first, second = round_.day_dates
    one = MeetingFactory(round=round_, group=groups[0], day=first, room=two_rooms[0])
    MeetingFactory(round=round_, group=groups[1], day=second, room=two_rooms[0])
    round_.published_at = timezone.now()
    round_.save()

    with pytest.raises(ValidationError) as refused:
        meeting_move(meeting=one, day=second, room=two_rooms[1])

    assert refused.value.messages == [
        f"Bo Chef er allerede vært eller medvært for Gruppe 2 den {second:%d.%m.%Y}; "
        "en chef kan kun have én gruppe om dagen."
    ]
    one.refresh_from_db()
    assert one.day == first and one.sequence == 0


def test_a_saved_plan_with_a_co_host_on_two_groups_one_day_cannot_be_published(
    groups, hall, two_rooms
):
    round_ = _round(hall)
    day = round_.day_dates[0]
    MeetingFactory(round=round_, group=groups[0], day=day, room=two_rooms[0])
    MeetingFactory(round=round_, group=groups[1], day=day, room=hall)
    MeetingFactory(round=round_, group=groups[2], day=round_.day_dates[1], room=two_rooms[0])

    problems = plan_problems(round_)

    assert f"Bo Chef er vært for både Gruppe 1 og Gruppe 2 den {day:%d.%m.%Y}." in problems
    assert "Gruppe 2 er placeret i Byrådssalen, Rådhuset, som bruges til det fælles input." in (
        problems
    )
