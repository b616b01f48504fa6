"""Demo meetings: the past year's three rounds and the seminar held with attendance, and the next
round planned and published with its invitations in the outbox."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.notifications.services import held_for_the_sweep
from nyborg_ledelse.organisation.models import Leader
from topicbank.models import State as TopicState
from topicbank.models import Topic, TopicEvent

from .models import (
    TOPIC_ITEMS,
    AgendaItem,
    Apology,
    Attendance,
    Kind,
    Meeting,
    Room,
    Round,
    SeminarSession,
    SummaryQuestion,
)
from .services import round_create, round_plan, round_plan_save, round_publish

ROOMS = [
    ("Byrådssalen", "Nyborg Rådhus", 30, True),
    ("Mødelokale 1", "Nyborg Rådhus", 16, True),
    ("Mødelokale 2", "Nyborg Rådhus", 14, True),
    ("Kantinen, lille sal", "Borgerservice, Torvet", 18, True),
    ("Lokale A", "Nyborg Bibliotek", 14, False),
]
SEASONS = {12: "Vinter", 1: "Vinter", 2: "Vinter", 3: "Forår", 4: "Forår", 5: "Forår"}
INPUTS = [
    ("Økonomien i 2027 – hvad betyder budgettet for os?", "Økonomichefen"),
    ("Psykologisk tryghed i praksis", "Ekstern oplægsholder"),
    ("Strategi og retning: kerneopgaven på tværs", "Kommunaldirektøren"),
    ("Kunstig intelligens i den kommunale hverdag", "Digitaliseringschefen"),
]
PROGRAMME = [
    ("09.00", "09.30", "Morgenkaffe og velkomst", "Kommunaldirektøren", "Foyeren"),
    ("09.30", "10.45", "SAMMEN om ledelse – hvor står vi?", "Chefgruppen", "Store sal"),
    ("11.00", "12.00", "Psykologisk tryghed i ledergruppen", "Ekstern oplægsholder", "Store sal"),
    ("12.00", "12.45", "Frokost", "", "Restauranten"),
    ("12.45", "14.15", "Workshops i de tværgående grupper", "Værterne", "Grupperummene"),
    ("14.30", "15.30", "Opsamling og vejen frem", "Kommunaldirektøren", "Store sal"),
]
QUESTIONS = ["LEDELSE OPAD", "LEDELSE PÅ TVÆRS", "PSYKOLOGISK TRYGHED", "KOMMUNIKATION"]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _title(day: datetime.date) -> str:
    return f"{SEASONS.get(day.month, 'Sommer' if day.month < 9 else 'Efterår')} {day.year}"


@transaction.atomic
def build_demo_meetings(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    for name, building, seats, accessible in ROOMS:
        Room.objects.get_or_create(
            name=name, building=building, defaults={"seats": seats, "accessible": accessible}
        )
    today = timezone.localdate()
    for number, weeks_ago in enumerate([40, 26, 10]):
        week = _monday(today - datetime.timedelta(weeks=weeks_ago))
        round_ = _group_round(week, _title(week), INPUTS[number])
        _topics(round_, TopicState.DISCUSSED)
        round_plan_save(round_=round_, plan=round_plan(round_))
        Round.objects.filter(pk=round_.pk).update(
            published_at=timezone.now() - datetime.timedelta(weeks=weeks_ago + 3), agenda_ready=True
        )
        for position, theme in enumerate(QUESTIONS[number : number + 2], start=1):
            SummaryQuestion.objects.create(round=round_, position=position, theme=theme)
        _held(round_, rng)
    seminar_day = _monday(today - datetime.timedelta(weeks=6)) + datetime.timedelta(days=3)
    seminar = round_create(
        round_=Round(
            kind=Kind.SEMINAR,
            title=f"Lederseminar {seminar_day.year}",
            week_start=_monday(seminar_day),
            days=[seminar_day.isoformat()],
            starts=datetime.time(9),
            ends=datetime.time(15, 30),
            place="Hotel Nyborg Strand",
        )
    )
    Round.objects.filter(pk=seminar.pk).update(published_at=timezone.now(), agenda_ready=True)
    _held(seminar, rng)
    SeminarSession.objects.bulk_create(
        SeminarSession(
            round=seminar,
            starts=datetime.time.fromisoformat(starts.replace(".", ":")),
            ends=datetime.time.fromisoformat(ends.replace(".", ":")),
            title=title,
            speaker=speaker,
            place=place,
        )
        for starts, ends, title, speaker, place in PROGRAMME
    )

    week = _monday(today + datetime.timedelta(weeks=8))
    upcoming = _group_round(week, _title(week), INPUTS[3])
    _topics(upcoming, TopicState.PLANNED)
    for position, theme in enumerate(QUESTIONS, start=1):
        SummaryQuestion.objects.create(round=upcoming, position=position, theme=theme)
    round_plan_save(round_=upcoming, plan=round_plan(upcoming))
    with held_for_the_sweep():
        round_publish(round_=upcoming)


def _group_round(week: datetime.date, title: str, common_input: tuple[str, str]) -> Round:
    return round_create(
        round_=Round(
            title=title,
            week_start=week,
            days=[(week + datetime.timedelta(days=k)).isoformat() for k in (1, 2, 3)],
            starts=datetime.time(12, 30),
            ends=datetime.time(15, 30),
            place="Byrådssalen, Nyborg Rådhus",
            input_title=common_input[0],
            input_speaker=common_input[1],
            input_starts=datetime.time(12, 30),
            input_room=Room.objects.filter(name="Byrådssalen", building="Nyborg Rådhus").first(),
            shared_lunch=True,
        )
    )


def _topics(round_: Round, state: str) -> None:
    """Items 3 and 5 carry topics from the bank that are in the given state; the topic's history
    names this round, planned some weeks before it and discussed on its last day."""
    zone = timezone.get_current_timezone()
    planned_at = min(
        datetime.datetime.combine(
            round_.week_start - datetime.timedelta(weeks=10), datetime.time(10), tzinfo=zone
        ),
        timezone.now() - datetime.timedelta(days=1),
    )
    discussed_at = datetime.datetime.combine(round_.day_dates[-1], datetime.time(16), tzinfo=zone)
    for number in TOPIC_ITEMS:
        topic = (
            Topic.objects.filter(agenda_item=number, state=state, agenda_items__isnull=True)
            .order_by("pk")
            .first()
        )
        if topic is None:
            continue
        AgendaItem.objects.filter(round=round_, number=number).update(topic=topic)
        events = TopicEvent.objects.filter(topic=topic)
        events.filter(to_state=TopicState.PLANNED).update(round=round_, at=planned_at)
        events.filter(to_state=TopicState.DISCUSSED).update(round=round_, at=discussed_at)


def _held(round_: Round, rng: random.Random) -> None:
    """Apologies and attendance as a host would have recorded them."""
    for meeting in Meeting.objects.filter(round=round_).select_related("group", "host"):
        for person in meeting.invited():
            if person.pk == meeting.host_id:
                continue
            roll = rng.random()
            if roll < 0.06:
                Apology.objects.create(
                    meeting=meeting,
                    leader=person,
                    reason=rng.choice(["Sygdom", "Ferie", "Tilsyn på institutionen"]),
                )
            Attendance.objects.create(
                meeting=meeting,
                leader=person,
                present=roll >= 0.09,
                recorded_by=meeting.host or Leader.objects.chef_group().first(),
            )
