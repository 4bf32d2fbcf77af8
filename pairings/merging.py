"""Merging two records of one event, afterwards, and undoing it: the one place both are done.

The second event's citations, figures, places and pairings move to the first and the second is
deleted; an EventMerge row keeps its id as a redirect and what an undo restores. Deleting it
(rather than hiding it behind a flag) keeps every list, total and tally as they are: nothing
else has to learn to leave a merged event out.

A quantity is never added twice. A figure of a quantity the first event already counts, from
another report, moves as that report's account of the figure that counts there
(`counted_quantity_of`), and so do the accounts it had. A figure of a quantity the first event
already has from the same report is that report entered twice: it is kept once, the first's,
and the second's copy waits in the merge row, as does a citation of a report the first already
cites. An undo restores every record as it was, accounts and parts included.
"""

import json

from django.core import serializers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from summaries import writes

from .models import Event, EventCitation, EventMerge, Figure

# The links an event's places and pairings are: moved to the first event, each once.
PLACE_LINKS = ("shanghai_regions", "yunnan_regions", "partner_regions", "pairings")


def merge_target(second, pk):
    """Return the event `pk` names for merging `second` into, or raise ValidationError saying
    in Chinese why it cannot be: itself, a merged one, or none."""
    if pk == second.pk:
        raise ValidationError(_("不能把活动合并到它自己。"))
    redirect = EventMerge.objects.filter(merged_pk=pk).first()
    if redirect is not None:
        raise ValidationError(
            _("活动 %(merged)s 已合并到活动 %(event)s，请合并到活动 %(event)s。")
            % {"merged": pk, "event": redirect.event_id}
        )
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise ValidationError(_("没有编号为 %(pk)s 的活动。") % {"pk": pk})
    return event


def merge(second, event, reason, user):
    """Merge `second` into `event` (both stored, not the same), with the reason and who did it,
    through the doorway; return the EventMerge, the redirect of the second's id."""
    with writes.kept_current((Event, [second.pk, event.pk])) as write:
        citations = _moved_citations(second, event)
        figures, kept_once = _moved_figures(second, event)
        write.touches(EventCitation, [c.pk for c in citations["moved"]])
        write.touches(Figure, second.figures.values_list("pk", flat=True))
        undo = {
            "event": _serialized([second]),
            "citations": [c.pk for c in citations["moved"]],
            "kept_once": _serialized(citations["kept_once"] + kept_once),
            # Each moved figure's id, with what it had of what the merge changed.
            "figures": {
                str(figure.pk): {name: getattr(figure, name) for name in changes}
                for figure, changes in figures.items()
            },
            "links": {
                name: sorted(
                    set(getattr(second, name).values_list("pk", flat=True))
                    - set(getattr(event, name).values_list("pk", flat=True))
                )
                for name in PLACE_LINKS
            },
            "redirects": list(second.merges.values_list("pk", flat=True)),
        }
        for figure, changes in figures.items():
            for name, value in changes.items():
                setattr(figure, name, value)
        for record in citations["moved"] + list(figures):
            record.event = event
            record._change_reason = reason
            record.save()
        for name, pks in undo["links"].items():
            getattr(event, name).add(*pks)
        for redirect in second.merges.all():
            redirect.event = event
            redirect._change_reason = reason
            redirect.save()
        for citation in citations["kept_once"]:
            citation._change_reason = reason
            citation.delete()
        _delete_figures(kept_once, reason)
        _refuse_an_account_the_rule_refuses(figures)
        second._change_reason = reason
        second.delete()
        merged = EventMerge(
            event=event,
            merged_pk=undo["event"][0]["pk"],
            merged_title=second.title,
            reason=reason,
            merged_by=user,
            undo=undo,
        )
        merged._change_reason = reason
        merged.save()
        write.wrote(Event, [event.pk])
    return merged


