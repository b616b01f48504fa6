"""The meetings' data: rounds and meetings. The confidential room is an app of its own (room/)."""

from .rounds import (
    ITEM_NUMBERS,
    TOPIC_ITEMS,
    AgendaItem,
    AgendaTemplateItem,
    Apology,
    Attendance,
    CalendarFeed,
    Kind,
    Material,
    Meeting,
    Room,
    Round,
    SeminarSession,
    SummaryQuestion,
)

__all__ = [
    "ITEM_NUMBERS",
    "TOPIC_ITEMS",
    "AgendaItem",
    "AgendaTemplateItem",
    "Apology",
    "Attendance",
    "CalendarFeed",
    "Kind",
    "Material",
    "Meeting",
    "Room",
    "Round",
    "SeminarSession",
    "SummaryQuestion",
]
