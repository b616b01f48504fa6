import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from groups.models import Group
from meetings.room.models import Commitment
from nyborg_ledelse.organisation.models import Leader, Role
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_about_130_leaders_across_unequal_departments_and_levels(demo):
    members = Leader.objects.store_ledergruppe()
    per_department = sorted(
        members.values("department").annotate(n=Count("id")).values_list("n", flat=True)
    )

    assert 120 <= members.count() <= 140
    assert 6 <= len(per_department) <= 7
    assert per_department[-1] >= 2 * per_department[0]
    assert 3 <= members.values("level").distinct().count() <= 4


def test_every_demo_leader_has_a_manager_line_up_to_the_top(demo):
    for leader in Leader.objects.store_ledergruppe():
        seen = set()
        while leader.reports_to_id:
            assert leader.pk not in seen
            seen.add(leader.pk)
            leader = leader.reports_to
        assert leader.role == Role.DIRECTOR


def test_the_demo_has_enough_hosts_hr_and_an_administrator(demo):
    assert Leader.objects.chef_group().count() >= 11
    assert Leader.objects.hr().exists()
    # The administrator works in the product's own pages; the Django admin is for superusers.
    assert Leader.objects.filter(administers_product=True, is_staff=False).exists()


def test_the_demo_prints_one_login_per_role(demo):
    for label in ["Leder", "Chef", "Direktør", "HR", "Administrator"]:
        assert f"  {label}" in demo
    assert "demo-ledelsesrum" in demo


def test_loading_the_demo_twice_changes_nothing(demo, capsys):
    count = Leader.objects.count()

    call_command("load_demo")

    assert Leader.objects.count() == count
    assert "allerede indlæst" in capsys.readouterr().out


def test_the_demo_refuses_a_database_with_real_people():
    LeaderFactory(email="rigtig.leder@nyborg.dk")

    with pytest.raises(CommandError, match="uden for demoen"):
        call_command("load_demo")
    assert Leader.objects.count() == 1


def test_the_demo_holds_an_hr_chef_who_hosts_and_an_hr_consultant_in_a_group(demo):
    from groups.models import Group, Membership

    hr_hosts = Group.objects.filter(host__works_in_hr=True, host__role=Role.CHEF)
    hr_members = Membership.objects.current().filter(leader__works_in_hr=True)

    assert hr_hosts.exists()
    assert hr_members.filter(leader__role=Role.LEADER).exists()
    assert all(m.leader.in_store_ledergruppe for m in hr_members)


def test_demo_code_names_each_login_by_its_capacity(demo):
    from io import StringIO

    output = StringIO()
    call_command("demo_code", stdout=output)

    labels = [line.split()[0] for line in output.getvalue().splitlines()]
    assert labels == ["HR", "Administrator"]


def test_each_demo_groups_promise_is_followed_up_at_its_next_meeting(demo):
    groups = Group.objects.filter(meetings__summary__isnull=False).distinct()
    assert groups.count() >= 10
    for group in groups:
        commitments = Commitment.objects.of_group(group)
        last_day = max(c.summary.meeting.day for c in commitments)
        # Only the latest meeting's promise is still open; every earlier one has its outcome.
        assert {c.summary.meeting.day for c in commitments.open()} == {last_day}
        assert all(c.followed_up_in for c in commitments.exclude(summary__meeting__day=last_day))
    assert Commitment.objects.exclude(outcome="").exists()
