"""The daily round on a large municipality: seconds and database queries.

    python benchmarks/daily_round.py --leaders 1300 --history-years 6

Builds a synthetic municipality in a throwaway database (PostgreSQL when DATABASE_URL points
there, else SQLite): groups of 11 with their hosts, a published round in two weeks with every
invitation sent, years of message history, meetings with summaries and evaluations, coaching
bookings and access-log rows. Then a busy morning: leaders leave, lose responsibility and are
succeeded, and every retention rule has rows falling due. Runs the daily round on that morning,
then again (the quiet day after, when nothing is due), and prints one JSON line per run.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nyborg_ledelse.settings")


def build(args, today: datetime.date) -> dict:
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from coaching.models import Booking, Coach
    from groups.models import Group, Membership, Reason
    from meetings.models import Meeting, Round
    from meetings.room.models import AccessLog, EvaluationAnswer, Feedback, Summary
    from nyborg_ledelse.notifications.models import Message, State
    from nyborg_ledelse.organisation.models import Department, Leader, RegisterImport, Role

    departments = [Department.objects.create(name=f"Område {k}") for k in range(8)]
    hosts_n = max(1, args.leaders // 11)
    Leader.objects.bulk_create(
        Leader(
            email=f"chef{i}@bench.test",
            first_name=f"Chef{i}",
            last_name="Vært",
            role=Role.CHEF,
            department=departments[i % 8],
            level=2,
        )
        for i in range(hosts_n)
    )
    hosts = list(Leader.objects.filter(role=Role.CHEF).order_by("pk"))
    Leader.objects.bulk_create(
        Leader(
            email=f"leder{i}@bench.test",
            first_name=f"Leder{i}",
            last_name="Efternavn",
            department=departments[i % 8],
            level=3 + i % 3,
            reports_to=hosts[i % hosts_n],
            has_budget_responsibility=True,
            has_staff_responsibility=True,
            start_date=datetime.date(2015, 1, 1),
            from_register=True,
        )
        for i in range(args.leaders)
    )
    leaders = list(Leader.objects.filter(role=Role.LEADER).order_by("pk"))
    groups = Group.objects.bulk_create(
        Group(number=k + 1, host=host) for k, host in enumerate(hosts)
    )
    Membership.objects.bulk_create(
        Membership(
            group=groups[(i + 1) % hosts_n],
            leader=leader,
            joined_on=datetime.date(2020, 1, 1),
            joined_reason=Reason.COMPOSED,
        )
        for i, leader in enumerate(leaders)
    )
    zone = timezone.get_current_timezone()
    week = today + datetime.timedelta(days=14 - today.weekday())
    coming = Round.objects.create(
        title="Kommende runde",
        week_start=week,
        days=[(week + datetime.timedelta(days=d)).isoformat() for d in (1, 2, 3)],
        starts=datetime.time(12, 30),
        ends=datetime.time(15, 30),
        published_at=timezone.now(),
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(round=coming, group=g, host=g.host, day=week + datetime.timedelta(days=1 + k % 3))
        for k, g in enumerate(groups)
    )
    meeting_type = ContentType.objects.get_for_model(Meeting)
    by_group = {m.group_id: m for m in meetings}
    seat = {m.leader_id: m.group_id for m in Membership.objects.all()}
    sent = datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(9), zone)
    ics = {
        "filename": "invitation.ics",
        "content": "BEGIN:VCALENDAR\r\n" + "X" * 2000,
        "mimetype": "text/calendar; method=REQUEST",
    }
    rows = [
        Message(
            recipient=leader,
            to_email=leader.email,
            kind="meeting_invitation",
            about_type=meeting_type,
            about_id=by_group[seat[leader.pk]].pk,
            idempotency_key=f"meeting_invitation:meetings.meeting:{by_group[seat[leader.pk]].pk}:{leader.pk}:0",
            state=State.SENT,
            sent_at=sent,
            created_at=sent,
            subject="Invitation",
            body_text="Kære leder " * 40,
            attachments=[ics],
        )
        for leader in leaders
    ]
    # Years of history: a message a week per leader, the oldest 90+ days falling due today.
    for weeks in range(1, args.history_weeks + 1):
        when = sent - datetime.timedelta(weeks=weeks) - datetime.timedelta(days=76)
        rows += [
            Message(
                recipient=leader,
                to_email=leader.email,
                kind="meeting_reminder",
                idempotency_key=f"bench:{weeks}:{leader.pk}",
                state=State.SENT,
                sent_at=when,
                created_at=when,
                subject="Påmindelse",
                body_text="Husk mødet " * 40,
            )
            for leader in leaders
        ]
    Message.objects.bulk_create(rows, batch_size=2000)

    # A busy morning: leavers, loss of responsibility, successors starting today.
    yesterday = today - datetime.timedelta(days=1)
    leaving = leaders[: args.changes]
    Leader.objects.filter(pk__in=[p.pk for p in leaving]).update(end_date=yesterday)
    Leader.objects.filter(pk__in=[p.pk for p in leaders[args.changes : 2 * args.changes]]).update(
        has_staff_responsibility=False
    )
    Leader.objects.bulk_create(
        Leader(
            email=f"ny{i}@bench.test",
            first_name=f"Ny{i}",
            last_name="Leder",
            department=departments[0],
            level=4,
            reports_to=hosts[0],
            predecessor=p,
            has_budget_responsibility=True,
            has_staff_responsibility=True,
            start_date=today,
        )
        for i, p in enumerate(leaving)
    )
    # Leavers whose 12 months are up.
    Leader.objects.filter(pk__in=[p.pk for p in leaders[-args.changes :]]).update(
        end_date=today - datetime.timedelta(days=366)
    )
    Membership.objects.filter(leader__in=leaders[-args.changes :]).update(
        left_on=today - datetime.timedelta(days=366), left_reason=Reason.LEFT
    )

    # Old meetings with records, one round a term for the history years.
    old_rounds = []
    for years in range(1, args.history_years + 1):
        day = today.replace(year=today.year - years)
        old_rounds.append(
            Round.objects.create(
                title=f"Runde {day.year}",
                week_start=day - datetime.timedelta(days=day.weekday()),
                days=[day.isoformat()],
                starts=datetime.time(9),
                ends=datetime.time(12),
                published_at=timezone.now(),
            )
        )
    old_meetings = Meeting.objects.bulk_create(
        Meeting(round=r, group=g, host=g.host, day=datetime.date.fromisoformat(r.days[0]))
        for r in old_rounds
        for g in groups
    )
    Summary.objects.bulk_create(
        Summary(meeting=m, talked_about="Tekst " * 100, updated_by=m.host) for m in old_meetings
    )
    Feedback.objects.bulk_create(
        Feedback(meeting=m, text="Tekst " * 50, updated_by=m.host) for m in old_meetings
    )
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(meeting=m, good="Godt", rating=4) for m in old_meetings for _ in range(8)
    )
    AccessLog.objects.bulk_create(
        AccessLog(
            who=hosts[k % hosts_n],
            what=AccessLog.What.SUMMARY,
            at=sent - datetime.timedelta(days=k),
        )
        for k in range(0, 365 * args.history_years, 2)
    )
    coach = Coach.objects.create(name="Coach", certification="ICF", hourly_rate=Decimal(1000))
    Booking.objects.bulk_create(
        Booking(
            leader=leader,
            coach=coach,
            hours=Decimal("1.5"),
            day=datetime.date(today.year - 1 - (i % args.history_years), 3, 1),
        )
        for i, leader in enumerate(leaders)
    )
    for k in range(5):
        RegisterImport.objects.create(
            file_name="register.csv",
            content=b"x" * 200_000,
            uploaded_by=hosts[0],
            applied_at=sent - datetime.timedelta(days=27 + k),
        )
    return {
        "leaders": args.leaders,
        "hosts": hosts_n,
        "messages": Message.objects.count(),
        "old_meetings": len(old_meetings),
    }


def warm_up() -> None:
    """A running worker has its URLs, templates and apps loaded; a cold start is not measured."""
    from allauth.account.models import EmailAddress  # noqa: F401
    from allauth.socialaccount.models import SocialAccount  # noqa: F401
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("home")
    for name in (
        "meetings/email/uninvited",
        "meetings/email/invitation",
        "meetings/email/reminder",
        "groups/email/member_left",
        "groups/email/successor",
    ):
        for suffix in ("-subject.txt", ".txt", ".html"):
            get_template(name + suffix)


def measure(today: datetime.date) -> dict:
    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nyborg_ledelse.organisation.daily import daily_round

    moment = datetime.datetime.combine(today, datetime.time(4))  # 05:00 in Copenhagen, UTC+1
    with (
        time_machine.travel(moment.replace(tzinfo=datetime.UTC), tick=True),
        CaptureQueriesContext(connection) as queries,
    ):
        started = time.perf_counter()
        results = daily_round(today=today)
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "queries": len(queries.captured_queries),
        "results": {path.rsplit(".", 1)[-1]: counts for path, counts in results.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=1300)
    parser.add_argument("--changes", type=int, default=10, help="leavers, losses, successors")
    parser.add_argument("--history-years", type=int, default=6)
    parser.add_argument("--history-weeks", type=int, default=10)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    if not os.environ.get("BENCH_LOG"):
        logging.getLogger("nyborg_ledelse").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    # Messages are queued, not handed to a worker: the round is measured, not the mail server.
    from nyborg_ledelse.notifications import services

    services._hand_to_workers = lambda ids: None
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        today = datetime.date(2027, 3, 10)
        figures = build(args, today)
        figures["database"] = connection.vendor
        warm_up()
        busy = measure(today)
        quiet = measure(today + datetime.timedelta(days=1))
    finally:
        teardown_databases(old_config, verbosity=0)
    print(json.dumps({**figures, "run": "busy morning", **busy}))
    print(json.dumps({**figures, "run": "the day after", **quiet}))


if __name__ == "__main__":
    main()
