"""Records stored before the printed wording was kept show what they stored, as the pages drew
it, so none shows an empty date; their period was typed as printed."""

from django.db import migrations

from pairings.dates import format_period

DATED_MODELS = ("Event", "Report", "TrainingProgramme", "Figure")
BATCH = 2000


def fill_printed_dates(apps, schema_editor):
    for name in DATED_MODELS:
        model = apps.get_model("pairings", name)
        dated = model.objects.exclude(date_precision="").filter(date_text="")
        batch = []
        for record in dated.only("date_start", "date_end", "date_precision").iterator(BATCH):
            record.date_text = format_period(
                record.date_start, record.date_end, record.date_precision, "zh-hans"
            )
            record.date_basis = "printed"
            batch.append(record)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["date_text", "date_basis"])
                batch = []
        model.objects.bulk_update(batch, ["date_text", "date_basis"])


class Migration(migrations.Migration):
    dependencies = [("pairings", "0015_printed_dates")]

    operations = [migrations.RunPython(fill_printed_dates, migrations.RunPython.noop)]
