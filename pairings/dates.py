"""Dates as precise as the report made them.

A report may name a day ("2018年6月27日"), a month ("2017年11月"), a year ("2017年"), a range of
any of those, or an open start ("自2月起"). We store the period as its first and last day plus a
precision, and never show or export more precision than the report gave.
"""

import calendar
import datetime
import re
from typing import NamedTuple

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from lunar_python import Lunar, Solar
from lunar_python.util import LunarUtil


class DatePrecision(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")


class DateBasis(models.TextChoices):
    """How the period was found from the printed wording, so a reader can check it."""

    PRINTED = "printed", _("按原文")
    YEAR_INFERRED = "year_inferred", _("年份据报道日期推定")
    RELATIVE = "relative", _("据报道日期推算")
    LUNAR = "lunar", _("据农历推算")


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


def describe_period(start, end, precision, text="", basis="", language=None):
    """Return the period as the page shows it: in Chinese the printed wording ('2月23日',
    '2020年初', '近日'), and for a period resolved from the report's date what it resolved to
    and how, so a reader can check it: '2月23日（2024年2月23日，年份据报道日期推定）'."""
    chinese = (language or get_language() or "zh-hans").startswith("zh")
    parsed = format_period(start, end, precision, language)
    resolved = basis and basis != DateBasis.PRINTED
    if chinese:
        shown = text or parsed
        return f"{shown}（{parsed}，{DateBasis(basis).label}）" if resolved else shown
    return f"{parsed} ({DateBasis(basis).label})" if resolved else parsed


class PartialDated(models.Model):
    """A period known to the day, the month or the year, possibly open at one end, beside
    the wording the report printed and how the period was read from it."""

    # db_default: the synthetic generator and bulk loaders write rows without these columns.
    date_text = models.CharField(
        _("日期原文"),
        max_length=60,
        blank=True,
        default="",
        db_default="",
        help_text=_("报道原文怎么写日期，照录"),
    )
    date_basis = models.CharField(
        _("日期依据"),
        max_length=15,
        choices=DateBasis.choices,
        blank=True,
        default="",
        db_default="",
    )
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
        return describe_period(
            self.date_start, self.date_end, self.date_precision, self.date_text, self.date_basis
        )

    def set_period(self, period):
        """Store a Period read by read_period: its bounds, wording and basis."""
        self.date_start, self.date_end, self.date_precision = period.bounds
        self.date_text, self.date_basis = period.text, period.basis

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


class Period(NamedTuple):
    """A period read from its printed wording: what is stored on a PartialDated record."""

    start: datetime.date | None
    end: datetime.date | None
    precision: str
    basis: str
    text: str

    @property
    def bounds(self):
        return self.start, self.end, self.precision


_CLERK_NOTATION = re.compile(r"^(截至)?\d{4}(-\d{1,2}){0,2}(至\d{4}(-\d{1,2}){0,2})?起?$")
_TIME_OF_DAY = re.compile(
    r"(凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|深夜|晚)?"
    r"(\d{1,2}\s*[时点:：]\s*(\d{1,2}\s*分?)?\s*(左右|许)?)?$"
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９－～", "0123456789-~")
_PLAN = re.compile(r"^“?十([一二三四五六七八九])五”?(期间|时期|以来)?$")
_PART_OF_YEAR = re.compile(
    r"^(.*?年?)(上半年|下半年|一季度|二季度|三季度|四季度|前三季度|年初|年中|年底|年末|底|末|初)$"
)
# 2月初, 今年2月下旬, 8月底: the month as the period; the codebase holds no part of a month.
_PART_OF_MONTH = re.compile(r"^(.*月)(初|上旬|中旬|下旬|底|末)$")
_PART_MONTHS = {
    "上半年": (1, 6), "下半年": (7, 12), "一季度": (1, 3), "二季度": (4, 6),
    "三季度": (7, 9), "四季度": (10, 12), "前三季度": (1, 9),
}  # fmt: skip
_RELATIVE_YEARS = {"今年": 0, "全年": 0, "本年": 0, "今年全年": 0, "去年": -1, "明年": 1}
# 月初, 下旬, 年底 with no month or year printed: the publication's month or year.
_PART_OF_PUBLICATION_MONTH = ("月初", "上旬", "中旬", "下旬", "月底", "月末")
_PART_OF_PUBLICATION_YEAR = ("年初", "年底", "年末")
# 2月15日、18日 and 15日和18日: a list of days, read as the period from the first to the last.
_LIST_MARK = re.compile(r"\s*(?:、|和|及)\s*")
_AS_OF_PUBLICATION = ("近日", "日前", "近期", "目前", "截至目前", "当前", "近来")
_LUNAR_ECHO = re.compile(r"^(.*\d\s*日)\s*(?:农历)?(?:大年|正月|腊月|[二三四五六七八九十冬]月)\S+$")
_SOLAR_PART = re.compile(r"(\d+)\s*(年|月|日)?")
_RANGE_MARK = re.compile(r"\s*(?:至|到|—|–|~|-)\s*")
_LUNAR_DAY = "|".join(sorted(LunarUtil.DAY[1:], key=len, reverse=True))
_LUNAR_MONTH = "|".join(LunarUtil.MONTH[1:])
_LUNAR = re.compile(
    rf"^(?:(?:农历)?(?P<month>{_LUNAR_MONTH})月(?P<day>{_LUNAR_DAY})"
    rf"|大年(?P<new_year_day>{_LUNAR_DAY})|(?P<festival>春节|除夕|元宵节|元宵))"
    r"(?P<when>前后|前夕|前|后|期间)?$"
)
_UNREADABLE = _(
    "无法识别日期“%(text)s”：请按原文填写，如 2023年2月8日至13日、2024年上半年、今年1至8月。"
)


def _refuse(text, message=_UNREADABLE):
    raise ValueError(message % {"text": text})


def _needs_publication(text, published, precision):
    """Return the publication date, refusing when the report's own date is too vague to
    resolve `text` at `precision`."""
    if published is None:
        _refuse(text, _("“%(text)s”未写年份或是相对日期：须先选定有日期的来源报道，据其日期推定。"))
    date, published_precision = published
    order = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]
    if order.index(published_precision) < order.index(precision):
        _refuse(text, _("来源报道的日期不够精确，无法据以推定“%(text)s”。"))
    return date


def _solar_parts(text):
    """Return [(number, unit)] of '2018年9月17' (the unit of a bare trailing number: None)."""
    parts, position = [], 0
    for match in _SOLAR_PART.finditer(text):
        if text[position : match.start()].strip():
            return None
        parts.append((int(match.group(1)), match.group(2)))
        position = match.end()
    return parts if parts and not text[position:].strip() else None


def _as_fields(parts, text):
    fields = {}
    for number, unit in parts:
        name = {"年": "year", "月": "month", "日": "day"}[unit]
        if name in fields or (fields and list(fields)[-1] in ("day",)):
            _refuse(text)
        fields[name] = number
    order = ["year", "month", "day"]
    present = [order.index(name) for name in fields]
    if present != list(range(present[0], present[-1] + 1)):
        _refuse(text)  # '2024年8日' skips the month
    return fields


def _solar_sides(text):
    """Return the [(number, unit)] of each side of a printed range (or of the one date)."""
    sides = _RANGE_MARK.split(text)
    parsed = [_solar_parts(side) for side in sides]
    if len(sides) > 2 or any(parts is None for parts in parsed):
        _refuse(text)
    if len(parsed) == 2 and parsed[0][-1][1] is None and parsed[1][-1][1]:
        parsed[0][-1] = (parsed[0][-1][0], parsed[1][-1][1])  # '17-21日', '1至8月'
    if any(unit is None for parts in parsed for _number, unit in parts):
        _refuse(text)
    return parsed


def _solar_fields(text, year=None):
    """Return (first, last) dicts of year/month/day from a printed day, month or range."""
    if re.fullmatch(r"\d{1,2}-\d{1,2}", text):  # '12-20': a month and a day, no year
        month, day = text.split("-")
        return {"month": int(month), "day": int(day)}, None
    if re.fullmatch(r"\d{4}\s*-\s*\d{4}", text):  # '2021-2025': years
        first, last = _RANGE_MARK.split(text)
        return {"year": int(first)}, {"year": int(last)}
    parsed = _solar_sides(text)
    first = _as_fields(parsed[0], text)
    if year is not None:
        if "year" in first:
            _refuse(text)
        first = {"year": year, **first}
    if len(parsed) == 1:
        return first, None
    last = _as_fields(parsed[1], text)
    order = ["year", "month", "day"]
    if order.index(next(iter(last))) < order.index(next(iter(first))):
        _refuse(text)
    if list(last)[-1] != list(first)[-1]:
        _refuse(text, _("“%(text)s”的起止日期须同样精确（同为日、月或年）。"))
    above = order[: order.index(next(iter(last)))]
    return first, {**{name: first[name] for name in above if name in first}, **last}


def _resolve(fields, text, published):
    """Return (first_day, last_day, precision, year_inferred) of year/month/day fields, taking
    the missing year (or year and month) from the publication date: the nearest such day."""
    if "year" in fields:
        try:
            return (*period_bounds(fields["year"], fields.get("month"), fields.get("day")), False)
        except ValueError as error:
            raise ValueError(_("日期“%(text)s”不存在。") % {"text": text}) from error
    needed = DatePrecision.YEAR if "month" in fields else DatePrecision.MONTH
    date = _needs_publication(text, published, needed)
    candidates = []
    # The nearest such day to the publication, unless the report's own date is no finer
    # than what is missing ('12月28日' in a report dated only 2025 is in 2025).
    for shift in (0,) if published[1] == needed else (-1, 0, 1):
        if "month" in fields:
            year, month = date.year + shift, fields["month"]
        else:
            year, month = divmod(date.year * 12 + date.month - 1 + shift, 12)
            month += 1
        try:
            candidates.append(period_bounds(year, month, fields.get("day")))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(_("日期“%(text)s”不存在。") % {"text": text})
    return (*min(candidates, key=lambda bounds: abs((bounds[0] - date).days)), True)


def _read_solar(text, published, year=None):
    first, last = _solar_fields(text, year)
    start, end, precision, inferred = _resolve(first, text, published)
    if last is not None:
        end = _range_end(start, last, text, published)
        if inferred and "month" in first and published[1] != DatePrecision.YEAR:
            # a range without its year ('1至8月') is the one nearest the publication as a
            # whole, not by its first month: 1至8月 printed in September is this year's
            ranges = [(start, end)]
            for shift in (-1, 1):
                begins = _resolve({"year": start.year + shift, **first}, text, published)[0]
                ranges.append((begins, _range_end(begins, last, text, published)))
            start, end = min(ranges, key=lambda bounds: _days_apart(bounds, published[0]))
    basis = DateBasis.YEAR_INFERRED if inferred else DateBasis.PRINTED
    return start, end, precision, basis


def _range_end(start, last, text, published):
    """Return the last day of a range that begins on `start` and ends on the fields `last`."""
    if "day" in last and "month" not in last:  # '15日至18日': in the start's month
        last = {"month": start.month, **last}
    if "year" not in last:  # '12月28日至1月3日': the end's year follows the start's
        last = {"year": start.year, **last}
        if last.get("month", 13) < start.month:
            last["year"] += 1
    end = _resolve(last, text, published)[1]
    if end < start:
        _refuse(text, _("“%(text)s”的结束日期早于开始日期。"))
    return end


def _in_year(day, year, text):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return _refuse(text)


def _days_apart(bounds, day):
    """Return how many days lie between the day and the period (0 within it)."""
    start, end = bounds
    return max((start - day).days, (day - end).days, 0)


def _read_lunar(text, published):
    match = _LUNAR.match(text)
    date = _needs_publication(text, published, DatePrecision.YEAR)
    year = Solar.fromYmd(date.year, date.month, date.day).getLunar().getYear()
    if published[1] == DatePrecision.YEAR:
        # the year's 1 January stands for the whole year: its festival, not last year's
        year = date.year
    if match["festival"] == "除夕":
        month, day, shift = 1, 1, -1
    elif match["festival"]:
        month, day, shift = 1, (15 if match["festival"].startswith("元宵") else 1), 0
    else:
        month = LunarUtil.MONTH.index(match["month"]) if match["month"] else 1
        day = LunarUtil.DAY.index(match["day"] or match["new_year_day"])
        shift = 0
    if month == 12:  # the twelfth month before a New Year printed in the report's lunar year
        year -= 1
    try:
        solar = Lunar.fromYmd(year, month, day).getSolar()
    except Exception as error:  # lunar-python refuses a day the month lacks (腊月三十)
        raise ValueError(_("日期“%(text)s”不存在。") % {"text": text}) from error
    day_of = datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())
    day_of += datetime.timedelta(days=shift)
    when = match["when"]
    if when in (None, "期间"):
        return day_of, day_of, DatePrecision.DAY
    if when in ("前", "前夕"):
        return None, day_of - datetime.timedelta(days=1), DatePrecision.DAY
    if when == "后":
        return day_of + datetime.timedelta(days=1), None, DatePrecision.DAY
    # 前后, "around": the months within a fortnight either side, no day claimed
    fortnight = datetime.timedelta(days=14)
    first, last = day_of - fortnight, day_of + fortnight
    return (
        datetime.date(first.year, first.month, 1),
        period_bounds(last.year, last.month)[1],
        DatePrecision.MONTH,
    )


