"""Spreadsheet import and export of events (django-import-export).

One row is one event with the report that names it, or one figure of it: an event's figures
are rows of their own with the event's columns repeated, and rows whose event columns agree
make one event. A figure cites the row's report. Columns use the labels staff know, values
are names (嘉定区, 楚雄州, 专场招聘会), never ids. A row with any error is reported with its
column and a Chinese message, and nothing is saved until every row is clean.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from summaries import writes

from .dates import period_as_text, publication_of, read_period
from .forms import unit_printed
from .likely_same import Quantity, attach_report, likely_same, not_the_same_note
from .metrics import Qualifier, Unit
from .models import (
    EXCERPT_MAX_LENGTH,
    Event,
    EventCitation,
    EventMerge,
    Figure,
    Metric,
    Pairing,
    Region,
    Report,
)
from .numerals import read_value

NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")


def _names(value):
    return [name for name in NAME_SEPARATORS.split(str(value or "").strip()) if name]


class RegionNamesWidget(widgets.ManyToManyWidget):
    """Regions separated by 、 or commas, each by code, name or a chain of the names above it
    (Region.objects.named). A column's province is the scope: 上海参与方 reads Shanghai's
    regions, 云南地点 Yunnan's, so 新场镇 (ten in China, one in Shanghai) needs no chain there.
    A name that is unknown, or that several regions of the scope bear, is an error naming
    them; nothing is guessed."""

    def __init__(self, side):
        super().__init__(Region, field="name", separator="、")
        self.side = side

    def _candidates(self):
        regions = Region.objects.all()
        if self.side == "shanghai":
            return regions.shanghai()
        if self.side == "yunnan":
            return regions.yunnan()
        return regions

    def clean(self, value, row=None, **kwargs):
        names = _names(value)
        found = {name: self._candidates().named(name) for name in dict.fromkeys(names)}
        unknown = [name for name in found if not found[name]]
        if unknown:
            raise ValueError(_("未知地区：%(names)s") % {"names": "、".join(unknown)})
        refusals = [
            _("“%(name)s”有%(n)s个同名地区：%(regions)s")
            % {
                "name": name,
                "n": len(regions),
                "regions": "、".join(f"{region.chain_name()}（{region.pk}）" for region in regions),
            }
            for name, regions in found.items()
            if len(regions) > 1
        ]
        if refusals:
            example = found[next(name for name in found if len(found[name]) > 1)][0]
            raise ValueError(
                "；".join(refusals)
                + _("。请写出上级区划（如“%(chain)s”）或行政区划代码。")
                % {"chain": example.chain_name()}
            )
        return [found[name][0] for name in names]

    def render(self, value, obj=None, **kwargs):
        return "、".join(region.name for region in value.all()) if value is not None else ""


class PairingNamesWidget(widgets.ManyToManyWidget):
    """Pairings written as 嘉定区–楚雄州 (– or - or —), separated by 、."""

    def __init__(self):
        super().__init__(Pairing, separator="、")

    def clean(self, value, row=None, **kwargs):
        pairings = []
        for text in _names(value):
            sides = re.split(r"[–—\-－]", text)
            match = None
            if len(sides) == 2:
                match = Pairing.objects.filter(
                    shanghai__name=sides[0], yunnan__name=sides[1]
                ).first()
            if match is None:
                raise ValueError(_("未知结对：%(text)s（写作“嘉定区–楚雄州”）") % {"text": text})
            pairings.append(match)
        return pairings

    def render(self, value, obj=None, **kwargs):
        return "、".join(str(pairing) for pairing in value.all()) if value is not None else ""


class KindWidget(widgets.Widget):
    @staticmethod
    def choices_text():
        """Return the kinds a cell may name, each quoted, separated by ；: a kind's label may
        itself hold 、 (座谈会、会议), which as the separator read as two kinds."""
        return "；".join(f"“{kind.label}”" for kind in Event.Kind)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for kind in Event.Kind:
            if text in (kind.value, str(kind.label)):
                return kind.value
        raise ValueError(
            _("未知活动类型“%(text)s”，可选：%(labels)s")
            % {"text": text, "labels": self.choices_text()}
        )

    def render(self, value, obj=None, **kwargs):
        return str(Event.Kind(value).label) if value else ""


class EventIdWidget(widgets.IntegerWidget):
    """The id column: empty for a new event, else an existing event's number."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(_("id 只能是已有活动的编号（整数）；新记录留空。"))
        return int(text)


