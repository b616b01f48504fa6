"""Calendar files for meetings, made with icalendar in the form Outlook accepts."""

import datetime
import functools
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

from .models import Meeting

PRODID = "-//Ledelsesrum//Moeder//DA"
TZID = "Europe/Copenhagen"


def invitation(meeting: Meeting, *, cancel: bool = False, attendees: list | None = None) -> str:
    """METHOD:REQUEST for a new or changed meeting, METHOD:CANCEL with the same UID.

    A CANCEL naming only some attendees takes the meeting out of their calendars alone
    (RFC 5546, 3.2.5): a leader who left the group, while the meeting goes on for the others.
    """
    calendar = Calendar.new(prodid=PRODID, method="CANCEL" if cancel else "REQUEST")
    calendar.add_component(copenhagen_timezone())
    attendees = meeting.invited() if attendees is None else attendees
    calendar.add_component(_event(meeting, cancelled=cancel, attendees=attendees))
    return calendar.to_ical().decode()


def feed(meetings: list[Meeting], name: str) -> str:
    """A subscribed calendar: every meeting of one user, cancelled ones marked so."""
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=name)
    calendar.add_component(copenhagen_timezone())
    for meeting in meetings:
        calendar.add_component(_event(meeting, cancelled=meeting.cancelled_at is not None))
    return calendar.to_ical().decode()


def copenhagen_timezone() -> Timezone:
    """Europe/Copenhagen as the EU's yearly rule: summer time from 02:00 on March's last Sunday
    to 03:00 on October's last Sunday.

    icalendar would write the zone as lists of transition dates; vobject, and by public reports
    Outlook desktop, misread that form and show summer meetings an hour early. Every client reads
    the rule the same.
    """
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def attachment(
    meeting: Meeting, *, language: str, cancel: bool = False, attendees: list | None = None
) -> dict:
    method = "CANCEL" if cancel else "REQUEST"
    with translation.override(language):
        content = invitation(meeting, cancel=cancel, attendees=attendees)
    return {
        "filename": "invitation.ics",
        "content": content,
        "mimetype": f"text/calendar; method={method}",
    }


def attachments(meeting: Meeting, *, cancel: bool = False) -> Callable[[str], dict]:
    """The meeting's calendar file in a recipient's language, built once per language."""
    return functools.cache(lambda language: attachment(meeting, language=language, cancel=cancel))


def _event(meeting: Meeting, *, cancelled: bool, attendees: list | None = None) -> Event:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = name or settings.MUNICIPALITY_NAME
    event = Event.new(
        uid=f"{meeting.uid}@{settings.MESSAGE_ID_DOMAIN}",
        sequence=meeting.sequence,
        stamp=timezone.now(),
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=_title(meeting),
        location=meeting.location,
        description=_description(meeting),
        organizer=organizer,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    for person in attendees or []:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["CN"] = person.full_name
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "FALSE"
        event.add("attendee", attendee, encode=False)
    return event


def _title(meeting: Meeting) -> str:
    if meeting.group is None:
        return meeting.round.title
    group = _("Group %(number)s") % {"number": meeting.group.number}
    return f"{meeting.round.title} · {group}"


def _description(meeting: Meeting) -> str:
    round_ = meeting.round
    lines = []
    if round_.input_title:
        heading = _("Common input")
        if round_.input_starts:
            heading += " " + _("at %(time)s") % {"time": f"{round_.input_starts:%H.%M}"}
        if round_.input_place:
            heading += f", {round_.input_place}"
        speaker = f" ({round_.input_speaker})" if round_.input_speaker else ""
        lines += [f"{heading}: {round_.input_title}{speaker}", ""]
    if round_.shared_lunch:
        lines += [_("We have lunch together."), ""]
    items = list(round_.agenda_items.select_related("topic"))
    if items:
        lines.append(_("Agenda:"))
    for item in items:
        lines.append(f"{item.number}. {item.title}")
        if item.topic:
            lines.append(f"   {item.topic.title}")
    lines += ["", f"{settings.SITE_URL}{meeting.get_absolute_url()}"]
    return "\n".join(lines)
