"""The summary tables, taken over from the pairings app (its migration 0014 lets them go): the
tables exist already, created by pairings migrations 0004-0013, so only Django's record of them
is written here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pairings", "0013_event_row_layout"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EventRow",
                    fields=[
                        (
                            "event",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="csv_row",
                                serialize=False,
                                to="pairings.event",
                            ),
                        ),
                        ("zh_hans", models.TextField()),
                        ("en", models.TextField()),
                        ("layout", models.CharField(max_length=16)),
                    ],
                    options={
                        "db_table": "pairings_eventrow",
                    },
                ),
                migrations.CreateModel(
                    name="SummaryLock",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("refreshed_at", models.DateTimeField(null=True)),
                    ],
                    options={
                        "db_table": "pairings_summarylock",
                    },
                ),
                migrations.CreateModel(
                    name="EventDigest",
                    fields=[
                        (
                            "event",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="digest",
                                serialize=False,
                                to="pairings.event",
                            ),
                        ),
                        ("date_start", models.DateField(null=True)),
                        ("date_end", models.DateField(null=True)),
                        ("date_precision", models.CharField(max_length=5)),
                        ("kind", models.CharField(max_length=20)),
                        ("shanghai", models.CharField(max_length=200)),
                        ("prefecture", models.CharField(max_length=200)),
                        ("text", models.TextField()),
                        ("tokens", models.TextField()),
                    ],
                    options={
                        "db_table": "pairings_eventdigest",
                        "indexes": [
                            models.Index(
                                fields=["date_start"], name="pairings_ev_date_st_109dd2_idx"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="FacetTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("month", models.DateField(null=True)),
                        ("end_month", models.DateField(null=True)),
                        ("open_start", models.BooleanField(default=False)),
                        ("kind", models.CharField(max_length=20)),
                        ("dated", models.BooleanField()),
                        ("shanghai", models.CharField(max_length=200)),
                        ("prefecture", models.CharField(max_length=200)),
                        ("events", models.PositiveIntegerField()),
                    ],
                    options={
                        "db_table": "pairings_facettally",
                        "indexes": [
                            models.Index(fields=["month"], name="pairings_fa_month_cb6a8b_idx"),
                            models.Index(
                                fields=["end_month"], name="pairings_fa_end_mon_1bc5da_idx"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="FlowTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("total", models.DecimalField(decimal_places=2, max_digits=20)),
                        ("parts", models.PositiveIntegerField()),
                        ("at_least_parts", models.PositiveIntegerField()),
                        ("about_parts", models.PositiveIntegerField()),
                        ("at_most_parts", models.PositiveIntegerField()),
                        ("month", models.DateField(null=True)),
                        ("shanghai", models.CharField(max_length=200)),
                        ("prefecture", models.CharField(max_length=200)),
                    ],
                    options={
                        "db_table": "pairings_flowtally",
                        "indexes": [
                            models.Index(fields=["month"], name="pairings_fl_month_f52e3b_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="EventTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("month", models.DateField(null=True)),
                        ("kind", models.CharField(max_length=20)),
                        ("date_precision", models.CharField(max_length=5)),
                        ("events", models.PositiveIntegerField()),
                        (
                            "pairing",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="pairings.pairing",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "pairings_eventtally",
                        "indexes": [
                            models.Index(fields=["month"], name="pairings_ev_month_c7ef60_idx"),
                            models.Index(
                                fields=["pairing", "month"], name="pairings_ev_pairing_e1fc56_idx"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="FigureTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("total", models.DecimalField(decimal_places=2, max_digits=20)),
                        ("parts", models.PositiveIntegerField()),
                        ("at_least_parts", models.PositiveIntegerField()),
                        ("about_parts", models.PositiveIntegerField()),
                        ("at_most_parts", models.PositiveIntegerField()),
                        ("month", models.DateField(null=True)),
                        ("date_precision", models.CharField(max_length=5)),
                        ("of_event", models.BooleanField()),
                        ("shared", models.BooleanField(default=False)),
                        ("metric", models.CharField(max_length=30)),
                        ("unit", models.CharField(max_length=12)),
                        (
                            "pairing",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="pairings.pairing",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "pairings_figuretally",
                        "indexes": [
                            models.Index(fields=["month"], name="pairings_fi_month_fda7fa_idx"),
                            models.Index(
                                fields=["pairing", "metric"], name="pairings_fi_pairing_373835_idx"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="RegionTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("month", models.DateField(null=True)),
                        ("role", models.CharField(max_length=8)),
                        ("events", models.PositiveIntegerField()),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="pairings.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "pairings_regiontally",
                        "indexes": [
                            models.Index(fields=["month"], name="pairings_re_month_e0b47a_idx"),
                            models.Index(
                                fields=["region", "role"], name="pairings_re_region__ebbba2_idx"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
