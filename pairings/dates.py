"""Dates as precise as the report made them.

A report may name a day ("2018年6月27日"), a month ("2017年11月"), a year ("2017年"), a range of
any of those, or an open start ("自2月起"). We store the period as its first and last day plus a
precision, and never show or export more precision than the report gave.
"""

import calendar
import datetime
import re

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")


def period_bounds(year, month=None, day=None):
    """Return (first_day, last_day, precision) of the period a report names."""
    if day is not None:
        date = datetime.date(year, month, day)
        return date, date, DatePrecision.DAY
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return datetime.date(year, month, 1), datetime.date(year, month, last), DatePrecision.MONTH
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), DatePrecision.YEAR


def iso_at_precision(date, precision):
    """Return the ISO date truncated to its precision: '2017-11', '2026-01-22', '2018'."""
    if date is None or not precision:
        return None
    if precision == DatePrecision.DAY:
        return date.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def _zh_single(date, precision, *, with_year=True):
    year = f"{date.year}年" if with_year else ""
    if precision == DatePrecision.DAY:
        return f"{year}{date.month}月{date.day}日"
    if precision == DatePrecision.MONTH:
        return f"{year}{date.month}月"
    return f"{date.year}年"


def _zh_range(start, end, precision):
    if precision == DatePrecision.DAY:
        if (start.year, start.month) == (end.year, end.month):
            return f"{_zh_single(start, precision)}至{end.day}日"
        end_text = _zh_single(end, precision, with_year=start.year != end.year)
        return f"{_zh_single(start, precision)}至{end_text}"
    if precision == DatePrecision.MONTH:
        if start.year == end.year:
            return f"{start.year}年{start.month}月至{end.month}月"
        return f"{_zh_single(start, precision)}至{_zh_single(end, precision)}"
    return f"{start.year}—{end.year}年"


def _en_single(date, precision):
    if precision == DatePrecision.DAY:
        return f"{date.day} {date:%b} {date.year}"
    if precision == DatePrecision.MONTH:
        return f"{date:%b} {date.year}"
    return str(date.year)


def _en_range(start, end, precision):
    if precision == DatePrecision.DAY and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b} {end.year}"
    if precision == DatePrecision.YEAR:
        return f"{start.year}–{end.year}"
    return f"{_en_single(start, precision)} – {_en_single(end, precision)}"


def _is_single_period(start, end, precision):
    if precision == DatePrecision.DAY:
        return start == end
    if precision == DatePrecision.MONTH:
        return (start.year, start.month) == (end.year, end.month)
    return start.year == end.year


def format_period(start, end, precision, language=None):
    """Return the period as a reader says it, in the active language, never more precise
    than the report: '2017年11月', '2026年1月20日至24日', '自2026年2月起', 'Nov 2017'."""
    chinese = (language or get_language() or "zh-hans").startswith("zh")
    if not precision or (start is None and end is None):
        return "日期未报道" if chinese else "date not reported"
    if start is None:
        return (
            f"截至{_zh_single(end, precision)}"
            if chinese
            else f"as of {_en_single(end, precision)}"
        )
    if end is None:
        return (
            f"自{_zh_single(start, precision)}起"
            if chinese
            else f"from {_en_single(start, precision)}"
        )
    if _is_single_period(start, end, precision):
        return _zh_single(start, precision) if chinese else _en_single(start, precision)
    return _zh_range(start, end, precision) if chinese else _en_range(start, end, precision)


