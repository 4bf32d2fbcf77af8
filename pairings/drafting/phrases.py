"""The grammar of a report's number phrases: a qualifier before (超过, 近, 不到), a number in
Arabic or Chinese numerals with 万 or 亿 (or a range, 100至200), a qualifier after (余, 多,
以上, 左右) and the counter word (人, 人次, 名, 个, 万元, %). The number itself is read by
pairings.numerals.read_value, the project's one reader of printed values; this module only finds
where a phrase starts and ends, and what its counter counts."""

import re
from dataclasses import dataclass
from decimal import Decimal

from ..metrics import Qualifier, Unit
from ..numerals import read_value
from ..script import simplified

# Each counter as printed (simplified script) and the units it may mean, the likeliest first:
# a metric that allows only the second takes it (培训班4期 counts classes, not issues).
COUNTERS = {
    "人次": (Unit.PERSON_TIME,),
    "人": (Unit.PERSON,),
    "名": (Unit.PERSON,),
    "位": (Unit.PERSON,),
    "元/人/年": (Unit.YUAN_PER_PERSON_YEAR,),
    "元": (Unit.YUAN,),
    "个": (Unit.ITEM,),
    "家": (Unit.ENTERPRISE, Unit.INSTITUTION),
    "所": (Unit.SCHOOL,),
    "场次": (Unit.SESSION,),
    "场": (Unit.SESSION,),
    "期": (Unit.ISSUE, Unit.ITEM),
    "项": (Unit.AGREEMENT, Unit.ITEM),
    "种": (Unit.ITEM,),
    "条": (Unit.ITEM,),
    "天": (Unit.DAY,),
    "小时": (Unit.HOUR,),
    "课时": (Unit.CLASS_HOUR,),
    "架次": (Unit.FLIGHT,),
    "架": (Unit.PLANE,),
    "辆": (Unit.VEHICLE,),
    "趟": (Unit.TRIP,),
    "批次": (Unit.BATCH,),
    "批": (Unit.BATCH,),
    "次": (Unit.TIMES,),
    "%": (Unit.PERCENT,),
    "年": (Unit.YEAR,),
}
_BEFORE = {
    "超过": Qualifier.AT_LEAST,
    "突破": Qualifier.AT_LEAST,
    "逾": Qualifier.AT_LEAST,
    "近": Qualifier.ABOUT,
    "约": Qualifier.ABOUT,
    "不到": Qualifier.AT_MOST,
    "不足": Qualifier.AT_MOST,
    "不超过": Qualifier.AT_MOST,
    "不少于": Qualifier.AT_LEAST,
}
_AFTER = {"以上": Qualifier.AT_LEAST, "左右": Qualifier.ABOUT, "以内": Qualifier.AT_MOST}
_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)[万亿]*"
_RANGE = "至|到|~|～|-|－|—|–"
_PHRASE = re.compile(
    rf"""(?P<before>{"|".join(sorted(_BEFORE, key=len, reverse=True))})?
    (?P<number>{_NUMBER}(?:余|多)?(?:(?:{_RANGE}){_NUMBER}(?:余|多)?)?)
    (?P<counter>{"|".join(re.escape(c) for c in sorted(COUNTERS, key=len, reverse=True))})
    (?P<after>{"|".join(_AFTER)})?""",
    re.VERBOSE,
)
# A 年 that closes a date (2023年, 2023年以来) or an ordinal (第一批) is no figure.
_NOT_A_COUNT_BEFORE = re.compile(r"[第\d.]$")
_YEAR_AS_DATE = re.compile(r"^(?:\d{3,4}|[〇零一二三四五六七八九]{4})$")
_NOT_A_YEAR_COUNT_AFTER = re.compile(r"^(?:\d|月|度|以来|前|后|底|初|起|内|级|届|末|来|的)")

# Pinyin a machine conversion left after each character (區(qū)), dropped for matching.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ ]+\)")


@dataclass(frozen=True)
class Phrase:
    start: int  # offsets in the folded text
    end: int
    value: Decimal
    value_high: Decimal | None
    qualifier: str
    counter: str  # as printed, in simplified script: 人, 人次, 万元
    units: tuple  # the units the counter may mean, the likeliest first
    words: str  # the phrase in the folded text


class Folded:
    """A report's text as it is matched: simplified script, pinyin glosses and spaces dropped,
    thousands separators gone; `origin` maps each folded character back to the printed one, so
    every excerpt is quoted as printed."""

    def __init__(self, printed):
        self.printed = printed
        converted = simplified(printed)
        if len(converted) != len(printed):  # a phrase conversion changed the length
            converted = "".join(simplified(char) or char for char in printed)
        dropped = set()
        for match in _PINYIN.finditer(converted):
            dropped.update(range(match.start(), match.end()))
        for match in re.finditer(r"(?<=\d)[,，](?=\d{3}(?!\d))|[ \t\u3000\xa0]+", converted):
            dropped.update(range(match.start(), match.end()))
        kept = [i for i in range(len(converted)) if i not in dropped]
        self.text = "".join(converted[i].replace("％", "%") for i in kept)
        self.origin = kept + [len(printed)]

    def quote(self, start, end):
        """Return the printed text of the folded span [start, end)."""
        if end <= start:
            return ""
        return self.printed[self.origin[start] : self.origin[end - 1] + 1].strip()


def number_phrases(text):
    """Return every Phrase of the folded text, in order."""
    phrases = []
    for match in _PHRASE.finditer(text):
        if _NOT_A_COUNT_BEFORE.search(text[: match.start()]) and not match["before"]:
            continue
        if match["counter"] == "年" and (
            _YEAR_AS_DATE.match(match["number"])
            or _NOT_A_YEAR_COUNT_AFTER.match(text[match.end() :])
        ):
            continue
        try:
            read = read_value(match["number"])
        except ValueError:
            continue
        counter = match["counter"]
        if counter == "元":  # 3244万元: the unit as printed keeps its 万
            counter = re.search(r"[万亿]*$", match["number"])[0] + counter
        qualifier = read.qualifier
        if match["before"]:
            qualifier = _BEFORE[match["before"]]
        elif match["after"]:
            qualifier = _AFTER[match["after"]]
        phrases.append(
            Phrase(
                match.start(),
                match.end(),
                read.value,
                read.high,
                qualifier,
                counter,
                COUNTERS[match["counter"]],
                match[0],
            )
        )
    return phrases
