"""The review of a report's drafts (pairings.drafting) on one screen: each draft event and figure
becomes the admin's own forms (EventAdminForm with its citation and figure formsets,
FigureAdminForm for a figure of no event), filled from the drafts, edited by the editor, and
saved all or nothing through one kept_current() write.

The screen's fields are the admin forms' fields under a prefix per draft: event n's are
"e<n>-kind", "e<n>-figures-0-value"…, a figure of no event m's "f<m>-value"…. An event's forms
read their report and figures from the names the admin's event page sends ("citations-0-report",
"figures-0-value"), so each event's forms get its fields under both names."""

from dataclasses import dataclass, field

from django.forms import CheckboxSelectMultiple, HiddenInput, inlineformset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from summaries import writes

from .drafting import draft
from .forms import (
    AdminModelForm,
    CitationFormSet,
    EventAdminForm,
    FigureAdminForm,
    FigureFormSet,
    FigureInlineForm,
)
from .likely_same import attach_report
from .models import (
    EXCERPT_MAX_LENGTH,
    SHANGHAI_CODE,
    YUNNAN_CODE,
    Event,
    EventCitation,
    Figure,
    Region,
)

REASON = _("据报道原文起草，经编辑确认")
ACCEPTED = "accepted"

EventCitationFormSet = inlineformset_factory(
    Event,
    EventCitation,
    form=AdminModelForm,
    formset=CitationFormSet,
    fields=("report", "excerpt"),
    extra=0,
    min_num=1,
    validate_min=True,
)
EventFigureFormSet = inlineformset_factory(
    Event,
    Figure,
    form=FigureInlineForm,
    formset=FigureFormSet,
    fk_name="event",
    fields=FigureInlineForm.Meta.fields,
    extra=0,
    can_delete=True,
)


@dataclass
class DraftEvent:
    """A draft event on the screen: its forms, and the drafting's words for each field."""

    prefix: str
    draft: dict
    data: QueryDict
    form: EventAdminForm
    citations: EventCitationFormSet
    figures: EventFigureFormSet
    figure_drafts: list = field(default_factory=list)

    @property
    def accepted(self):
        return bool(self.data.get(ACCEPTED))

    def rows(self):
        """Return (form, draft, accepted) per figure of the event."""
        return [
            (form, figure, bool(self.data.get(f"figures-{index}-{ACCEPTED}")))
            for index, (form, figure) in enumerate(
                zip(self.figures.forms, self.figure_drafts, strict=True)
            )
        ]

    def is_valid(self):
        return all([self.form.is_valid(), self.citations.is_valid(), self.figures.is_valid()])


@dataclass
class DraftFigure:
    """A draft figure of no event on the screen: its form and the drafting's words."""

    prefix: str
    draft: dict
    form: FigureAdminForm
    accepted: bool


@dataclass
class Review:
    """A report's drafts as the admin's forms, bound to the drafts or to what the editor sent."""

    report: object
    drafts: dict
    data: QueryDict
    events: list
    figures: list

    def is_valid(self):
        checked = [e.is_valid() for e in self.events if e.accepted]
        checked += [f.form.is_valid() for f in self.figures if f.accepted]
        return all(checked)

    def save(self):
        """Save the accepted drafts, all or nothing, in one kept_current() write; each record's
        history says it was drafted from the report and confirmed. Return the figures saved."""
        saved = []
        with writes.kept_current() as write:
            for event in self.events:
                if event.accepted:
                    saved += _save_event(event, write)
            for figure in self.figures:
                if figure.accepted:
                    record = figure.form.save(commit=False)
                    record._change_reason = str(REASON)
                    record.save()
                    figure.form.save_m2m()
                    write.wrote(Figure, [record.pk])
                    saved.append(record)
        return saved


