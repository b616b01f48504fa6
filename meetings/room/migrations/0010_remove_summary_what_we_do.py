# The text lives on as commitments (0008); apart from it, so no insert waits on the table change.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("room", "0009_what_we_do_becomes_commitments")]

    operations = [migrations.RemoveField(model_name="summary", name="what_we_do")]
