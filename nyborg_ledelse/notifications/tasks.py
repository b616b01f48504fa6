import uuid

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import delivery
from .models import Delivery, Message


def _claimer(task) -> str:
    # A redelivered task keeps its id, so it may take back the claim its dead worker made.
    return task.request.id or f"inline-{uuid.uuid4()}"


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_message(self, message_id: int) -> str:
    return delivery.send_message(message_id, claimer=_claimer(self))


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_digest(self, recipient_id: int) -> str:
    return delivery.send_digest(recipient_id, claimer=_claimer(self))


@shared_task(ignore_result=True)
def dispatch_due_messages() -> dict[str, int]:
    """Run by Celery beat: hand every due row to a worker. What is due later waits as a row."""
    figures = delivery.sweep()
    now = timezone.now()
    batch = settings.NOTIFICATIONS["DISPATCH_BATCH"]
    due = Message.objects.due(now)
    ids = list(
        due.filter(delivery=Delivery.IMMEDIATE)
        .order_by("due_at")
        .values_list("pk", flat=True)[:batch]
    )
    for message_id in ids:
        send_message.delay(message_id)
    recipients = list(
        due.filter(delivery=Delivery.DIGEST)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for recipient_id in recipients:
        send_digest.delay(recipient_id)
    return {**figures, "messages": len(ids), "digests": len(recipients)}
