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


def test_the_demos_topics_name_only_rounds_that_exist_in_the_order_they_were_held(demo):
    from meetings.models import Round
    from topicbank.models import TopicEvent, theme_balance

    with_round = TopicEvent.objects.filter(to_state__in=[State.PLANNED, State.DISCUSSED])
    assert with_round.exists()
    assert not with_round.filter(round__isnull=True).exists()
    assert not TopicEvent.objects.exclude(round_name="").exists()
    for event in with_round.select_related("round"):
        assert event.round.agenda_items.filter(topic=event.topic).exists()
        if event.to_state == State.PLANNED:
            assert event.at.date() < event.round.day_dates[0]
        else:
            assert event.at.date() == event.round.day_dates[-1]
    for topic in Topic.objects.filter(state__in=[State.PLANNED, State.DISCUSSED]):
        moments = [event.at for event in topic.events.all()]
        assert moments == sorted(moments)
    shown = [row["round"] for row in theme_balance()]
    assert shown == sorted(shown, key=lambda round_: round_.week_start)
    assert set(shown) == set(Round.objects.filter(kind="groups"))
