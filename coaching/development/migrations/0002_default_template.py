from django.db import migrations

from coaching.development.defaults import create_defaults


def create(apps, schema_editor):
    create_defaults(apps.get_model("development", "TemplateItem"), apps.get_model("development", "TalkQuestion"))


class Migration(migrations.Migration):
    dependencies = [("development", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
