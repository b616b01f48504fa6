"""Receipts get random keys: a counting key would give the order people answered in, which the
answers' own random keys are there to hide. Existing receipts get new random keys."""

import uuid

from django.db import migrations, models

TABLES = ["meetings_evaluationreceipt", "meetings_surveyreceipt"]


def _rekey(schema_editor, table: str, value) -> None:
    quoted = schema_editor.quote_name(table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {quoted}")
        for (old,) in cursor.fetchall():
            cursor.execute(f"UPDATE {quoted} SET id = %s WHERE id = %s", [value(), old])


def before(apps, schema_editor):
    # PostgreSQL changes the column's type in place, so the integers become text first and get
    # their random keys before the column turns uuid. SQLite copies the table instead (after).
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        quoted = schema_editor.quote_name(table)
        schema_editor.execute(f"ALTER TABLE {quoted} ALTER COLUMN id DROP IDENTITY IF EXISTS")
        schema_editor.execute(f"ALTER TABLE {quoted} ALTER COLUMN id DROP DEFAULT")
        schema_editor.execute(
            f"ALTER TABLE {quoted} ALTER COLUMN id TYPE varchar(36) USING id::varchar"
        )
        _rekey(schema_editor, table, lambda: str(uuid.uuid4()))
        # The updates queue deferred foreign-key checks, which would stop the next ALTER TABLE.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def after(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    for table in TABLES:
        _rekey(schema_editor, table, lambda: uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [
        ("room", "0003_exercises"),
    ]

    operations = [
        migrations.RunPython(before, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="evaluationreceipt",
            name="id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, primary_key=True, serialize=False
            ),
        ),
        migrations.AlterField(
            model_name="surveyreceipt",
            name="id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, primary_key=True, serialize=False
            ),
        ),
        migrations.RunPython(after, migrations.RunPython.noop),
    ]
