"""People who hold several capacities: the rows the per-role matrices cannot show, and the
conflicts between capacities (a manager who is HR, a host who is HR)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching.models import Approval
from coaching.services.coaching_hours import approval_decide
from groups.models import Reason
from meetings.models import Meeting
from meetings.room.models import AccessLog, Summary
from nyborg_ledelse.organisation.models import Role
from tests.factories import (
    ApprovalFactory,
    BookingFactory,
    CoachFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    SummaryFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def combined(people):
    """Group 1 is the director's (room_objects), with the HR consultant as a member; group 3 is
    hosted by the HR chef, with the administrator who is a leader and the HR chef's own report."""
    objects = room_objects(people)
    meeting_1 = Meeting.objects.get(pk=objects["meeting"])
    hr_chef = LeaderFactory(
        role=Role.CHEF,
        works_in_hr=True,
        job_title="HR-chef",
        level=2,
        reports_to=people["director"],
    )
    hr_member = LeaderFactory(works_in_hr=True, job_title="HR-chefkonsulent", level=3)
    admin_leader = LeaderFactory(administers_product=True, job_title="IT-leder", level=3)
    report = LeaderFactory(job_title="Personaleleder", level=3, reports_to=hr_chef)
    joined = timezone.localdate() - datetime.timedelta(days=60)
    MembershipFactory(
        group=meeting_1.group, leader=hr_member, joined_on=joined, joined_reason=Reason.COMPOSED
    )
    group_3 = GroupFactory(number=3, host=hr_chef)
    for member in (admin_leader, report):
        MembershipFactory(
            group=group_3, leader=member, joined_on=joined, joined_reason=Reason.COMPOSED
        )
    meeting_3 = MeetingFactory(
        round=meeting_1.round, group=group_3, host=hr_chef, day=meeting_1.day, room=meeting_1.room
    )
    SummaryFactory(
        meeting=meeting_3,
        talked_about="Vi talte om sygefravær.",
        status=Summary.Status.COMMENTING,
        comment_until=timezone.localdate() + datetime.timedelta(days=3),
        updated_by=hr_chef,
    )
    coach = CoachFactory(
        name="Birgitte Coach", firm="Coachhuset", certification="ICF", hourly_rate=Decimal(1800)
    )
    booking = BookingFactory(
        leader=report, coach=coach, day=datetime.date(2027, 3, 1), hours=Decimal(2)
    )
    approval = ApprovalFactory(leader=report, manager=hr_chef, year=2027, hours=Decimal(3))
    other_approval = ApprovalFactory(
        leader=people["leader"], manager=people["chef"], year=2027, hours=Decimal(3)
    )
    return {
        "people": {"hr_chef": hr_chef, "hr_member": hr_member, "admin_leader": admin_leader},
        "report": report,
        "meeting_1": meeting_1.pk,
        "meeting_3": meeting_3.pk,
        "group_1": meeting_1.group_id,
        "group_3": group_3.pk,
        "round": objects["round"],
        "booking": booking.pk,
        "approval": approval.pk,
        "other_approval": other_approval.pk,
    }