def _read_part_of_year(year_text, part, text, published):
    year, basis = _read_year(year_text, text, published)
    if part in _PART_MONTHS:
        first, last = _PART_MONTHS[part]
        return (
            datetime.date(year, first, 1),
            period_bounds(year, last)[1],
            DatePrecision.MONTH,
            basis,
        )
    # 年初, 年底: a time within the year, never a day or a month of it
    start, end, precision = period_bounds(year)
    return start, end, precision, basis


def _read_year(year_text, text, published):
    year_text = year_text.removesuffix("年") if year_text not in _RELATIVE_YEARS else year_text
    if year_text.isdigit() and len(year_text) == 4:
        return int(year_text), DateBasis.PRINTED
    if year_text in _RELATIVE_YEARS:
        date = _needs_publication(text, published, DatePrecision.YEAR)
        return date.year + _RELATIVE_YEARS[year_text], DateBasis.RELATIVE
    return _refuse(text)


def _read_relative(text, published):
    """Return the period of a word relative to the publication date, or None."""
    if text in _AS_OF_PUBLICATION:
        date = _needs_publication(text, published, DatePrecision.DAY)
        return None, date, DatePrecision.DAY
    if text in _RELATIVE_YEARS:
        year, _basis = _read_year(text, text, published)
        return period_bounds(year)
    if text in ("今年以来", "今年来", "年初以来"):
        date = _needs_publication(text, published, DatePrecision.DAY)
        return datetime.date(date.year, 1, 1), date, DatePrecision.DAY
    if text in _PART_OF_PUBLICATION_YEAR:
        return period_bounds(_needs_publication(text, published, DatePrecision.YEAR).year)
    if text in _PART_OF_PUBLICATION_MONTH:
        date = _needs_publication(text, published, DatePrecision.MONTH)
        return period_bounds(date.year, date.month)
    if text in ("上月", "上个月", "本月", "当月"):
        date = _needs_publication(text, published, DatePrecision.MONTH)
        year, month = divmod(date.year * 12 + date.month - 1 - (text.startswith("上")), 12)
        return period_bounds(year, month + 1)
    return None


