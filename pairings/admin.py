"""The admin: the only way data changes. Fast to type a report into, strict about what it takes,
and every change kept with who made it and why."""

import io

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from openpyxl import Workbook
from simple_history.admin import SimpleHistoryAdmin

from summaries import writes

from . import draft_review, merging
from .formatting import format_quantity
from .forms import (
    AdminModelForm,
    CitationFormSet,
    EventAdminForm,
    EventMergeForm,
    EventUnmergeForm,
    FigureAdminForm,
    FigureFormSet,
    FigureInlineForm,
    MetricAdminForm,
    PairingCitationFormSet,
    ReportAdminForm,
    TrainingProgrammeAdminForm,
    event_citation_report,
)
from .importing import AllOrNothingImport
from .likely_same import attach_report
from .models import (
    YUNNAN_CODE,
    Event,
    EventCitation,
    EventMerge,
    Figure,
    LabourBrand,
    Metric,
    Pairing,
    PairingCitation,
    Region,
    Report,
    TrainingProgramme,
)
from .resources import FIGURE_COLUMNS, EventResource, KindWidget
from .script import spellings

admin.site.site_header = _("沪滇劳务协作数据管理")
admin.site.site_title = _("沪滇劳务协作数据管理")
admin.site.index_title = _("数据录入")

RECENT_CHANGES_PER_MODEL = 50


