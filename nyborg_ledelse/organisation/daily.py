"""The daily round: one place that applies, each morning, everything that dates decide.

Each step is an app's own service, named here so there is one obvious list of what runs daily.
Every step is idempotent: running the round twice, or after a missed day, does no harm.
"""

import datetime
import logging
import time

from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

STEPS = [
    # Seats follow the register's dates: leavers, loss of responsibility, successors. First, so
    # the follow-ups below go to the groups as they are today.
    "groups.services.groups_daily",
    # Appointments of hosts and co-hosts that start or end today.
    "groups.hosting.hosting_daily",
    # After a meeting: the host's reminders, the members' evaluation nudges, the concept survey.
    "meetings.room.services.room_daily",
    # A round's report whose feedback deadline has passed is complete: the chef group is told.
    "meetings.room.services.reports_complete_daily",
    # New leaders entered by hand (not by the register import) get their introduction programme.
    "coaching.development.services.development_daily",
    # Personal data with an end (the retention rules, nyborg_ledelse/organisation/retention.py).
    "nyborg_ledelse.organisation.services.register_files_purge",
    "nyborg_ledelse.notifications.services.message_contents_purge",
    "meetings.room.services.room_records_purge",
    "coaching.services.retention.support_records_anonymise",
    # Last: a leaver's personal details, with their own leader development records.
    "nyborg_ledelse.organisation.erasure.leavers_anonymise",
]


def daily_round(*, today: datetime.date | None = None) -> dict[str, dict]:
    today = today or timezone.localdate()
    results = {}
    for path in STEPS:
        started = time.monotonic()
        counts = import_string(path)(today=today)
        results[path] = counts
        logger.info(
            "daily round %s on %s: %s (%.2f s)", path, today, counts, time.monotonic() - started
        )
    return results
