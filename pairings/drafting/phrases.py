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
    "个小时": (Unit.HOUR,),
    "个月": (),  # a duration in months: the registry has no unit for it
    "个": (Unit.ITEM, Unit.CLASS_HOUR),
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
# An ordinal (第一批, but 连续第六年 counts six years), a code (G1376次) or an unstated number
# (数十家) counts nothing; nor does the issue of a journal (2023年2期).
_NOT_A_COUNT_BEFORE = re.compile(r"(?<!连续)第$|[\d.A-Za-z数]$")
_ISSUE_AFTER_YEAR = re.compile(r"\d年$")
# A hundred, a thousand or ten thousand alone is a way of speaking (千年技艺, 百年老店).
_IDIOM = re.compile("^[百千万]$")
# A 年 that closes a date (2023年, 2017-2018年, 2023年以来) is no figure.
_YEAR_AS_DATE = re.compile(r"^(?:\d{4}(?:[-－—–~～至到]\d{4})?|\d{3}|[〇零一二三四五六七八九]{4})$")
# A counter that begins a longer word (家庭, 家政, 四位一体) counts nothing.
_WORD_GOES_ON = {"家": re.compile("^[庭政属乡长]"), "位": re.compile("^一体")}
# 一 alone is an article (一名理货员, 一家企业), not a count, unless a qualifier says otherwise.
_ARTICLE = "一"
# Years that end a date (2023年底) or tell how long someone has stayed (在沪工作12年了) count
# nothing the registry holds; years running are told with 连续.
_NOT_A_YEAR_COUNT_AFTER = re.compile(r"^(?:\d|月|度|以来|前|后|底|初|起|内|级|届|末|来|的|了)")

# Pinyin a machine conversion left after each character (區(qū)), dropped for matching.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ ]+\)")


# A line break inside a sentence of a page printed in columns (a scan's text): the line before
# ends in no sentence's end, blank lines between columns included.
_WRAP = re.compile(r"(?<![。！？；!?;:：”\n])\n\s*(?=\S)")


# A page break inside a sentence (a web page's "read more" cut): a line longer than a heading
# ends in no sentence's end, and the text goes on after blank lines.
_PAGE_BREAK = re.compile(r"(?<=[^。！？；!?;:：”\n]{31})\n\s*(?=[^\s\d])")


def _hard_wrapped(text):
    """Return whether the text is broken into lines of one width (a page printed in columns):
    most of its lines, ten at least, within a character of the commonest length."""
    lengths = [len(line.strip()) for line in text.split("\n") if line.strip()]
    if len(lengths) < 10:
        return False
    common = max(set(lengths), key=lengths.count)
    return sum(abs(length - common) <= 1 for length in lengths) >= len(lengths) / 2


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
        if _hard_wrapped(converted):
            for match in _WRAP.finditer(converted):
                dropped.update(range(match.start(), match.end()))
        for match in _PAGE_BREAK.finditer(converted):
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
        if _counts_nothing(text, match):
            continue
        counter = match["counter"]
        try:
            read = read_value(match["number"])
        except ValueError:
            continue
        if counter == "元":  # 3244万元: the unit as printed keeps its 万
            counter = re.search(r"[万亿]*$", match["number"])[0] + counter
        qualifier = read.qualifier
        if match["before"]:
            qualifier = _BEFORE[match["before"]]
        elif match["after"]:
            qualifier = _AFTER[match["after"]]
        elif phrases and _glosses(text, phrases[-1].end, match.start()):
            qualifier = phrases[-1].qualifier  # 不少于60个(6天): at least 6 days too
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


def _glosses(text, previous_end, start):
    """Return whether the phrase at `start` restates in brackets the phrase ending just
    before."""
    return text[previous_end:start] in ("(", "（")


def _counts_nothing(text, match):
    """Return whether the matched phrase is no count: an ordinal, a code, a date, an issue, an
    article, an idiom or a word that only begins with a counter."""
    before, after, counter = text[: match.start()], text[match.end() :], match["counter"]
    return bool(
        (_NOT_A_COUNT_BEFORE.search(before) and not match["before"])
        or (counter == "期" and _ISSUE_AFTER_YEAR.search(before))
        or not COUNTERS[counter]
        or (counter in _WORD_GOES_ON and _WORD_GOES_ON[counter].match(after))
        or (match["number"] == _ARTICLE and not (match["before"] or match["after"]))
        or (_IDIOM.match(match["number"]) and not (match["before"] or match["after"]))
        or (
            counter == "年"
            and (_YEAR_AS_DATE.match(match["number"]) or _NOT_A_YEAR_COUNT_AFTER.match(after))
        )
    )
