import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from coaching.development.models import Agreement, Education
from coaching.development.services import (
    evaluation_record,
    foundation_save,
    programme_create,
    talk_book,
)
from tests.factories import GroupFactory, LeaderFactory, MembershipFactory, TemplateItemFactory
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
EVERYONE = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 200)}
HR = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 403), "hr": 200}
# A leader's development is the leader's and their manager's (the chef); to everyone else,
# including HR and the chef's own director, it does not exist.
NOT_FOUND = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 404)}
THE_TWO = {**NOT_FOUND, "leader": 200, "chef": 200}
THE_TWO_POST = {**NOT_FOUND, "leader": 302, "chef": 302}
# The leader may see what the manager plans, but not change it.
MANAGER_WRITES = {**NOT_FOUND, "leader": 403, "chef": 200}
ONLY_THE_MANAGER = {**NOT_FOUND, "chef": 200}
ONLY_THE_LEADER = {**NOT_FOUND, "leader": 200}

PROGRAMME = (("pk", "programme"),)
ITEM = (("pk", "item"),)
TALK = (("pk", "talk"),)
EVALUATION = (("pk", "evaluation"),)
LEADER = (("pk", "leader"),)
GOAL = (("text", "Lede på tværs"), ("offer", "sparring"))


def _today(field: str):
    def data(objects: dict) -> dict:
        return {field: timezone.localdate().isoformat()}

    data.__name__ = f"today_{field}"
    return data


MATRIX = {
    Page("development:mine"): EVERYONE,
    Page("development:leader", LEADER): THE_TWO,
    # The introduction plan: the new leader and their manager; HR sees only the aggregate.
    Page("development:introduction", PROGRAMME): THE_TWO,
    Page("development:item_new", PROGRAMME): MANAGER_WRITES,
    Page("development:item_edit", ITEM): MANAGER_WRITES,
    Page("development:item_done", ITEM, "post", (("done", "1"),)): THE_TWO_POST,
    Page("development:item_comment", ITEM, "post", (("text", "Godt møde."),)): THE_TWO_POST,
    # The personal foundation: private, shared with the manager, shared with the group.
    Page("development:foundation"): EVERYONE,
    Page("development:foundation_view", (("pk", "private_foundation"),)): ONLY_THE_LEADER,
    # Another leader's, shared with their manager (the chef): the leader of the matrix is not it.
    Page("development:foundation_view", (("pk", "manager_foundation"),)): ONLY_THE_MANAGER,
    # Shared by a member of the leader's group (hosted by the director); the chef manages that
    # member but was not given it.
    Page("development:foundation_view", (("pk", "group_foundation"),)): {
        **NOT_FOUND,
        "leader": 200,
        "director": 200,
    },
    # LUS: private to the two; HR gets the rate on its own page.
    Page("development:talk_new", LEADER): ONLY_THE_MANAGER,
    Page("development:talk", TALK): THE_TWO,
    Page("development:talk_prepare", TALK): {**NOT_FOUND, "leader": 200, "chef": 403},
    Page("development:talk_held", TALK, "post", _today("held_on")): {
        **NOT_FOUND,
        "leader": 403,
        "chef": 302,
    },
    Page("development:talk_goal", TALK, "post", GOAL): THE_TWO_POST,
    Page("development:evaluation_new", LEADER): ONLY_THE_MANAGER,
    Page("development:evaluation", EVALUATION): THE_TWO,
    Page("development:evaluation_goal", EVALUATION, "post", GOAL): THE_TWO_POST,
    Page("development:agreement_new", LEADER): ONLY_THE_MANAGER,
    Page("development:agreement", (("pk", "agreement"),)): THE_TWO,
    Page("development:hr"): HR,
    Page("development:hr_texts", (("kind", "kind"),)): HR,
    Page("development:hr_text", (("kind", "kind"), ("pk", "template_item"))): HR,
}


def build_objects(people: dict) -> dict:
    leader, chef, director = people["leader"], people["chef"], people["director"]
    leader.start_date = timezone.localdate()
    leader.save()
    programme = programme_create(leader=leader)
    private = foundation_save(
        leader=leader, text="Mit eget", share_with_manager=False, share_with_group=False
    )
    for_manager = foundation_save(
        leader=LeaderFactory(reports_to=chef),
        text="Delt med chefen",
        share_with_manager=True,
        share_with_group=False,
    )
    member = LeaderFactory(reports_to=chef)
    group = GroupFactory(number=1, host=director)
    today = timezone.localdate()
    for seated in (leader, member):
        MembershipFactory(group=group, leader=seated, joined_on=today)
    for_group = foundation_save(
        leader=member, text="Delt med gruppen", share_with_manager=False, share_with_group=True
    )
    talk = talk_book(
        leader=leader, manager=chef, booked_for=timezone.now() + datetime.timedelta(days=3)
    )
    evaluation = evaluation_record(leader=leader, manager=chef, held_on=today)
    agreement = Agreement.objects.create(
        leader=leader,
        agreed_by=chef,
        education=Education.DIL,
        ects=Decimal(5),
        starts_on=today,
    )
    return {
        "leader": leader.pk,
        "programme": programme.pk,
        "item": programme.items.first().pk,
        "private_foundation": private.pk,
        "manager_foundation": for_manager.pk,
        "group_foundation": for_group.pk,
        "talk": talk.pk,
        "evaluation": evaluation.pk,
        "agreement": agreement.pk,
        "kind": "template",
        "template_item": TemplateItemFactory().pk,
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_permission_matrix(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


def test_hr_texts_of_an_unknown_kind_are_not_found(client, hr):
    client.force_login(hr)

    assert client.get("/support/development/hr/salaries/").status_code == 404


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