def _read_printed(text, published):
    """Return (start, end, precision, basis) of printed wording, without its time of day."""
    as_of = text.startswith("截至") and text not in _AS_OF_PUBLICATION
    if as_of:
        text = text.removeprefix("截至")
    # 今年底前, 8月底前: a deadline, the period known only by its end, as 截至 prints it
    deadline = text.endswith(("底前", "末前"))
    if deadline:
        text = text.removesuffix("前")
    start, end, precision, basis = _read_period_words(text, published)
    return (None if as_of or deadline else start), end, precision, basis


def _read_period_words(text, published):
    relative = _read_relative(text, published)
    if relative:
        return (*relative, DateBasis.RELATIVE)
    if _LUNAR.match(text):
        return (*_read_lunar(text, published), DateBasis.LUNAR)
    plan = _PLAN.match(text)
    if plan:
        first = 1951 + 5 * (10 + "一二三四五六七八九".index(plan[1]) + 1)
        last = period_bounds(first + 4)[1]
        return datetime.date(first, 1, 1), last, DatePrecision.YEAR, DateBasis.PRINTED
    part = _PART_OF_MONTH.match(text)
    if part:
        start, end, precision, basis = _read_period_words(part[1], published)
        if precision != DatePrecision.MONTH or start is None:
            _refuse(text)
        return start, end, precision, basis
    days = _LIST_MARK.split(text)
    if len(days) > 1:
        return _read_day_list(days, text, published)
    part = _PART_OF_YEAR.match(text)
    if part and part[1]:
        return _read_part_of_year(part[1], part[2], text, published)
    for word in _RELATIVE_YEARS:
        if text.startswith(word) and text != word:
            year = _read_year(word, text, published)[0]
            start, end, precision, _basis = _read_solar(text.removeprefix(word), published, year)
            return start, end, precision, DateBasis.RELATIVE
    return _read_solar(text, published)


