"""What the register asks of those who keep it: the newest uploaded file, previewed but not
applied."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .frontpage import Kind, Task
from .models import RegisterImport


def tasks(user, today: datetime.date) -> list[Task]:
    if not user.manages_register:
        return []
    # Only the newest upload counts: an older one left unapplied was superseded by it.
    newest = RegisterImport.objects.only(
        "pk", "file_name", "uploaded_at", "applied_at", "content_removed_at"
    ).first()
    if newest is None or newest.applied_at is not None or newest.content_removed_at is not None:
        return []
    keep = datetime.timedelta(days=settings.RETENTION["REGISTER_FILE_DAYS"])
    return [
        Task(
            kind=Kind.ADMINISTRATOR if user.is_administrator else Kind.HR,
            title=_("Apply the uploaded register file %(name)s") % {"name": newest.file_name},
            url=reverse("organisation:register_preview", args=[newest.pk]),
            # After this the file is removed and can no longer be applied.
            deadline=timezone.localdate(newest.uploaded_at) + keep,
        )
    ]
