"""The domain: regions, source reports, pairings, events, training programmes, labour brands
and the figures the reports give about them.

A figure keeps everything an official needs to quote it correctly: its source report and the
verbatim clause, its qualifier (3000多人 is "at least 3000"), its unit (人 is not 人次), the
period it covers at the precision the report gave, whether it is one batch or a cumulative total,
and which larger figure it is a part of (其中…).
"""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .dates import PartialDated, describe_period
from .formatting import format_quantity
from .metrics import Group, Qualifier, Unit
from .querysets import (
    EventQuerySet,
    FigureManager,
    FigureQuerySet,
    MetricQuerySet,
    PairingQuerySet,
    RegionQuerySet,
)

SHANGHAI_CODE = "310000"
YUNNAN_CODE = "530000"
# A GB/T 2260 code, or a town's statistical code (its county's and three digits more): what
# Region.code holds, and all a region's address may carry (urls.py).
REGION_CODE_PATTERN = r"\d{6}(?:\d{3})?"
EXCERPT_MAX_LENGTH = 120


def choice_label(choices, value):
    """Return the label of `value` in a TextChoices class, as get_FOO_display() does. Django's
    own get_FOO_display() hashes every lazy label of the field on each call, i.e. translates
    them all; in an export of a million rows that dominates."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class Region(models.Model):
    """An administrative division, identified by its GB/T 2260 code."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("地级")
        COUNTY = "county", _("县级")
        TOWN = "town", _("乡级")

    code = models.CharField(
        _("行政区划代码"),
        max_length=9,
        primary_key=True,
        validators=[
            RegexValidator(
                f"^{REGION_CODE_PATTERN}$", _("行政区划代码须为6位数字（乡镇、街道为9位）。")
            )
        ],
    )
    name = models.CharField(_("简称"), max_length=40, help_text=_("如：楚雄州"))
    full_name = models.CharField(_("全称"), max_length=60, help_text=_("如：楚雄彝族自治州"))
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def lineage(self):
        """Return the region and every region above it, nearest first."""
        regions, region = [], self
        while region is not None:
            regions.append(region)
            region = region.parent
        return regions

    def chain_name(self):
        """Return the names of the places above the region and its own, from the province
        down, as the import reads them: '云南省保山市施甸县太平镇'."""
        return "".join(region.name for region in reversed(self.lineage()))

    def name_with_places_above(self):
        """Return the name and, for a county or town (of which China has many of one name),
        the places above it: '太平镇（云南省保山市施甸县）', '朝阳区（北京市）'."""
        if self.level in (self.Level.COUNTY, self.Level.TOWN) and self.parent_id:
            return f"{self.name}（{self.parent.chain_name()}）"
        return self.name

    @property
    def province_code(self):
        return self.code[:2] + "0000"

    @property
    def is_shanghai(self):
        return self.province_code == SHANGHAI_CODE

    @property
    def is_yunnan(self):
        return self.province_code == YUNNAN_CODE


class ReportURLValidator(URLValidator):
    """A page's address however long it is: a mirror's or a portal's runs past Django's
    2,048 characters, and a report is only ever entered by staff."""

    max_length = sys.maxsize


