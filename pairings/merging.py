"""Merging two records of one event, afterwards, and undoing it: the one place both are done.

The second event's citations, figures, places and pairings move to the first and the second is
deleted; an EventMerge row keeps its id as a redirect and what an undo restores. Deleting it
(rather than hiding it behind a flag) keeps every list, total and tally as they are: nothing
else has to learn to leave a merged event out.

What is kept once: a citation of a report the first event already cites (the first's excerpt
stays), and a figure of a quantity the first already has from another report (same metric,
unit, batch or cumulative, neither a part nor a whole; a subgroup is only its wording): the
first's figure counts, the second's waits in the merge row and comes back with an undo. A
quantity is never added twice.
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
        citations, figures = _moved_records(second, event)
        write.touches(EventCitation, [c.pk for c in citations["moved"]])
        write.touches(Figure, [f.pk for f in figures["moved"]])
        undo = {
            "event": _serialized([second]),
            "citations": [c.pk for c in citations["moved"]],
            "kept_once": _serialized(citations["kept_once"] + figures["kept_once"]),
            "figures": [f.pk for f in figures["moved"]],
            "links": {
                name: sorted(
                    set(getattr(second, name).values_list("pk", flat=True))
                    - set(getattr(event, name).values_list("pk", flat=True))
                )
                for name in PLACE_LINKS
            },
            "redirects": list(second.merges.values_list("pk", flat=True)),
        }
        for record in citations["moved"] + figures["moved"]:
            record.event = event
            record._change_reason = reason
            record.save()
        for name, pks in undo["links"].items():
            getattr(event, name).add(*pks)
        for redirect in second.merges.all():
            redirect.event = event
            redirect._change_reason = reason
            redirect.save()
        for record in figures["kept_once"] + citations["kept_once"]:
            record._change_reason = reason
            record.delete()
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
        write.touches(Figure, saved["figures"])
        [second] = _restored(saved["event"], reason)
        for model, pks in ((EventCitation, saved["citations"]), (Figure, saved["figures"])):
            for record in model.objects.filter(pk__in=pks, event=event):
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


def _moved_records(second, event):
    """Return, for the second event's citations and figures, those that move and those kept
    once (the first event has them already)."""
    cited = set(event.citations.values_list("report_id", flat=True))
    citations = {"moved": [], "kept_once": []}
    for citation in second.citations.all():
        citations["kept_once" if citation.report_id in cited else "moved"].append(citation)
    quantities = {_quantity(figure) for figure in event.figures.all() if _single(figure)}
    figures = {"moved": [], "kept_once": []}
    for figure in second.figures.order_by("pk"):
        once = _single(figure) and _quantity(figure) in quantities
        figures["kept_once" if once else "moved"].append(figure)
    return citations, figures


def _single(figure):
    """Return whether a figure is neither a part (其中) nor a whole: one that may be kept once
    without leaving a part without its whole."""
    return figure.subset_of_id is None and not figure.subsets.exists()


def _quantity(figure):
    return (figure.metric_id, figure.unit, figure.is_cumulative)


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