def tracked_models():
    """Return every model of this app whose changes django-simple-history keeps."""
    return [
        model
        for model in apps.get_app_config("pairings").get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


class ChangeReasonAdmin(SimpleHistoryAdmin):
    """Store the form's change reason in the history of the record and of its inline rows.

    A reason explains a change to a record others may have read or checked; the editor who
    created it today (by hand or by an import) is still entering it, so finishing it (adding
    the figures of a just-imported event) asks none. Its history still says who and when."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and self._created_today_by(obj, request.user):
            return type(form.__name__, (form,), {"reason_required": False})
        return form

    def _created_today_by(self, obj, user):
        return obj.history.filter(
            history_type="+",
            history_user=user,
            history_date__date=timezone.localdate(),
        ).exists()

    def _change_reason(self, form, change):
        return form.cleaned_data.get("change_reason") or (_("修改") if change else _("新建"))

    def save_model(self, request, obj, form, change):
        obj._change_reason = self._change_reason(form, change)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = self._change_reason(form, change)
        for obj in formset.save(commit=False):
            obj._change_reason = reason
            obj.save()
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        formset.save_m2m()


class KeepsSummariesCurrent:
    """Every write of the admin goes through writes.kept_current(), in the admin's
    transaction: a form's save (the record, its links and its inlines, saved by two hooks, so
    the doorway is opened around the view), a history revert, a delete and a bulk delete."""

    def changeform_view(self, request, *args, **kwargs):
        return self._kept_current(request, super().changeform_view, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        return self._kept_current(request, super().history_form_view, *args, **kwargs)

    def _kept_current(self, request, view, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with writes.kept_current() as request.summaries_write:
            return view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        write = request.summaries_write  # on the request, not on this admin, which all share
        if change:
            write.touches(self.model, [obj.pk])
        super().save_model(request, obj, form, change)
        write.wrote(self.model, [obj.pk])

    def delete_model(self, request, obj):
        with writes.kept_current((self.model, [obj.pk])):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with writes.kept_current((self.model, queryset.values_list("pk", flat=True))):
            super().delete_queryset(request, queryset)


class SearchesEitherScript:
    """A search box and autocomplete that find a record whichever script it or the term is
    written in: 閔行 finds 闵行区, 西雙版納 finds 西双版纳州, and a simplified term finds a
    report printed in traditional script."""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        for spelling in spellings(search_term)[1:]:
            more, duplicates = super().get_search_results(request, queryset, spelling)
            found, may_have_duplicates = found | more, may_have_duplicates or duplicates
        return found, may_have_duplicates


class ShanghaiRegionFilter(admin.SimpleListFilter):
    title = _("上海参与方")
    parameter_name = "shanghai"

    def lookups(self, request, model_admin):
        regions = Region.objects.shanghai().filter(
            Q(events_as_shanghai__isnull=False) | Q(pairings_as_shanghai__isnull=False)
        )
        return [(region.code, region.name) for region in regions.distinct()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.lookup: self.value()}).distinct()
        return queryset


class YunnanPrefectureFilter(admin.SimpleListFilter):
    """Events at a prefecture or at any of its counties."""

    title = _("云南州（市）")
    parameter_name = "prefecture"

    def lookups(self, request, model_admin):
        prefectures = Region.objects.yunnan().filter(level=Region.Level.PREFECTURE)
        return [(region.code, region.name) for region in prefectures]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(**{self.lookup: self.value()}) | Q(**{self.parent_lookup: self.value()})
            ).distinct()
        return queryset


class EventShanghaiFilter(ShanghaiRegionFilter):
    lookup = "shanghai_regions"


class EventPrefectureFilter(YunnanPrefectureFilter):
    lookup, parent_lookup = "yunnan_regions", "yunnan_regions__parent"


class FigureShanghaiFilter(ShanghaiRegionFilter):
    lookup = "event__shanghai_regions"

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(event__shanghai_regions=self.value()) | Q(pairing__shanghai=self.value())
            ).distinct()
        return queryset


class FigurePrefectureFilter(YunnanPrefectureFilter):
    def queryset(self, request, queryset):
        if self.value():
            code = self.value()
            return queryset.filter(
                Q(event__yunnan_regions=code)
                | Q(event__yunnan_regions__parent=code)
                | Q(pairing__yunnan=code)
                | Q(pairing__yunnan__parent=code)
                | Q(place=code)
                | Q(place__parent=code)
            ).distinct()
        return queryset


@admin.register(Region)
class RegionAdmin(KeepsSummariesCurrent, SearchesEitherScript, admin.ModelAdmin):
    form = AdminModelForm
    list_display = ("code", "name", "full_name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "full_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)

    def get_search_results(self, request, queryset, search_term):
        """Offer only Shanghai regions for Shanghai fields and only Yunnan ones for places (a
        pairing's Yunnan side may be the whole province: 上海市–云南省)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        field = request.GET.get("field_name", "")
        if field in ("shanghai", "shanghai_regions"):
            queryset = queryset.shanghai()
        elif field == "yunnan":
            queryset = queryset.yunnan() | queryset.filter(code=YUNNAN_CODE)
        elif field == "yunnan_regions":
            queryset = queryset.yunnan()
        return queryset.select_related("parent__parent__parent"), may_have_duplicates


class AutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, which names a region with the places above it: China has
    ten 新场镇 and two 朝阳区, and a bare name would not tell them apart."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Region):
            result["text"] = obj.name_with_places_above()
        return result


@admin.register(Report)
class ReportAdmin(KeepsSummariesCurrent, SearchesEitherScript, ChangeReasonAdmin):
    form = ReportAdminForm
    list_display = ("name", "publication", "period_display", "script", "is_truncated", "file_name")
    list_filter = ("date_precision", "date_source", "script", "is_truncated")
    search_fields = ("title", "url", "file_name", "publication", "author")

    @admin.display(description=_("标题"), ordering="title")
    def name(self, report):
        return report.name

    @admin.display(description=_("日期"))
    def period_display(self, report):
        return report.period_display

    @admin.display(description=_("全文"))
    def text(self, report):
        """The full text as a viewer, who changes nothing, reads it (editors get the form's)."""
        return getattr(report, "full_text", None) and report.full_text.text

    change_form_template = "admin/pairings/report/change_form.html"

    def get_urls(self):
        drafts = path(
            "<path:object_id>/drafts/",
            self.admin_site.admin_view(self.drafts_view),
            name="pairings_report_drafts",
        )
        return [drafts, *super().get_urls()]

    def drafts_view(self, request, object_id):
        """The records drafted from the report's text, reviewed and saved on one screen."""
        report = get_object_or_404(
            Report.objects.select_related("full_text"), pk=_int_or_none(object_id)
        )
        if not (
            self.has_view_permission(request, report)
            and request.user.has_perm("pairings.add_event")
            and request.user.has_perm("pairings.add_figure")
        ):
            raise PermissionDenied
        if not hasattr(report, "full_text"):
            self.message_user(
                request, _("这篇报道还没有全文：请先粘贴或上传全文。"), messages.ERROR
            )
            return redirect("admin:pairings_report_change", report.pk)
        posted = request.POST if request.method == "POST" else None
        drafts = draft_review.review(report, posted)
        if posted is not None and drafts.is_valid():
            saved = drafts.save()
            self.message_user(
                request,
                _("已保存据原文起草并经确认的 %(n)s 个数字。") % {"n": len(saved)},
                messages.SUCCESS,
            )
            return redirect("admin:pairings_report_change", report.pk)
        if posted is None:
            for event in drafts.events:
                event.form.is_valid()  # to find its likely-same candidates
        anchors = [
            (f"figure-{e.prefix}-{n}", f["excerpt"])
            for e in drafts.events
            for n, f in enumerate(e.figure_drafts)
        ]
        anchors += [(f"figure-{f.prefix}", f.draft["excerpt"]) for f in drafts.figures]
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": report,
            "title": _("从原文起草记录"),
            "review": drafts,
            "pieces": draft_review.marked_text(report.full_text.text, anchors),
            "show_errors": posted is not None,
        }
        return TemplateResponse(request, "admin/pairings/report/drafts.html", ctx)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.text_changed():
            form.instance.keep_text(form.cleaned_data["text"], self._change_reason(form, change))


