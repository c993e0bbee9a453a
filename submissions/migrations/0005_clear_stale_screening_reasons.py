"""A screening reason is kept only with 부적격 (ineligible): clear the reasons left on entries
screened eligible again before that rule (they were shown as "적격 <old reason>")."""

from django.db import migrations


def clear(apps, schema_editor):
    Entry = apps.get_model("submissions", "Entry")
    Entry.objects.exclude(eligibility="ineligible").exclude(eligibility_reason="").update(
        eligibility_reason=""
    )


class Migration(migrations.Migration):
    dependencies = [("submissions", "0004_receipt_number_unique_everywhere")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
