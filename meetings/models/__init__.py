"""The meetings' data: rounds and meetings. The confidential room is an app of its own (room/)."""

from .rounds import (
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
    SummaryQuestion,
)

__all__ = [
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
    "SummaryQuestion",
]