class CitationsInline(admin.TabularInline):
    """A record's citations (report and verbatim excerpt), of which at least one stays."""

    form = AdminModelForm
    extra = 1
    min_num = 1
    autocomplete_fields = ("report",)
    verbose_name = _("出处")

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows one form: deleting every citation would still be saved.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class PairingCitationInline(CitationsInline):
    formset = PairingCitationFormSet
    model = PairingCitation
    verbose_name_plural = _("出处（至少一条：报道及原文摘录，可来自多篇报道）")


@admin.register(Pairing)
class PairingAdmin(KeepsSummariesCurrent, SearchesEitherScript, ChangeReasonAdmin):
    form = AdminModelForm
    inlines = (PairingCitationInline,)
    list_display = ("__str__", "basis", "earliest_year")
    list_filter = ("basis", ("shanghai", admin.RelatedOnlyFieldListFilter))
    search_fields = ("shanghai__name", "yunnan__name", "yunnan__full_name")
    autocomplete_fields = ("shanghai", "yunnan")
    list_select_related = ("shanghai", "yunnan")


class EventCitationInline(CitationsInline):
    formset = CitationFormSet
    model = EventCitation
    verbose_name_plural = _("出处（至少一条：报道及原文摘录）")


class FigureInline(admin.StackedInline):
    model = Figure
    form = FigureInlineForm
    formset = FigureFormSet
    fk_name = "event"
    extra = 2
    autocomplete_fields = ("report", "subset_of", "account_of")
    verbose_name = _("数字")
    verbose_name_plural = _("数字（每个数字附来源报道和原文摘录）")
    fieldsets = (
        (None, {"fields": (("metric", "value", "qualifier", "unit", "is_cumulative"),)}),
        (None, {"fields": ("qualifier_confirmed",)}),
        (None, {"fields": (("subset_of", "part_of_row", "subgroup"),)}),
        (None, {"fields": (("account_of", "account_of_row"),)}),
        (None, {"fields": (("report", "excerpt"), "note")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("report", "subset_of__metric", "account_of__metric")
        )


@admin.register(Event)
class EventAdmin(
    KeepsSummariesCurrent,
    SearchesEitherScript,
    AllOrNothingImport,
    ImportExportMixin,
    ChangeReasonAdmin,
):
    form = EventAdminForm
    resource_classes = (EventResource,)
    inlines = (EventCitationInline, FigureInline)
    list_display = ("period_display", "kind", "title", "shanghai_names", "yunnan_names")
    list_filter = (
        "kind",
        EventShanghaiFilter,
        EventPrefectureFilter,
        ("reports", admin.RelatedOnlyFieldListFilter),
        "date_precision",
    )
    date_hierarchy = "date_start"
    search_fields = ("title", "summary", "venue", "partners", "citations__excerpt")
    autocomplete_fields = ("shanghai_regions", "yunnan_regions", "partner_regions", "pairings")
    fieldsets = (
        (None, {"fields": ("kind", "title", "period")}),
        (
            _("参与方与地点"),
            {
                "fields": (
                    "pairings",
                    "shanghai_regions",
                    "yunnan_regions",
                    "partner_regions",
                    "partners",
                    "venue",
                )
            },
        ),
        (None, {"fields": ("summary", "change_reason")}),
    )
    change_list_template = "admin/pairings/event/change_list.html"
    change_form_template = "admin/pairings/event/change_form.html"

    def _change_reason(self, form, change):
        reason = super()._change_reason(form, change)
        note = form.not_the_same_note()
        return f"{reason}；{note}" if note else reason

    # "这是同一活动的另一份报道": the form's event is not saved; its report's citations and
    # figures are attached to the recorded one (attach_report), in the admin's one write.
    def save_model(self, request, obj, form, change):
        if form.attach_to is None:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if form.attach_to is None:
            return super().save_related(request, form, formsets, change)
        unsaved = {kind: [] for kind in (CitationFormSet, FigureFormSet)}
        for formset in formsets:
            for kind in unsaved:
                if isinstance(formset, kind):
                    unsaved[kind] = formset.save(commit=False)
        request.attached_to = form.attach_to
        request.attached = attach_report(
            form.attach_to,
            unsaved[CitationFormSet],
            unsaved[FigureFormSet],
            request.summaries_write,
            _("同一活动的另一份报道"),
        )

    def log_addition(self, request, obj, message):
        if not hasattr(request, "attached_to"):
            return super().log_addition(request, obj, message)
        return self.log_change(request, request.attached_to, _attached_message(request))

    def response_add(self, request, obj, post_url_continue=None):
        if not hasattr(request, "attached_to"):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _attached_message(request), messages.SUCCESS)
        url = reverse("admin:pairings_event_change", args=[request.attached_to.pk])
        return HttpResponseRedirect(url)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("shanghai_regions", "yunnan_regions")

    @admin.display(description=_("日期"), ordering="date_start")
    def period_display(self, event):
        return event.period_display

    @admin.display(description=_("上海参与方"))
    def shanghai_names(self, event):
        return "、".join(region.name for region in event.shanghai_regions.all())

    @admin.display(description=_("云南地点"))
    def yunnan_names(self, event):
        return "、".join(region.name for region in event.yunnan_regions.all())

    def get_urls(self):
        extra = [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name="pairings_event_import_template",
            ),
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name="pairings_event_merge",
            ),
            path(
                "<path:object_id>/merged/",
                self.admin_site.admin_view(self.merged_view),
                name="pairings_event_merged",
            ),
        ]
        return extra + super().get_urls()

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A merged event's page is its merge: who, when, why, and the undo.
        if EventMerge.objects.filter(merged_pk=_int_or_none(object_id)).exists():
            return redirect("admin:pairings_event_merged", object_id)
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    def merge_view(self, request, object_id):
        """Merge this event into the record of the same event to keep, with a reason."""
        event = get_object_or_404(Event, pk=_int_or_none(object_id))
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = EventMergeForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            kept, merged_pk = form.cleaned_data["into"], event.pk  # gone once merged
            try:
                merging.merge(event, kept, form.cleaned_data["reason"], request.user)
            except ValidationError as refused:
                form.add_error(None, refused)
                return self._merge_page(request, _("合并活动"), form, _("合并"), event=event)
            self.message_user(
                request,
                _("已把活动 %(pk)s 合并到本活动；可在“活动合并”中撤销。") % {"pk": merged_pk},
                messages.SUCCESS,
            )
            return redirect("admin:pairings_event_change", kept.pk)
        candidates = (
            Event.objects.filter(kind=event.kind)
            .between(event.date_start, event.date_end)
            .exclude(pk=event.pk)[:20]
            if event.date_precision
            else []
        )
        return self._merge_page(
            request, _("合并活动"), form, _("合并"), event=event, candidates=candidates
        )

    def merged_view(self, request, object_id):
        """A merged event's page: the merge, and its undo for those who may change events."""
        merged = get_object_or_404(EventMerge, merged_pk=_int_or_none(object_id))
        may_undo = self.has_change_permission(request, merged.event)
        if request.method == "POST" and not may_undo:
            raise PermissionDenied
        form = EventUnmergeForm(request.POST or None) if may_undo else None
        if request.method == "POST" and form.is_valid():
            second = merging.undo(merged, form.cleaned_data["reason"])
            self.message_user(request, _("已撤销合并，活动已恢复。"), messages.SUCCESS)
            return redirect("admin:pairings_event_change", second.pk)
        return self._merge_page(request, _("已合并的活动"), form, _("撤销合并"), merged=merged)

    def _merge_page(self, request, title, form, submit_label, **context):
        return TemplateResponse(
            request,
            "admin/pairings/event/merge.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "form": form,
                "submit_label": submit_label,
                **context,
            },
        )

    def import_template_view(self, request):
        """An XLSX with the import columns, one example row drawn from a report, and notes."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "活动"
        headers = [field.column_name for field in EventResource().get_import_fields()]
        sheet.append(headers)
        sheet.append(
            [
                "",
                "2026-02-06",
                "专场招聘会",
                "宣威市2026年“春风行动”暨东西部劳务协作专场招聘会",
                "宝山区",
                "宣威市",
                "宝山区–曲靖市",
                "",
                "宣威市人社局；复兴街道",
                "",
                "000_b619cccd90127e23.txt",
                "2月6日,宣威市人力资源和社会保障局联合复兴街道成功举办2026年“春风行动”暨东西部劳务协作专场招聘会",
                *["" for _column in FIGURE_COLUMNS],
                "",
            ]
        )
        notes = workbook.create_sheet("填写说明")
        for line in (
            "id：新记录留空。",
            "日期：按报道的精确程度填写，如 2018-06-27、2017-11、2017、"
            "2026-01-20至2026-01-24、2026-02起。",
            "类型（照抄其中一项）：" + KindWidget.choices_text(),
            "上海参与方、云南地点：地区简称或全称，多个用“、”分隔。",
            "结对：写作“嘉定区–楚雄州”，多个用“、”分隔。",
            "来源报道文件名：须已在“来源报道”中登记；原文摘录不超过120字。",
            "数字：一行一个数字，同一活动的各列照抄重复，各列相同的行合为一个活动；"
            "数值照原文填写（3000余、1.2万、三百余名），限定、单位留空则按原文写法推定；"
            "累计数填“是”或留空；数字原文摘录必填，来源报道同该行的来源报道文件名。"
            "不带数字的活动，数字各列留空。",
            "同一活动：通常留空。一行可能是已记录的活动（同一批次的另一份报道）时，预览会列出"
            "可能相同的活动并拒绝该行：是其中之一就填它的编号（如 12），是本文件在前的一行就填"
            "“第3行”（预览中的行号），该行的出处和数字加到那个活动上，不新建活动；都不是就填"
            "“新活动”，核对结果记入新活动的历史。",
        ):
            notes.append([line])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="event-import-template.xlsx"'
        return response


def _int_or_none(text):
    return int(text) if str(text).isdigit() else None


@admin.register(EventMerge)
class EventMergeAdmin(KeepsSummariesCurrent, SimpleHistoryAdmin):
    """The merges: who merged which event into which and why; each opens its undo."""

    list_display = ("merged_event", "merged_title", "event", "merged_by", "merged_at", "reason")
    list_select_related = ("event", "merged_by")
    list_display_links = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("被合并活动的编号"), ordering="merged_pk")
    def merged_event(self, merged):
        url = reverse("admin:pairings_event_merged", args=[merged.merged_pk])
        return format_html('<a href="{}">{}</a>', url, merged.merged_pk)


def _attached_message(request):
    """Say what a report of a recorded event added to it (EventAdmin.save_related)."""
    citations, figures = request.attached
    if not (citations or figures):
        message = _("“%(event)s”已有本报道的出处和数字：这是同一篇报道的重复录入，未添加任何内容。")
        return message % {"event": request.attached_to}
    accounts = sum(1 for figure in figures if figure.account_of_id)
    return _(
        "已作为同一活动的另一份报道添加到“%(event)s”：出处 %(citations)s 条，数字 %(figures)s 个"
        "（其中 %(accounts)s 个是已有数字的另一份报道，不重复计入合计）。"
    ) % {
        "event": request.attached_to,
        "citations": len(citations),
        "figures": len(figures),
        "accounts": accounts,
    }


@admin.register(Figure)
class FigureAdmin(KeepsSummariesCurrent, ChangeReasonAdmin):
    form = FigureAdminForm
    list_display = (
        "metric",
        "quantity",
        "is_cumulative",
        "event",
        "pairing",
        "place",
        "report",
    )
    list_filter = (
        "metric",
        "qualifier",
        "unit",
        "is_cumulative",
        FigureShanghaiFilter,
        FigurePrefectureFilter,
        ("report", admin.RelatedOnlyFieldListFilter),
        "date_precision",
    )
    search_fields = ("excerpt", "event__title", "subgroup", "note")
    autocomplete_fields = (
        "event",
        "programme",
        "pairing",
        "place",
        "partner_regions",
        "subset_of",
        "account_of",
        "report",
    )
    list_select_related = ("event", "pairing__shanghai", "pairing__yunnan", "place", "report")

    def get_queryset(self, request):
        # Figures come with their metric, and the change list adds its own joins only to a
        # queryset that has none.
        return super().get_queryset(request).select_related(*self.list_select_related)

    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("metric", "value", "qualifier", "unit"),
                    "qualifier_confirmed",
                    "is_cumulative",
                )
            },
        ),
        (
            _("所属"),
            {
                "fields": (
                    "event",
                    "programme",
                    "pairing",
                    "place",
                    "partner_regions",
                    "is_joint",
                    "period",
                )
            },
        ),
        (_("“其中”"), {"fields": ("subset_of", "subgroup")}),
        (None, {"fields": ("account_of",)}),
        (_("出处"), {"fields": ("report", "excerpt", "note", "change_reason")}),
    )

    def get_changeform_initial_data(self, request):
        """A figure added from its event (?event=…) starts citing the event's report."""
        initial = super().get_changeform_initial_data(request)
        event = str(initial.get("event", ""))
        if event.isdigit():
            report = event_citation_report(Event.objects.filter(pk=event).first())
            initial.setdefault("report", report.pk if report else None)
        return initial

    @admin.display(description=_("数值"), ordering="value")
    def quantity(self, figure):
        return format_quantity(figure.value, figure.qualifier, figure.unit, high=figure.value_high)


