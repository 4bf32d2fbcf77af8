"""Read numbers as reports print them: '13.82万' → 138200, '1.24萬' → 12400, '两百余名' → 200
with the qualifier 余 gives (at least), '近800人次' → 800 (about), '1,500' → 1500.

The admin's value field reads what a clerk types through read_value(), so no clerk converts 万
by hand; the data-integrity test reads every number an excerpt writes through numbers_in().
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .metrics import Qualifier

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# Traditional script writes 萬 and 億 (three of the corpus reports are in it).
_LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_LARGE = "万萬亿億"
_NUMERALS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + _LARGE

_ARABIC = re.compile(rf"(\d+(?:\.\d+)?)\s*([{_LARGE}]?)")
_CHINESE = re.compile(rf"[{_NUMERALS}]+")

# The words around a number that make it approximate: 三百余, 3000多人, 超过1600个, 逾万人,
# 1000人以上 (at least); 近800人次, 约500人 (about).
_AT_LEAST_BEFORE = ("超过", "突破", "逾")
_AT_LEAST_AFTER = ("余", "多", "以上")
_ABOUT_BEFORE = ("近", "约")
_PRINTED = re.compile(
    rf"""^(?P<minus>[-－])?(?P<before>{"|".join(_AT_LEAST_BEFORE + _ABOUT_BEFORE)})?
    (?:(?P<arabic>\d+(?:\.\d+)?)(?P<large>[{_LARGE}]*)|(?P<chinese>{_CHINESE.pattern}))
    (?P<after>余|多)?
    (?P<measure>[^\d\s余多以{_NUMERALS}]{{0,3}}?)
    (?P<above>以上)?$""",
    re.VERBOSE,
)


# A range: '100至200名', '3-5万元', '10到20家'; and two neighbouring digits, '一两百人', '三五十'.
_RANGE_MARK = re.compile(rf"(?<=[\d{_NUMERALS}余多])(?:至|到|~|～|-|－|—|–)(?=[\d{_NUMERALS}])")
_NEIGHBOURS = re.compile(rf"^([一二两三四五六七八九])([二两三四五六七八九])(?=[十百千{_LARGE}])")


@dataclass(frozen=True)
class PrintedValue:
    value: Decimal  # the number, or the low bound of a range
    qualifier: str  # a Qualifier; EXACT when the printed words make the number exact
    measure: str  # the word after the number as printed (名, 人次, 元), "" when none
    high: Decimal | None = None  # the high bound of a range as printed, None for one number


def _chinese_to_int(text):
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        else:
            total += (section + (digit or 0)) * _LARGE_UNITS[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def numbers_in(text):
    """Return every number the text writes, in Arabic or Chinese numerals, 万 and 亿 applied."""
    found = set()
    for digits, multiplier in _ARABIC.findall(text):
        found.add(Decimal(digits) * _LARGE_UNITS.get(multiplier, 1))
    for run in _CHINESE.findall(_ARABIC.sub(" ", text)):
        if run.strip(_LARGE):
            found.add(Decimal(_chinese_to_int(run.lstrip(_LARGE))))
    return found


def read_value(text):
    """Return the PrintedValue of a number typed as a report prints it (4.4万, 三百余, 两百余名,
    1,500, 319.3万元, 近800人次) or of a range (100至200名, 3-5万元, 一两百人); raise ValueError
    with a Chinese message when it reads none."""
    typed = re.sub(r"\s+", "", re.sub(r"(?<=\d)[,，](?=\d{3})", "", str(text).strip()))
    neighbours = _NEIGHBOURS.match(typed)
    if neighbours:
        low, high = (digit + typed[neighbours.end() :] for digit in neighbours.groups())
    else:
        sides = _RANGE_MARK.split(typed)
        if len(sides) == 1:
            return _read_one(typed, text)[0]
        if len(sides) > 2:
            raise _unreadable(text)
        low, high = sides
    high, scale = _read_one(high, text)
    low, _scale = _read_one(low, text, scale)
    if low.measure not in ("", high.measure) or low.value >= high.value:
        raise ValueError(
            _("读不出范围“%(text)s”：须由小到大，如 100至200名、3-5万元。") % {"text": text}
        )
    qualifiers = {low.qualifier, high.qualifier} - {Qualifier.EXACT}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else Qualifier.EXACT
    return PrintedValue(low.value, qualifier, high.measure, high.value)


def _unreadable(text):
    return ValueError(
        _("读不出数值“%(text)s”：请按原文填写，如 1,500、4.4万、三百余。") % {"text": text}
    )


def _read_one(typed, text, scale=""):
    """Return the PrintedValue of one number and the 万 or 亿 it ends with; the low side of a
    range printed without its own ('3-5万元') takes the high side's `scale`."""
    match = _PRINTED.match(typed)
    if not match:
        raise _unreadable(text)
    own_scale = match["large"] or re.search(rf"[{_LARGE}]*$", match["chinese"] or "")[0]
    if match["arabic"]:
        value = Decimal(match["arabic"])
        for multiplier in own_scale or scale:
            value *= _LARGE_UNITS[multiplier]
    else:  # 万人 is ten thousand: a leading 万 or 亿 counts one
        chinese = match["chinese"]
        value = Decimal(_chinese_to_int("一" + chinese if chinese[0] in _LARGE else chinese))
        if not own_scale:
            for multiplier in scale:
                value *= _LARGE_UNITS[multiplier]
    if match["minus"]:  # read, so that the figure's own rule refuses it in its words
        value = -value
    if match["before"] in _ABOUT_BEFORE:
        qualifier = Qualifier.ABOUT
    elif match["before"] or match["after"] or match["above"]:
        qualifier = Qualifier.AT_LEAST
    else:
        qualifier = Qualifier.EXACT
    return PrintedValue(value, qualifier, match["measure"]), own_scale
