"""Queueing messages: the one service every app calls. Sending lives in delivery.py."""

import contextlib
import contextvars
import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import kinds
from .models import Delivery, Message, Preference, State

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
ACCOUNT_EMAIL = kinds.ACCOUNT.key
DIGEST_WEEKDAY = 0  # Monday
DIGEST_HOUR = 7


def next_digest_time(after: datetime.datetime, *, daily: bool = False) -> datetime.datetime:
    """Monday 07:00 Copenhagen time (every day's for a daily digest), on or after `after`,
    whatever the daylight-saving offset."""
    local = after.astimezone(COPENHAGEN)
    days = 0 if daily else (DIGEST_WEEKDAY - local.weekday()) % 7
    candidate = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=days), datetime.time(DIGEST_HOUR), COPENHAGEN
    )
    if candidate < local:
        # Arithmetic on an aware datetime keeps the wall time: still 07:00 after a DST change.
        candidate += datetime.timedelta(days=1 if daily else 7)
    return candidate


def delivery_for(user, kind: kinds.MessageKind) -> str:
    if kind.always_sent:
        return Delivery.IMMEDIATE
    preference = Preference.objects.filter(user=user, kind=kind.key).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def message_key(kind: str, about: models.Model | None, recipient, version: str | int) -> str:
    about_part = f"{about._meta.label_lower}:{about.pk}" if about is not None else "-"
    return f"{kind}:{about_part}:{recipient.pk}:{version}"


def message_version(message: Message) -> str:
    """The version a message was queued with (the last part of its key, see message_key)."""
    return message.idempotency_key.rsplit(":", 1)[-1]


def queue_message(
    *,
    recipient,
    kind: str,
    about: models.Model | None = None,
    context: dict | None = None,
    url: str = "",
    version: str | int = 1,
    due_at: datetime.datetime | None = None,
    attachments: list[dict] | None = None,
) -> Message | None:
    """Write the message in the caller's transaction; it is sent only if that commits.

    Queueing the same message twice (same kind, object, recipient and version) returns the first
    row. Returns None when the recipient has chosen not to get this kind.
    """
    message_kind = kinds.get(kind)
    delivery = delivery_for(recipient, message_kind)
    if delivery == Delivery.NONE:
        return None
    due = due_at or timezone.now()
    if delivery == Delivery.DIGEST:
        due = next_digest_time(due, daily=message_kind.daily_digest)
    subject, text, html = render_message(message_kind, recipient, {**(context or {}), "url": url})
    return _queue(
        key=message_key(kind, about, recipient, version),
        due=due,
        delivery=delivery,
        fields={
            "recipient": recipient,
            "to_email": recipient.email,
            "kind": kind,
            "about_type": ContentType.objects.get_for_model(about) if about is not None else None,
            "about_id": about.pk if about is not None else None,
            "subject": subject,
            "body_text": text,
            "body_html": html,
            "url": url,
            "attachments": attachments or [],
        },
    )


def queue_account_email(*, to_email: str, recipient, subject: str, text: str, html: str) -> Message:
    """allauth's own e-mails (password reset), rendered by allauth, sent through the outbox."""
    return _queue(
        key=f"{ACCOUNT_EMAIL}:{to_email}:{uuid.uuid4()}",
        due=timezone.now(),
        delivery=Delivery.IMMEDIATE,
        fields={
            "recipient": recipient,
            "to_email": to_email,
            "kind": ACCOUNT_EMAIL,
            "subject": subject,
            "body_text": text,
            "body_html": html,
        },
    )


_sending_together: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "sending_together", default=None
)


@contextlib.contextmanager
def sending_together():
    """Messages queued inside go to the workers in batches when the transaction commits.

    For services that queue many at once (publishing a round); one by one is the default.
    """
    collected: list[int] = []
    token = _sending_together.set(collected)
    try:
        yield
    finally:
        _sending_together.reset(token)
    if collected:
        _hand_to_workers_on_commit(collected)


_held: contextvars.ContextVar[bool] = contextvars.ContextVar("held", default=False)


