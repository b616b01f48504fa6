import datetime

import pytest
from django.utils import timezone

from meetings.models import Round
from meetings.services import round_create, round_plan, round_plan_save
from tests.factories import RoomFactory, TopicFactory
from topicbank.models import AgendaItem as TopicItem
from topicbank.models import State as TopicState
from topicbank.models import Theme


@pytest.fixture
def rooms(db):
    return [RoomFactory(name=f"Mødelokale {k}", building="Rådhuset", seats=14) for k in (1, 2)]


def next_monday(weeks: int = 3) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    return day - datetime.timedelta(days=day.weekday())


def make_round(**fields) -> Round:
    week = fields.pop("week_start", next_monday())
    defaults = {
        "title": "Forår 2027",
        "week_start": week,
        "days": [(week + datetime.timedelta(days=k)).isoformat() for k in (1, 2, 3)],
        "starts": datetime.time(12, 30),
        "ends": datetime.time(15, 30),
        "place": "Byrådssalen",
        "input_title": "Budget 2028",
        "input_speaker": "Økonomichefen",
        "input_starts": datetime.time(12, 30),
    }
    return round_create(round_=Round(**{**defaults, **fields}))


@pytest.fixture
def topics(leader):
    make = lambda title, item: TopicFactory(  # noqa: E731
        title=title,
        description="…",
        agenda_item=item,
        theme=Theme.OPERATIONS,
        proposed_by=leader,
        state=TopicState.SHORTLISTED,
    )
    return make("Ledelse opad", TopicItem.SHARED_FOCUS), make(
        "Psykologisk tryghed", TopicItem.GOOD_LEADERSHIP
    )


@pytest.fixture
def planned_round(composed, rooms, topics, chef):
    """Three groups on three days, agenda with topics, plan saved, not yet published."""
    from meetings.services import agenda_save

    round_ = make_round()
    items = {
        item.number: {"title": item.title, "text": item.text, "topic": None}
        for item in round_.agenda_items.all()
    }
    items[3]["topic"], items[5]["topic"] = topics
    agenda_save(round_=round_, items=items, by=chef)
    round_plan_save(round_=round_, plan=round_plan(round_))
    return round_
