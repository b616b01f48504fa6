"""The log of what the administration pages change: who, when, which record and which fields.

Departments, rooms and coaches were kept in the Django admin, which logs every change in its
LogEntry; the product's own pages log into the same table, so a record has one history whichever
of the two changed it, and a superuser sees it in the Django admin's history as well.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation

from .models import Leader


def _field_names(model: type[models.Model], fields: list[str]) -> list[str]:
    # Stored untranslated (the msgid); LogEntry.get_change_message translates for each reader.
    with translation.override(None):
        return [str(model._meta.get_field(name).verbose_name) for name in fields]


def log_added(*, by: Leader, record: models.Model) -> None:
    LogEntry.objects.log_actions(by.pk, [record], ADDITION, [{"added": {}}], single_object=True)


def log_changed(*, by: Leader, record: models.Model, fields: list[str]) -> None:
    """Nothing is logged when nothing changed (a form saved as it was)."""
    if fields:
        message = [{"changed": {"fields": _field_names(type(record), fields)}}]
        LogEntry.objects.log_actions(by.pk, [record], CHANGE, message, single_object=True)


def log_deleted(*, by: Leader, record: models.Model) -> None:
    LogEntry.objects.log_actions(by.pk, [record], DELETION, "", single_object=True)


def changes_of(model: type[models.Model], *, limit: int = 50) -> models.QuerySet:
    """The latest changes to a kind of record, newest first, for the page that keeps them."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    ).select_related("user")[:limit]
