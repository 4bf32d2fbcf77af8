"""The summary tables move to the summaries app (its migration 0001 takes them over). Only
Django's record of where they live changes: the tables, their rows and their indexes stay as
they are, under their pairings_ names."""

from django.db import migrations

SUMMARY_TABLES = (
    "EventDigest",
    "EventRow",
    "EventTally",
    "FacetTally",
    "FigureTally",
    "FlowTally",
    "RegionTally",
    "SummaryLock",
)


class Migration(migrations.Migration):
    dependencies = [
        ("pairings", "0013_event_row_layout"),
        ("summaries", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name) for name in SUMMARY_TABLES],
            database_operations=[],
        )
    ]
