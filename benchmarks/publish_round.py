"""Publishing a round: one invitation per leader and host, through the outbox, exactly once.

    python benchmarks/publish_round.py --leaders 5000

Builds a synthetic municipality in a throwaway database (PostgreSQL when DATABASE_URL points
there, else SQLite), queues one message per leader and host in one transaction, and lets real
Celery workers on Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379/14) send them over SMTP
to a server in this process that records every Message-ID it receives. Duplicates and losses are
counted at that receiving end. Prints one JSON line.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUEUE = f"benchmark-{uuid.uuid4().hex}"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.update(
    DJANGO_SETTINGS_MODULE="nyborg_ledelse.settings",
    CELERY_BROKER_URL=REDIS_URL,
    BENCHMARK_QUEUE=QUEUE,
)


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes

        message_id = message_from_bytes(envelope.content)["Message-ID"]
        with self.lock:
            self.message_ids.append(message_id)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=0, help="default: one per 11 leaders")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (prefork)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    hosts = args.hosts or max(1, args.leaders // 11)

    import logging

    from aiosmtpd.controller import Controller

    # aiosmtpd logs every SMTP command; the recorder must not be the bottleneck it measures.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    recorder = Recorder()
    port = free_port()
    smtp = Controller(recorder, hostname="127.0.0.1", port=port)
    smtp.start()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0")

    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.db import connection, transaction
    from django.test.utils import setup_databases, teardown_databases

    import benchmarks.outbox_worker as worker_app
    from nyborg_ledelse.notifications.models import Message
    from nyborg_ledelse.notifications.services import queue_message, sending_together
    from nyborg_ledelse.organisation.models import Department, Leader, Role

    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A throwaway file of its own, not the test suite's.
        django_settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_config = setup_databases(verbosity=0, interactive=False)
    worker = None
    try:
        department = Department.objects.create(name="Børn og Unge")
        Leader.objects.bulk_create(
            Leader(
                email=f"person{i}@bench.test",
                first_name=f"Fornavn{i}",
                last_name="Efternavn",
                department=department,
                role=Role.CHEF if i < hosts else Role.LEADER,
                has_budget_responsibility=True,
                has_staff_responsibility=True,
            )
            for i in range(args.leaders + hosts)
        )
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            database_url = f"sqlite:///{settings['NAME']}"
        else:
            database_url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "benchmarks.outbox_worker",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                str(args.workers),
                "--loglevel",
                "ERROR",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)},
        )
        people = list(Leader.objects.all())

        started = time.perf_counter()
        with transaction.atomic(), sending_together():
            for person in people:
                queue_message(
                    recipient=person,
                    kind=worker_app.BENCHMARK_INVITATION.key,
                    about=department,
                    context={"new": [], "leaving": []},
                    url="/",
                )
        queued = time.perf_counter()
        expected = set(Message.objects.values_list("idempotency_key", flat=True))
        deadline = time.monotonic() + args.timeout
        while len(recorder.message_ids) < len(expected) and time.monotonic() < deadline:
            time.sleep(0.2)
        finished = time.perf_counter()
        time.sleep(2)  # anything sent twice arrives now, not after the count

        received = list(recorder.message_ids)
        expected_ids = {m.message_id for m in Message.objects.only("idempotency_key")}
        figures = {
            "leaders": args.leaders,
            "hosts": hosts,
            "messages": len(expected),
            "database": connection.vendor,
            "queue_seconds": round(queued - started, 1),
            "seconds": round(finished - started, 1),
            "per_second": round(len(set(received)) / (finished - started), 1),
            "duplicates": len(received) - len(set(received)),
            "lost": len(expected_ids - set(received)),
        }
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
        teardown_databases(old_config, verbosity=0)
        smtp.stop()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
