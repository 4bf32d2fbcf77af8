"""Read the numbers a Chinese text writes: '13.82万' → 138200, '两百余名' → 200, '第六年' → 6."""

import re
from decimal import Decimal

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


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
        if run.strip("万亿"):
            found.add(Decimal(_chinese_to_int(run.lstrip("万亿"))))
    return found
