"""The demo municipality, built once per test session and restored in a fraction of the time.

`load_demo` composes groups, plans rounds and renders hundreds of messages; tests that only read
the demo restore a snapshot of its rows instead (inside the test's transaction, or committed for
browser tests, whose live server reads through its own connection).
"""

import copy
import io
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

# Rows that Django makes for itself at migrate (and again after a flush), not the demo's.
NOT_DEMO_DATA = {"contenttypes", "sessions", "admin"}


def _demo_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_DEMO_DATA
        and model._meta.label != "auth.Permission"
        and not model._meta.proxy
    ]


def _content_type_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is ContentType
    ]


@dataclass
class DemoSnapshot:
    rows: list[tuple[type[models.Model], list[models.Model]]]
    content_types: dict[int, tuple[str, str]]  # id at snapshot time → natural key
    output: str  # what load_demo printed (the logins)

    @classmethod
    def take(cls) -> "DemoSnapshot":
        # Passwords are hashed with the session's fast hasher (tests/conftest.py).
        with transaction.atomic():
            printed = io.StringIO()
            call_command("load_demo", stdout=printed)
            rows = [(model, list(model._base_manager.order_by("pk"))) for model in _demo_models()]
            content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
            transaction.set_rollback(True)
        return cls(
            [(model, objs) for model, objs in rows if objs], content_types, printed.getvalue()
        )

    def restore(self) -> str:
        """The demo's rows back in the database, in one transaction; returns load_demo's output."""
        ContentType.objects.clear_cache()
        now = {
            key: ContentType.objects.get_by_natural_key(*key).pk
            for key in self.content_types.values()
        }
        with transaction.atomic():
            for model, objects in self.rows:
                fields = _content_type_fields(model)
                copies = [copy.copy(obj) for obj in objects]
                for obj in copies:
                    for field in fields:
                        if getattr(obj, field) is not None:
                            setattr(obj, field, now[self.content_types[getattr(obj, field)]])
                model._base_manager.bulk_create(copies, batch_size=500)
            # Rows came with their ids: PostgreSQL's sequences must move past them.
            sql = connection.ops.sequence_reset_sql(no_style(), [m for m, _objs in self.rows])
            if sql:
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
        return self.output
