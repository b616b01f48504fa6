"""What the outbox asks of the administrators: messages that failed or may not have gone out."""

import datetime

from django.urls import reverse
from django.utils.translation import ngettext

from nyborg_ledelse.organisation.frontpage import Kind, Task

from .models import Message
from .services import RETRYABLE


def tasks(user, today: datetime.date) -> list[Task]:
    if not user.is_administrator:
        return []
    # A count over every message, private ones included: it names nobody (as on the outbox).
    stuck = Message.objects.filter(state__in=RETRYABLE).count()
    if not stuck:
        return []
    return [
        Task(
            kind=Kind.ADMINISTRATOR,
            title=ngettext(
                "%(count)d message failed or may not have gone out",
                "%(count)d messages failed or may not have gone out",
                stuck,
            )
            % {"count": stuck},
            url=reverse("notifications:outbox"),
        )
    ]
