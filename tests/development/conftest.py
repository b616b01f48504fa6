import pytest

from coaching.development.defaults import create_defaults
from coaching.development.models import TalkQuestion, TemplateItem


@pytest.fixture(autouse=True)
def municipal_defaults(db):
    """The template and questions the data migration gives a new database (a transactional test
    elsewhere may have emptied the tables)."""
    create_defaults(TemplateItem, TalkQuestion)
