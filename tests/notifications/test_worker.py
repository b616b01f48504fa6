"""The outbox with real Celery workers on the machine's Redis and a real SMTP server."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from kombu import Connection, Exchange, Queue

from nyborg_ledelse.celery import app
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.tasks import send_messages
from nyborg_ledelse.organisation.notifications import REGISTER_CHANGED
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.fixture
def broker(monkeypatch):
    if not REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set (CI sets it to the machine's Redis)")
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    return f"outbox-test-{uuid.uuid4().hex}"


def hand_over(queue: str, messages: list[Message], *, batch: int = 1) -> None:
    """Publish send_messages tasks to Redis, as the queueing transaction or beat would."""
    with Connection(REDIS_URL) as broker_connection:
        # Declared first: Redis drops a message published before any worker bound its queue.
        Queue(queue, Exchange(queue, "direct"), routing_key=queue)(broker_connection).declare()
        for start in range(0, len(messages), batch):
            ids = [message.pk for message in messages[start : start + batch]]
            send_messages.apply_async([ids], queue=queue, connection=broker_connection)


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    return f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def start_worker(broker, smtp_sink, tmp_path):
    processes = []

    def start(*, beat: bool = False, **extra_env: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "nyborg_ledelse.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": REDIS_URL,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_sink.port),
            "EMAIL_USE_TLS": "0",
            "TEST_QUEUE": broker,
            **extra_env,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "tests.notifications.worker_app", "worker",
            "--pool", "prefork", "--concurrency", "2", "--loglevel", "WARNING",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"w{len(processes)}-{uuid.uuid4().hex[:6]}@%h",
        ]  # fmt: skip
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / "beat-schedule")]
        process = subprocess.Popen(command, cwd=ROOT, env=env)
        processes.append(process)
        return process

    start.queue = broker
    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def make_messages(recipient, count: int) -> list[Message]:
    return [
        MessageFactory(
            recipient=recipient,
            to_email=recipient.email,
            kind=REGISTER_CHANGED.key,
            idempotency_key=f"worker-test:{uuid.uuid4().hex}",
            subject=f"Besked {number}",
            body_text="Tekst",
        )
        for number in range(count)
    ]


def wait_until(condition, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the workers")


def all_in(state: str, messages: list[Message]) -> bool:
    pks = [message.pk for message in messages]
    return Message.objects.filter(pk__in=pks, state=state).count() == len(pks)


def test_a_worker_killed_after_claiming_sends_exactly_once_after_redelivery(
    hr, start_worker, smtp_sink, tmp_path
):
    marker = tmp_path / "crashed"
    [message] = make_messages(hr, 1)
    start_worker(CRASH_MARKER=str(marker))

    hand_over(start_worker.queue, [message])
    wait_until(lambda: all_in(State.SENT, [message]))

    assert marker.exists(), "the worker process was not killed"
    message.refresh_from_db()
    assert smtp_sink.message_ids() == [message.message_id]
    assert message.attempts == 2  # claimed by the dead process, claimed again after redelivery


def test_two_workers_racing_over_the_same_rows_send_each_message_once(hr, start_worker, smtp_sink):
    messages = make_messages(hr, 40)
    start_worker()
    start_worker()

    for _ in range(3):  # as if beat and the queueing transaction both handed them over
        for message in messages:
            hand_over(start_worker.queue, [message])
    wait_until(lambda: all_in(State.SENT, messages))
    time.sleep(1)  # let any duplicate task finish before counting

    received = smtp_sink.message_ids()
    assert sorted(received) == sorted(
        m.message_id for m in Message.objects.filter(pk__in=[m.pk for m in messages])
    )
    assert len(received) == len(set(received)) == 40


def test_an_smtp_failure_is_retried_by_beat_and_then_marked_failed(hr, start_worker, smtp_sink):
    smtp_sink.refuse_next = 100
    [message] = make_messages(hr, 1)
    start_worker(
        beat=True,
        NOTIFICATIONS_DISPATCH_SECONDS="1",
        NOTIFICATIONS_RETRY_BASE_SECONDS="1",
        NOTIFICATIONS_MAX_ATTEMPTS="3",
    )

    wait_until(lambda: all_in(State.FAILED, [message]))

    message.refresh_from_db()
    assert message.attempts == 3
    assert smtp_sink.refusals == 3
    assert "451" in message.last_error
    assert smtp_sink.received == []
