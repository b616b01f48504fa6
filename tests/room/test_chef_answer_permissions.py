"""Who reaches the chef group's answer to a round's report, for every role: the chef group writes
and publishes it; once published every leader reads it; HR and administrators who are not leaders
never learn it exists (see test_chef_loop.py for what each page shows)."""

import pytest
from django.utils import timezone

from tests.factories import ChefGroupAnswerFactory, RoundFactory
from tests.permission_matrix import (
    NO_EFFECT,
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)
from tests.room.room_fixtures import room_objects

LOGIN = 302
# The chef group's round pages: administrators plan rounds, so they get 403 there (see
# get_round_for_chef_group); leaders and HR get 404.
CHEF_GROUP = {
    "anonymous": LOGIN,
    "leader": 404,
    "chef": 200,
    "director": 200,
    "hr": 404,
    "administrator": 403,
}
CHEF_GROUP_POST = {**CHEF_GROUP, "chef": 302, "director": 302}
DRAFT = {**CHEF_GROUP, "administrator": 404}
PUBLISHED = {**DRAFT, "leader": 200}
DRAFT_ROUND = (("pk", "round"),)
PUBLISHED_ROUND = (("pk", "published_round"),)

MATRIX = {
    Page("room:chef_answer", DRAFT_ROUND): DRAFT,
    Page("room:chef_answer", PUBLISHED_ROUND): PUBLISHED,
    Page("room:chef_answer_edit", DRAFT_ROUND): CHEF_GROUP,
    Page(
        "room:chef_answer_edit",
        DRAFT_ROUND,
        "post",
        (("text", "Vi inddrager lederne tidligere i budgetprocessen."), ("version", 1)),
    ): CHEF_GROUP_POST,
    Page("room:chef_answer_publish", DRAFT_ROUND, "post"): CHEF_GROUP_POST,
    # Published: the answer stands as the leaders read it.
    Page("room:chef_answer_publish", PUBLISHED_ROUND, "post"): {
        **CHEF_GROUP_POST,
        "chef": NO_EFFECT,
        "director": NO_EFFECT,
    },
    Page(
        "room:chef_answer_edit",
        PUBLISHED_ROUND,
        "post",
        (("text", "Noget andet."), ("version", 1)),
    ): {**CHEF_GROUP_POST, "chef": NO_EFFECT, "director": NO_EFFECT},
}


def build_objects(people: dict) -> dict:
    objects = room_objects(people)
    ChefGroupAnswerFactory(round_id=objects["round"], updated_by=people["chef"])
    earlier = RoundFactory(title="Efterår 2026", published_at=timezone.now())
    ChefGroupAnswerFactory(
        round=earlier,
        updated_by=people["chef"],
        published_at=timezone.now(),
        published_by=people["chef"],
    )
    return {**objects, "published_round": earlier.pk}


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
