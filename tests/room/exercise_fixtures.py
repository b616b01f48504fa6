"""A meeting of the director's group held today, with an agenda item to run exercises at."""

from django.utils import timezone

from meetings.room.exercise_services import exercise_open
from tests.factories import AgendaItemFactory
from tests.room.room_fixtures import held_meeting


def meeting_today(people):
    meeting = held_meeting(people)
    meeting.day = timezone.localdate()
    meeting.save(update_fields=["day"])
    item = AgendaItemFactory(
        round=meeting.round, number=3, title="Fælles ledelsesfokus – en konkret og aktuel opgave"
    )
    return meeting, item


def open_exercise(meeting, item, kind, by):
    return exercise_open(meeting=meeting, agenda_item=item, kind=kind, by=by)
