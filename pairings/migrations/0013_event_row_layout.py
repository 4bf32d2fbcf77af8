from django.db import migrations, models


class Migration(migrations.Migration):
    """Each event's CSV lines say the layout they were drawn for. Lines stored before get
    none, so they count as stale: the events CSV draws them on the spot, and `make setup`
    (or `refresh_summaries`) stores them again."""

    dependencies = [
        ("pairings", "0012_fixtureload"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventrow",
            name="layout",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
    ]
