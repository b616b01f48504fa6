import datetime

import pytest
from django.db import IntegrityError

from groups.composer import compose
from groups.models import Group, Membership, Reason
from groups.services import groups_apply_composition, people_from_register
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db
MAY = datetime.date(2026, 5, 12)
AUGUST = datetime.date(2026, 8, 1)


def test_applying_a_composition_creates_groups_with_hosts_and_seats_everyone(register):
    result = compose(people_from_register(), time_limit=5)

    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=MAY)

    assert Group.objects.count() == 3  # the director and both chefs host
    assert Membership.objects.current().count() == 33
    for group in Group.objects.all():
        # Nobody sits in the group their own manager hosts.
        assert not group.memberships.filter(leader__reports_to=group.host).exists()


def test_a_move_keeps_the_history_of_who_sat_where_when(register):
    result = compose(people_from_register(), time_limit=5)
    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=MAY)
    # Someone whose manager does not host the other group, so the move breaks no rule.
    for moved in Membership.objects.current().select_related("leader", "group"):
        new_group = (
            Group.objects.exclude(pk=moved.group_id).exclude(host=moved.leader.reports_to).first()
        )
        if new_group:
            break
    old_group = moved.group
    assignment = {**result.assignment, str(moved.leader_id): str(new_group.number)}

    moves = groups_apply_composition(assignment=assignment, reason=Reason.REBALANCED, day=AUGUST)

    assert moves == [(moved.leader_id, old_group.number, new_group.number)]
    assert moved.leader in old_group.members_on(datetime.date(2026, 6, 1))
    assert moved.leader not in old_group.members_on(AUGUST)
    assert moved.leader in new_group.members_on(AUGUST)
    history = Membership.objects.filter(leader=moved.leader).order_by("joined_on")
    assert [(m.joined_reason, m.left_reason) for m in history] == [
        (Reason.COMPOSED, Reason.REBALANCED),
        (Reason.REBALANCED, ""),
    ]


def test_recomposing_the_live_register_keeps_everyone_where_they_are(register):
    result = compose(people_from_register(), time_limit=5)
    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=MAY)

    again = compose(people_from_register(), time_limit=5)

    assert again.moves == []
    assert groups_apply_composition(assignment=again.assignment, reason=Reason.REBALANCED) == []


def test_a_leader_cannot_sit_in_two_groups_at_once(register):
    chefs, leaders = register
    first = GroupFactory(number=1, host=chefs[0])
    second = GroupFactory(number=2, host=chefs[1])
    MembershipFactory(group=first, leader=leaders[0], joined_reason=Reason.COMPOSED)

    with pytest.raises(IntegrityError):
        MembershipFactory(group=second, leader=leaders[0], joined_reason=Reason.COMPOSED)


def test_a_successor_takes_the_departed_leaders_seat_and_the_host_is_told(register):
    from nyborg_ledelse.notifications.models import Message
    from nyborg_ledelse.organisation.services import register_apply
    from tests.organisation.test_register_import import HEADER, csv_file

    chefs, leaders = register
    result = compose(people_from_register(), time_limit=5)
    groups_apply_composition(assignment=result.assignment, reason=Reason.COMPOSED, day=MAY)
    leaving = leaders[0]
    seat = Membership.objects.current().get(leader=leaving)
    leaving.end_date = datetime.date.today() - datetime.timedelta(days=1)
    leaving.save()
    newcomer_row = (
        f"ny.leder@nyborg.test;Ny;Leder;Skoleleder;Børn og Unge;Skole Øst;3;{chefs[0].email};"
        f"ja;ja;leder;;;{leaving.email}"
    )

    register_apply(content=csv_file(newcomer_row, header=HEADER), filename="register.csv")

    newcomer_seat = Membership.objects.current().get(leader__email="ny.leder@nyborg.test")
    assert newcomer_seat.group == seat.group
    assert newcomer_seat.joined_reason == Reason.SUCCESSOR
    seat.refresh_from_db()
    assert (seat.left_on, seat.left_reason) == (leaving.end_date, Reason.LEFT)
    to_host = Message.objects.get(kind="group_successor")
    assert to_host.recipient == seat.group.host
    assert to_host.subject == f"Ny Leder starter i gruppe {seat.group.number}"