class PeriodField(fields.Field):
    """The 日期 column: the date as the report prints it, read against the publication date of
    the row's report (来源报道文件名) and stored with its wording, bounds and basis."""

    def clean(self, row, **kwargs):
        file_name = str(row.get("来源报道文件名") or "").strip()
        report = Report.objects.filter(file_name=file_name).first() if file_name else None
        return read_period(str(row.get(self.column_name) or ""), publication_of(report))

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.set_period(self.clean(row))

    def get_value(self, instance):
        return instance.date_text or period_as_text(
            instance.date_start, instance.date_end, instance.date_precision
        )


class CitationField(fields.Field):
    """A column drawn from the event's citations (their reports' file names, or their excerpts):
    read for the export and, after the row's citation is saved, for the import's preview."""

    def __init__(self, part, separator, **kwargs):
        super().__init__(readonly=True, **kwargs)
        self.part, self.separator = part, separator

    def get_value(self, event):
        if event is None or event.pk is None:
            return None
        return self.separator.join(self.part(citation) for citation in event.citations.all())


# A figure's columns, by the Figure field each fills; import only (the export is one row per
# event). A row leaves them all empty when it brings no figure.
FIGURE_COLUMNS = {
    "metric": "指标",
    "value": "数值",
    "qualifier": "限定",
    "unit": "单位",
    "is_cumulative": "累计数",
    "subgroup": "子群体",
    "excerpt": "数字原文摘录",
}
YES = ("是", "累计", "yes", "true", "1")


def _cell(row, column):
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _choice(choices, text, unknown):
    """Return the choice whose code or Chinese label the cell holds."""
    for choice in choices:
        if text in (choice.value, str(choice.label)):
            return choice.value
    raise ValueError(unknown % {"text": text})


def _metric(text):
    """Return the metric whose code or Chinese name the cell holds."""
    metric = Metric.objects.filter(Q(code=text) | Q(name_zh=text)).first()
    if metric is None:
        raise ValueError(_("未知指标“%(text)s”") % {"text": text})
    return metric


def figure_of_row(row):
    """Return the unsaved Figure a row brings (None when its figure columns are empty), its
    value read as printed (3000余, 1.2万, 三百余名), the qualifier and unit the printed words
    propose where the row leaves them empty; raise ValidationError keyed by column."""
    cells = {field: _cell(row, column) for field, column in FIGURE_COLUMNS.items()}
    if not any(cells.values()):
        return None
    errors, figure = {}, Figure(subgroup=cells["subgroup"], excerpt=cells["excerpt"])
    figure.is_cumulative = cells["is_cumulative"].lower() in YES
    try:
        figure.metric = _metric(cells["metric"])
    except ValueError as error:
        errors["metric"] = [str(error)]
    printed = None
    try:
        printed = read_value(cells["value"])
        figure.value, figure.value_high = printed.value, printed.high
    except ValueError as error:
        errors["value"] = [str(error)]
    try:
        figure.qualifier = (
            _choice(Qualifier, cells["qualifier"], _("未知限定“%(text)s”"))
            if cells["qualifier"]
            else printed.qualifier
            if printed
            else Qualifier.EXACT
        )
        figure.unit = (
            _choice(Unit, cells["unit"], _("未知单位“%(text)s”"))
            if cells["unit"]
            else unit_printed(printed.measure)
            if printed
            else ""
        ) or ""
    except ValueError as error:
        errors["unit" if cells["qualifier"] else "qualifier"] = [str(error)]
    try:
        figure.clean_fields(exclude=["report", "event", *errors])
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        figure.clean()
    except ValidationError as error:
        errors.update(error.message_dict)  # its own words ("每个数字都必须附原文摘录") win
    if errors:
        raise ValidationError(
            {FIGURE_COLUMNS.get(field, field): messages for field, messages in errors.items()}
        )
    return figure


class FigureColumn(fields.Field):
    """A figure column: read by figure_of_row(), never written to the event; the preview shows
    what the row typed."""

    def __init__(self, column_name):
        super().__init__(attribute=None, column_name=column_name, readonly=True)

    def get_value(self, event):
        return getattr(event, "figure_cells", {}).get(self.column_name, "")


