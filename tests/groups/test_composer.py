"""The composer on small and adversarial cases: every hard rule, the bound, determinism."""

from collections import Counter

import pytest

from groups.composer import HOST, MEMBER, CompositionError, Person, compose, compose_isolated
from groups.synthetic import synthetic_municipality


def hosts(count: int) -> list[Person]:
    return [Person(id=f"h{k}", role=HOST) for k in range(count)]


def member(pid: str, department: str = "A", level: str = "4", manager: str = "", **extra) -> Person:
    return Person(
        id=pid, role=MEMBER, department=department, level=level, manager_id=manager, **extra
    )


def group_of(result, pid: str) -> str:
    return result.assignment[pid]


def assert_every_rule_holds(people: list[Person], result, lo: int, hi: int) -> None:
    by_id = {p.id: p for p in people}
    sizes = Counter(result.assignment[p.id] for p in people if p.role == MEMBER)
    assert all(lo <= size <= hi for size in sizes.values()), sizes
    for person in people:
        if person.role != MEMBER or not person.manager_id:
            continue
        boss = by_id[person.manager_id]
        # Never with their manager, and never in the group their manager hosts.
        assert result.assignment[person.id] != result.assignment[boss.id], person.id
    assert sum(result.violations.values()) == 0, result.violations


def test_a_manager_with_13_direct_reports_never_shares_a_group_with_any_of_them():
    people = [*hosts(4), member("boss", "A", "3", manager="h0")]
    people += [member(f"r{k}", "A" if k % 2 else "B", "4", manager="boss") for k in range(13)]
    people += [
        member(f"x{k}", "B" if k % 3 else "C", str(3 + k % 3), manager="h1") for k in range(26)
    ]

    result = compose(people, min_size=10, max_size=10, time_limit=10)

    assert_every_rule_holds(people, result, 10, 10)
    boss_group = group_of(result, "boss")
    assert all(group_of(result, f"r{k}") != boss_group for k in range(13))


def test_no_leader_sits_in_the_group_their_own_manager_hosts():
    people = [*hosts(3)]
    people += [
        member(f"m{k}", "ABC"[k % 3], str(3 + k % 2), manager="h0" if k < 22 else "h1")
        for k in range(33)
    ]

    result = compose(people, time_limit=10)

    host_group = group_of(result, "h0")
    assert all(group_of(result, f"m{k}") != host_group for k in range(22))
    assert_every_rule_holds(people, result, 10, 12)


def test_a_host_whose_reports_are_everyone_cannot_fill_their_group_and_says_so():
    people = [*hosts(3)]
    people += [member(f"m{k}", "ABC"[k % 3], "4", manager="h0") for k in range(33)]

    with pytest.raises(CompositionError, match="Gruppen hos h0 kan ikke fyldes"):
        compose(people, time_limit=5)


def test_a_department_bigger_than_half_the_municipality_is_spread_and_the_gap_reported():
    people = [*hosts(4)]
    people += [
        member(f"big{k}", "Børn og Unge", str(3 + k % 3), manager=f"h{k % 4}") for k in range(30)
    ]
    people += [
        member(f"s{k}", "ABCDE"[k % 5], str(3 + k % 3), manager=f"h{k % 4}") for k in range(14)
    ]

    result = compose(people, time_limit=10)

    per_group = Counter(result.assignment[f"big{k}"] for k in range(30))
    assert sorted(per_group.values()) == [7, 7, 8, 8]
    assert result.gap >= 0
    assert result.gap == pytest.approx((result.D - result.lower_bound) / result.lower_bound)
    assert_every_rule_holds(people, result, 10, 12)


