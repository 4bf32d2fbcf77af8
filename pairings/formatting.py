"""How a figure reads: one place that knows the qualifier and the unit.

'3,000+ 人', '5,112 人次', '≥ 36 亿元', '约 3,000 人'; in English '≥3,000 people'.
"""

from decimal import Decimal

from django.utils.translation import get_language

from .metrics import ENGLISH_UNITS, Qualifier, Unit

_ZH_SCALES = ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万"))
_EN_SCALES = ((Decimal(1_000_000_000), " billion"), (Decimal(1_000_000), " million"))


def _trim(number: Decimal):
    """Return the number with thousands separators and no trailing zeros: 5,112 / 13.82."""
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text


def _scale_of(value: Decimal, scales):
    for size, word in scales:
        if value >= size and (value % (size / 100)) == 0:
            return size, word
    return Decimal(1), ""


def _scaled(value: Decimal, scales, high=None):
    """Return the number (a range 'low–high' when `high` is given) and the scale word both
    sides share: '3–5', '万' for 30000 to 50000."""
    size, word = _scale_of(value, scales)
    if high is None:
        return _trim(value / size), word
    if _scale_of(Decimal(high), scales) != (size, word):
        size, word = Decimal(1), ""
    return f"{_trim(value / size)}–{_trim(Decimal(high) / size)}", word


def format_quantity(value, qualifier, unit, language=None, high=None):
    """Return the figure as a reader should quote it, in the active language; a range as
    printed with both its bounds ('100–200 人')."""
    if value is None:
        return ""
    value = Decimal(value)
    chinese = (language or get_language() or "zh-hans").startswith("zh")
    if chinese:
        number, scale = _scaled(value, _ZH_SCALES, high)
        unit_text = "%" if unit == Unit.PERCENT else f" {scale}{Unit(unit).label}"
        if qualifier == Qualifier.AT_LEAST and not scale and unit != Unit.PERCENT and high is None:
            return f"{number}+{unit_text}"  # 3000多人 → "3,000+ 人", as officials write it
        prefix = {Qualifier.AT_LEAST: "≥ ", Qualifier.ABOUT: "约 ", Qualifier.AT_MOST: "≤ "}
        return f"{prefix.get(qualifier, '')}{number}{unit_text}"
    number, scale = _scaled(value, _EN_SCALES, high)
    unit_text = ENGLISH_UNITS.get(unit, "")
    prefix = {Qualifier.AT_LEAST: "≥", Qualifier.ABOUT: "about ", Qualifier.AT_MOST: "≤"}.get(
        qualifier, ""
    )
    if unit == Unit.PERCENT:
        return f"{prefix}{number}{scale}%"
    return f"{prefix}{number}{scale} {unit_text}".rstrip()