# The 同一活动 column: empty, a recorded event's number (12 or #12), an earlier row of the file
# (第3行), or 新活动.
NOT_THE_SAME = "新活动"
EVENT_NUMBER = re.compile(r"#?(\d+)")
ROW_NUMBER = re.compile(r"第\s*(\d+)\s*行")


class SameEventColumn(fields.Field):
    """The 同一活动 column: which event a row that may be one already recorded is, read by
    EventResource._same_event(), never written to the event; the preview shows what the row
    typed."""

    def __init__(self):
        super().__init__(attribute=None, column_name="同一活动", readonly=True)

    def get_value(self, event):
        return getattr(event, "same_event_cell", "")


class EventResource(resources.ModelResource):
    id = fields.Field(attribute="id", column_name="id", widget=EventIdWidget())
    period = PeriodField(attribute="period", column_name="日期")
    kind = fields.Field(attribute="kind", column_name="类型", widget=KindWidget())
    title = fields.Field(attribute="title", column_name="标题", widget=widgets.CharWidget())
    shanghai_regions = fields.Field(
        attribute="shanghai_regions", column_name="上海参与方", widget=RegionNamesWidget("shanghai")
    )
    yunnan_regions = fields.Field(
        attribute="yunnan_regions", column_name="云南地点", widget=RegionNamesWidget("yunnan")
    )
    pairings = fields.Field(attribute="pairings", column_name="结对", widget=PairingNamesWidget())
    venue = fields.Field(attribute="venue", column_name="地点", widget=widgets.CharWidget())
    partners = fields.Field(
        attribute="partners", column_name="其他参与单位", widget=widgets.CharWidget()
    )
    summary = fields.Field(attribute="summary", column_name="概要", widget=widgets.CharWidget())
    report = CitationField(
        lambda citation: citation.report.file_name, "、", column_name="来源报道文件名"
    )
    excerpt = CitationField(lambda citation: citation.excerpt, " / ", column_name="原文摘录")
    metric = FigureColumn("指标")
    value = FigureColumn("数值")
    qualifier = FigureColumn("限定")
    unit = FigureColumn("单位")
    is_cumulative = FigureColumn("累计数")
    subgroup = FigureColumn("子群体")
    figure_excerpt = FigureColumn("数字原文摘录")
    same_event = SameEventColumn()

    class Meta:
        model = Event
        fields = (
            "id",
            "period",
            "kind",
            "title",
            "shanghai_regions",
            "yunnan_regions",
            "pairings",
            "venue",
            "partners",
            "summary",
            "report",
            "excerpt",
            "metric",
            "value",
            "qualifier",
            "unit",
            "is_cumulative",
            "subgroup",
            "figure_excerpt",
            "same_event",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def import_instance(self, instance, row, **kwargs):
        errors, places = {}, {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    places[field.attribute] = field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        errors.update(self._citation_errors(row))
        try:
            row["_figure"] = figure_of_row(row)
        except ValidationError as error:
            errors.update(error.message_dict)
        try:
            row["_same"] = self._same_event(row)
        except ValueError as error:
            errors["same_event"] = [str(error)]
        if not errors and instance.pk is None and row["_same"] in (None, NOT_THE_SAME):
            candidates = self._likely_same(instance, row, places)
            if candidates and row["_same"] is None:
                errors["same_event"] = [self._refusal(candidates)]
            elif candidates:
                instance._change_reason = not_the_same_note(event.event for event in candidates)
        if errors:
            raise ValidationError(errors)

    def _same_event(self, row):
        """Return what the 同一活动 cell says: None (nothing), NOT_THE_SAME, or the event this
        row is another report of (a recorded one by its number, a merged one's by its old
        number, or the event of an earlier row); a row repeating an attached row's event
        columns is attached there too. Raise ValueError with the Chinese reason."""
        text = _cell(row, "同一活动")
        if not text:
            return self.attached.get(self._event_key(row))
        if _cell(row, "id"):
            raise ValueError(_("填了 id 的行修改已有活动，“同一活动”须留空。"))
        if text in (NOT_THE_SAME, "不是同一活动"):
            return NOT_THE_SAME
        if number := EVENT_NUMBER.fullmatch(text):
            pk = int(number[1])
            merged = EventMerge.objects.filter(merged_pk=pk).values("event_id")
            event = Event.objects.filter(Q(pk=pk) | Q(pk__in=merged)).first()
            if event is None:
                raise ValueError(_("没有编号为 %(n)s 的活动。") % {"n": pk})
            return event
        if number := ROW_NUMBER.fullmatch(text):
            event = self.row_events.get(int(number[1]))
            if event is None:
                raise ValueError(_("第%(n)s行不是本文件中在这一行之前的活动。") % {"n": number[1]})
            return event
        raise ValueError(
            _(
                "“同一活动”只能填已记录活动的编号（如“12”）、本文件在前的行（如“第3行”）"
                "或“新活动”，不能填“%(text)s”。"
            )
            % {"text": text}
        )

    def _likely_same(self, instance, row, places):
        """Return the events, recorded or made by an earlier row, this row's new event may be
        (likely_same), compared with the figures of every row of the event."""
        quantities = []
        for event_row in self.rows_of_event.get(self._event_key(row), [row]):
            try:
                figure = figure_of_row(event_row)
            except ValidationError:
                continue  # its own row says why
            if figure is not None:
                quantities.append(Quantity.of(figure))
        return likely_same(
            kind=instance.kind,
            period=(instance.date_start, instance.date_end, instance.date_precision),
            shanghai=places.get("shanghai_regions") or [],
            yunnan=places.get("yunnan_regions") or [],
            quantities=quantities,
            text=f"{instance.title} {instance.summary}",
        )

    def _refusal(self, candidates):
        """Return the refusal of a row that may be another report of the candidates: each
        named by its number (or its row of this file), title, date, figures and sources, and
        what to type in 同一活动 for it."""
        rows, named = self.made_by_row, []
        for candidate in candidates:
            event = candidate.event
            if event.pk in rows:
                name = _("本文件第 %(n)s 行：%(title)s")
                name %= {"n": rows[event.pk], "title": event.title}
                choice = _("第%(n)s行") % {"n": rows[event.pk]}
            else:
                name, choice = f"#{event.pk} {event.title}", str(event.pk)
            details = [event.period_display]
            figures = [str(figure) for figure in event.figures.all()]
            if figures:
                details.append(_("数字：%(figures)s") % {"figures": "、".join(figures)})
            sources = [citation.report.name for citation in event.citations.all()]
            details.append(_("出处：%(sources)s") % {"sources": "、".join(sources)})
            details.append(_("是它则填“%(choice)s”") % {"choice": choice})
            named.append(f"{name}（{'；'.join(details)}）")
        return _(
            "这可能是已记录的同一活动（同一批次的另一份报道）：%(candidates)s。请在“同一活动”"
            "一列注明；都不是则填“新活动”。"
        ) % {"candidates": "；".join(named)}

    def get_export_fields(self, selected_fields=None):
        """Return the event's columns: an export is one row per event."""
        return [
            field
            for field in super().get_export_fields(selected_fields)
            if not isinstance(field, FigureColumn | SameEventColumn)
        ]

    def get_or_init_instance(self, instance_loader, row):
        """Return the event an earlier row of this import made when this row repeats its
        columns (a further figure of it), else the row's own."""
        if _cell(row, "id"):
            return super().get_or_init_instance(instance_loader, row)
        made = self.made.get(self._event_key(row))
        if made is not None and made.pk is not None:
            made.figure_cells = {}  # the preview shows this row's figure, not the last one's
            row["_further"] = True
            return made, False
        return super().get_or_init_instance(instance_loader, row)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "id" and not _cell(row, "id"):
            return  # a new event (or a further row of one) keeps the number it was given
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def _event_key(self, row):
        return tuple(
            _cell(row, field.column_name)
            for field in self.get_export_fields()
            if field.column_name != "id"
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Name each error by the column staff typed (日期, 类型), never by a field's name."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            by_column = {}
            for name, messages in error.message_dict.items():
                by_column.setdefault(self._column_of(name), []).extend(messages)
            raise ValidationError(by_column) from error

    def _column_of(self, name):
        if name == NON_FIELD_ERRORS:
            return name
        for field_name, field in self.fields.items():
            if name in (field_name, field.attribute):
                return field.column_name
        try:
            return str(Event._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def _citation_errors(self, row):
        errors = {}
        file_name = str(row.get("来源报道文件名") or "").strip()
        excerpt = str(row.get("原文摘录") or "").strip()
        if not Report.objects.filter(file_name=file_name).exists():
            errors["report"] = [
                _("找不到来源报道“%(name)s”，请先在“来源报道”中登记。") % {"name": file_name}
            ]
        if not excerpt:
            errors["excerpt"] = [_("必须附原文摘录。")]
        elif len(excerpt) > EXCERPT_MAX_LENGTH:
            errors["excerpt"] = [_("原文摘录不能超过%(n)s个字。") % {"n": EXCERPT_MAX_LENGTH}]
        return errors

    def import_data(self, dataset, dry_run=False, **kwargs):
        if dry_run:  # a preview: rolled back, it changes nothing to keep current
            self.write = writes.Write()
            return super().import_data(dataset, dry_run=dry_run, **kwargs)
        with writes.kept_current() as self.write:
            return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.made = {}  # event columns → the event made by the first row naming it
        self.attached = {}  # event columns → the recorded event the first row naming it is
        self.row_events = {}  # a row's number in the preview → the event it made or joined
        self.made_by_row = {}  # an event made by this file → the row's number that made it
        # A spreadsheet's empty cell arrives as None, which the preview would print as "None".
        for index in range(dataset.height):
            dataset[index] = ["" if value is None else value for value in dataset[index]]
        self.rows_of_event = {}
        for values in dataset:
            row = dict(zip(dataset.headers, values, strict=True))
            self.rows_of_event.setdefault(self._event_key(row), []).append(row)

    def save_instance(self, instance, is_create, row, **kwargs):
        """Save the row's event, or attach the row's report to the event it is another report
        of (attach_report: no new event, its figure counted once)."""
        event = row.get("_same")
        if not isinstance(event, Event):
            return super().save_instance(instance, is_create, row, **kwargs)
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return None
        report = Report.objects.get(file_name=_cell(row, "来源报道文件名"))
        figure = row.get("_figure")
        if figure is not None:
            figure.report = report
        attach_report(
            event,
            [EventCitation(report=report, excerpt=_cell(row, "原文摘录"))],
            [figure] if figure is not None else [],
            self.write,
            _("同一活动的另一份报道"),
        )
        self.attached.setdefault(self._event_key(row), event)
        self.row_events[kwargs["row_number"]] = event
        instance.figure_cells = {column: _cell(row, column) for column in FIGURE_COLUMNS.values()}
        instance.same_event_cell = _cell(row, "同一活动")
        return None

    def save_m2m(self, instance, row, **kwargs):
        if not isinstance(row.get("_same"), Event):
            super().save_m2m(instance, row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:  # an update: where it was counted changes too
            self.write.touches(Event, [instance.pk])

    def after_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:  # a dry run outside a transaction saves nothing
            return
        self.write.wrote(Event, [instance.pk])
        report = Report.objects.get(file_name=str(row["来源报道文件名"]).strip())
        EventCitation.objects.update_or_create(
            event=instance, report=report, defaults={"excerpt": str(row["原文摘录"]).strip()}
        )
        instance.figure_cells = {column: _cell(row, column) for column in FIGURE_COLUMNS.values()}
        figure = row.get("_figure")
        if figure is not None:
            figure.event, figure.report = instance, report
            figure.save()
            self.write.wrote(Figure, [figure.pk])
        if not _cell(row, "id"):
            self.made.setdefault(self._event_key(row), instance)
            self.made_by_row.setdefault(instance.pk, kwargs["row_number"])
        self.row_events[kwargs["row_number"]] = instance
        instance.same_event_cell = _cell(row, "同一活动")
        instance.refresh_from_db(fields=["citations"])  # the preview reads them afresh

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if row.get("_further") and row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            row_result.import_type = row_result.IMPORT_TYPE_NEW  # a new figure of a new event
        event = row.get("_same")
        if isinstance(event, Event) and row_result.import_type == row_result.IMPORT_TYPE_NEW:
            row_result.import_type = row_result.IMPORT_TYPE_UPDATE  # another report of it
            row_result.object_id, row_result.object_repr = event.pk, str(event)

    def get_queryset(self):
        return Event.objects.prefetch_related(
            "shanghai_regions",
            "yunnan_regions",
            "pairings__shanghai",
            "pairings__yunnan",
            "citations__report",
        )
