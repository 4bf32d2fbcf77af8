"""The fixtures against the database. Once data is edited in the admin the database is the
source of truth: a fixture record is written only when it is new, or when the database still
holds the version of it last loaded (FixtureLoad). A fixture change to a record an editor
changed or deleted since is a conflict, left for a person to decide."""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import serializers

from .models import FixtureLoad


@dataclass
class FixtureRecord:
    path: str
    record: object  # a DeserializedObject
    fingerprint: str

    @property
    def model(self):
        return type(self.record.object)

    @property
    def key(self):
        return (self.model._meta.label_lower, str(self.record.object.pk))


@dataclass
class Conflict:
    fixture: FixtureRecord
    differences: list  # [(field, fixture value, database value)]
    changed_by: str = ""
    changed_at: object = None
    reason: str = ""


@dataclass
class Plan:
    writes: list = field(default_factory=list)  # FixtureRecords to save
    settled: list = field(default_factory=list)  # FixtureRecords the database already holds
    conflicts: list = field(default_factory=list)


def plan(paths):
    """Return the Plan of loading `paths`: what to write, what is already there, what conflicts
    with an editor's change. Reads only the fixtures' own records, and of those only the ones
    whose fixture changed since they were last loaded."""
    records = read(paths)
    loaded = dict(
        ((model, pk), fingerprint)
        for model, pk, fingerprint in FixtureLoad.objects.values_list(
            "model", "object_pk", "fingerprint"
        )
    )
    result = Plan()
    pending = {}
    for fixture in records:
        if fixture.record.object.pk is None:  # no identity to track: loaddata adds it anew
            result.writes.append(fixture)
        elif loaded.get(fixture.key) != fixture.fingerprint:
            pending.setdefault(fixture.model, []).append(fixture)
    for model, fixtures in pending.items():
        stored = model.objects.prefetch_related(*_link_names(model)).in_bulk(
            [fixture.record.object.pk for fixture in fixtures]
        )
        for fixture in fixtures:
            current = stored.get(fixture.record.object.pk)
            if current is not None and _fingerprint_of_stored(current) == fixture.fingerprint:
                result.settled.append(fixture)
            elif _changed_since_loaded(fixture, current, loaded.get(fixture.key)):
                result.conflicts.append(_conflict(fixture, current))
            else:
                result.writes.append(fixture)
    return result


def read(paths):
    """Return every record of the fixture files, in loading order, as FixtureRecords."""
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            for record in serializers.deserialize("json", stream):
                m2m = {name: record.m2m_data.get(name, []) for name in _link_names(record.object)}
                records.append(FixtureRecord(str(path), record, fingerprint(record.object, m2m)))
    return records


def settle(fixtures):
    """Record that the database holds (or a person chose to keep) these fixture versions."""
    FixtureLoad.objects.bulk_create(
        [
            FixtureLoad(model=model, object_pk=pk, fingerprint=fixture.fingerprint)
            for fixture in fixtures
            for model, pk in [fixture.key]
        ],
        update_conflicts=True,
        unique_fields=["model", "object_pk"],
        update_fields=["fingerprint"],
    )


def save(fixture):
    """Write one fixture record as the admin would, so that history records it: no user, the
    fixture file as the reason."""
    instance = fixture.record.object
    instance._change_reason = fixture.path
    instance.save()
    for name, pks in fixture.record.m2m_data.items():
        getattr(instance, name).set(pks)


def fingerprint(instance, links):
    """Return a hash of a record's field values and its links ({name: [pk, …]})."""
    values = [[f.attname, _plain(f.value_from_object(instance))] for f in _fields(instance)]
    values += [[name, sorted(str(pk) for pk in pks)] for name, pks in sorted(links.items())]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def _fingerprint_of_stored(instance):
    return fingerprint(instance, _stored_links(instance))


def _changed_since_loaded(fixture, current, last_loaded):
    """Return True when someone changed or deleted the record after the fixtures last wrote it.
    Without a FixtureLoad (a database loaded before they were kept) history tells: a change by
    a user, or a deletion."""
    if last_loaded is not None:
        return current is None or _fingerprint_of_stored(current) != last_loaded
    return _last_change(fixture.model, fixture.record.object.pk, current is None) is not None


def _last_change(model, pk, deleted):
    """Return the latest historical row of an editor's change to the record (of its deletion
    when `deleted`), or None (also for a model without history)."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    rows = history.filter(**{model._meta.pk.attname: pk})
    rows = rows.filter(history_type="-") if deleted else rows.exclude(history_user=None)
    return rows.select_related("history_user").order_by("-history_date", "-history_id").first()


def _conflict(fixture, current):
    instance = fixture.record.object
    if current is None:
        differences = [("—", str(instance), "(deleted)")]
    else:
        differences = [
            (f.name, f.value_from_object(instance), f.value_from_object(current))
            for f in _fields(instance)
            if _plain(f.value_from_object(instance)) != _plain(f.value_from_object(current))
        ]
        links = _stored_links(current)
        differences += [
            (name, sorted(map(str, pks)), sorted(map(str, links[name])))
            for name, pks in fixture.record.m2m_data.items()
            if sorted(map(str, pks)) != sorted(map(str, links[name]))
        ]
    change = _last_change(fixture.model, instance.pk, current is None)
    if change is None:
        return Conflict(fixture, differences)
    return Conflict(
        fixture,
        differences,
        changed_by=change.history_user.get_username() if change.history_user else "",
        changed_at=change.history_date,
        reason=change.history_change_reason or "",
    )


def _fields(instance):
    return instance._meta.concrete_fields


def _link_names(model_or_instance):
    """The many-to-many fields a fixture carries (a link through a model of its own, as an
    event's citations, is a record of its own)."""
    return [
        f.name
        for f in model_or_instance._meta.many_to_many
        if f.remote_field.through._meta.auto_created
    ]


def _stored_links(instance):
    return {name: [r.pk for r in getattr(instance, name).all()] for name in _link_names(instance)}


def _plain(value):
    # 3.6 read from a fixture and 3.60 read from a DecimalField are the same figure.
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
