import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.hosting import _start
from groups.models import HostRole, Membership, Reason
from groups.services import current_seats
from nyborg_ledelse.organisation.models import Role
from tests.factories import (
    ContractVersionFactory,
    GroupFactory,
    LeaderFactory,
    MembershipFactory,
    ProposalFactory,
)
from tests.permission_matrix import (
    NO_EFFECT,
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)

LOGIN = 302
NOBODY_BUT = dict.fromkeys(["leader", "chef", "director", "hr", "administrator"], 403)
GROUP = (("pk", "group"),)
PROPOSAL = (("pk", "proposal"),)
HOSTING = (("pk", "group"), ("hosting", "hosting"))
# Appointing hosts is the administrators'; the group and the chef group know the group (403).
ADMINISTRATORS = {"anonymous": LOGIN, **NOBODY_BUT, "hr": 404}

# The leader sits in the group the director hosts; the chef hosts nothing here.
MATRIX = {
    # Members and hosts are taken to their group; the others see that they have none.
    Page("groups:mine"): {
        "anonymous": LOGIN,
        "leader": 302,
        "chef": 200,
        "director": 302,
        "hr": 200,
        "administrator": 200,
    },
    # The group page (members, contract, later summaries) is the group's own.
    # HR may not know the group exists (404); the chef group and the administrators see it in the
    # overview, so they are refused its page (403).
    Page("groups:detail", GROUP): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "hr": 404,
        "leader": 200,
        "director": 200,
    },
    Page("groups:contract", GROUP): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "hr": 404,
        "director": 200,
    },
    Page("groups:overview"): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "chef": 200,
        "director": 200,
        "administrator": 200,
    },
    # Every group's hosts on one page, for those who appoint them.
    Page("groups:hosts"): {"anonymous": LOGIN, **NOBODY_BUT, "administrator": 200},
    Page("groups:hosting", GROUP): {**ADMINISTRATORS, "administrator": 200},
    Page(
        "groups:hosting_appoint",
        GROUP,
        "post",
        lambda objects: {
            "role": "co_host",
            "leader": objects["other_chef"],
            "starts_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        },
    ): {**ADMINISTRATORS, "administrator": 302},
    Page(
        "groups:hosting_end",
        HOSTING,
        "post",
        lambda objects: {"ends_on": timezone.localdate().isoformat()},
    ): {**ADMINISTRATORS, "administrator": 302},
    Page("groups:proposal_new"): {"anonymous": LOGIN, **NOBODY_BUT, "administrator": 200},
    Page("groups:proposal", PROPOSAL): {"anonymous": LOGIN, **NOBODY_BUT, "administrator": 200},
    Page("groups:proposal_apply", PROPOSAL, "post"): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "administrator": 302,
    },
    Page("groups:proposal_discard", PROPOSAL, "post"): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "administrator": 302,
    },
    Page(
        "groups:move",
        method="post",
        data=lambda objects: {"leader": objects["leader"], "group": objects["other_group"]},
    ): {"anonymous": LOGIN, **NOBODY_BUT, "administrator": 302},
    # Without a successor chosen it goes back to the proposal, changing nothing.
    Page("groups:proposal_unpin", PROPOSAL, "post"): {
        "anonymous": LOGIN,
        **NOBODY_BUT,
        "administrator": NO_EFFECT,
    },
}


def build_objects(people: dict) -> dict:
    group = GroupFactory(number=1, host=people["director"])
    MembershipFactory(group=group, leader=people["leader"], joined_reason=Reason.COMPOSED)
    ContractVersionFactory(group=group, text="Vi taler ordentligt.", author=people["director"])
    seats = current_seats()
    proposal = ProposalFactory(
        created_by=people["administrator"],
        min_size=1,
        max_size=12,
        tolerance_percent=5,
        before={str(people["leader"].pk): seats[people["leader"].pk]},
        assignment={str(people["leader"].pk): "1", str(people["director"].pk): "1"},
        moves=[],
        result={"D": 0, "lower_bound": 0, "gap": 0, "violations": {}, "proven_optimal": True},
    )
    other = GroupFactory(number=2, host=LeaderFactory(role="chef"))
    # A co-host of the group since today (to end) and a chef who hosts nothing (to appoint).
    co_host = _start(
        group=group,
        leader=LeaderFactory(role=Role.CHEF),
        role=HostRole.CO_HOST,
        starts_on=timezone.localdate(),
        by=None,
    )
    return {
        "group": group.pk,
        "proposal": proposal.pk,
        "leader": people["leader"].pk,
        "other_group": other.pk,
        "hosting": co_host.pk,
        "other_chef": LeaderFactory(role=Role.CHEF).pk,
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)


def test_a_former_member_no_longer_sees_the_group(client, people, objects):
    Membership.objects.filter(leader=people["leader"]).update(
        left_on=timezone.localdate(), left_reason=Reason.REBALANCED
    )
    client.force_login(people["leader"])

    assert client.get(reverse("groups:detail", args=[objects["group"]])).status_code == 404


def test_a_group_that_does_not_exist_is_not_found(client, leader):
    client.force_login(leader)

    assert client.get(reverse("groups:detail", args=[999])).status_code == 404