def test_the_lower_bound_is_the_even_spread_of_each_value():
    # 2 groups; department A: 3 leaders, B: 1; level 4: 4. Even spreads: A 2/1, B 1/0, level 2/2.
    people = [*hosts(2), member("a1", "A"), member("a2", "A"), member("a3", "A"), member("b1", "B")]

    result = compose(people, min_size=2, max_size=2, time_limit=5)

    # A: (2-1.5)²+(1-1.5)² = 0.5; B: (1-0.5)²+(0-0.5)² = 0.5; level: 0.
    assert result.lower_bound == pytest.approx(1.0)
    assert result.summary()["D"] == 1.0
    assert result.gap == 0
    assert result.proven_optimal


def test_the_same_input_and_seed_give_the_same_groups():
    people = synthetic_municipality(130, seed=3)

    first = compose(people, time_limit=5, seed=7)
    second = compose(people, time_limit=5, seed=7)

    assert first.assignment == second.assignment


def test_130_leaders_reach_the_bound():
    people = synthetic_municipality(130, seed=5)

    result = compose(people, time_limit=5)

    assert result.gap == 0
    assert sum(result.violations.values()) == 0
    assert len({g for g in result.assignment.values() if g}) == round(130 / 11)


def test_rebalancing_an_unchanged_municipality_moves_nobody():
    people = synthetic_municipality(130, seed=2)
    fresh = compose(people, time_limit=5)
    current = [Person(**{**p.__dict__, "current_group": fresh.assignment[p.id]}) for p in people]

    again = compose(current, time_limit=5)

    assert again.moves == []
    assert again.assignment == fresh.assignment


def test_pinned_leaders_stay_and_moves_are_reported():
    people = [*hosts(2)]
    # Everyone in group 1 now: half must move; the pinned ones must not be among them.
    people += [
        member(f"m{k}", "AB"[k % 2], "4", current_group="1", pinned=k < 3) for k in range(20)
    ]
    people[0] = Person(id="h0", role=HOST, current_group="1")
    people[1] = Person(id="h1", role=HOST, current_group="2")

    result = compose(people, time_limit=5)

    assert all(group_of(result, f"m{k}") == "1" for k in range(3))
    assert len(result.moves) == 10
    assert all(source == "1" and target == "2" for _pid, source, target in result.moves)


@pytest.mark.parametrize(
    ("people", "kwargs", "message"),
    [
        ([member("a")], {}, "ingen værter"),
        ([*hosts(1), member("a"), member("a")], {}, "står 2 gange"),
        ([*hosts(1), member("a", manager="b"), member("b", manager="a")], {}, "Ring af ledere"),
        ([*hosts(2), *[member(f"m{k}") for k in range(15)]], {}, "kan ikke fordeles på 2 grupper"),
        # One more than three full groups hold.
        ([*hosts(3), *[member(f"m{k}") for k in range(37)]], {}, "kræver mellem 30 og 36"),
        ([*hosts(1), member("a")], {"groups": 3}, "3 grupper kræver 3 værter"),
        ([*hosts(1), member("a", pinned=True)], {}, "fastlåst, men har ingen nuværende gruppe"),
        ([*hosts(1), member("a")], {"min_size": 5, "max_size": 3}, "Mindste gruppestørrelse"),
    ],
)
def test_bad_input_is_a_clear_danish_error(people, kwargs, message):
    with pytest.raises(CompositionError) as error:
        compose(people, time_limit=2, **kwargs)

    assert message in str(error.value)


def test_composing_in_a_process_of_its_own_gives_the_same_result_and_the_same_errors():
    people = [*hosts(2), *[member(f"m{k}", department="AB"[k % 2]) for k in range(20)]]

    assert (
        compose_isolated(people, time_limit=2).assignment
        == compose(people, time_limit=2).assignment
    )
    with pytest.raises(CompositionError) as error:
        compose_isolated(people, time_limit=2, min_size=2, max_size=9)
    assert [str(message) for message in error.value.messages] == [
        "20 ledere kan ikke fordeles på 2 grupper med 2–9 i hver "
        "(det kræver mellem 4 og 18 ledere)."
    ]


