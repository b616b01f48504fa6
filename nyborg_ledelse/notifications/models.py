"""The outbox: every message is a row here before it is sent, and stays as the record."""

import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by e-mail")
    DIGEST = "digest", _("In a weekly digest (Monday morning)")
    NONE = "none", _("Not at all")


class State(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Being prepared")
    SENDING = "sending", _("Being handed to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    UNCERTAIN = "uncertain", _("Uncertain")


# Why a waiting message was cancelled: the services store a short code in last_error, the
# outbox shows it in words (old rows too).
CANCEL_REASONS = {
    "published": _("No longer needed: it was published"),
    "released": _("No longer needed: the feedback was released"),
    "moved": _("The meeting was moved; a new message replaces it"),
    "cancelled": _("The meeting was cancelled"),
    "no longer in the group": _("The recipient is no longer in the group"),
    "handed over": _("The recipient handed the meeting over to the co-host"),
    "item changed": _("The item changed; a new reminder replaces it"),
}


class MessageQuerySet(models.QuerySet):
    def by_send_time(self) -> "MessageQuerySet":
        """Latest first by when the message went out, or goes out: sent time, else due time."""
        return self.annotate(goes_out_at=Coalesce("sent_at", "due_at")).order_by(
            "-goes_out_at", "-pk"
        )

    def due(self, now: datetime.datetime | None = None) -> "MessageQuerySet":
        return self.filter(state=State.PENDING, due_at__lte=now or timezone.now())

    def for_recipient(self, user) -> "MessageQuerySet":
        return self.filter(recipient=user)

    def public(self) -> "MessageQuerySet":
        """Messages whose recipient, subject and link administrators may see."""
        from . import kinds

        return self.filter(kind__in=kinds.public_keys())

    def private(self) -> "MessageQuerySet":
        from . import kinds

        return self.exclude(kind__in=kinds.public_keys())


class Message(models.Model):
    # Empty only for an account e-mail to an address nobody in the register has.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="messages",
        null=True,
        blank=True,
    )
    to_email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=80)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    # kind + object + recipient + version: the database refuses a second row for the same message.
    idempotency_key = models.CharField(_("key"), max_length=255, unique=True)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_by = models.CharField(max_length=255, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Rendered when queued, in the recipient's language, so the record shows what was sent.
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # The text and attachments are removed RETENTION["MESSAGE_CONTENT_DAYS"] after sending.
    content_removed_at = models.DateTimeField(_("content removed"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The beat task's sweep: what is due, oldest first.
            models.Index(fields=["state", "due_at"], name="message_due_idx"),
            # "Mine beskeder": a user's own messages, newest first.
            models.Index(fields=["recipient", "-created_at"], name="message_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(attempts__lte=100), name="message_attempts_bounded"),
        ]

    def __str__(self) -> str:
        # Shown in the Django admin's titles and lists: a private message names nobody.
        if self.is_private:
            return f"{self.kind_group} ({self.state})"
        return f"{self.kind} → {self.to_email} ({self.state})"

    @property
    def is_private(self) -> bool:
        from . import kinds

        return kinds.is_private(self.kind)

    @property
    def kind_group(self) -> str:
        """The kind as administrators may see it: a private kind only by its group."""
        from . import kinds

        try:
            kind = kinds.get(self.kind)
        except KeyError:
            return _("Other")
        return str(kind.group if kind.private else kind.label)

    @property
    def goes_out(self) -> datetime.datetime:
        return self.sent_at or self.due_at

    @property
    def error_for_administrators(self) -> str:
        if self.last_error in CANCEL_REASONS:
            return str(CANCEL_REASONS[self.last_error])
        # A mail server's refusal often quotes the address ("550 <x@y>: unknown user").
        if self.is_private and self.to_email:
            return re.sub(re.escape(self.to_email), "…", self.last_error, flags=re.IGNORECASE)
        return self.last_error

    @property
    def message_id(self) -> str:
        """A stable Message-ID, so a mail server or client can recognise a repeat."""
        digest = hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:32]
        return f"<{digest}@{settings.MESSAGE_ID_DOMAIN}>"


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("message preference")
        verbose_name_plural = _("message preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} = {self.delivery}"
