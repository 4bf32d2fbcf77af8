"""Admin forms: dates typed as precisely as the report gives them, a reason for every change,
and the checks that keep a new record from corrupting the figures."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .dates import period_as_text, publication_of, read_period
from .likely_same import Quantity, likely_same, not_the_same_note
from .merging import merge_target
from .metrics import Qualifier, Unit
from .models import Event, Figure, Region, Report, TrainingProgramme
from .numerals import read_value
from .report_text import report_text

PERIOD_HELP = _(
    "照报道原文填写，如 2023年2月8日至13日、今年1至8月、2024年上半年、正月初八、"
    "2月23日晚上7时；或写作 2018-06-27、2017-11、2017、2026-02起、截至2026。"
    "未写年份或写“今年”“近日”等，据来源报道的日期推定并注明。报道没有日期就留空。"
)


class AdminModelForm(forms.ModelForm):
    """Every admin form: a text too long for its field is refused with the field's Chinese
    error, never cut short. A browser silently drops what is typed or pasted beyond an input's
    maxlength (a long URL as a report's file name), so no input carries one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class DatedRecordForm(AdminModelForm):
    """An admin form for a dated record: one `period` text field stands for the three stored
    date fields, and changing an existing record asks for a reason, kept in its history."""

    period = forms.CharField(label=_("日期"), required=False, help_text=PERIOD_HELP, max_length=60)
    change_reason = forms.CharField(
        label=_("修改原因"),
        required=False,
        max_length=100,
        help_text=_("修改已有记录时必填，如：据某报道更正数字。"),
    )

    reason_required = True  # ChangeReasonAdmin lifts it for the creator's own work of the day

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["change_reason"].required = self.reason_required
            self.initial["period"] = self.instance.date_text or period_as_text(
                self.instance.date_start, self.instance.date_end, self.instance.date_precision
            )

    def clean(self):
        """Read the printed date against the cited report's publication date; `period` is
        then the stored (start, end, precision)."""
        cleaned = super().clean()
        if "period" in cleaned:
            try:
                period = read_period(cleaned["period"], publication_of(self.cited_report(cleaned)))
            except ValueError as error:
                self.add_error("period", str(error))
                return cleaned
            self.instance.set_period(period)
            cleaned["period"] = period.bounds
        return cleaned

    def cited_report(self, cleaned):
        """Return the report the record cites, whose date resolves a date printed without a
        year or relative to it ('2月23日', '近日')."""
        return cleaned.get("report")


NOT_THE_SAME = "new"


class EventAdminForm(DatedRecordForm):
    """An event. One that may be an event already recorded (likely_same: another report of the
    same batch) is refused once with the candidates shown, until the editor says which: this
    report of that event (`attach_to`: nothing new is saved, the report's citation and figures
    are attached to it) or not the same event (saved, the decision in its history)."""

    # Rendered with the candidates (admin/pairings/event/_likely_same.html), not as a field.
    same_event = forms.CharField(required=False)

    class Meta:
        model = Event
        fields = (
            "kind",
            "title",
            "shanghai_regions",
            "yunnan_regions",
            "pairings",
            "partner_regions",
            "partners",
            "venue",
            "summary",
        )

    def cited_report(self, cleaned):
        return posted_citation_report(self.data)

    def clean(self):
        cleaned = super().clean()
        self._check_sides(cleaned)
        self._check_places_in_pairings(cleaned)
        self._check_likely_same(cleaned)
        return cleaned

    def _check_sides(self, cleaned):
        shanghai = cleaned.get("shanghai_regions") or []
        if any(not region.is_shanghai for region in shanghai):
            self.add_error("shanghai_regions", _("上海参与方只能是上海市或其下辖区。"))
        yunnan = cleaned.get("yunnan_regions") or []
        if any(not region.is_yunnan or region.level == Region.Level.PROVINCE for region in yunnan):
            self.add_error("yunnan_regions", _("云南地点只能是云南的州（市）或县（市、区）。"))

    def _check_places_in_pairings(self, cleaned):
        """A place must lie in the Yunnan side of a chosen pairing, or contain it: a
        county-level pairing's event may name the prefecture too."""
        pairings = cleaned.get("pairings") or []
        if not pairings:
            return
        yunnan_sides = {pairing.yunnan for pairing in pairings}
        for place in cleaned.get("yunnan_regions") or []:
            if any(_related(place, side) for side in yunnan_sides):
                continue
            self.add_error(
                "yunnan_regions",
                _("%(place)s不在所选结对的云南方（%(sides)s）之内。")
                % {"place": place.full_name, "sides": "、".join(s.name for s in yunnan_sides)},
            )
        shanghai_sides = {pairing.shanghai for pairing in pairings}
        chosen = set(cleaned.get("shanghai_regions") or [])
        if chosen and not any(_related(a, b) for a in chosen for b in shanghai_sides):
            self.add_error("pairings", _("所选结对的上海方不在上海参与方之中。"))

    def _check_likely_same(self, cleaned):
        """Offer the recorded events this one may be, on adding it and on changing its kind,
        date or places, and take the editor's choice among them."""
        self.likely_same, self.attach_to, self.checked_against = [], None, []
        watched = {"kind", "period", "shanghai_regions", "yunnan_regions"}
        if self.errors or (self.instance.pk and not watched & set(self.changed_data)):
            return
        self.likely_same = likely_same(
            kind=cleaned.get("kind"),
            period=cleaned.get("period") or (None, None, ""),
            shanghai=cleaned.get("shanghai_regions") or [],
            yunnan=cleaned.get("yunnan_regions") or [],
            quantities=posted_quantities(self.data),
            text=f"{cleaned.get('title', '')} {cleaned.get('summary', '')}",
            exclude=self.instance.pk,
        )
        self.entered_report = posted_citation_report(self.data)
        by_pk = {str(candidate.event.pk): candidate.event for candidate in self.likely_same}
        choice = cleaned.get("same_event")
        if not by_pk:
            return
        if choice == NOT_THE_SAME:
            self.checked_against = list(by_pk.values())
        elif choice in by_pk and not self.instance.pk:
            self.attach_to = by_pk[choice]
        else:
            message = _("这可能是已记录的活动：请核对下列活动，选择一项后再保存。")
            self.add_error("same_event", message)

    def not_the_same_note(self):
        """Return the decision to record in the new event's history, or ""."""
        return not_the_same_note(self.checked_against)


def posted_quantities(data):
    """Return the figures an event's figure rows send, as the matcher compares them; a row
    not (yet) readable is left out."""
    quantities = []
    for index in range(int(data.get("figures-TOTAL_FORMS") or 0)):
        row = {
            key: data.get(f"figures-{index}-{key}")
            for key in ("metric", "value", "unit", "is_cumulative", "DELETE")
        }
        if row["DELETE"] or not (row["metric"] and row["value"] and row["unit"]):
            continue
        try:
            printed = read_value(str(row["value"]))
        except ValueError:
            continue
        quantities.append(
            Quantity(
                row["metric"],
                row["unit"],
                printed.value,
                printed.high,
                bool(row["is_cumulative"]),
            )
        )
    return quantities


def posted_citation_report(data):
    """Return the report of an event's first citation, as the citations inline sends it."""
    for index in range(int(data.get("citations-TOTAL_FORMS") or 0)):
        report = data.get(f"citations-{index}-report")
        if report and str(report).isdigit() and not data.get(f"citations-{index}-DELETE"):
            return Report.objects.filter(pk=report).first()
    return None


def event_citation_report(event):
    """Return the report of the event's first citation: a figure of the event cites it
    unless the clerk chooses another."""
    citation = event.citations.order_by("pk").select_related("report").first() if event else None
    return citation.report if citation else None


class CitationFormSet(forms.BaseInlineFormSet):
    """An event's citations, of which at least one stays (EventCitationInline)."""

    default_error_messages = {
        "too_few_forms": _("每个活动至少保留一条出处（报道及原文摘录），不能全部删除。")
    }


class PairingCitationFormSet(forms.BaseInlineFormSet):
    """A pairing's citations, of which at least one stays (PairingCitationInline)."""

    default_error_messages = {
        "too_few_forms": _("每个结对关系至少保留一条出处（报道及原文摘录），不能全部删除。")
    }

    def get_unique_error_message(self, unique_check):
        """The message of the constraint the check stands for, said once, in the model."""
        constraints = self.model._meta.constraints
        unique = next(c for c in constraints if set(getattr(c, "fields", ())) == set(unique_check))
        return unique.violation_error_message


class PrintedValueField(forms.CharField):
    """A figure's value typed as the report prints it (4.4万, 三百余, 1,500): cleaned to the
    PrintedValue it reads, shown again as a plain number (44000, not 44000.00)."""

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return read_value(text)
        except ValueError as error:
            raise ValidationError(str(error)) from error


class PrintedValueForm(AdminModelForm):
    """A figure's value as printed. The words around the number propose its qualifier (余, 多,
    超过, 突破, 以上, 逾: at least; 近, 约: about) and the word after it its unit; a choice that
    contradicts them is refused once, with the proposal chosen in its place, so that saving
    again confirms it, and a clerk who means otherwise ticks qualifier_confirmed."""

    value = PrintedValueField(
        label=_("数值"),
        help_text=_(
            "按原文填写，如 5112、1,500、4.4万、36亿、三百余、近800人次，"
            "范围如 100至200名、3-5万元；万、亿不必换算。"
        ),
    )
    qualifier_confirmed = forms.BooleanField(
        label=_("限定、单位与原文写法不同，确认保存"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = self.instance.value, self.instance.value_high
        if high is not None:  # a range is changed as it was typed, both bounds together
            self.initial["value"] = "至".join(
                self.fields["value"].prepare_value(bound) for bound in (low, high)
            )

    def clean_value(self):
        printed = self.cleaned_data.get("value")
        self.printed = printed
        # The high bound has no field of its own: it is the value as printed, read together.
        self.instance.value_high = printed.high if printed else None
        return printed.value if printed else printed

    def clean(self):
        cleaned = super().clean()
        printed = getattr(self, "printed", None)
        if printed and not cleaned.get("qualifier_confirmed"):
            self._check_printed("qualifier", printed.qualifier, cleaned, Qualifier)
            self._check_printed("unit", unit_printed(printed.measure), cleaned, Unit)
        return cleaned

    def _check_printed(self, field, printed, cleaned, choices):
        chosen = cleaned.get(field)
        if not printed or not chosen or chosen == printed:
            return
        if field == "qualifier" and printed == Qualifier.EXACT:
            return  # a plain number: the qualifier may come from the excerpt's words
        self.add_error(
            field,
            _("原文写作“%(text)s”，应为“%(printed)s”，已改选；请核对后再保存。")
            % {"text": self.data.get(self.add_prefix("value")), "printed": choices(printed).label},
        )
        self.data = self.data.copy()
        self.data[self.add_prefix(field)] = printed


def unit_printed(measure):
    """Return the unit a word printed after a number names (人次, 元, 名 for 人), or None."""
    with translation.override("zh-hans"):
        by_word = {str(unit.label): unit for unit in Unit}
    by_word["名"] = Unit.PERSON
    return by_word.get(measure)


class FigureFormSet(forms.BaseInlineFormSet):
    """An event's figures (FigureInline): a new one is shown with the event's citation's
    report chosen, and a part (其中) may name its whole by its row (#1, #2 …), so that both
    are entered in one save: wholes are saved first, then their parts linked to them. The
    metrics are listed once for all its forms, not once per form."""

    @cached_property
    def _metric_choices(self):
        return list(iter(self.form.base_fields["metric"].choices))  # no COUNT first

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["metric"].choices = self._metric_choices

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.cited_report and (index is None or index >= self.initial_form_count()):
            kwargs["initial"] = {"report": self.cited_report.pk}
        return kwargs

    @cached_property
    def cited_report(self):
        return event_citation_report(self.instance if self.instance.pk else None)

    def clean(self):
        super().clean()
        self.wholes_on_screen = {}
        self.counted_on_screen = {}
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if self._should_delete_form(form):
                continue
            if cleaned.get("part_of_row"):
                self._link_to_row(form, cleaned["part_of_row"])
            if cleaned.get("account_of_row"):
                self._link_account_to_row(form, cleaned["account_of_row"])
        for part in list(self.wholes_on_screen):
            if self._depth(part) is None:
                part.add_error("part_of_row", _("“其中”不能互为总数。"))

    def _form_at_row(self, form, row, field, deleted):
        """Return the form at `row` (counted from 1, as the rows are headed), or None after
        saying on `form`'s `field` why not: no such row, or the row is to be `deleted`."""
        index = row - 1
        if index >= len(self.forms) or not (
            index < self.initial_form_count() or self.forms[index].has_changed()
        ):
            form.add_error(field, _("本页没有第 %(row)s 个数字。") % {"row": row})
            return None
        other = self.forms[index]
        if self._should_delete_form(other):
            form.add_error(field, deleted % {"row": row})
            return None
        return other

    def _link_to_row(self, part, row):
        """Take the form at `row` as the part's whole, or say on the part why it cannot be."""
        whole = self._form_at_row(
            part, row, "part_of_row", _("第 %(row)s 个数字已勾选删除，不能作为总数。")
        )
        if whole is None:
            return
        errors = part.instance.errors_as_part_of(whole.instance)
        for field, message in errors.items():
            part.add_error("part_of_row" if field == "subset_of" else field, message)
        if not errors:
            self.wholes_on_screen[part] = whole

    def _link_account_to_row(self, account, row):
        """Take the figure at `row` as the one this other report's account is of (the one
        that counts), or say on the account why it cannot be."""
        counted = self._form_at_row(
            account, row, "account_of_row", _("第 %(row)s 个数字已勾选删除，不能计入合计。")
        )
        if counted is None:
            return
        if counted.cleaned_data.get("account_of_row") or counted.cleaned_data.get("account_of"):
            message = _("所选数字本身是另一份报道；请选它所指的、计入合计的数字。")
            account.add_error("account_of_row", message)
            return
        for message in account.instance.errors_as_account_of(counted.instance).values():
            account.add_error("account_of_row", message)
        if "account_of_row" not in account.errors:
            self.counted_on_screen[account] = counted

    def save(self, commit=True):
        """Save wholes before their parts, and the account that counts before the others: a
        part or an account named its figure by its row, which may be below it and not yet
        saved."""
        for part, whole in self.wholes_on_screen.items():
            part.instance.subset_of = whole.instance
        for account, counted in self.counted_on_screen.items():
            account.instance.account_of = counted.instance
        depth = {id(form.instance): self._depth(form) for form in self.forms}
        saved = sorted(super().save(commit=False), key=lambda figure: depth[id(figure)])
        if commit:
            for figure in saved:
                figure.save()
            self.save_m2m()
        return saved

    def _depth(self, form):
        """Return how many figures on this screen must be saved before the form's (its
        wholes, and the account that counts), or None when following them leads round in a
        circle."""
        above = []
        while form in self.wholes_on_screen or form in self.counted_on_screen:
            form = self.wholes_on_screen.get(form) or self.counted_on_screen[form]
            if form in above:
                return None
            above.append(form)
        return len(above)


class CitesEventReport:
    """A figure form whose report, left empty, is its event's citation's (report_of_event)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("report") and "report" not in self.errors:
            cleaned["report"] = self.report_of_event(cleaned)
            if cleaned["report"] is None:
                self.add_error("report", self.fields["report"].error_messages["required"])
        return cleaned


class FigureInlineForm(CitesEventReport, PrintedValueForm):
    """A figure of an event: it takes the event's date, so no date is entered here, and its
    report is the event's citation's unless another is chosen. A part (其中) names its whole
    among the stored figures (subset_of) or by its row on this screen (part_of_row)."""

    part_of_row = forms.IntegerField(
        label=_("或：总数是本页第几个数字"),
        required=False,
        min_value=1,
        help_text=_("总数与它一起填写时，填总数的序号（数字 #1 填 1）。"),
    )

    account_of_row = forms.IntegerField(
        label=_("或：同一数量计入合计的是本页第几个数字"),
        required=False,
        min_value=1,
        help_text=_("这是另一份报道对本页某个数字的说法时，填那个数字的序号：只计那个，不相加。"),
    )

    def report_of_event(self, cleaned):
        return posted_citation_report(self.data)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("part_of_row") and cleaned.get("subset_of"):
            self.add_error(
                "part_of_row",
                _("“其中”的总数只填一处：已保存的数字在“其中（所属总数）”中选，本页的写序号。"),
            )
        if cleaned.get("account_of_row") and cleaned.get("account_of"):
            self.add_error(
                "account_of_row",
                _("计入合计的数字只填一处：已保存的在“同一数量的另一报道”中选，本页的写序号。"),
            )
        return cleaned

    class Meta:
        model = Figure
        fields = (
            "metric",
            "value",
            "qualifier",
            "unit",
            "is_cumulative",
            "subset_of",
            "subgroup",
            "account_of",
            "report",
            "excerpt",
            "note",
        )
        widgets = {
            "excerpt": forms.TextInput(attrs={"size": 60}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }


class FigureAdminForm(CitesEventReport, PrintedValueForm, DatedRecordForm):
    class Meta:
        model = Figure
        fields = (
            *FigureInlineForm.Meta.fields,
            "event",
            "programme",
            "pairing",
            "place",
        )

    def report_of_event(self, cleaned):
        return event_citation_report(cleaned.get("event"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("event") and self.instance.date_precision:
            self.add_error("period", _("属于活动的数字沿用活动日期，请留空。"))
        return cleaned


class PrintedTextField(forms.CharField):
    """A long text as pasted: a browser sends its line breaks as CRLF, the text keeps LF, so
    that an unchanged text is seen as unchanged."""

    widget = forms.Textarea(attrs={"rows": 20, "cols": 100})

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class ReportAdminForm(DatedRecordForm):
    """A report, and its full text pasted or read from an uploaded file. A file replaces the
    text; a file together with an edited text is refused, since either could be the one meant."""

    text = PrintedTextField(
        label=_("全文"),
        required=False,
        help_text=_("粘贴报道全文（照原文，繁体不必转换），或在下面上传文件。只在管理后台可见。"),
    )
    text_file = forms.FileField(
        label=_("上传全文文件"),
        required=False,
        help_text=_(
            "上传 .txt、.html、.docx 或有文字层的 .pdf（不超过 5 MB），文字替换上面的全文。"
        ),
    )

    class Meta:
        model = Report
        fields = (
            "title",
            "url",
            "publication",
            "author",
            "date_source",
            "script",
            "is_truncated",
            "file_name",
        )
        widgets = {"url": forms.URLInput(attrs={"size": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self.instance, "full_text"):
            self.initial["text"] = self.instance.full_text.text

    def cited_report(self, cleaned):
        return None  # a report's own date is its publication date, printed with its year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text_file"):
            if "text" in self.changed_data:
                self.add_error(
                    "text_file",
                    _("请只用一种方式：粘贴全文，或上传文件（上传前不要改动全文框）。"),
                )
            else:
                try:
                    cleaned["text"] = report_text(cleaned["text_file"])
                except ValidationError as error:
                    self.add_error("text_file", error)
        return cleaned

    def text_changed(self):
        """Return True when the save brings a new full text (pasted or uploaded)."""
        return bool({"text", "text_file"} & set(self.changed_data))


class TrainingProgrammeAdminForm(DatedRecordForm):
    class Meta:
        model = TrainingProgramme
        fields = (
            "title",
            "pairing",
            "provider",
            "trades",
            "yunnan_regions",
            "labour_brand",
            "report",
            "excerpt",
        )


class MetricAdminForm(AdminModelForm):
    """A metric of the registry: its units ticked from the fixed list, its code fixed once
    figures store it."""

    units = forms.TypedMultipleChoiceField(
        label=_("可用单位"),
        choices=Unit.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("报道为它写过的每个单位（如人与人次都用时两者都选）；合计从不混合单位"),
    )

    cues = forms.CharField(
        label=_("提示词"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("报道中说明数字属于此指标的词语，用顿号或空格分开，如：到沪、赴沪、来沪"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.initial["cues"] = "、".join(self.instance.cues)

    def clean_cues(self):
        words = re.split(r"[、，,;；\s]+", self.cleaned_data["cues"])
        return list(dict.fromkeys(word for word in words if word))

    def clean_units(self):
        # In the order of the unit list, whatever order they were ticked in.
        ticked = set(self.cleaned_data["units"])
        return [unit for unit in Unit.values if unit in ticked]


def _related(region, other):
    """Return True when one of the two regions lies in (or is) the other: 周浦镇 and
    浦东新区, 鹤庆县 and 大理州, anything in Yunnan and 云南省."""
    return other in region.lineage() or region in other.lineage()


class EventMergeForm(forms.Form):
    """Merge the event on screen into another one, the record to keep, with a reason."""

    into = forms.IntegerField(
        label=_("合并到活动（编号）"),
        min_value=1,
        help_text=_("保留的那条活动记录的编号；本活动的出处、数字、地点和结对移到它名下。"),
    )
    reason = forms.CharField(
        label=_("合并理由"), max_length=200, help_text=_("如：两篇报道所写为同一趟专列。")
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_into(self):
        return merge_target(self.event, self.cleaned_data["into"])


class EventUnmergeForm(forms.Form):
    reason = forms.CharField(
        label=_("撤销理由"), max_length=200, help_text=_("如：核对后并非同一活动。")
    )