def review(report, posted=None):
    """Return the Review of the report's drafts: its forms filled from the drafts, or bound to
    `posted` (what the screen sent)."""
    drafts = draft(report.full_text.text, (report.date_start, report.date_precision), report.title)
    places = _regions(drafts)
    data = posted if posted is not None else _data_of(report, drafts, places)
    shanghai = Region.objects.filter(code__startswith=SHANGHAI_CODE[:2]).exclude(
        level=Region.Level.TOWN
    )
    events = []
    for index, event in enumerate(drafts["events"]):
        prefix = f"e{index}"
        own = _own_data(data, prefix)
        form = EventAdminForm(own, prefix=prefix)
        named = [places[name] for name in event["yunnan"] if name in places]
        _offer(form, "shanghai_regions", shanghai)
        _offer(form, "yunnan_regions", Region.objects.filter(pk__in=[r.pk for r in named]))
        partners = [places[name] for name in event["partners"] if name in places]
        _offer(form, "partner_regions", Region.objects.filter(pk__in=[r.pk for r in partners]))
        form.fields["pairings"].widget = HiddenInput()
        citations = EventCitationFormSet(own, prefix=f"{prefix}-citations")
        figures = EventFigureFormSet(own, prefix=f"{prefix}-figures")
        events.append(
            DraftEvent(
                prefix,
                event,
                own,
                form,
                citations,
                figures,
                [f for f in drafts["figures"] if f["event"] == index],
            )
        )
    alone = []
    for index, figure in enumerate(f for f in drafts["figures"] if f["event"] is None):
        prefix = f"f{index}"
        form = FigureAdminForm(data, prefix=prefix)
        alone.append(DraftFigure(prefix, figure, form, bool(data.get(f"{prefix}-{ACCEPTED}"))))
    return Review(report, drafts, data, events, alone)


def _offer(form, name, regions):
    """Offer the places as ticks: the drafted ones, not the 44,648 of the Region table."""
    form.fields[name].queryset = regions
    form.fields[name].widget = CheckboxSelectMultiple()


def _save_event(event, write):
    """Save a draft event as the admin's event page does (EventAdmin): a new event with its
    citation and figures, or, when the editor says it is one already recorded, its report's
    citation and figures attached to that one."""
    form = event.form
    note = form.not_the_same_note()
    reason = f"{REASON}；{note}" if note else str(REASON)
    citations = event.citations.save(commit=False)
    figures = event.figures.save(commit=False)
    if form.attach_to is not None:
        _citations, attached = attach_report(form.attach_to, citations, figures, write, reason)
        return attached
    record = form.save(commit=False)
    record._change_reason = reason
    record.save()
    form.save_m2m()
    write.wrote(Event, [record.pk])
    for formset in (event.citations, event.figures):
        formset.instance = record
        for row in formset.save(commit=False):
            row._change_reason = reason
            row.save()
    write.wrote(Figure, [figure.pk for figure in figures])
    return figures


def _own_data(data, prefix):
    """Return an event's fields from the screen's, under its prefix and under the names the
    admin's event page gives them; a figure left unticked is one to leave out (DELETE)."""
    own = QueryDict(mutable=True)
    start = f"{prefix}-"
    for key in data:
        if key.startswith(start):
            own.setlist(key, data.getlist(key))
            own.setlist(key[len(start) :], data.getlist(key))
    for index in range(int(own.get("figures-TOTAL_FORMS") or 0)):
        if not own.get(f"figures-{index}-{ACCEPTED}"):
            own[f"figures-{index}-DELETE"] = own[f"{start}figures-{index}-DELETE"] = "on"
    return own


def _regions(drafts):
    """Return the Region of each place name the drafts give, on the side it was found."""
    names = set()
    for record in drafts["events"] + drafts["figures"]:
        names.update(record["shanghai"] + record["yunnan"] + record["partners"])
    found = {}
    for region in Region.objects.filter(name__in=names).exclude(level=Region.Level.TOWN):
        if region.code.startswith((SHANGHAI_CODE[:2], YUNNAN_CODE[:2])) or region.name not in found:
            found[region.name] = region
    return found


