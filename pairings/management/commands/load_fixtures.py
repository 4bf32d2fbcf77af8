import time
from collections import defaultdict

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from pairings import summaries
from pairings.cache import bump_data_version


class Command(BaseCommand):
    help = (
        "Load JSON fixture files (make setup) and refresh the summary tables only where they "
        "changed a record: unchanged fixtures leave a database of a million events as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="JSON fixture files, in loading order")

    def handle(self, *args, paths, verbosity=1, **options):
        started = time.perf_counter()
        with transaction.atomic():
            stale = summaries.incomplete()
            changed = changed_records(paths)
            if changed:
                before = [summaries.touched_by(model, pks) for model, pks in changed.items()]
                call_command("loaddata", *paths, verbosity=0)
                # loaddata checks the foreign keys of the tables it names, not of their
                # many-to-many links (SQLite would keep an event placed in a region that
                # does not exist).
                connection.check_constraints(table_names=_link_tables(changed))
                after = [summaries.touched_by(model, pks) for model, pks in changed.items()]
            if stale:
                summaries.refresh()
            elif changed:
                summaries.refresh(*summaries.joined(*before, *after))
        if stale or changed:
            bump_data_version()
        if verbosity and not (stale or changed):
            self.stdout.write("fixtures unchanged, summary tables complete")
        elif verbosity:
            records = sum(len(pks) for pks in changed.values())
            refreshed = "every summary table" if stale else "the summaries they touch"
            took = time.perf_counter() - started
            self.stdout.write(
                f"{records} fixture records loaded, {refreshed} refreshed ({took:.1f}s)"
            )


def changed_records(paths):
    """Return {model: [pk, …]} of the fixture records the database lacks or holds otherwise."""
    records = defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            for record in serializers.deserialize("json", stream):
                records[type(record.object)].append(record)
    changed = {}
    for model, model_records in records.items():
        many_to_many = [field.name for field in model._meta.many_to_many]
        stored = model.objects.prefetch_related(*many_to_many).in_bulk(
            [record.object.pk for record in model_records]
        )
        pks = [
            record.object.pk
            for record in model_records
            if not _same(record, stored.get(record.object.pk))
        ]
        if pks:
            changed[model] = pks
    return changed


def _link_tables(changed):
    return [
        field.remote_field.through._meta.db_table
        for model in changed
        for field in model._meta.many_to_many
    ]


def _same(record, stored):
    if stored is None:
        return False
    for field in stored._meta.concrete_fields:
        if field.value_from_object(record.object) != field.value_from_object(stored):
            return False
    return all(
        {str(pk) for pk in pks} == {str(related.pk) for related in getattr(stored, name).all()}
        for name, pks in record.m2m_data.items()
    )
