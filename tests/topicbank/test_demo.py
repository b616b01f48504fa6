import pytest

from topicbank.models import State, Theme, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_realistic_topic_bank(capsys, demo):

    topics = Topic.objects.all()
    assert 30 <= topics.count() <= 40
    assert {
        State.PROPOSED,
        State.SHORTLISTED,
        State.PLANNED,
        State.DISCUSSED,
        State.DECLINED,
    } <= set(topics.values_list("state", flat=True))
    assert set(topics.values_list("theme", flat=True)) == {Theme.OPERATIONS, Theme.DEVELOPMENT}
    assert all(topic.decline_reason for topic in topics.filter(state=State.DECLINED))
    assert all(topic.rounds_discussed() for topic in topics.filter(state=State.DISCUSSED))
    assert topics.filter(title__icontains="budget").exists()
