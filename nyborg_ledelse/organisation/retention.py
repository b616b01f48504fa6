"""How long each kind of personal data is kept, and why: one list the administrators' page shows
and the daily round's purges read, so the page can never say something the purges do not do.

Every period is counted the same way: data dated day E is removed by the first daily round on or
after E + period (kept for the whole period, gone the day it ends).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a local day, for comparing with stored moments."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def removed_before(day: datetime.date) -> datetime.datetime:
    """Moments dated on or before `day` are due: everything before the next midnight."""
    return start_of(day + datetime.timedelta(days=1))


@dataclass(frozen=True)
class Rule:
    key: str
    what: str | Promise
    value: str
    reason: str | Promise
    setting: str


def rules() -> list[Rule]:
    r = settings.RETENTION

    def days(n):
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}

    def years(n):
        return ngettext("%(n)d year", "%(n)d years", n) % {"n": n}

    def months(n):
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}

    return [
        Rule(
            "register_files",
            _("Uploaded register files (payroll export)"),
            _("%(period)s after applying the file") % {"period": days(r["REGISTER_FILE_DAYS"])},
            _(
                "The file is kept so HR can see what was applied if something looks wrong. "
                "The register itself holds what is needed afterwards; the summary of each import "
                "is kept without the file."
            ),
            "RETENTION_REGISTER_FILE_DAYS",
        ),
        Rule(
            "message_contents",
            _("The text and calendar files of sent messages"),
            _("%(period)s after sending") % {"period": days(r["MESSAGE_CONTENT_DAYS"])},
            _(
                "Long enough to answer 'did I get the invitation?'. The record that a message "
                "was sent (recipient, kind, subject, time) is kept without its content."
            ),
            "RETENTION_MESSAGE_CONTENT_DAYS",
        ),
        Rule(
            "access_log",
            _("The log of who read confidential records"),
            years(r["ACCESS_LOG_YEARS"]),
            _(
                "Lets the administrators and the person concerned see who read what, for a "
                "period long enough to look into a complaint."
            ),
            "RETENTION_ACCESS_LOG_YEARS",
        ),
        Rule(
            "meeting_records",
            _("Summaries, feedback, evaluations, survey results and the workshop's exercises"),
            _("%(period)s after the meeting") % {"period": years(r["MEETING_RECORD_YEARS"])},
            _(
                "The groups and the chef group build on earlier rounds, and the concept is "
                "evaluated over several years. Attendance and the groups' history are kept."
            ),
            "RETENTION_MEETING_RECORD_YEARS",
        ),
        Rule(
            "support_records",
            _("Coaching and psychologist bookings, approvals and pool cases"),
            _("%(period)s after the year they belong to, then without names")
            % {"period": years(r["SUPPORT_FINANCIAL_YEARS"])},
            _(
                "The accounting act (bogføringsloven) requires the records behind payments for "
                "5 full financial years. After that the hours and amounts stay for statistics, "
                "without who they were for."
            ),
            "RETENTION_SUPPORT_FINANCIAL_YEARS",
        ),
        Rule(
            "leavers",
            _("A leader who has left: name, e-mail, job title, workplace and settings"),
            _("%(period)s after the end date") % {"period": months(r["LEAVER_MONTHS"])},
            _(
                "Long enough for handing over and for questions about the last months. The "
                "groups' history is kept under 'former leader', so it still adds up."
            ),
            "RETENTION_LEAVER_MONTHS",
        ),
        Rule(
            "development",
            _(
                "A leader's own development records: introduction, personal leadership "
                "foundation, talk preparation, development goals and education agreements' texts"
            ),
            _("%(period)s after the end date") % {"period": months(r["LEAVER_MONTHS"])},
            _(
                "Kept while the leader is employed, because each talk and evaluation builds on "
                "the last. Removed with the leader's other personal details; the dates of talks "
                "and evaluations and the education agreements' kind, ECTS and status stay under "
                "'former leader' for HR's figures."
            ),
            "RETENTION_LEAVER_MONTHS",
        ),
    ]