@admin.register(Metric)
class MetricAdmin(KeepsSummariesCurrent, ChangeReasonAdmin):
    """The registry of metrics: a save redraws what names the metric (its events' lines) and
    what sums it (the tallies), through the doorway."""

    form = MetricAdminForm
    list_display = ("name_zh", "name_en", "code", "group", "unit_list", "additive", "headline")
    list_filter = ("group", "additive", "headline")
    search_fields = ("code", "name_zh", "name_en", "description")
    fields = (
        ("code", "order"),
        ("name_zh", "name_en"),
        "description",
        "group",
        "units",
        ("additive", "headline"),
        "cues",
    )

    @admin.display(description=_("可用单位"))
    def unit_list(self, metric):
        return metric.unit_labels()


class PairingListFilter(admin.RelatedOnlyFieldListFilter):
    """The pairings the listed records name, each read with its two sides: named one by one,
    every further pairing cost two queries."""

    def field_choices(self, field, request, model_admin):
        named = model_admin.get_queryset(request).values_list(f"{field.name}__pk", flat=True)
        pairings = Pairing.objects.with_sides().filter(pk__in=named)
        return [(pairing.pk, str(pairing)) for pairing in pairings]


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(KeepsSummariesCurrent, ChangeReasonAdmin):
    form = TrainingProgrammeAdminForm
    list_display = ("title", "pairing", "provider", "report")
    list_filter = (("pairing", PairingListFilter), "date_precision")
    search_fields = ("title", "provider", "trades", "excerpt")
    autocomplete_fields = ("pairing", "yunnan_regions", "labour_brand", "report")
    list_select_related = ("pairing__shanghai", "pairing__yunnan", "report")