class PartialDated(models.Model):
    """A period known to the day, the month or the year, possibly open at one end."""

    date_start = models.DateField(_("开始日期"), null=True, blank=True)
    date_end = models.DateField(_("结束日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=5, choices=DatePrecision.choices, blank=True
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_start__isnull=True)
                | models.Q(date_end__isnull=True)
                | models.Q(date_end__gte=models.F("date_start")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(date_precision="", date_start__isnull=True, date_end__isnull=True)
                    | (
                        ~models.Q(date_precision="")
                        & (models.Q(date_start__isnull=False) | models.Q(date_end__isnull=False))
                    )
                ),
                name="%(app_label)s_%(class)s_precision_iff_dated",
                violation_error_message=_("有日期时必须注明日期精度；无日期时不得注明精度。"),
            ),
        ]

    @property
    def period_display(self):
        return format_period(self.date_start, self.date_end, self.date_precision)

    @property
    def date_start_iso(self):
        return iso_at_precision(self.date_start, self.date_precision)

    @property
    def date_end_iso(self):
        return iso_at_precision(self.date_end, self.date_precision)

    def clean_period(self):
        """Return a dict of field errors for a period that claims more than its precision."""
        errors = {}
        if self.date_start and self.date_end and self.date_end < self.date_start:
            errors["date_end"] = _("结束日期不能早于开始日期。")
        dates = [d for d in (self.date_start, self.date_end) if d]
        if dates and not self.date_precision:
            errors["date_precision"] = _("有日期时必须注明日期精度（日、月或年）。")
        if self.date_precision and not dates:
            errors["date_precision"] = _("没有日期时不得注明日期精度。")
        if self.date_precision in (DatePrecision.MONTH, DatePrecision.YEAR):
            if self.date_start and self.date_start.day != 1:
                errors["date_start"] = _("精度为月或年时，开始日期须为该期首日。")
            if self.date_precision == DatePrecision.YEAR and self.date_start:
                if self.date_start.month != 1:
                    errors["date_start"] = _("精度为年时，开始日期须为1月1日。")
        return errors


_ONE_DATE = re.compile(
    r"^\s*(\d{4})(?:\s*[-年./]\s*(\d{1,2})(?:\s*[-月./]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?\s*$"
)
_OPEN_END = re.compile(r"^(.*?)\s*(?:起|以来|—|-|至|/)\s*$")
_RANGE = re.compile(r"^(.*?\d)\s*(?:至|到|/|—|–|~|～|\s-\s)\s*(.+)$")


def _parse_one(text):
    match = _ONE_DATE.match(text)
    if not match:
        raise ValueError(_("无法识别日期“%(text)s”。") % {"text": text})
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return period_bounds(year, month, day)
    except ValueError as error:
        raise ValueError(_("日期“%(text)s”不存在。") % {"text": text}) from error


def parse_period(text):
    """Return (start, end, precision) from how staff type a date, as precise as the report:
    '2018-06-27', '2017-11', '2017', '2026-01-20至2026-01-24', '2026-02起' (open end),
    '截至2026' (as of; no start), '2017年11月'. Empty text: the report gives no date.
    Raises ValueError with a Chinese message."""
    text = (text or "").strip()
    if not text:
        return None, None, ""
    if text.startswith("截至"):
        _start, end, precision = _parse_one(text.removeprefix("截至"))
        return None, end, precision
    open_end = _OPEN_END.match(text) if text.endswith(("起", "以来")) else None
    if open_end:
        start, _end, precision = _parse_one(open_end.group(1))
        return start, None, precision
    in_range = _RANGE.match(text)
    if in_range:
        start, _first_end, precision = _parse_one(in_range.group(1))
        _last_start, end, end_precision = _parse_one(in_range.group(2))
        if precision != end_precision:
            raise ValueError(_("起止日期须同样精确（同为日、月或年）。"))
        if end < start:
            raise ValueError(_("结束日期不能早于开始日期。"))
        return start, end, precision
    return _parse_one(text)


def period_as_text(start, end, precision):
    """Return a period as parse_period reads it back: '2017-11', '2026-01-20至2026-01-24'."""
    if not precision:
        return ""
    first = iso_at_precision(start, precision) if start else None
    last = iso_at_precision(end, precision) if end else None
    if first and not last:
        return f"{first}起"
    if last and not first:
        return f"截至{last}"
    if first == last:
        return first
    return f"{first}至{last}"
