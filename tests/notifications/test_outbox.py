"""Who gets what and when: the outbox's rules, with a frozen clock."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.notifications import delivery, kinds
from nyborg_ledelse.notifications.models import Delivery, Message, State
from nyborg_ledelse.notifications.services import (
    messages_retry,
    next_digest_time,
    queue_message,
)
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from nyborg_ledelse.organisation.notifications import REGISTER_CHANGED
from tests.factories import PreferenceFactory

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
KIND = REGISTER_CHANGED.key


def send_one(message: Message, claimer: str) -> str:
    """What became of one message when a task with this id tried to send it."""
    outcome = delivery.send_messages([message.pk], claimer=claimer)
    [what] = [name for name, count in outcome.items() if count]
    return what


def queue(recipient, *, version=1, kind=KIND, **kwargs):
    return queue_message(
        recipient=recipient,
        kind=kind,
        context={"new": ["Ny Leder, Skoleleder"], "leaving": []},
        url="/register/",
        version=version,
        **kwargs,
    )


def test_a_queued_message_is_sent_once_the_change_commits(hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(hr)

    message.refresh_from_db()
    assert message.state == State.SENT
    [email] = mail.outbox
    assert email.to == [hr.email]
    assert email.subject == "Lederregisteret: 1 nye, 0 fratrædende"
    assert "Ny Leder, Skoleleder" in email.body
    assert "http://127.0.0.1:8000/register/" in email.body
    assert email.alternatives[0].mimetype == "text/html"
    assert email.extra_headers["Message-ID"] == message.message_id


def test_a_rolled_back_change_leaves_no_message_and_sends_nothing(hr):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(hr)
        raise RuntimeError("the change failed")

    assert not Message.objects.exists()
    assert mail.outbox == []


def test_the_same_message_queued_twice_is_one_row(hr):
    first = queue(hr)
    second = queue(hr)

    assert first.pk == second.pk
    assert Message.objects.count() == 1


def test_a_new_version_of_a_message_is_a_new_row(hr):
    queue(hr, version=1)
    queue(hr, version=2)

    assert Message.objects.count() == 2


def test_the_message_id_is_stable_and_made_from_the_key(hr):
    message = queue(hr)

    assert message.message_id == Message.objects.get().message_id
    assert message.message_id.startswith("<") and message.message_id.endswith(
        "@ledelsesrum.localhost>"
    )


def test_a_user_who_chose_none_gets_nothing(hr):
    PreferenceFactory(user=hr, kind=KIND, delivery=Delivery.NONE)

    assert queue(hr) is None
    assert not Message.objects.exists()


def a_kind(monkeypatch, key: str, **options) -> kinds.MessageKind:
    """A kind of message for one test, gone from the registry afterwards."""
    options.setdefault("private", False)
    kind = kinds.MessageKind(key=key, label="Test", template=REGISTER_CHANGED.template, **options)
    monkeypatch.setitem(kinds._registry, key, kind)
    return kind


def test_a_kind_that_is_always_sent_ignores_the_preference(hr, monkeypatch):
    always = a_kind(monkeypatch, "test_invitation", always_sent=True)
    PreferenceFactory(user=hr, kind=always.key, delivery=Delivery.NONE)

    assert queue(hr, kind=always.key).delivery == Delivery.IMMEDIATE


@pytest.mark.parametrize(
    ("queued_local", "expected_local"),
    [
        # An ordinary Wednesday: the coming Monday at 07:00.
        (datetime.datetime(2026, 11, 25, 14, 0), datetime.datetime(2026, 11, 30, 7, 0)),
        # Monday before seven: the same morning; after seven: a week later.
        (datetime.datetime(2026, 11, 30, 6, 59), datetime.datetime(2026, 11, 30, 7, 0)),
        (datetime.datetime(2026, 11, 30, 7, 1), datetime.datetime(2026, 12, 7, 7, 0)),
        # Across the spring change (29 March 2026) and the autumn change (25 October 2026).
        (datetime.datetime(2026, 3, 27, 12, 0), datetime.datetime(2026, 3, 30, 7, 0)),
        (datetime.datetime(2026, 10, 24, 12, 0), datetime.datetime(2026, 10, 26, 7, 0)),
    ],
)
def test_the_weekly_digest_is_due_monday_at_seven_copenhagen_time(queued_local, expected_local):
    due = next_digest_time(queued_local.replace(tzinfo=CPH))

    assert due.astimezone(CPH).replace(tzinfo=None) == expected_local
    assert due.astimezone(CPH).utcoffset() == expected_local.replace(tzinfo=CPH).utcoffset()


def test_the_digest_collects_the_weeks_messages_into_one_email(hr, chef):
    PreferenceFactory(user=hr, kind=KIND, delivery=Delivery.DIGEST)
    with time_machine.travel(datetime.datetime(2026, 10, 21, 9, 0, tzinfo=CPH), tick=False):
        queue(hr, version=1)
        queue(hr, version=2)
        queue(chef, version=1)  # the chef kept immediate delivery
        dispatch_due_messages()
    assert [email.to for email in mail.outbox] == [[chef.email]]

    # Monday 26 October 2026, 07:00 CET (06:00 UTC, after the change back from summer time).
    with time_machine.travel(
        datetime.datetime(2026, 10, 26, 6, 0, tzinfo=datetime.UTC), tick=False
    ):
        dispatch_due_messages()
        dispatch_due_messages()

    digests = [email for email in mail.outbox if email.to == [hr.email]]
    assert len(digests) == 1
    assert digests[0].subject == "Ledelsesrum i denne uge: 2 beskeder"
    assert set(Message.objects.filter(recipient=hr).values_list("state", flat=True)) == {State.SENT}


def test_nothing_due_later_is_sent_early(hr):
    later = timezone.now() + datetime.timedelta(days=7)
    queue(hr, due_at=later)

    dispatch_due_messages()

    assert mail.outbox == []
    with time_machine.travel(later + datetime.timedelta(seconds=1), tick=False):
        dispatch_due_messages()
    assert len(mail.outbox) == 1


def test_a_reminder_that_no_longer_applies_is_cancelled_not_sent(hr, monkeypatch):
    stale = a_kind(monkeypatch, "test_stale_reminder", still_applies=lambda message: False)
    message = queue(hr, kind=stale.key)

    dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.CANCELLED
    assert mail.outbox == []


def test_a_claim_belongs_to_one_task(hr):
    message = queue(hr)
    delivery._claim(Message.objects.filter(pk=message.pk), "task-a")

    assert send_one(message, "task-b") == "not mine"
    assert mail.outbox == []
    # The same task, redelivered after its worker died, takes its claim back and sends.
    assert send_one(message, "task-a") == "sent"
    assert len(mail.outbox) == 1
    assert send_one(message, "task-a") == "not mine"
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_dead_worker_is_released_after_the_lease(hr, settings):
    message = queue(hr)
    delivery._claim(Message.objects.filter(pk=message.pk), "dead-task")
    lease = settings.NOTIFICATIONS["CLAIM_LEASE_SECONDS"]

    delivery.sweep(timezone.now() + datetime.timedelta(seconds=lease + 1))
    assert send_one(message, "new-task") == "sent"

    message.refresh_from_db()
    assert message.state == State.SENT
    assert len(mail.outbox) == 1


def test_a_message_stuck_at_the_mail_server_is_shown_as_uncertain_not_resent(hr, settings):
    message = queue(hr)
    delivery._claim(Message.objects.filter(pk=message.pk), "dead-task")
    Message.objects.filter(pk=message.pk).update(state=State.SENDING)
    lease = settings.NOTIFICATIONS["CLAIM_LEASE_SECONDS"]

    later = timezone.now() + datetime.timedelta(seconds=lease + 1)
    delivery.sweep(later)
    with time_machine.travel(later, tick=False):
        dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.UNCERTAIN
    assert "Arbejderen stoppede" in message.last_error
    assert mail.outbox == []


def test_an_smtp_failure_is_retried_with_back_off_and_then_delivered(hr, smtp_sink):
    smtp_sink.refuse_next = 1
    message = queue(hr)

    dispatch_due_messages()
    message.refresh_from_db()
    assert message.state == State.PENDING
    assert "451" in message.last_error
    assert message.due_at > timezone.now() + datetime.timedelta(seconds=50)

    with time_machine.travel(message.due_at + datetime.timedelta(seconds=1), tick=False):
        dispatch_due_messages()
    message.refresh_from_db()
    assert message.state == State.SENT
    assert smtp_sink.message_ids() == [message.message_id]


def test_after_the_last_try_the_message_is_failed_and_can_be_retried(hr, smtp_sink, settings):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "MAX_ATTEMPTS": 3}
    smtp_sink.refuse_next = 3
    message = queue(hr)

    for _ in range(3):
        message.refresh_from_db()
        with time_machine.travel(message.due_at + datetime.timedelta(seconds=1), tick=False):
            dispatch_due_messages()

    message.refresh_from_db()
    assert (message.state, message.attempts, smtp_sink.refusals) == (State.FAILED, 3, 3)
    assert smtp_sink.received == []

    assert messages_retry(messages=Message.objects.filter(pk=message.pk)) == 1
    dispatch_due_messages()
    message.refresh_from_db()
    assert message.state == State.SENT
    assert len(smtp_sink.received) == 1


def test_a_register_import_that_adds_or_removes_leaders_tells_hr(hr, department):
    from nyborg_ledelse.organisation.services import register_apply
    from tests.organisation.test_register_import import CHEF, csv_file

    register_apply(content=csv_file(CHEF), filename="register.csv")
    register_apply(content=csv_file(CHEF), filename="register.csv")

    [message] = Message.objects.filter(kind=KIND)
    assert message.recipient == hr
    assert "Jens Toft, Skolechef" in message.body_text


def test_a_stale_reminder_waiting_for_the_digest_is_left_out_of_it(hr, monkeypatch):
    stale = a_kind(monkeypatch, "test_stale_digest", still_applies=lambda message: False)
    PreferenceFactory(user=hr, kind=stale.key, delivery=Delivery.DIGEST)
    message = queue(hr, kind=stale.key)

    with time_machine.travel(message.due_at + datetime.timedelta(seconds=1), tick=False):
        dispatch_due_messages()

    message.refresh_from_db()
    assert message.state == State.CANCELLED
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("queued_local", "expected_local"),
    [
        # After seven: the next morning; before seven: the same morning.
        (datetime.datetime(2026, 11, 25, 14, 0), datetime.datetime(2026, 11, 26, 7, 0)),
        (datetime.datetime(2026, 11, 25, 6, 30), datetime.datetime(2026, 11, 25, 7, 0)),
        # The night of the autumn change (25 October 2026) still gives 07:00 local time.
        (datetime.datetime(2026, 10, 24, 22, 0), datetime.datetime(2026, 10, 25, 7, 0)),
    ],
)
def test_a_daily_digest_is_due_the_next_morning_at_seven(queued_local, expected_local):
    due = next_digest_time(queued_local.replace(tzinfo=CPH), daily=True)

    assert due.astimezone(CPH).replace(tzinfo=None) == expected_local