@admin.register(LabourBrand)
class LabourBrandAdmin(KeepsSummariesCurrent, ChangeReasonAdmin):
    form = AdminModelForm
    list_display = ("name", "region", "pairing", "report")
    search_fields = ("name", "description", "excerpt")
    autocomplete_fields = ("region", "pairing", "report")
    list_select_related = ("region", "pairing__shanghai", "pairing__yunnan", "report")


def recent_changes_view(request):
    """Who changed which record, when and why, newest first, across every tracked model."""
    entries = []
    for model in tracked_models():
        history = model.history.select_related("history_user").order_by("-history_date")
        entries.extend(history[:RECENT_CHANGES_PER_MODEL])
    entries.sort(key=lambda entry: entry.history_date, reverse=True)
    pages = _history_pages()
    rows = [
        {
            "when": entry.history_date,
            "who": entry.history_user,
            "kind": entry.get_history_type_display(),
            "model": entry.instance_type._meta.verbose_name,
            "record": str(entry.instance),
            "url": _history_url(entry, pages.get(entry.instance_type)),
            "reason": entry.history_change_reason,
            "fields": _changed_fields(entry),
        }
        for entry in entries[:RECENT_CHANGES_PER_MODEL]
    ]
    ctx = {**admin.site.each_context(request), "title": _("最近修改"), "rows": rows}
    return TemplateResponse(request, "admin/pairings/recent_changes.html", ctx)