def test_a_manager_outside_the_file_is_accepted_and_counted():
    # Two leaders report to a director who hosts no group, one to a chef outside the groups.
    people = [*hosts(2), *[member(f"m{k}", "AB"[k % 2]) for k in range(20)]]
    people[2] = member("m0", "A", manager="director")
    people[3] = member("m1", "B", manager="director")
    people[4] = member("m2", "A", manager="chef-without-group")

    result = compose(people, time_limit=10)

    assert result.managers_outside == 2
    assert result.summary()["managers_outside"] == 2
    assert sum(result.violations.values()) == 0
    assert result.gap == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_seeded_1000_leader_municipalities_reach_the_bound(seed):
    people = synthetic_municipality(1000, seed=seed)

    result = compose(people, seed=seed)

    assert result.gap == 0
    assert result.proven_optimal and result.bound_reachable
    assert sum(result.violations.values()) == 0
    assert not result.stopped_by_clock


def test_when_the_bound_cannot_be_reached_the_optimum_is_proven_and_said():
    # Each leader's type decides their manager: the group a chef hosts can only take the
    # other chef's leaders, so no group can have every department and level evenly.
    people = [Person(id="c0", role=HOST), Person(id="c1", role=HOST), Person(id="d", role=HOST)]
    people += [member(f"m{k}", "AB"[k % 2], str(3 + k % 2), manager=f"c{k % 2}") for k in range(33)]

    result = compose(people, time_limit=30)

    assert result.bound_reachable is False
    assert result.proven_optimal
    assert result.optimum == pytest.approx(result.D)
    assert result.lower_bound < result.D
    assert "INFEASIBLE" in result.proof and "OPTIMAL" in result.proof
    assert_every_rule_holds(people, result, 11, 11)


def churned(people: list[Person], assignment: dict[str, str]) -> list[Person]:
    """Every tenth leader leaves; as many newcomers join; two change department."""
    members = [p for p in people if p.role == MEMBER]
    managers = {p.manager_id for p in people}
    leavers = {p.id for p in members if p.id not in managers}
    leavers = set(sorted(leavers)[:: max(1, len(leavers) // (len(members) // 20))])
    after = []
    for k, person in enumerate(p for p in people if p.id not in leavers):
        department = "Kultur og Fritid" if k in (7, 40) else person.department
        after.append(
            Person(**{**person.__dict__, "department": department})
            if person.role == HOST
            else Person(
                **{
                    **person.__dict__,
                    "department": department,
                    "current_group": assignment[person.id],
                }
            )
        )
    after = [
        Person(**{**p.__dict__, "current_group": assignment[p.id]}) if p.role == HOST else p
        for p in after
    ]
    like = [p for p in after if p.role == MEMBER]
    after += [
        Person(**{**like[k].__dict__, "id": f"new{k}", "current_group": "", "manager_id": ""})
        for k in range(len(leavers))
    ]
    return after


def test_a_rebalance_offers_proposals_from_fewest_moves_to_most_even():
    people = synthetic_municipality(130, seed=8)
    fresh = compose(people, seed=8)
    after = churned(people, fresh.assignment)

    result = compose(after, seed=8, tolerance=0.05)

    options = result.options
    assert len(options) >= 2
    assert [len(o.moves) for o in options] == sorted(len(o.moves) for o in options)
    assert [o.D for o in options] == sorted((o.D for o in options), reverse=True)
    assert pytest.approx(result.optimum) == options[-1].D
    (recommended,) = [o for o in options if o.recommended]
    assert recommended.assignment == result.assignment
    assert 1.05 * result.optimum + 1e-9 >= recommended.D
    leavers = len([p for p in people if p.role == MEMBER]) - len(
        [p for p in after if p.role == MEMBER and p.current_group]
    )
    joiners = len([p for p in after if p.id.startswith("new")])
    assert len(result.moves) <= joiners + leavers + round(0.1 * 12)
    for option in options:
        assert_every_rule_holds(after, option, 10, 12)