def _read_day_list(days, text, published):
    """Return the period from the first to the last day of a printed list of days, each later
    than the one before: '2月15日、18日' is read as '2月15日至18日'."""
    if not all(day.endswith("日") for day in days):
        _refuse(text)
    try:
        periods = [_read_solar(f"{days[0]}至{day}", published) for day in days[1:]]
    except ValueError:
        _refuse(text)
    ends = [end for _start, end, _precision, _basis in periods]
    if ends != sorted(set(ends)) or ends[0] == periods[0][0]:
        _refuse(text)
    start, _end, precision, basis = periods[0]
    return start, ends[-1], precision, basis


def _without_time_of_day(text):
    """Return the printed date without its time of day (18时22分, 下午): kept in the wording."""
    match = _TIME_OF_DAY.search(text)
    if match and match.group(0) and match.start() > 0:
        return text[: match.start()].strip()
    return text


def _without_lunar_echo(text):
    """'2月13日大年初四': the solar day is printed, its lunar name only repeats it."""
    match = re.match(
        r"^(.*\d\s*日)\s*(?:农历)?(?:大年|正月|腊月|[二三四五六七八九十冬]月)\S+$", text
    )
    return match.group(1) if match else text


def publication_of(report):
    """Return (date, precision) of a report's publication, what read_period resolves against:
    None for no report or an undated one."""
    if report is None or not report.date_precision:
        return None
    return report.date_start or report.date_end, report.date_precision