class Report(PartialDated):
    """A source document. Pages quote it by short excerpts (citations); its full text, when an
    editor gives it, is its ReportText, seen only in the admin.

    Its period is its publication date, and date_source says where that came from: five of
    twelve real pages print no title and several no date, so a record says what was known."""

    class DateSource(models.TextChoices):
        PAGE_TEXT = "page_text", _("页面文字")
        URL = "url", _("网址")
        INFERRED = "inferred", _("正文推断")

    class Script(models.TextChoices):
        SIMPLIFIED = "simplified", _("简体")
        TRADITIONAL = "traditional", _("繁体")

    file_name = models.CharField(
        _("文件名"), max_length=255, unique=True, help_text=_("shared/reports/ 下的文件名")
    )
    title = models.CharField(
        _("标题"), max_length=200, blank=True, help_text=_("页面未印标题时留空")
    )
    url = models.TextField(_("网址"), blank=True, validators=[ReportURLValidator()])
    publication = models.CharField(_("刊载媒体"), max_length=100, blank=True)
    author = models.CharField(_("作者或撰稿单位"), max_length=200, blank=True)
    date_source = models.CharField(
        _("发布日期来源"), max_length=10, choices=DateSource.choices, blank=True
    )
    script = models.CharField(
        _("字体"), max_length=12, choices=Script.choices, default=Script.SIMPLIFIED
    )
    is_truncated = models.BooleanField(
        _("页面不完整"), default=False, help_text=_("取得的页面只有开头部分（截断）")
    )
    history = HistoricalRecords()

    class Meta(PartialDated.Meta):
        verbose_name = _("来源报道")
        verbose_name_plural = _("来源报道")
        ordering = ["date_start", "file_name"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """Return how pages name the report: its title, or for a page that prints none its
        site (or publication, or file) and date."""
        if self.title:
            return self.title
        source = self.publication or urlsplit(self.url).hostname or self.file_name
        if self.date_precision:
            return gettext("无标题报道（%(source)s，%(date)s）") % {
                "source": source,
                "date": self.period_display,
            }
        return gettext("无标题报道（%(source)s）") % {"source": source}

    def keep_text(self, text, reason):
        """Store the report's full text (an empty text removes it), its history saying why."""
        try:
            record = self.full_text
        except ReportText.DoesNotExist:
            record = ReportText(report=self)
        record._change_reason = reason
        if text:
            record.text = text
            record.save()
        elif not record._state.adding:
            record.delete()


class ReportText(models.Model):
    """A report's full text as printed, pasted or uploaded by an editor for drafting its
    records; admin-only, since the site quotes reports by excerpt. Kept apart from Report
    because pages and downloads name a report beside every figure (select_related) and must
    not carry its text each time."""

    report = models.OneToOneField(
        Report,
        verbose_name=_("来源报道"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="full_text",
    )
    text = models.TextField(_("全文"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报道全文")
        verbose_name_plural = _("报道全文")

    def __str__(self):
        return str(self.report)


class Pairing(models.Model):
    """A Shanghai side paired with a Yunnan side, each at the level the reports pair them:
    上海市–云南省, 上海市–迪庆州, 浦东新区–鹤庆县, 周浦镇–宾川县. Its basis is one report's
    clause; further reports that attest it are its citations (PairingCitation)."""

    class Basis(models.TextChoices):
        STATED = "stated", _("报道明示")
        IMPLIED = "implied", _("据报道推断")
        PLANNED = "planned", _("计划中（尚未签约）")

    shanghai = models.ForeignKey(
        Region,
        verbose_name=_("上海方"),
        on_delete=models.PROTECT,
        related_name="pairings_as_shanghai",
    )
    yunnan = models.ForeignKey(
        Region,
        verbose_name=_("云南方"),
        on_delete=models.PROTECT,
        related_name="pairings_as_yunnan",
    )
    basis = models.CharField(_("结对依据"), max_length=10, choices=Basis.choices)
    earliest_year = models.PositiveSmallIntegerField(
        _("最早有据年份"), null=True, blank=True, help_text=_("报道中可见的最早年份")
    )

    objects = PairingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("结对关系")
        verbose_name_plural = _("结对关系")
        ordering = ["shanghai__code", "yunnan__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["shanghai", "yunnan"],
                name="pairing_unique_sides",
                violation_error_message=_("该结对关系已存在。"),
            ),
        ]

    def __str__(self):
        return f"{self.shanghai.name}–{self.yunnan.name}"

    def get_basis_display(self):
        return choice_label(self.Basis, self.basis)

    def clean(self):
        errors = {}
        if self.shanghai_id and not self.shanghai_id.startswith("31"):
            errors["shanghai"] = _("上海方须为上海市或其下辖区。")
        if self.yunnan_id and not self.yunnan_id.startswith("53"):
            errors["yunnan"] = _("云南方须为云南省或其下辖地区。")
        if errors:
            raise ValidationError(errors)


class PairingCitation(models.Model):
    """A report's clause attesting a pairing. A pairing has one or more, from different
    reports: the first, by report date, is the one it was first known by."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="citations")
    report = models.ForeignKey(
        Report,
        verbose_name=_("来源报道"),
        on_delete=models.PROTECT,
        related_name="pairing_citations",
    )
    excerpt = models.CharField(_("原文摘录"), max_length=EXCERPT_MAX_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("结对出处")
        verbose_name_plural = _("结对出处")
        ordering = ["report__date_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "report"],
                name="pairing_citation_unique_report",
                violation_error_message=_("同一篇报道只能作为该结对的一条出处。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(excerpt=""), name="pairing_citation_excerpt_required"
            ),
        ]

    def __str__(self):
        return f"{self.report.file_name}: {self.excerpt}"


class Event(PartialDated):
    """Something that happened on a date: a job fair, a meeting, a worker train, a training."""

    class Kind(models.TextChoices):
        JOB_FAIR = "job_fair", _("专场招聘会")
        MEETING = "meeting", _("座谈会、会议")
        DELEGATION_VISIT = "delegation_visit", _("考察走访")
        WORKER_DISPATCH = "worker_dispatch", _("务工人员集中输送")
        TRAINING = "training", _("培训")
        AGREEMENT_SIGNING = "agreement_signing", _("签约")
        STATION_OPENING = "station_opening", _("工作站、基地揭牌")
        CAMPUS_RECRUITMENT = "campus_recruitment", _("校园招聘")
        OTHER = "other", _("其他")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("概要"), blank=True)
    venue = models.CharField(_("地点"), max_length=200, blank=True)
    # Empty when the report names no Shanghai side (a 彝良 job fair of enterprises 来自浙江、上海).
    shanghai_regions = models.ManyToManyField(
        Region,
        verbose_name=_("上海参与方"),
        related_name="events_as_shanghai",
        blank=True,
        help_text=_("报道未写上海参与方时留空（如彝良招聘会的企业“来自浙江、上海”）"),
    )
    yunnan_regions = models.ManyToManyField(
        Region, verbose_name=_("云南地点"), related_name="events_in_yunnan", blank=True
    )
    partner_regions = models.ManyToManyField(
        Region,
        verbose_name=_("其他协作地区"),
        related_name="events_as_partner",
        blank=True,
        help_text=_("沪滇以外的联合主办地区，如浙江省平湖市"),
    )
    partners = models.TextField(_("其他参与单位"), blank=True)
    pairings = models.ManyToManyField(
        Pairing, verbose_name=_("所属结对"), related_name="events", blank=True
    )
    reports = models.ManyToManyField(
        Report, verbose_name=_("来源报道"), through="EventCitation", related_name="events"
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[shanghai_regions, yunnan_regions, partner_regions, pairings]
    )

    class Meta(PartialDated.Meta):
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["date_start", "pk"]
        indexes = [models.Index(fields=["date_start", "date_end"]), models.Index(fields=["kind"])]

    def __str__(self):
        return self.title

    def report_count(self):
        """Return how many reports tell of the event: its citations' and its figures'
        (prefetch both)."""
        cited = {citation.report_id for citation in self.citations.all()}
        return len(cited | {figure.report_id for figure in self.figures.all()})

    def reports_told(self):
        """Return the reports that tell of the event, its citations' first, then those only
        its figures cite (prefetch both with their reports)."""
        reports = {citation.report_id: citation.report for citation in self.citations.all()}
        for figure in self.figures.all():
            reports.setdefault(figure.report_id, figure.report)
        return list(reports.values())

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def clean(self):
        errors = self.clean_period()
        if errors:
            raise ValidationError(errors)


class EventCitation(models.Model):
    """One report's account of an event, with the clause that names it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    report = models.ForeignKey(
        Report, verbose_name=_("来源报道"), on_delete=models.PROTECT, related_name="citations"
    )
    excerpt = models.CharField(_("原文摘录"), max_length=EXCERPT_MAX_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动出处")
        verbose_name_plural = _("活动出处")
        constraints = [
            models.UniqueConstraint(fields=["event", "report"], name="citation_unique_report"),
            models.CheckConstraint(
                condition=~models.Q(excerpt=""), name="citation_excerpt_required"
            ),
        ]

    def __str__(self):
        return f"{self.report.file_name}: {self.excerpt}"


class EventMerge(models.Model):
    """Two records of one event merged: the second's citations, figures, places and pairings
    moved to `event`, the second deleted. The row is the redirect of its old id (an old link
    finds `event`) and holds what an undo needs to restore it (`undo`: the second's fields,
    what moved, what was kept once). Its history says who merged, who undid, and why."""

    event = models.ForeignKey(
        Event, verbose_name=_("合并到"), on_delete=models.CASCADE, related_name="merges"
    )
    merged_pk = models.PositiveIntegerField(_("被合并活动的编号"), unique=True)
    merged_title = models.CharField(_("被合并活动的标题"), max_length=200)
    reason = models.CharField(_("合并理由"), max_length=200)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("合并人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("合并时间"), auto_now_add=True)
    undo = models.JSONField(default=dict, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动合并")
        verbose_name_plural = _("活动合并")
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"{self.merged_pk} → {self.event_id}"


class LabourBrand(models.Model):
    """A labour brand (劳务品牌) such as 青浦快递小哥 or 巍山乡厨."""

    name = models.CharField(_("品牌名称"), max_length=60, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="labour_brands"
    )
    pairing = models.ForeignKey(
        Pairing,
        verbose_name=_("所属结对"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="labour_brands",
    )
    description = models.TextField(_("说明"), blank=True)
    report = models.ForeignKey(
        Report, verbose_name=_("来源报道"), on_delete=models.PROTECT, related_name="labour_brands"
    )
    excerpt = models.CharField(_("原文摘录"), max_length=EXCERPT_MAX_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("劳务品牌")
        verbose_name_plural = _("劳务品牌")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TrainingProgramme(PartialDated):
    """A standing training effort (not a single session): its provider, places and trades."""

    title = models.CharField(_("名称"), max_length=200)
    pairing = models.ForeignKey(
        Pairing,
        verbose_name=_("所属结对"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    provider = models.CharField(_("承办方"), max_length=200, blank=True)
    trades = models.TextField(_("培训工种"), blank=True)
    yunnan_regions = models.ManyToManyField(
        Region, verbose_name=_("云南地点"), related_name="training_programmes", blank=True
    )
    labour_brand = models.ForeignKey(
        LabourBrand,
        verbose_name=_("相关劳务品牌"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("来源报道"),
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    excerpt = models.CharField(_("原文摘录"), max_length=EXCERPT_MAX_LENGTH)
    history = HistoricalRecords()

    class Meta(PartialDated.Meta):
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Metric(models.Model):
    """What a figure counts: the registry of metrics, kept by editors in the admin. Figure.metric
    stores the code, so a metric is renamed, described or regrouped without touching a figure."""

    code = models.SlugField(
        _("代码"),
        max_length=30,
        unique=True,
        help_text=_("数字所存的固定代码（英文小写、数字、下划线），保存后不再修改"),
    )
    name_zh = models.CharField(_("中文名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=60)
    description = models.TextField(_("统计内容"), blank=True)
    units = models.JSONField(_("可用单位"), default=list)
    additive = models.BooleanField(
        _("可相加"),
        default=True,
        help_text=_("比率、时长、年数等只属于一条记录，不能相加；比率和人均数额无论指标都不相加"),
    )
    group = models.CharField(_("类别"), max_length=20, choices=Group.choices)
    headline = models.BooleanField(
        _("首页卡片"), default=False, help_text=_("首页为它的每个单位显示批次合计卡片")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    # The drafting of records from a report's text reads a figure's metric from these words,
    # so new phrasing is an edit here, not a change of code.
    cues = models.JSONField(
        _("提示词"),
        default=list,
        blank=True,
        help_text=_("报道中说明数字属于此指标的词语，如“到沪”“赴沪”；起草记录时据此判断指标"),
    )
    history = HistoricalRecords()

    objects = MetricQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """Return the name in the active language (the Chinese one where no English is kept)."""
        return self.name_zh if _chinese() or not self.name_en else self.name_en

    def unit_labels(self):
        return "、".join(choice_label(Unit, unit) for unit in self.units)

    def clean(self):
        unknown = [unit for unit in self.units if unit not in Unit.values]
        if not self.units or unknown:
            raise ValidationError({"units": _("请至少选择一个单位。")})


def _chinese():
    return (get_language() or "zh-hans").startswith("zh")


class Figure(PartialDated):
    """One number a report gives, with everything needed to quote it correctly.

    A figure from an event takes the event's date and places; its own date stays empty. A
    figure not tied to an event (a cumulative total, a programme's count, a county's status)
    carries its own period — for a cumulative figure, the date it is "as of" — and the pairing
    or place it is about.
    """

    metric = models.ForeignKey(
        Metric,
        verbose_name=_("指标"),
        to_field="code",
        db_column="metric",
        on_delete=models.PROTECT,
        related_name="figures",
    )
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2)
    # A range as printed (100至200名): `value` is its low bound, so every rule that reads a
    # figure's value reads a number the report stands behind.
    value_high = models.DecimalField(
        _("数值上限"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("原文写作范围（如 100至200名）时的上限；数值为其下限"),
    )
    qualifier = models.CharField(
        _("限定"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    unit = models.CharField(_("单位"), max_length=12, choices=Unit.choices)
    is_cumulative = models.BooleanField(
        _("累计数"), default=False, help_text=_("累计至某时的总数；从不与其所含批次相加")
    )
    subset_of = models.ForeignKey(
        "self",
        verbose_name=_("其中（所属总数）"),
        null=True,
        blank=True,
        # Not alone while a part names it; with its event, both go.
        on_delete=models.RESTRICT,
        related_name="subsets",
    )
    subgroup = models.CharField(
        _("子群体"), max_length=60, blank=True, help_text=_("如：农村建档立卡贫困劳动力")
    )
    # Another report's account of a quantity already recorded: kept with its own report and
    # excerpt, shown beside the figure it names, never added (FigureQuerySet.summable()).
    account_of = models.ForeignKey(
        "self",
        verbose_name=_("同一数量的另一报道"),
        null=True,
        blank=True,
        # Not alone while an account names it; with its event, both go.
        on_delete=models.RESTRICT,
        related_name="accounts",
        help_text=_("另一份报道对已记录数字的说法：与之并列显示，合计只计已记录的那个"),
    )
    report = models.ForeignKey(
        Report, verbose_name=_("来源报道"), on_delete=models.PROTECT, related_name="figures"
    )
    excerpt = models.CharField(_("原文摘录"), max_length=EXCERPT_MAX_LENGTH)
    event = models.ForeignKey(
        Event,
        verbose_name=_("所属活动"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("所属培训项目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    pairing = models.ForeignKey(
        Pairing,
        verbose_name=_("所属结对"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text=_("不属于某项活动的数字所指的结对"),
    )
    place = models.ForeignKey(
        Region,
        verbose_name=_("所指地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text=_("比结对更具体（或没有结对）时，数字所指的地区"),
    )
    partner_regions = models.ManyToManyField(
        Region,
        verbose_name=_("其他协作地区"),
        related_name="figures_as_partner",
        blank=True,
        help_text=_("不属于活动的数字所涉及的沪滇以外地区，如浙江省、贵州省遵义市"),
    )
    is_joint = models.BooleanField(
        _("上海与其他省份合计"),
        default=False,
        db_default=False,  # rows bulk-written by the synthetic generator leave it out
        help_text=_(
            "数字同时涵盖上海和其他省份（如“浙江省和上海市务工人员”“上海广东协作”）："
            "照原样列出，不计入任何合计或流向"
        ),
    )
    note = models.TextField(_("整理说明"), blank=True)

    objects = FigureManager.from_queryset(FigureQuerySet)()
    history = HistoricalRecords()

    class Meta(PartialDated.Meta):
        verbose_name = _("数字")
        verbose_name_plural = _("数字")
        ordering = ["pk"]
        constraints = [
            *PartialDated.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="figure_value_not_negative",
                violation_error_message=_("数值不能为负数。"),
            ),
            models.CheckConstraint(
                condition=models.Q(value_high__isnull=True)
                | models.Q(value_high__gt=models.F("value")),
                name="figure_range_low_to_high",
                violation_error_message=_("范围的上限须大于下限（数值）。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(excerpt=""),
                name="figure_excerpt_required",
                violation_error_message=_("每个数字都必须附原文摘录。"),
            ),
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) | models.Q(date_precision=""),
                name="figure_event_date_from_event",
                violation_error_message=_("属于活动的数字沿用活动日期，不另填日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) | models.Q(pairing__isnull=True),
                name="figure_event_pairing_from_event",
                violation_error_message=_("属于活动的数字沿用活动的结对，不另填结对。"),
            ),
        ]
        indexes = [
            models.Index(fields=["metric", "is_cumulative"]),
            # A pairing's own figures, by series: latest_cumulative() finds each series' newest
            # figure here. Partial: most figures belong to an event, not a pairing.
            models.Index(
                fields=["pairing", "metric", "unit", "date_end"],
                condition=models.Q(pairing__isnull=False),
                name="figure_pairing_series",
            ),
        ]

    def __str__(self):
        # As the public pages quote it (qualifier and unit, "3,000+ 人"): the admin's lists,
        # history and "其中" choices show figures by this.
        quantity = format_quantity(self.value, self.qualifier, self.unit, high=self.value_high)
        return f"{self.get_metric_display()} {quantity}"

    def get_metric_display(self):
        # Reads the metric: select_related("metric") wherever figures are listed.
        return self.metric.label

    def get_unit_display(self):
        return choice_label(Unit, self.unit)

    @property
    def period(self):
        """Return (start, end, precision): the event's for an event figure, else its own."""
        dated = self.event if self.event_id else self
        return dated.date_start, dated.date_end, dated.date_precision

    @property
    def period_display(self):
        dated = self.event if self.event_id else self
        return describe_period(
            dated.date_start,
            dated.date_end,
            dated.date_precision,
            dated.date_text,
            dated.date_basis,
        )

    def shanghai_sides(self):
        """Return the Shanghai regions the figure is about (prefetch event__shanghai_regions)."""
        if self.event_id:
            return list(self.event.shanghai_regions.all())
        return [self.pairing.shanghai] if self.pairing_id else []

    def yunnan_sides(self):
        """Return the Yunnan places the figure is about (prefetch event__yunnan_regions)."""
        if self.event_id:
            return list(self.event.yunnan_regions.all())
        if self.place_id and self.place.is_yunnan:
            return [self.place]
        return [self.pairing.yunnan] if self.pairing_id else []

    def errors_as_part_of(self, whole):
        """Return, by field, why this figure cannot be a part (其中) of `whole`: it is not
        itself, and not larger than its whole when both count in one unit. The event's
        figure rows ask it too of a whole named by its row, not yet saved (FigureFormSet)."""
        if whole is self or (whole.pk is not None and whole.pk == self.pk):
            return {"subset_of": _("数字不能是它自己的一部分。")}
        if None in (self.value, whole.value) or whole.unit != self.unit:
            return {}
        if self.value > whole.value:
            message = _("“其中”的数值（%(part)s）不能大于其总数（%(whole)s）。")
            return {"value": message % {"part": self.value, "whole": whole.value}}
        return {}

    def errors_as_account_of(self, counted):
        """Return, by field, why this figure cannot be another report's account of `counted`:
        both must be the same quantity (one event, or one pairing or place and date; one
        metric, unit and kind of count) from different reports, and `counted` the account
        that counts, not itself an account of another."""
        if counted is self or (counted.pk is not None and counted.pk == self.pk):
            return {"account_of": _("数字不能是它自己的另一份报道。")}
        if counted.account_of_id:
            return {"account_of": _("所选数字本身是另一份报道；请选它所指的、计入合计的数字。")}
        if self.pk is not None and self.accounts.exists():
            return {"account_of": _("已有其他报道指向这个数字，它不能再指向别的数字。")}
        same_place = (counted.event_id, counted.pairing_id, counted.place_id) == (
            self.event_id,
            self.pairing_id,
            self.place_id,
        )
        if not same_place or (not self.event_id and counted.period != self.period):
            return {"account_of": _("同一数量的各份报道须属于同一活动（或同一结对、地区和日期）。")}
        if (counted.metric_id, counted.unit, counted.is_cumulative) != (
            self.metric_id,
            self.unit,
            self.is_cumulative,
        ):
            message = _("同一数量的各份报道须是同一指标、同一单位，且同为累计数或同为批次。")
            return {"account_of": message}
        if counted.report_id == self.report_id:
            return {"account_of": _("同一数量的另一份报道须来自另一篇报道。")}
        return {}

    def clean(self):
        errors = self.clean_period()
        if self.metric_id and self.unit and self.unit not in self.metric.units:
            allowed = self.metric.unit_labels()
            errors["unit"] = _("“%(metric)s”的单位只能是：%(allowed)s。") % {
                "metric": self.get_metric_display(),
                "allowed": allowed,
            }
        if self.value is not None and self.value < 0:
            errors["value"] = _("数值不能为负数。")
        if self.subset_of_id:
            errors.update(self.errors_as_part_of(self.subset_of))
        if self.account_of_id:
            errors.update(self.errors_as_account_of(self.account_of))
        if self.event_id and self.date_precision:
            errors["date_precision"] = _("属于活动的数字沿用活动日期，不另填日期。")
        if self.event_id and self.pairing_id:
            errors["pairing"] = _("属于活动的数字沿用活动的结对，不另填结对。")
        if not self.excerpt:
            errors["excerpt"] = _("每个数字都必须附原文摘录。")
        if errors:
            raise ValidationError(errors)


class FixtureLoad(models.Model):
    """The version of a fixture record last loaded into this database (or settled by a person):
    a fingerprint of its fields. A record whose fixture changed is rewritten only while the
    database still holds that version; one an editor changed or deleted since is left alone."""

    model = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "object_pk"], name="fixture_load_unique")
        ]

    def __str__(self):
        return f"{self.model} {self.object_pk}: {self.fingerprint[:12]}"
