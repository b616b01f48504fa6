"""Mine data: everything stored about the signed-in person, on the page and in the download."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from coaching.models import RecordRead
from groups.models import Reason
from meetings.room.models import EvaluationAnswer, EvaluationReceipt, Exercise, ExerciseAnswer
from tests.development.records import development_records
from tests.factories import (
    ApologyFactory,
    ApprovalFactory,
    BookingFactory,
    CoachFactory,
    ExerciseFactory,
    ExerciseReceiptFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    RoundFactory,
    SupportFactory,
    TopicFactory,
)
from topicbank.models import AgendaItem, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(leader, chef, director):
    """A leader with something stored for most purposes; the evaluation answer is anonymous."""
    group = GroupFactory(number=4, host=director)
    MembershipFactory(
        group=group,
        leader=leader,
        joined_on=datetime.date(2026, 1, 5),
        joined_reason=Reason.COMPOSED,
    )
    round_ = RoundFactory(
        title="Forår 2026",
        week_start=datetime.date(2026, 3, 2),
        days=["2026-03-03"],
        starts=datetime.time(9),
        ends=datetime.time(12),
    )
    meeting = MeetingFactory(
        round=round_, group=group, host=director, day=datetime.date(2026, 3, 3)
    )
    ApologyFactory(meeting=meeting, leader=leader, reason="Tandlæge med min søn")
    EvaluationReceipt.objects.create(meeting=meeting, leader=leader)
    EvaluationAnswer.objects.create(meeting=meeting, good="Hemmeligt svar", rating=5)
    TopicFactory(
        title="Sygefravær i store teams",
        description="…",
        agenda_item=AgendaItem.SHARED_FOCUS,
        theme=Theme.OPERATIONS,
        proposed_by=leader,
        anonymous=True,
    )
    other_topic = TopicFactory(
        title="Ledelse af ledere",
        description="…",
        agenda_item=AgendaItem.GOOD_LEADERSHIP,
        theme=Theme.DEVELOPMENT,
        proposed_by=chef,
    )
    SupportFactory(topic=other_topic, leader=leader)
    coach = CoachFactory(name="Karen Coach", certification="ICF", hourly_rate=1000)
    BookingFactory(leader=leader, coach=coach, day=datetime.date(2026, 4, 1), hours=Decimal("1.5"))
    exercise = ExerciseFactory(meeting=meeting, kind=Exercise.Kind.RESISTANCE)
    ExerciseReceiptFactory(exercise=exercise, leader=leader)
    ExerciseAnswer.objects.create(exercise=exercise, scores=[5, 4, 3, 2, 1, 1, 2, 3, 4])
    development_records(leader, chef)
    return leader


def sections_of(response) -> dict:
    return {s.key: s for s in response.context["sections"]}


def test_the_page_lists_what_is_stored_grouped_by_purpose(client, stored, director):
    client.force_login(stored)

    response = client.get(reverse("organisation:my_data"))

    page = response.content.decode()
    sections = sections_of(response)
    assert stored.email in page
    assert "Gruppe 4" in page and "Tandlæge med min søn" in page
    assert "Foreslået, anonymt for andre ledere" in page
    assert "Ledelse af ledere" in page and "Karen Coach" in page
    # That the leader evaluated the meeting and rated an exercise, never what they answered.
    assert len(sections["answers"].rows) == 2
    assert "Øvelse: Kilder til modstand mod det tværgående samarbejde" in page
    assert "Hemmeligt svar" not in page
    assert "kan ikke kobles til dig" in page


def test_a_managers_read_of_an_approval_request_shows_on_the_leaders_page(client, leader, chef):
    approval = ApprovalFactory(leader=leader, manager=chef, year=2026, hours=Decimal(3))
    client.force_login(chef)
    client.get(reverse("coaching:approval", args=[approval.pk]))
    client.force_login(leader)
    # The leader opening their own records is not a read by others.
    client.get(reverse("coaching:mine"))

    response = client.get(reverse("organisation:my_data"))

    reads = sections_of(response)["reads"].rows
    assert [row[1:] for row in reads] == [
        [chef.full_name, "En anmodning om godkendte coachingtimer"]
    ]
    assert RecordRead.objects.get().reader == chef


@pytest.mark.parametrize("role", ["leader", "chef", "director", "hr", "administrator"])
def test_each_role_sees_only_their_own_data(client, people, stored, role):
    other = stored if role != "leader" else people["chef"]
    me = people[role]
    client.force_login(me)

    page = client.get(reverse("organisation:my_data")).content.decode()
    download = client.get(reverse("organisation:my_data_download"))

    assert me.email in page
    assert other.email not in page
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        document = json.loads(archive.read("mine-data.json"))
    assert document["person"] == me.email
    assert other.email not in json.dumps(document)
    if role != "leader":
        assert "Tandlæge med min søn" not in page
        # Not even the manager sees the leader's own development records here.
        for text in (
            "Jeg leder med tillid og tydelighed.",
            "Jeg vil blive bedre til at uddelegere.",
            "Uddelegere budgetopfølgningen",
            "Kompetencefonden betaler halvdelen",
            "Aftalt med økonomikonsulenten i uge 9",
        ):
            assert text not in page
            assert text not in json.dumps(document, ensure_ascii=False)


def test_the_download_holds_the_same_as_json_and_csv(client, stored):
    client.force_login(stored)
    page_sections = sections_of(client.get(reverse("organisation:my_data")))

    response = client.get(reverse("organisation:my_data_download"))

    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        document = json.loads(archive.read("mine-data.json"))
        attendance = list(
            csv.reader(
                io.StringIO(archive.read("attendance.csv").decode("utf-8-sig")), delimiter=";"
            )
        )
    assert names == {"mine-data.json", *(f"{key}.csv" for key in page_sections)}
    by_key = {s["key"]: s for s in document["sections"]}
    assert set(by_key) == set(page_sections)
    for key, section in page_sections.items():
        assert len(by_key[key]["rows"]) == len(section.rows)
    assert attendance[0] == ["Møde", "Dag", "Registrering", "Begrundelse"]
    assert attendance[1][3] == "Tandlæge med min søn"
    assert by_key["answers"]["note"].startswith("Selve dine svar")


def test_the_page_lists_the_leaders_own_development_records(client, stored):
    client.force_login(stored)

    response = client.get(reverse("organisation:my_data"))

    rows = sections_of(response)["development"].rows
    texts = "\n".join(" ".join(row) for row in rows)
    page = response.content.decode()
    assert "Din lederudvikling" in page
    assert "Introduktionsforløb" in texts
    # Both versions of the foundation, and the comments on the leader's own items from both.
    assert "Jeg leder med tillid." in texts and "Jeg leder med tillid og tydelighed." in texts
    assert "Aftalt med økonomikonsulenten i uge 9" in texts
    assert "Godt, jeg deltager gerne" in texts
    assert "Jeg vil blive bedre til at uddelegere." in texts
    assert "Uddelegere budgetopfølgningen (Coaching)" in texts
    assert "Mere synlig i dagligdagen" in texts
    assert "Kompetencefonden betaler halvdelen" in texts and "UCL" in texts
    assert "Mødelokale 2" in texts
