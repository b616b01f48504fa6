import pytest
from django.urls import reverse

from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    expand,
    junk_cases,
)

LOGIN = 302
EVERYONE = {
    "anonymous": LOGIN,
    **dict.fromkeys(["leader", "chef", "director", "hr", "administrator"], 200),
}
CHEF_GROUP = {
    "anonymous": LOGIN,
    "leader": 403,
    "chef": 200,
    "director": 200,
    "hr": 403,
    "administrator": 403,
}
TOPIC = (("pk", "topic"),)

MATRIX = {
    Page("topicbank:list"): EVERYONE,
    Page("topicbank:propose"): EVERYONE,
    Page("topicbank:detail", TOPIC): EVERYONE,
    Page("topicbank:file", (("pk", "topic"), ("file_pk", "file"))): EVERYONE,
    # Supporting redirects back to the topic.
    Page("topicbank:support", TOPIC, "post"): {**{k: 302 for k in EVERYONE}},
    # The proposer edits until the chef group picks the topic up; the chef group always.
    Page("topicbank:edit", TOPIC): {**CHEF_GROUP, "leader": 200},
    Page("topicbank:board"): CHEF_GROUP,
    Page("topicbank:move", TOPIC, "post", (("to_state", "shortlisted"),)): {
        **CHEF_GROUP,
        "chef": 302,
        "director": 302,
    },
}


@pytest.fixture
def objects(topic):
    return {"topic": topic.pk, "file": topic.files.get().pk}


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)


def test_a_topic_that_does_not_exist_is_not_found(client, leader):
    client.force_login(leader)

    assert client.get(reverse("topicbank:detail", args=[999])).status_code == 404
