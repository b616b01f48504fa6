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
def send_messages(self, message_ids: list[int]) -> dict[str, int]:
    return dict(delivery.send_messages(message_ids, claimer=_claimer(self)))


def hand_to_workers(message_ids: list[int]) -> None:
    """One task per batch: a worker claims, sends and records a batch in few round trips."""
    batch = settings.NOTIFICATIONS["TASK_BATCH"]
    for start in range(0, len(message_ids), batch):
        send_messages.delay(message_ids[start : start + batch])


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
    hand_to_workers(ids)
    recipients = list(
        due.filter(delivery=Delivery.DIGEST)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for recipient_id in recipients:
        send_digest.delay(recipient_id)
    return {**figures, "messages": len(ids), "digests": len(recipients)}
