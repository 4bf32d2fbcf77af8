"""The summary tables, taken over from the pairings app (its migration 0014 lets them go): the
tables exist already, created by pairings migrations 0004-0013, so only Django's record of them
is written here, under the names they were created with."""

import django.db.models.deletion
from django.db import migrations, models


def _id():
    return (
        "id",
        models.BigAutoField(
            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
        ),
    )


def _of(model, related_name, **options):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to=f"pairings.{model}",
        **options,
    )


def _event(related_name):
    return (
        "event",
        models.OneToOneField(
            on_delete=django.db.models.deletion.CASCADE,
            primary_key=True,
            related_name=related_name,
            serialize=False,
            to="pairings.event",
        ),
    )


SUMMED_PARTS = ("parts", "at_least_parts", "about_parts", "at_most_parts")


def _summed():
    return [
        ("total", models.DecimalField(decimal_places=2, max_digits=20)),
        *((name, models.PositiveIntegerField()) for name in SUMMED_PARTS),
    ]


def _table(name, fields, *indexes):
    """The state of a summary table: its fields, its pairings_ name and its indexes, given as
    (fields, index name) pairs."""
    options = {"db_table": f"pairings_{name.lower()}"}
    if indexes:
        options["indexes"] = [models.Index(fields=on, name=index) for on, index in indexes]
    return migrations.CreateModel(name=name, fields=fields, options=options)


def _text(length):
    return models.CharField(max_length=length)


TABLES = [
    _table(
        "EventRow",
        [
            _event("csv_row"),
            ("zh_hans", models.TextField()),
            ("en", models.TextField()),
            ("layout", _text(16)),
        ],
    ),
    _table("SummaryLock", [_id(), ("refreshed_at", models.DateTimeField(null=True))]),
    _table(
        "EventDigest",
        [
            _event("digest"),
            ("date_start", models.DateField(null=True)),
            ("date_end", models.DateField(null=True)),
            ("date_precision", _text(5)),
            ("kind", _text(20)),
            ("shanghai", _text(200)),
            ("prefecture", _text(200)),
            ("text", models.TextField()),
            ("tokens", models.TextField()),
        ],
        (["date_start"], "pairings_ev_date_st_109dd2_idx"),
    ),
    _table(
        "FacetTally",
        [
            _id(),
            ("month", models.DateField(null=True)),
            ("end_month", models.DateField(null=True)),
            ("open_start", models.BooleanField(default=False)),
            ("kind", _text(20)),
            ("dated", models.BooleanField()),
            ("shanghai", _text(200)),
            ("prefecture", _text(200)),
            ("events", models.PositiveIntegerField()),
        ],
        (["month"], "pairings_fa_month_cb6a8b_idx"),
        (["end_month"], "pairings_fa_end_mon_1bc5da_idx"),
    ),
    _table(
        "FlowTally",
        [
            _id(),
            *_summed(),
            ("month", models.DateField(null=True)),
            ("shanghai", _text(200)),
            ("prefecture", _text(200)),
        ],
        (["month"], "pairings_fl_month_f52e3b_idx"),
    ),
    _table(
        "EventTally",
        [
            _id(),
            ("month", models.DateField(null=True)),
            ("kind", _text(20)),
            ("date_precision", _text(5)),
            ("events", models.PositiveIntegerField()),
            ("pairing", _of("pairing", "+", null=True)),
        ],
        (["month"], "pairings_ev_month_c7ef60_idx"),
        (["pairing", "month"], "pairings_ev_pairing_e1fc56_idx"),
    ),
    _table(
        "FigureTally",
        [
            _id(),
            *_summed(),
            ("month", models.DateField(null=True)),
            ("date_precision", _text(5)),
            ("of_event", models.BooleanField()),
            ("shared", models.BooleanField(default=False)),
            ("metric", _text(30)),
            ("unit", _text(12)),
            ("pairing", _of("pairing", "+", null=True)),
        ],
        (["month"], "pairings_fi_month_fda7fa_idx"),
        (["pairing", "metric"], "pairings_fi_pairing_373835_idx"),
    ),
    _table(
        "RegionTally",
        [
            _id(),
            ("month", models.DateField(null=True)),
            ("role", _text(8)),
            ("events", models.PositiveIntegerField()),
            ("region", _of("region", "+")),
        ],
        (["month"], "pairings_re_month_e0b47a_idx"),
        (["region", "role"], "pairings_re_region__ebbba2_idx"),
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pairings", "0013_event_row_layout"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=TABLES, database_operations=[]),
    ]
