# Addresses made in the Django admin kept their capitals and then matched neither the login nor
# Entra ID. Lower-case every address, refusing (rather than merging) two accounts that differ only
# in case, then let the database keep it so.

import django.db.models.functions.text
from django.db import migrations, models


def lower_case_emails(apps, schema_editor):
    Leader = apps.get_model("organisation", "Leader")
    by_lower = {}
    for pk, email in Leader.objects.values_list("pk", "email"):
        by_lower.setdefault(email.strip().lower(), []).append((pk, email))
    clashes = [rows for rows in by_lower.values() if len(rows) > 1]
    if clashes:
        listing = "; ".join(", ".join(f"#{pk} {email}" for pk, email in rows) for rows in clashes)
        raise RuntimeError(
            "These accounts differ only in the case of their e-mail address. Merge or rename "
            f"them in the Django admin before migrating: {listing}"
        )
    for lower, rows in by_lower.items():
        pk, email = rows[0]
        if email != lower:
            Leader.objects.filter(pk=pk).update(email=lower)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='leader',
            constraint=models.CheckConstraint(condition=models.Q(('email', django.db.models.functions.text.Lower('email'))), name='leader_email_lower_case'),
        ),
    ]
