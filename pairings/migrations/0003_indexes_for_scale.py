# Indexes for national-size data (issue 7): see bench/ for the numbers behind them.

from django.db import migrations, models

NEWEST_FIRST = "pairings_event_newest_first"


def create_newest_first(apps, schema_editor):
    # The events browser's default order (date_start DESC NULLS LAST, date_end DESC NULLS LAST,
    # id DESC) and the overview's newest event. PostgreSQL cannot read a plain ascending index
    # in that order (NULLs would come first); SQLite can, and cannot write NULLS LAST in an
    # index anyway, so it keeps using pairings_ev_date_st_0caec4_idx.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {NEWEST_FIRST} ON pairings_event "
            "(date_start DESC NULLS LAST, date_end DESC NULLS LAST, id DESC)"
        )


def drop_newest_first(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NEWEST_FIRST}")


class Migration(migrations.Migration):

    dependencies = [
        ('pairings', '0002_history'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='figure',
            index=models.Index(condition=models.Q(('pairing__isnull', False)), fields=['pairing', 'metric', 'unit', 'date_end'], name='figure_pairing_series'),
        ),
        migrations.RunPython(create_newest_first, drop_newest_first, elidable=False),
    ]