def undo(merged, reason):
    """Restore the second event of a merge with its citations, figures, places and pairings as
    they were (those deleted since stay deleted), and remove the redirect; return the event."""
    saved = merged.undo
    event = merged.event
    with writes.kept_current((Event, [event.pk])) as write:
        write.touches(EventCitation, saved["citations"])
        figures = [int(pk) for pk in saved["figures"]]
        write.touches(Figure, figures)
        [second] = _restored(saved["event"], reason)
        for record in EventCitation.objects.filter(pk__in=saved["citations"], event=event):
            record.event = second
            record._change_reason = reason
            record.save()
        for record in Figure.objects.filter(pk__in=figures, event=event):
            for name, value in saved["figures"][str(record.pk)].items():
                setattr(record, name, value)
            record.event = second
            record._change_reason = reason
            record.save()
        kept_once = _restored(saved["kept_once"], reason)
        for name, pks in saved["links"].items():
            getattr(event, name).remove(*pks)
        for redirect in EventMerge.objects.filter(pk__in=saved["redirects"]):
            redirect.event = second
            redirect._change_reason = reason
            redirect.save()
        merged._change_reason = reason
        merged.delete()
        write.wrote(Event, [second.pk, event.pk])
        write.wrote(Figure, [r.pk for r in kept_once if isinstance(r, Figure)])
    return second


def _moved_citations(second, event):
    """Return the second event's citations that move and those kept once (the first event
    cites their report already)."""
    cited = set(event.citations.values_list("report_id", flat=True))
    citations = {"moved": [], "kept_once": []}
    for citation in second.citations.all():
        citations["kept_once" if citation.report_id in cited else "moved"].append(citation)
    return citations


def _moved_figures(second, event):
    """Return the second event's figures that move, each with the changes it takes
    ({field: new value}), and those kept once: the first event has the same quantity from the
    same report. A counted figure of a quantity the first counts from another report becomes
    its account; an account follows the figure it was of; a part of a figure kept once is a
    part of the first's copy."""
    kept = event.figures.all()
    counts_as, copies = {}, {}
    moved, kept_once = {}, []
    # Counted figures first: an account follows where the figure it names went.
    for figure in sorted(second.figures.all(), key=lambda f: (f.account_of_id is not None, f.pk)):
        copy = kept.copy_of(figure)
        if copy is not None:
            copies[figure.pk] = copy.pk
            counts_as[figure.pk] = copy.account_of_id or copy.pk
            kept_once.append(figure)
            continue
        if figure.account_of_id is None:
            counted = kept.counted_quantity_of(figure)
            counts_as[figure.pk] = counted.pk if counted else figure.pk
        counted_pk = counts_as[figure.account_of_id or figure.pk]
        moved[figure] = {}
        if counted_pk not in (figure.pk, figure.account_of_id):
            moved[figure]["account_of_id"] = counted_pk
    for figure, changes in moved.items():
        if figure.subset_of_id in copies:
            changes["subset_of_id"] = copies[figure.subset_of_id]
    return moved, kept_once


def _delete_figures(figures, reason):
    """Delete figures, each with the reason in its history, a figure only once none of those
    left names it (as its whole or as the figure it is an account of)."""
    while figures:
        named = {pk for figure in figures for pk in (figure.subset_of_id, figure.account_of_id)}
        left = [figure for figure in figures if figure.pk in named]
        for figure in figures:
            if figure.pk not in named:
                figure._change_reason = reason
                figure.delete()
        figures = left


def _refuse_an_account_the_rule_refuses(figures):
    """Raise ValidationError, so that nothing of the merge is saved, when a figure it made
    another report's account is one Figure.errors_as_account_of refuses: that rule decides
    what may be an account, not the choices made above to meet it."""
    for figure, changes in figures.items():
        if "account_of_id" in changes:
            figure.refresh_from_db()
            errors = figure.errors_as_account_of(figure.account_of)
            if errors:
                raise ValidationError(errors["account_of"])


def _serialized(records):
    return json.loads(serializers.serialize("json", records))


def _restored(serialized, reason):
    """Save records as serialized (their ids and links), each with the reason in its history."""
    records = []
    for restored in serializers.deserialize("json", json.dumps(serialized)):
        record = restored.object
        record._change_reason = reason
        record.save()
        for name, pks in (restored.m2m_data or {}).items():
            getattr(record, name).set(pks)
        records.append(record)
    return records