def _history_pages():
    """Return {model: (model whose admin history page shows its records, the field holding that
    record's id)}: a model with an admin of its own links to its own history; one edited only
    inline on another model's page (an event's citations) to that record's history. A model
    with none of these is absent, and its changes are listed without a link."""
    pages = {}
    for parent, parent_admin in admin.site._registry.items():
        for inline in parent_admin.inlines:
            [link] = [
                field
                for field in inline.model._meta.concrete_fields
                if field.many_to_one
                and field.related_model is parent
                and inline.fk_name in (None, field.name)
            ]
            pages.setdefault(inline.model, (parent, link.attname))
    for model in tracked_models():
        # A part kept in a table of its own (a report's full text) links to its whole's.
        key = model._meta.pk
        if key.one_to_one and key.related_model in admin.site._registry:
            pages.setdefault(model, (key.related_model, key.attname))
    for model in admin.site._registry:
        pages[model] = (model, model._meta.pk.attname)
    return pages


def _history_url(entry, page):
    if page is None:
        return None
    model, id_field = page
    opts = model._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_history", args=[getattr(entry, id_field)]
    )


def _changed_fields(entry):
    previous = entry.prev_record
    if previous is None:
        return ""
    delta = entry.diff_against(previous)
    return "、".join(
        str(entry.instance_type._meta.get_field(change.field).verbose_name)
        for change in delta.changes
    )
