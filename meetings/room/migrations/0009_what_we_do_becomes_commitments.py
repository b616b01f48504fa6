"""Each summary's "What will we do with it?" text becomes its first commitment, word for word."""

from django.db import migrations


def texts_to_commitments(apps, schema_editor):
    Summary = apps.get_model("room", "Summary")
    Commitment = apps.get_model("room", "Commitment")
    Commitment.objects.bulk_create(
        Commitment(summary_id=pk, text=text.strip())
        for pk, text in Summary.objects.exclude(what_we_do="").values_list("pk", "what_we_do")
        if text.strip()
    )


def commitments_to_texts(apps, schema_editor):
    Summary = apps.get_model("room", "Summary")
    Commitment = apps.get_model("room", "Commitment")
    texts = {}
    for commitment in Commitment.objects.order_by("position", "pk"):
        texts.setdefault(commitment.summary_id, []).append(commitment.text)
    for pk, parts in texts.items():
        Summary.objects.filter(pk=pk).update(what_we_do="\n\n".join(parts))


class Migration(migrations.Migration):
    dependencies = [("room", "0008_commitment")]

    operations = [migrations.RunPython(texts_to_commitments, commitments_to_texts)]
