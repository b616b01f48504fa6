import pytest
from django.core.files.base import ContentFile

from tests.factories import TagFactory, TopicFactory, TopicFileFactory
from topicbank.models import AgendaItem, Theme, Topic


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tag(db):
    return TagFactory(name="SAMMEN om ledelse")


def make_topic(proposer, **fields) -> Topic:
    defaults = {
        "title": "Psykologisk tryghed i ledergruppen",
        "description": "Hvordan skaber vi et rum, hvor vi tør sige det svære?",
        "agenda_item": AgendaItem.GOOD_LEADERSHIP,
        "theme": Theme.DEVELOPMENT,
        "proposed_by": proposer,
    }
    return TopicFactory(**{**defaults, **fields})


@pytest.fixture
def topic(leader):
    topic = make_topic(leader)
    TopicFileFactory(topic=topic, file=ContentFile(b"%PDF-1.7 test", name="artikel.pdf"))
    return topic
