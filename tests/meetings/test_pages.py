import datetime

import pytest
import time_machine
from django.urls import reverse

from meetings.models import Attendance, Round
from meetings.services import round_publish
from tests.factories import ApologyFactory, AttendanceFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(planned_round):
    round_publish(round_=planned_round)
    return planned_round


def test_the_group_page_shows_the_next_meeting_with_its_agenda_and_who_is_coming(client, published):
    meeting = published.meetings.select_related("group", "room").first()
    members = meeting.group.current_members()
    ApologyFactory(meeting=meeting, leader=members[1], reason="Ferie")
    client.force_login(members[0])

    text = client.get(meeting.group.get_absolute_url()).content.decode()

    assert str(meeting.room) in text
    assert "Fælles input: Budget 2028" in text
    assert "Ledelse opad" in text and "Psykologisk tryghed" in text
    assert f"{len(members)} kommer" in text  # the host and all but one member
    assert f"afbud fra {members[1].full_name}" in text


def test_a_leader_sends_apologies_and_the_host_sees_the_reason(client, published):
    meeting = published.meetings.select_related("group").first()
    member = meeting.group.current_members()[0]
    client.force_login(member)

    page = client.post(
        reverse("meetings:apology", args=[meeting.pk]), {"reason": "Tilsyn"}, follow=True
    )

    assert "Dit afbud er sendt til værten." in page.content.decode()
    client.force_login(meeting.host)
    assert f"{member.full_name}: Tilsyn" in client.get(meeting.get_absolute_url()).content.decode()


def test_the_host_records_attendance_and_sees_who_missed_more_than_one(client, published):
    meeting = published.meetings.select_related("group").first()
    members = meeting.group.current_members()
    with time_machine.travel(meeting.starts_at):
        client.force_login(meeting.host)
        client.post(
            reverse("meetings:attendance", args=[meeting.pk]),
            {"present": [m.pk for m in members[1:]]},
        )
    AttendanceFactory(
        meeting=published.meetings.exclude(pk=meeting.pk).first(),
        leader=members[0],
        present=False,
        recorded_by=meeting.host,
    )

    client.force_login(meeting.host)
    text = client.get(reverse("meetings:mine")).content.decode()

    assert Attendance.objects.filter(meeting=meeting, present=True).count() == len(members) - 1
    row = text[text.index(members[0].full_name) :][:200]
    assert "udeblevet fra mere end ét" in row


def test_the_chef_group_fills_the_agenda_and_publishes(client, composed, rooms, topics, chef):
    from meetings.models import Round
    from tests.meetings.conftest import make_round

    round_ = make_round()
    client.force_login(chef)
    data = {}
    for item in round_.agenda_items.all():
        data[f"item{item.number}-title"] = item.title
        data[f"item{item.number}-text"] = item.text
    data["item3-topic"], data["item5-topic"] = topics[0].pk, topics[1].pk
    client.post(reverse("meetings:agenda", args=[round_.pk]), data)
    client.post(reverse("meetings:plan", args=[round_.pk]))

    page = client.post(reverse("meetings:publish", args=[round_.pk]), follow=True)

    assert "Runden er offentliggjort: 36 indkaldelser er på vej." in page.content.decode()
    assert Round.objects.get().is_published


def test_publishing_without_topics_says_what_is_missing(client, composed, rooms, chef):
    from tests.meetings.conftest import make_round

    round_ = make_round()
    client.force_login(chef)

    page = client.post(reverse("meetings:publish", args=[round_.pk]), follow=True)

    text = page.content.decode()
    assert "Punkt 3 skal have et emne fra emnebanken." in text
    assert "Intet møde planlagt for:" in text


def test_a_round_form_with_days_and_a_too_long_slot_is_refused(client, chef, db):
    client.force_login(chef)
    monday = datetime.date(2027, 3, 1)

    page = client.post(
        reverse("meetings:round_new"),
        {
            "kind": "groups",
            "title": "Forår 2027",
            "week_start": monday.isoformat(),
            "weekdays": [1, 2],
            "starts": "12:00",
            "ends": "16:00",
        },
    )

    assert "Et gruppemøde varer 2 til 3 timer." in page.content.decode()


