"""Hosting with dates, given in the open: who hosted a group on a meeting's day decides."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from groups.hosting import hosting_appoint
from groups.models import Group, Hosting, HostingLogEntry, HostRole, Membership
from meetings.models import Meeting
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.organisation.daily import daily_round
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(people):
    objects = room_objects(people)
    return Meeting.objects.select_related("group", "round").get(pk=objects["meeting"])


def test_an_administrator_appoints_a_co_host_in_the_open(client, people, meeting, chef):
    client.force_login(people["administrator"])
    today = timezone.localdate()

    response = client.post(
        reverse("groups:hosting_appoint", args=[meeting.group_id]),
        {"role": HostRole.CO_HOST, "leader": chef.pk, "starts_on": today.isoformat()},
        follow=True,
    )

    assert "Udpegningen er foretaget, og gruppen har fået besked." in response.content.decode()
    hosting = Hosting.objects.get(role=HostRole.CO_HOST)
    assert (hosting.leader, hosting.starts_on, hosting.appointed_by) == (
        chef,
        today,
        people["administrator"],
    )
    entry = HostingLogEntry.objects.get(hosting=hosting)
    assert (entry.by, entry.action) == (people["administrator"], "appointed")
    told = set(Message.objects.filter(kind="group_hosting").values_list("recipient", flat=True))
    assert {people["leader"].pk, chef.pk, people["director"].pk} <= told
    assert Group.objects.get(pk=meeting.group_id).co_host == chef
    page = client.get(reverse("groups:hosting", args=[meeting.group_id])).content.decode()
    assert chef.full_name in page and people["administrator"].full_name in page


def test_a_co_host_reads_the_meetings_from_their_appointment_on_not_before(people, meeting, chef):
    hosting_appoint(
        group=meeting.group,
        leader=chef,
        role=HostRole.CO_HOST,
        starts_on=timezone.localdate(),
        by=people["administrator"],
    )
    coming = Meeting(round=meeting.round, group=meeting.group, day=timezone.localdate())

    assert not meeting.is_hosted_by(chef)
    assert coming.is_hosted_by(chef)
    # The group page is today's: the co-host sees it and may edit the contract.
    assert meeting.group.is_hosted_by(chef)


def test_a_new_host_takes_over_from_their_day_and_the_former_keeps_their_meetings(
    people, meeting, chef
):
    later = timezone.localdate() + datetime.timedelta(days=3)
    hosting_appoint(
        group=meeting.group,
        leader=chef,
        role=HostRole.HOST,
        starts_on=later,
        by=people["administrator"],
    )
    held_later = Meeting(round=meeting.round, group=meeting.group, day=later)

    assert meeting.is_hosted_by(people["director"]) and not meeting.is_hosted_by(chef)
    assert held_later.is_hosted_by(chef) and not held_later.is_hosted_by(people["director"])
    assert Group.objects.get(pk=meeting.group_id).host == people["director"]  # not yet
    with time_machine.travel(later + datetime.timedelta(hours=12)):
        daily_round(today=later)
    assert Group.objects.get(pk=meeting.group_id).host == chef


def test_an_appointment_never_reaches_back(client, people, meeting, chef):
    client.force_login(people["administrator"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(
        reverse("groups:hosting_appoint", args=[meeting.group_id]),
        {"role": HostRole.CO_HOST, "leader": chef.pk, "starts_on": yesterday.isoformat()},
        follow=True,
    )

    assert "kan ikke gælde bagud" in response.content.decode()
    assert not Hosting.objects.filter(role=HostRole.CO_HOST).exists()


def test_hosts_co_hosts_and_memberships_are_read_only_in_the_django_admin(
    client, people, meeting, chef
):
    superuser = people["administrator"]
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    url = reverse("admin:groups_group_change", args=[meeting.group_id])

    client.post(url, {"name": "Ny", "co_host": chef.pk, "host": chef.pk})

    group = Group.objects.get(pk=meeting.group_id)
    assert (group.host, group.co_host) == (people["director"], None)
    assert not Hosting.objects.filter(leader=chef).exists()
    group_admin = admin.site._registry[Group]
    assert {"host", "co_host"} <= set(group_admin.get_readonly_fields(None))
    for inline in group_admin.get_inline_instances(None):
        assert not inline.has_add_permission(None, None)
        assert not inline.has_change_permission(None, None)
    assert not admin.site.is_registered(Hosting) and not admin.site.is_registered(Membership)


def test_the_members_see_every_read_of_their_groups_records(client, people, meeting, chef):
    client.force_login(people["director"])
    client.get(reverse("room:summary_edit", args=[meeting.pk]))
    client.get(reverse("room:feedback", args=[meeting.pk]))
    client.force_login(people["leader"])

    page = client.get(reverse("groups:detail", args=[meeting.group_id])).content.decode()

    assert "2 læsninger" in page
    assert people["director"].full_name in page
    assert "Opsamling: Forår 2027" in page and "Tilbagemelding til chefgruppen: Forår 2027" in page
