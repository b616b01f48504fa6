import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance
from meetings.room.disclosure import seminar_evaluation
from meetings.room.services import evaluation_submit
from tests.factories import (
    ApologyFactory,
    AttendanceFactory,
    LeaderFactory,
    MeetingFactory,
    RoundFactory,
    SeminarSessionFactory,
)

pytestmark = pytest.mark.django_db


def _seminar(day: datetime.date):
    round_ = RoundFactory(
        kind="seminar",
        title="Lederseminar 2026",
        week_start=day - datetime.timedelta(days=day.weekday()),
        days=[day.isoformat()],
        starts=datetime.time(9),
        ends=datetime.time(15, 30),
        place="Hotel Nyborg Strand",
        published_at=timezone.now() - datetime.timedelta(days=60),
    )
    return MeetingFactory(round=round_, group=None, day=day)


@pytest.fixture
def held():
    return _seminar(timezone.localdate() - datetime.timedelta(days=2))


@pytest.fixture
def coming():
    return _seminar(timezone.localdate() + datetime.timedelta(days=20))


def test_the_chef_group_writes_the_programme_and_leaders_read_it_on_the_seminars_page(
    client, chef, leader, coming
):
    client.force_login(chef)
    client.post(
        reverse("meetings:programme", args=[coming.round.pk]),
        {
            "session-TOTAL_FORMS": 2,
            "session-INITIAL_FORMS": 0,
            "session-0-starts": "09:30",
            "session-0-ends": "10:45",
            "session-0-title": "SAMMEN om ledelse – hvor står vi?",
            "session-0-speaker": "Kommunaldirektøren",
            "session-0-place": "Store sal",
            "session-1-starts": "09:00",
            "session-1-title": "Morgenkaffe",
        },
    )

    client.force_login(leader)
    page = client.get(coming.get_absolute_url()).text
    assert "Program" in page
    assert page.index("Morgenkaffe") < page.index("SAMMEN om ledelse – hvor står vi?")
    assert "09.30–10.45" in page
    assert "Kommunaldirektøren" in page
    assert "Store sal" in page


def test_a_session_that_ends_before_it_starts_is_refused(client, chef, coming):
    client.force_login(chef)
    page = client.post(
        reverse("meetings:programme", args=[coming.round.pk]),
        {
            "session-TOTAL_FORMS": 1,
            "session-INITIAL_FORMS": 0,
            "session-0-starts": "11:00",
            "session-0-ends": "10:00",
            "session-0-title": "Oplæg",
        },
    )
    assert page.status_code == 200
    assert not coming.round.sessions.exists()


def test_a_session_is_removed_when_deleted(client, administrator, coming):
    session = SeminarSessionFactory(round=coming.round)
    client.force_login(administrator)
    client.post(
        reverse("meetings:programme", args=[coming.round.pk]),
        {
            "session-TOTAL_FORMS": 1,
            "session-INITIAL_FORMS": 1,
            "session-0-id": session.pk,
            "session-0-starts": "09:30",
            "session-0-title": session.title,
            "session-0-DELETE": "on",
        },
    )
    assert not coming.round.sessions.exists()


def test_a_group_round_has_no_programme(client, chef):
    client.force_login(chef)
    round_ = RoundFactory()
    assert client.get(reverse("meetings:programme", args=[round_.pk])).status_code == 404


def test_the_chef_group_records_who_came_and_the_page_then_says_who_came(
    client, chef, leader, held
):
    absent = LeaderFactory(first_name="Bente", last_name="Borte")
    client.force_login(chef)
    page = client.get(held.get_absolute_url()).text
    assert "Registrér fremmøde" in page
    assert "Fremmødet er ikke registreret." in page
    assert "kommer" not in page

    client.post(reverse("meetings:attendance", args=[held.pk]), {"present": [leader.pk]})

    assert Attendance.objects.get(meeting=held, leader=leader).present
    assert not Attendance.objects.get(meeting=held, leader=absent).present
    page = client.get(held.get_absolute_url()).text
    assert "1 deltog" in page
    assert leader.full_name in page.split("1 deltog", 1)[1]
    assert "Bente Borte" not in page
    assert "kommer" not in page


def test_before_the_seminar_the_page_says_who_is_coming(client, leader, coming):
    client.force_login(leader)
    assert "kommer" in client.get(coming.get_absolute_url()).text


def _answer(seminar, leader, rating=4):
    evaluation_submit(meeting=seminar, leader=leader, good="Godt", missed="", rating=rating)


def test_the_seminars_evaluation_is_shown_only_from_three_answers(held):
    came = [AttendanceFactory(meeting=held).leader for _ in range(4)]
    for person in came[:2]:
        _answer(held, person)

    later = timezone.now() + datetime.timedelta(days=30)
    with time_machine.travel(later):
        table = seminar_evaluation(held)
    assert table.closed
    assert not table.total.shown
    assert table.total.respondents is None

    _answer(held, came[2], rating=5)
    with time_machine.travel(later):
        table = seminar_evaluation(held)
    assert table.total.shown
    assert table.total.respondents == 3
    assert round(table.total.average, 2) == 4.33


def test_who_sent_apologies_or_stayed_away_does_not_evaluate_the_seminar(client, held):
    away = AttendanceFactory(meeting=held, present=False).leader
    apologised = ApologyFactory(meeting=held).leader
    came = AttendanceFactory(meeting=held).leader
    url = reverse("room:seminar_evaluate", args=[held.pk])

    for person in (away, apologised):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(came)
    assert "Evaluér seminaret" in client.get(held.get_absolute_url()).text
    client.post(url, {"rating": 4, "good": "Godt", "missed": ""})
    assert held.evaluations.count() == 1


def test_the_chef_group_reads_the_seminars_evaluation(client, chef, held, settings):
    came = [AttendanceFactory(meeting=held).leader for _ in range(3)]
    for person in came:
        _answer(held, person)
    settings.ANSWERS_CLOSE_DAYS = 1  # held two days ago: closed
    client.force_login(chef)

    page = client.get(reverse("room:seminar_evaluations", args=[held.pk])).text

    assert "Lederseminar 2026" in page
    assert "4,0" in page


def test_the_demos_past_seminar_has_its_programme_attendance_and_evaluation(client, demo):
    from meetings.models import Meeting
    from nyborg_ledelse.organisation.models import Leader

    seminar = Meeting.objects.get(round__kind="seminar")
    assert seminar.is_over
    assert seminar.round.sessions.count() >= 5
    assert seminar.attendance.filter(present=True).count() > 3
    table = seminar_evaluation(seminar, today=seminar.day + datetime.timedelta(days=60))
    assert table.total.shown and table.total.respondents >= 3

    client.force_login(Leader.objects.chef_group().first())
    page = client.get(seminar.get_absolute_url()).text
    assert "Program" in page and "Morgenkaffe og velkomst" in page
    assert " deltog</h2>" in page
    assert "kommer" not in page
