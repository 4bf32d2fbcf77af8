"""The metrics' cue words as drafting learned them from more reports: 务工人员 and 返岗 name
migrant workers, not a transfer; 录用意向 is an intent, not a hire; 就业机会 are positions;
培训项目 are the trades trained."""

from django.db import migrations

# As fixtures/metrics.json holds them on the day of this migration.
CUES = {
    "positions": ["岗位", "招聘岗位", "就业岗位", "就业机会"],
    "hiring_intents": ["意向", "初步意向", "就业意向", "录用意向", "达成意向"],
    "transferred": ["转移就业", "转移"],
    "trades": ["培训工种", "工种项目", "培训项目"],
}


def fill_cues(apps, schema_editor):
    Metric = apps.get_model("pairings", "Metric")
    for metric in Metric.objects.filter(code__in=CUES):
        metric.cues = CUES[metric.code]
        metric.save(update_fields=["cues"])


class Migration(migrations.Migration):
    dependencies = [("pairings", "0030_extract_metric_cues")]

    operations = [migrations.RunPython(fill_cues, migrations.RunPython.noop)]