def read_period(text, published=None):
    """Return the Period of a date as the report prints it ('2023年2月8日至13日', '今年1至8月',
    '2024年上半年', '正月初八', '2月23日晚上7时') or as staff type it ('2024-03-15',
    '截至2024-03', '2026-02起'). `published` is (date, precision) of the report the record
    cites: a missing year, a relative word or a lunar date is resolved against it, and the
    Period says so. Raises ValueError with a Chinese message; never guesses."""
    printed = (text or "").strip()
    if not printed:
        return Period(None, None, "", "", "")
    if _CLERK_NOTATION.match(printed):
        start, end, precision = parse_period(printed)
        wording = format_period(start, end, precision, "zh-hans")
        return Period(start, end, precision, DateBasis.PRINTED, wording)
    text = _without_lunar_echo(_without_time_of_day(printed.translate(_FULLWIDTH)))
    text = re.sub(r"\s+", "", text).replace("号", "日").replace("月份", "月")
    text = text.removeprefix("自").removeprefix("从")
    if text.endswith(("起", "以来")) and text not in ("今年以来", "今年来", "年初以来"):
        start, _end, precision, basis = _read_printed(re.sub(r"(起|以来)$", "", text), published)
        if text.endswith("以来") and basis != DateBasis.PRINTED:
            # '2月份以来' names no year: like 今年以来, it runs to the report's own day.
            end = _needs_publication(text, published, DatePrecision.DAY)
            if start is not None and start > end and basis == DateBasis.YEAR_INFERRED:
                # the span began in the report's own year: '3月以来' in November is this March
                start = _in_year(start, end.year, text)
            if start is None or start > end:
                _refuse(text, _("“%(text)s”的开始日期晚于报道日期。"))
            return Period(start, end, DatePrecision.DAY, DateBasis.RELATIVE, printed)
        return Period(start, None, precision, basis, printed)
    try:
        start, end, precision, basis = _read_printed(text, published)
    except ValueError as error:
        try:  # staff's older notation: '2026-01-20至2026-01-24', '2017/11'
            start, end, precision = parse_period(text)
        except ValueError:
            # the message quotes the wording as typed, not as read without its time of day
            raise ValueError(str(error).replace(f"“{text}”", f"“{printed}”")) from None
        basis = DateBasis.PRINTED
    return Period(start, end, precision, basis, printed)
