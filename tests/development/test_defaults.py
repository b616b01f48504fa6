"""The municipality's introduction template and talk questions: shown and used from the defaults
until HR changes them, and never written by a read."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from coaching.development.defaults import QUESTIONS, TEMPLATE
from coaching.development.models import TalkQuestion, TemplateItem
from coaching.development.services import programme_create, talk_book
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def test_programmes_talks_and_hrs_pages_use_the_defaults_without_storing_them(
    client, hr, leader, chef
):
    newcomer = LeaderFactory(reports_to=chef, start_date=datetime.date(2026, 3, 2))

    programme = programme_create(leader=newcomer)
    talk = talk_book(
        leader=leader, manager=chef, booked_for=datetime.datetime(2026, 9, 1, 10, tzinfo=CPH)
    )
    client.force_login(hr)
    template_page = client.get(reverse("development:hr_texts", kwargs={"kind": "template"}))
    questions_page = client.get(reverse("development:hr_texts", kwargs={"kind": "questions"}))

    assert programme.items.count() == len(TEMPLATE)
    assert talk.preparation.count() == len(QUESTIONS)
    assert TEMPLATE[0][0] in template_page.content.decode()
    assert "Velkomstmøde for nyansatte" in template_page.content.decode()
    assert questions_page.status_code == 200
    assert not TemplateItem.objects.exists() and not TalkQuestion.objects.exists()


def test_hrs_change_of_a_default_stores_it_in_its_place_with_the_others(client, hr):
    client.force_login(hr)
    url = reverse("development:hr_texts", kwargs={"kind": "questions"}) + "?default=2"

    form = client.get(url).content.decode()
    client.post(
        url, {"text": "Hvordan lever dit ledelsesgrundlag?", "position": 20, "active": "on"}
    )

    assert QUESTIONS[1][:30] in form
    texts = list(TalkQuestion.objects.values_list("text", flat=True))
    assert len(texts) == len(QUESTIONS)
    assert texts[1] == "Hvordan lever dit ledelsesgrundlag?"
    assert texts[0] == QUESTIONS[0] and QUESTIONS[1] not in texts