# (person, URL name, object, expected status). Each capacity adds its own pages and takes
# nothing from the others; no capacity opens another group's room or someone's booking.
ROWS = [
    # The HR chef who hosts group 3: its host, the chef group, HR.
    ("hr_chef", "room:summary", "meeting_3", 200),
    ("hr_chef", "room:summary_edit", "meeting_3", 200),
    ("hr_chef", "room:feedback", "meeting_3", 200),
    ("hr_chef", "room:summary", "meeting_1", 403),
    ("hr_chef", "room:feedback", "meeting_1", 403),
    ("hr_chef", "room:report", "round", 200),
    ("hr_chef", "coaching:hr", None, 200),
    ("hr_chef", "coaching:export_csv", None, 200),
    ("hr_chef", "coaching:booking", "booking", 404),
    ("hr_chef", "coaching:approval", "approval", 200),
    ("hr_chef", "coaching:approval", "other_approval", 404),
    ("hr_chef", "groups:detail", "group_3", 200),
    ("hr_chef", "organisation:leader_list", None, 200),
    ("hr_chef", "organisation:capacities", None, 403),
    ("hr_chef", "room:access_log", None, 403),
    # The HR consultant who is a member of group 1: a member there, HR for the support offers.
    ("hr_member", "room:summary", "meeting_1", 200),
    ("hr_member", "room:evaluate", "meeting_1", 200),
    ("hr_member", "room:summary_edit", "meeting_1", 403),
    ("hr_member", "room:summary", "meeting_3", 404),
    ("hr_member", "room:report", "round", 404),
    ("hr_member", "groups:detail", "group_3", 404),
    ("hr_member", "groups:detail", "group_1", 200),
    ("hr_member", "coaching:book", None, 200),
    ("hr_member", "coaching:hr", None, 200),
    ("hr_member", "coaching:booking", "booking", 404),
    ("hr_member", "coaching:approval", "approval", 404),
    ("hr_member", "organisation:register_upload", None, 200),
    ("hr_member", "organisation:capacities", None, 403),
    # The administrator who is a leader in group 3: a member there, the product's administrator.
    ("admin_leader", "room:summary", "meeting_3", 200),
    ("admin_leader", "room:summary_edit", "meeting_3", 403),
    ("admin_leader", "room:summary", "meeting_1", 403),
    ("admin_leader", "room:report", "round", 403),
    ("admin_leader", "room:access_log", None, 200),
    ("admin_leader", "groups:detail", "group_3", 200),
    ("admin_leader", "groups:overview", None, 200),
    ("admin_leader", "coaching:book", None, 200),
    ("admin_leader", "coaching:hr", None, 403),
    ("admin_leader", "coaching:booking", "booking", 404),
    ("admin_leader", "organisation:capacities", None, 200),
]


@pytest.mark.parametrize(("person", "name", "target", "expected"), ROWS)
def test_each_combined_person_reaches_exactly_its_pages(
    client, combined, person, name, target, expected
):
    client.force_login(combined["people"][person])
    url = reverse(name, args=[combined[target]] if target else [])

    assert client.get(url).status_code == expected


def test_the_hr_chef_reads_the_room_only_as_host(client, combined):
    hr_chef = combined["people"]["hr_chef"]
    client.force_login(hr_chef)

    hosted = client.get(reverse("room:summary", args=[combined["meeting_3"]]))
    other = client.get(reverse("room:summary", args=[combined["meeting_1"]]))

    assert "sygefravær" in hosted.content.decode()
    assert other.status_code == 403
    assert "budgettet" not in other.content.decode()
    assert list(AccessLog.objects.filter(who=hr_chef).values_list("meeting", flat=True)) == [
        combined["meeting_3"]
    ]


def test_hr_never_sees_a_report_s_bookings_as_their_manager(client, combined):
    client.force_login(combined["people"]["hr_chef"])
    report = combined["report"]

    pages = [reverse("coaching:hr"), reverse("coaching:export_csv") + "?year=2027"]
    for url in pages:
        # After the header, which names the person logged in (who may share the surname).
        assert report.last_name not in client.get(url).content.decode().split("</header>")[-1]
    assert client.get(reverse("coaching:booking", args=[combined["booking"]])).status_code == 404


def test_a_manager_who_is_hr_decides_only_as_manager_and_is_told_so(client, combined):
    hr_chef = combined["people"]["hr_chef"]
    approval = Approval.objects.get(pk=combined["approval"])
    client.force_login(hr_chef)

    page = client.get(reverse("coaching:approval", args=[approval.pk])).content.decode()

    assert "ikke som HR" in page
    approval_decide(approval=approval, by=hr_chef, approve=True)
    assert Approval.objects.get(pk=approval.pk).status == "approved"


def test_hr_cannot_decide_a_request_addressed_to_another_manager(combined):
    approval = Approval.objects.get(pk=combined["other_approval"])

    with pytest.raises(ValidationError):
        approval_decide(approval=approval, by=combined["people"]["hr_chef"], approve=True)
    with pytest.raises(ValidationError):
        approval_decide(approval=approval, by=combined["people"]["hr_member"], approve=True)
    assert Approval.objects.get(pk=approval.pk).status == "pending"


def test_the_role_checks_answer_for_each_capacity_on_its_own(combined):
    hr_chef, hr_member, admin_leader = combined["people"].values()

    assert (hr_chef.is_chef_group, hr_chef.is_hr, hr_chef.in_store_ledergruppe) == (
        True,
        True,
        False,
    )
    assert (hr_member.is_hr, hr_member.in_store_ledergruppe, hr_member.is_chef_group) == (
        True,
        True,
        False,
    )
    assert (admin_leader.is_administrator, admin_leader.in_store_ledergruppe) == (True, True)
    assert not admin_leader.is_hr and admin_leader.manages_register
