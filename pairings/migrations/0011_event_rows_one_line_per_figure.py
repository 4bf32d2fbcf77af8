from django.db import migrations


def forget_event_rows(apps, schema_editor):
    """The events CSV now has a line per figure under a new header: a line stored by the
    older release would break the table. Without their lines, events are drawn on the spot
    until `refresh_summaries` (or make setup, which refreshes a summary table that lacks rows)
    stores them again."""
    apps.get_model("pairings", "EventRow").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pairings", "0010_report_file_name_255"),
    ]

    operations = [
        migrations.RunPython(forget_event_rows, forget_event_rows),
    ]
