"""Sending one message (or one digest) exactly once.

A row moves PENDING → CLAIMED → SENDING → SENT. Each step is a conditional update whose row
count is checked, so only one worker can own a row. The claim carries the Celery task id: the
same task redelivered after its worker died may take its own claim back; any other task may not.

The one window no database closes: the mail server accepted the message and the worker died
before it wrote SENT. Such a row stays SENDING, the sweep marks it UNCERTAIN, and it is shown to
administrators instead of being sent again; its stable Message-ID lets mail clients drop a repeat
if an administrator does choose to retry it.
"""

import contextlib
import datetime
import hashlib
import logging
import smtplib
from collections import Counter

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import kinds
from .models import Delivery, Message, State
from .services import recipient_language

logger = logging.getLogger(__name__)

SEND_ERRORS = (smtplib.SMTPException, OSError)

# One mail-server connection per worker process, kept open between messages: opening an SMTP
# session per message costs more than the rest of the sending together.
# It is opened anew when the MAILERS setting is no longer the one it was made from.
_mailer = None
_mailer_made_from = None


def _deliver(email: EmailMultiAlternatives) -> None:
    global _mailer, _mailer_made_from
    if _mailer is None or _mailer_made_from != settings.MAILERS:
        _mailer, _mailer_made_from = mail.mailers.default, settings.MAILERS
    try:
        try:
            # Opened here, not inside send_messages, which would close what it opened itself.
            _mailer.open()
            _mailer.send_messages([email])
        except smtplib.SMTPServerDisconnected:
            # The server closed an idle connection before this message began: open a new one.
            _close_mailer()
            _mailer.open()
            _mailer.send_messages([email])
    except SEND_ERRORS:
        _close_mailer()  # the next message starts a fresh session
        raise


def _close_mailer() -> None:
    with contextlib.suppress(*SEND_ERRORS):
        _mailer.close()


def retry_delay(attempts: int) -> datetime.timedelta:
    seconds = settings.NOTIFICATIONS["RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 3600))


def _claim(rows, claimer: str) -> int:
    now = timezone.now()
    return rows.filter(
        Q(state=State.PENDING, due_at__lte=now) | Q(state=State.CLAIMED, claimed_by=claimer)
    ).update(state=State.CLAIMED, claimed_by=claimer, claimed_at=now, attempts=F("attempts") + 1)


def _mine(claimer: str, state: str):
    return Message.objects.filter(claimed_by=claimer, state=state)


def send_messages(message_ids: list[int], *, claimer: str) -> Counter:
    """Send a batch of immediate messages, each at most once; returns what became of them."""
    _claim(Message.objects.filter(pk__in=message_ids, delivery=Delivery.IMMEDIATE), claimer)
    outcome = Counter()
    for message in _mine(claimer, State.CLAIMED).filter(pk__in=message_ids).order_by("pk"):
        outcome[_send_one(message, claimer)] += 1
    outcome["not mine"] = len(message_ids) - sum(outcome.values())
    return outcome


def _still_applies(message: Message, claimer: str) -> bool:
    """A reminder that no longer applies is cancelled when it falls due, never sent stale."""
    check = kinds.get(message.kind).still_applies
    if check is None or check(message):
        return True
    _mine(claimer, State.CLAIMED).filter(pk=message.pk).update(
        state=State.CANCELLED, last_error=_("No longer applied when it fell due.")
    )
    return False


def _send_one(message: Message, claimer: str) -> str:
    if not _still_applies(message, claimer):
        return "cancelled"
    email = build_email(message)
    return _hand_over(email, Message.objects.filter(pk=message.pk), claimer, expected=1)


def send_digest(recipient_id: int, *, claimer: str) -> str:
    rows = Message.objects.filter(recipient_id=recipient_id, delivery=Delivery.DIGEST)
    _claim(rows, claimer)
    messages = [
        message
        for message in _mine(claimer, State.CLAIMED).filter(recipient_id=recipient_id)
        if _still_applies(message, claimer)
    ]
    if not messages:
        return "not mine"
    email = build_digest(messages)
    rows = Message.objects.filter(pk__in=[m.pk for m in messages])
    return _hand_over(email, rows, claimer, expected=len(messages))


def _hand_over(email: EmailMultiAlternatives, rows, claimer: str, *, expected: int) -> str:
    # The point of no return: from here a crash leaves the rows SENDING (later UNCERTAIN).
    if rows.filter(state=State.CLAIMED, claimed_by=claimer).update(state=State.SENDING) != expected:
        return "not mine"
    try:
        _deliver(email)
    except SEND_ERRORS as error:
        _record_failure(rows, claimer, error)
        return "failed"
    rows.filter(claimed_by=claimer, state__in=[State.SENDING, State.UNCERTAIN]).update(
        state=State.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _record_failure(rows, claimer: str, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    for message in rows.filter(claimed_by=claimer, state=State.SENDING):
        if message.attempts >= settings.NOTIFICATIONS["MAX_ATTEMPTS"]:
            update = {"state": State.FAILED}
            # Who it was for and what it said stay in the outbox, for administrators only.
            logger.error(
                "Message %s (%s) failed for good after %s attempts: %s",
                message.pk,
                message.kind,
                message.attempts,
                type(error).__name__,
            )
        else:
            update = {
                "state": State.PENDING,
                "due_at": timezone.now() + retry_delay(message.attempts),
            }
        Message.objects.filter(pk=message.pk, state=State.SENDING).update(
            last_error=text, claimed_by="", **update
        )
    logger.warning(
        "Sending failed (%s); it will be retried or shown as failed.", type(error).__name__
    )


# Every message is sent by the machine: out-of-office and other automatic replies stay away
# (RFC 3834; the second header is Exchange's own).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def build_email(message: Message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"Message-ID": message.message_id, **AUTOMATIC_HEADERS},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        if attachment["mimetype"].startswith("text/calendar"):
            # An invitation is a third form of the message beside text and HTML (what Outlook
            # and Gmail recognise as a meeting request), and a file for clients that do not.
            email.attach_alternative(attachment["content"], attachment["mimetype"])
            email.attach(attachment["filename"], attachment["content"], "application/ics")
        else:
            email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return email


def build_digest(messages: list[Message]) -> EmailMultiAlternatives:
    recipient = messages[0].recipient
    context = {
        "recipient": recipient,
        "messages": messages,
        "daily": all(kinds.is_daily(message.kind) for message in messages),
        "site_url": settings.SITE_URL,
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
    with translation.override(recipient_language(recipient)):
        subject = render_to_string("notifications/email/digest-subject.txt", context)
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    keys = "|".join(sorted(m.idempotency_key for m in messages))
    digest = hashlib.sha256(keys.encode()).hexdigest()[:32]
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[messages[0].to_email],
        headers={
            "Message-ID": f"<digest-{digest}@{settings.MESSAGE_ID_DOMAIN}>",
            **AUTOMATIC_HEADERS,
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Release claims of dead workers and flag rows stuck at the mail server as uncertain."""
    now = now or timezone.now()
    lease = now - datetime.timedelta(seconds=settings.NOTIFICATIONS["CLAIM_LEASE_SECONDS"])
    released = Message.objects.filter(state=State.CLAIMED, claimed_at__lt=lease).update(
        state=State.PENDING, claimed_by=""
    )
    uncertain = Message.objects.filter(state=State.SENDING, claimed_at__lt=lease).update(
        state=State.UNCERTAIN,
        last_error=_("The worker stopped while handing the message to the mail server."),
    )
    return {"released": released, "uncertain": uncertain}