def test_a_material_that_is_not_what_it_claims_is_refused(client, planned_round, chef):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(chef)
    fake = SimpleUploadedFile("oplaeg.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    page = client.post(
        reverse("meetings:material_add", args=[planned_round.pk]),
        {"item_number": 5, "title": "Oplæg", "file": fake},
        follow=True,
    )

    assert "Filens indhold passer ikke til dens type." in page.content.decode()
    assert not planned_round.materials.exists()


def test_a_material_link_is_shown_on_the_agenda(client, planned_round, chef):
    client.force_login(chef)

    client.post(
        reverse("meetings:material_add", args=[planned_round.pk]),
        {"item_number": 5, "title": "Edmondson på video", "url": "https://www.example.dk/video"},
    )

    text = client.get(planned_round.get_absolute_url()).content.decode()
    assert 'href="https://www.example.dk/video"' in text


def test_administrators_see_everyones_attendance_with_repeated_misses_highlighted(
    client, published, administrator
):
    meetings = list(published.meetings.select_related("group"))
    absent = meetings[0].group.current_members()[0]
    present = meetings[0].group.current_members()[1]
    for meeting in meetings[:2]:
        AttendanceFactory(meeting=meeting, leader=absent, present=False, recorded_by=meeting.host)
        AttendanceFactory(meeting=meeting, leader=present, present=True, recorded_by=meeting.host)
    client.force_login(administrator)

    text = client.get(
        reverse("meetings:attendance_overview") + f"?year={meetings[0].day.year}"
    ).content.decode()

    absent_row = text[text.index(absent.full_name) :].split("</tr>")[0]
    present_row = text[text.index(present.full_name) :].split("</tr>")[0]
    assert "udeblevet fra mere end ét" in absent_row
    assert "udeblevet" not in present_row


def _new_round(client, *, title: str, monday: datetime.date, kind: str = "groups", **extra):
    data = {
        "kind": kind,
        "title": title,
        "week_start": monday.isoformat(),
        "weekdays": [1] if kind == "seminar" else [1, 2, 3],
        "starts": "09:00" if kind == "seminar" else "12:30",
        "ends": "15:00" if kind == "seminar" else "15:30",
        **extra,
    }
    return client.post(reverse("meetings:round_new"), data, follow=True)


def test_a_fourth_group_round_in_a_year_is_created_only_when_confirmed(client, chef, db):
    client.force_login(chef)
    for title, monday in [
        ("Vinter 2028", datetime.date(2028, 1, 17)),
        ("Forår 2028", datetime.date(2028, 4, 24)),
        ("Efterår 2028", datetime.date(2028, 9, 18)),
    ]:
        _new_round(client, title=title, monday=monday)
    assert Round.objects.count() == 3

    page = _new_round(client, title="Ekstra 2028", monday=datetime.date(2028, 11, 20))

    text = page.content.decode()
    assert "2028 har allerede 3 grupperunder (Vinter 2028, Forår 2028, Efterår 2028)" in text
    assert "Sæt kryds, hvis der virkelig skal være én mere." in text
    assert not Round.objects.filter(title="Ekstra 2028").exists()

    _new_round(
        client, title="Ekstra 2028", monday=datetime.date(2028, 11, 20), beyond_the_norm="on"
    )
    assert Round.objects.filter(title="Ekstra 2028").exists()


def test_the_years_seminar_and_the_next_years_rounds_need_no_confirmation(client, chef, db):
    client.force_login(chef)
    for monday in [datetime.date(2028, 1, 17), datetime.date(2028, 4, 24)]:
        RoundFactory(week_start=monday)
    RoundFactory(week_start=datetime.date(2028, 9, 18))

    _new_round(client, title="Lederseminar 2028", monday=datetime.date(2028, 6, 5), kind="seminar")
    _new_round(client, title="Vinter 2029", monday=datetime.date(2029, 1, 15))
    page = _new_round(
        client, title="Lederseminar igen", monday=datetime.date(2028, 10, 2), kind="seminar"
    )

    assert Round.objects.filter(title__in=["Lederseminar 2028", "Vinter 2029"]).count() == 2
    assert "2028 har allerede et lederseminar (Lederseminar 2028)" in page.content.decode()
