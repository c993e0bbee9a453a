"""Receipt numbers become unique across contests (issue 7, item 22).

The old numbers ("2026-0001") were unique only within a contest. Every existing number is
rewritten in the new form, "<year>-<contest id, 3+ digits>-<sequence>", keeping its year and
sequence, e.g. contest 7's "2026-0001" becomes "2026-007-0001". A number in any other form is
kept; should two entries still share one, every one after the first (by entry id) gets "-<entry
id>" appended. Then the database holds every non-empty number unique.
"""

import re
from collections import Counter

from django.db import migrations, models

OLD_FORM = re.compile(r"^(\d{4})-(\d+)$")


def renumber(apps, schema_editor):
    Entry = apps.get_model("submissions", "Entry")
    entries = list(
        Entry.objects.exclude(receipt_number__isnull=True)
        .exclude(receipt_number="")
        .order_by("id")
        .only("id", "contest_id", "receipt_number")
    )
    for entry in entries:
        match = OLD_FORM.match(entry.receipt_number)
        if match:
            year, sequence = match.groups()
            entry.receipt_number = f"{year}-{entry.contest_id:03d}-{sequence}"
    counts = Counter(entry.receipt_number for entry in entries)
    seen = set()
    for entry in entries:
        number = entry.receipt_number
        if counts[number] > 1 and number in seen:
            entry.receipt_number = f"{number}-{entry.id}"
        seen.add(number)
    Entry.objects.bulk_update(entries, ["receipt_number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0003_agency_invitation"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="entry",
            name="unique_receipt_number_per_contest",
        ),
        migrations.AlterField(
            model_name="entry",
            name="receipt_number",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=40,
                null=True,
                verbose_name="receipt number",
            ),
        ),
        migrations.RunPython(renumber, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("receipt_number__isnull", False))
                & ~models.Q(("receipt_number", "")),
                fields=("receipt_number",),
                name="unique_receipt_number",
            ),
        ),
    ]