def _data_of(report, drafts, places):
    """Return the screen's fields filled from the drafts: what the text says, nothing more. A
    figure is ticked when its metric was found, an event when one of its figures is."""
    data = QueryDict(mutable=True)
    for index, event in enumerate(drafts["events"]):
        p = f"e{index}-"
        figures = [f for f in drafts["figures"] if f["event"] == index]
        data.update(
            {
                f"{p}kind": event["kind"],
                f"{p}title": event["title"],
                f"{p}period": (event["period"] or {}).get("as_printed", ""),
                f"{p}citations-TOTAL_FORMS": "1",
                f"{p}citations-INITIAL_FORMS": "0",
                f"{p}citations-0-report": str(report.pk),
                f"{p}citations-0-excerpt": _excerpt(event["excerpt"], event["title"]),
                f"{p}figures-TOTAL_FORMS": str(len(figures)),
                f"{p}figures-INITIAL_FORMS": "0",
            }
        )
        for side in ("shanghai", "yunnan", "partner"):
            names = event["partners" if side == "partner" else side]
            codes = [places[name].pk for name in names if name in places]
            data.setlist(f"{p}{side}_regions", codes)
        if any(f["metric"] for f in figures):
            data[f"{p}{ACCEPTED}"] = "on"
        whole_rows = {drafts["figures"].index(f): row for row, f in enumerate(figures, 1)}
        for row, figure in enumerate(figures):
            data.update(_figure_data(f"{p}figures-{row}-", figure, report))
            if figure["part_of"] in whole_rows:
                data[f"{p}figures-{row}-part_of_row"] = str(whole_rows[figure["part_of"]])
    alone = [f for f in drafts["figures"] if f["event"] is None]
    for index, figure in enumerate(alone):
        p = f"f{index}-"
        data.update(_figure_data(p, figure, report))
        data[f"{p}period"] = (figure["period"] or {}).get("as_printed", "")
    return data


def _figure_data(p, figure, report):
    data = {
        f"{p}metric": figure["metric"] or "",
        f"{p}value": _printed_number(figure),
        f"{p}qualifier": figure["qualifier"],
        f"{p}unit": figure["unit_code"],
        f"{p}report": str(report.pk),
        f"{p}excerpt": figure["excerpt"],
    }
    if figure["cumulative"]:
        data[f"{p}is_cumulative"] = "on"
    if figure["metric"]:
        data[f"{p}{ACCEPTED}"] = "on"
    return data


def _printed_number(figure):
    """Return the figure's value as printed without its counter ("4期" → "4"): the unit is the
    draft's own field, and a counter left in the value would be read again, as 期 the issues
    of a journal where the draft read the classes of 培训班4期."""
    printed, counter = figure["why"]["value"], figure["unit"]
    return printed.removesuffix(counter) if counter else printed


def _excerpt(sentence, clause):
    """Return the event's sentence as its citation's excerpt, or its clause when the sentence
    is longer than an excerpt may be."""
    return sentence if len(sentence) <= EXCERPT_MAX_LENGTH else clause


def marked_text(text, figures):
    """Return the text as (words, anchors) pieces: a figure's excerpt is a piece whose anchors
    name the figures quoting it ("figure-e0-2", "figure-f1"); the rest has none. An excerpt
    found nowhere, or overlapping an earlier one, is left unmarked."""
    spans, cursor = {}, 0
    for anchor, excerpt in figures:
        at = text.find(excerpt, cursor)
        if at < 0:
            at = text.find(excerpt)
        if at < 0 or not excerpt:
            continue
        spans.setdefault((at, at + len(excerpt)), []).append(anchor)
        cursor = at
    pieces, end = [], 0
    for (start, stop), anchors in sorted(spans.items()):
        if start < end:
            continue
        pieces += [(text[end:start], []), (text[start:stop], anchors)]
        end = stop
    pieces.append((text[end:], []))
    return [piece for piece in pieces if piece[0]]
