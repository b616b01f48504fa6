import datetime
from collections import Counter

from meetings.planner import PlanGroup, PlanRoom, plan_round

DAYS = [datetime.date(2027, 3, d) for d in (2, 3, 4)]


def groups(count: int, *, hosts: list[int] | None = None, seats: int = 12) -> list[PlanGroup]:
    hosts = hosts or list(range(count))
    return [
        PlanGroup(
            id=g,
            label=f"Gruppe {g}",
            host_id=hosts[g],
            host_name=f"Vært {hosts[g]}",
            seats_needed=seats,
        )
        for g in range(count)
    ]


def rooms(*seats: int) -> list[PlanRoom]:
    return [PlanRoom(id=100 + k, label=f"Lokale {k}", seats=s) for k, s in enumerate(seats)]


def test_eleven_groups_are_spread_evenly_over_three_days_in_rooms_that_fit():
    plan = plan_round(groups(11), DAYS, rooms(14, 14, 13, 20))

    assert plan.is_complete
    assert len(plan.placements) == 11
    per_day = Counter(day for day, _room in plan.placements.values())
    assert sorted(per_day.values()) == [3, 4, 4]
    # One group per room and day.
    assert len(set(plan.placements.values())) == 11


def test_a_host_never_has_two_groups_on_one_day():
    plan = plan_round(groups(6, hosts=[1, 1, 1, 2, 3, 4]), DAYS, rooms(14, 14))

    assert plan.is_complete
    days_of_host_1 = [plan.placements[g][0] for g in (0, 1, 2)]
    assert len(set(days_of_host_1)) == 3


def test_rooms_too_small_are_never_used_and_the_smallest_that_fits_is_preferred():
    plan = plan_round(groups(2, seats=13), DAYS[:1], rooms(10, 13, 30, 14))

    assert plan.is_complete
    assert {room for _day, room in plan.placements.values()} == {101, 103}


def test_pins_hold():
    pinned = [
        PlanGroup(
            id=0,
            label="Gruppe 0",
            host_id=0,
            host_name="Vært",
            seats_needed=12,
            pinned_day=DAYS[2],
            pinned_room=101,
        ),
        *groups(4)[1:],
    ]

    plan = plan_round(pinned, DAYS, rooms(14, 14))

    assert plan.placements[0] == (DAYS[2], 101)


def test_the_same_input_gives_the_same_plan():
    first = plan_round(groups(9), DAYS, rooms(14, 14, 14, 14))

    assert all(plan_round(groups(9), DAYS, rooms(14, 14, 14, 14)) == first for _ in range(3))


def test_more_groups_than_days_times_rooms_is_explained_and_the_best_partial_plan_proposed():
    plan = plan_round(groups(7), DAYS, rooms(14, 14))

    assert not plan.is_complete
    assert "Der er 7 grupper, men kun 3 dage × 2 lokaler = 6 pladser." in [
        str(problem) for problem in plan.problems
    ]
    assert len(plan.placements) == 6
    left_out = next(g for g in range(7) if g not in plan.placements)
    assert f"Ikke placeret: Gruppe {left_out}." in [str(problem) for problem in plan.problems]


def test_a_host_with_three_groups_over_two_days_is_explained():
    plan = plan_round(groups(3, hosts=[5, 5, 5]), DAYS[:2], rooms(14, 14))

    assert (
        "Vært 5 er vært eller medvært for 3 grupper, men runden har kun 2 dage, og en chef kan "
        "kun have én gruppe om dagen." in [str(problem) for problem in plan.problems]
    )
    assert len(plan.placements) == 2
    assert len({day for day, _room in plan.placements.values()}) == 2


def test_a_group_bigger_than_every_room_is_explained():
    plan = plan_round(groups(2, seats=16), DAYS, rooms(14, 15))

    assert "Gruppe 0 skal bruge 16 pladser; det største lokale har 15." in [
        str(problem) for problem in plan.problems
    ]
    assert plan.placements == {}