@contextlib.contextmanager
def held_for_the_sweep():
    """Messages queued inside wait in the outbox for the next sweep (beat or send_due_messages).

    The demo uses it so building it does not print a round's invitations to the console.
    """
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def _hand_to_workers_on_commit(message_ids: list[int]) -> None:
    if _held.get():
        return
    transaction.on_commit(lambda: _hand_to_workers(message_ids))


def _hand_to_workers(message_ids: list[int]) -> None:
    from .tasks import hand_to_workers

    hand_to_workers(message_ids)


def _queue(*, key: str, due: datetime.datetime, delivery: str, fields: dict) -> Message:
    message, created = Message.objects.get_or_create(
        idempotency_key=key, defaults={**fields, "delivery": delivery, "due_at": due}
    )
    if created and delivery == Delivery.IMMEDIATE and due <= timezone.now():
        # Straight to a worker (inline without a broker); the beat sweep is the safety net.
        collected = _sending_together.get()
        if collected is not None:
            collected.append(message.pk)
        else:
            _hand_to_workers_on_commit([message.pk])
    return message


def render_message(kind: kinds.MessageKind, recipient, context: dict) -> tuple[str, str, str]:
    context = {
        "recipient": recipient,
        "site_url": settings.SITE_URL,
        "municipality_name": settings.MUNICIPALITY_NAME,
        **context,
    }
    with translation.override(recipient_language(recipient)):
        subject = render_to_string(f"{kind.template}-subject.txt", context)
        text = render_to_string(f"{kind.template}.txt", context)
        html = render_to_string(f"{kind.template}.html", context)
    return " ".join(subject.split()), text, html


def recipient_language(recipient) -> str:
    return getattr(recipient, "language", "") or settings.LANGUAGE_CODE


def cancel_messages(
    *, kind: str, about: models.Model, reason: str = "", also_failed: bool = False
) -> int:
    """Cancel what is still waiting about an object (a moved meeting, a published summary).

    `also_failed` cancels failed ones too, so an administrator's retry cannot send them later.
    """
    states = [State.PENDING, State.FAILED] if also_failed else [State.PENDING]
    return Message.objects.filter(
        kind=kind,
        about_type=ContentType.objects.get_for_model(about),
        about_id=about.pk,
        state__in=states,
    ).update(state=State.CANCELLED, last_error=reason)


RETRYABLE = [State.FAILED, State.UNCERTAIN]


@transaction.atomic
def messages_retry(*, messages: models.QuerySet) -> int:
    """Put failed or uncertain messages back in line (an administrator's decision)."""
    from .tasks import dispatch_due_messages

    count = messages.filter(state__in=RETRYABLE).update(
        state=State.PENDING, due_at=timezone.now(), attempts=0, claimed_by="", last_error=""
    )
    if count:
        transaction.on_commit(dispatch_due_messages.delay)
    return count


@transaction.atomic
def preferences_save(*, user, choices: dict[str, str]) -> None:
    for kind_key, delivery in choices.items():
        if not delivery:
            continue
        Preference.objects.update_or_create(
            user=user, kind=kind_key, defaults={"delivery": delivery}
        )


FINISHED = [State.SENT, State.CANCELLED, State.FAILED, State.UNCERTAIN]


@transaction.atomic
def message_contents_purge(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step: a message's text and attachments are removed
    RETENTION["MESSAGE_CONTENT_DAYS"] after it was sent (or written, if it never was). The row
    stays as the record of what was sent to whom and when."""
    from nyborg_ledelse.organisation.retention import removed_before

    due = removed_before(
        today - datetime.timedelta(days=settings.RETENTION["MESSAGE_CONTENT_DAYS"])
    )
    removed = (
        Message.objects.filter(content_removed_at__isnull=True, state__in=FINISHED)
        .filter(models.Q(sent_at__lt=due) | models.Q(sent_at__isnull=True, created_at__lt=due))
        .update(body_text="", body_html="", attachments=[], content_removed_at=timezone.now())
    )
    return {"message_contents": removed}
