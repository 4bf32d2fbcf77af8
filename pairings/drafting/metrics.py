"""The metric of a drafted figure: the cue words each metric carries in the registry
(Metric.cues), read around the number, and a few rules of how reports phrase them."""

import re

from ..metrics import WORKERS_TO_SHANGHAI as TO_SHANGHAI

# Words that name whom or what a figure counts rather than what became of them: any other cue
# of the clause says more (36名求职者投递简历 counts résumés, not job seekers).
WEAK = ("求职者", "求职", "资金")
# A plan rather than a deed, when the words come before the number: its metric's planned twin.
FUTURE = re.compile(r"计划|拟|预计|届时|即将|将(?![近其该这])")
PLANNED = "planned_"
# Workers going to Shanghai: a verb or a route's dash, then Shanghai or one of its districts.
# A transfer whose clause names Shanghai as where the workers go is a transfer to Shanghai.
TRANSFER = "transferred"
_MOVING = r"(?:到达|抵达|飞往|飞抵|前往|开往|驶往|去往|来到|到|抵|赴|来|返|回|至|往|向|[—-])"


def metric_of(metrics, sentence, phrase, clause, shanghai):
    """Return (metric, cue) of the number `phrase` of `sentence`: the cue nearest it in its
    clause (right after the counter, 7名医生, or before it), among the metrics that take the
    counter's unit. `clause` is its (start, end) in the sentence, ending at the next number;
    `shanghai` names the Shanghai places in view, where workers may be going."""
    takes = [metric for metric in metrics if set(phrase.units) & set(metric.units)]
    before, after = sentence[clause[0] : phrase.start], sentence[phrase.end : clause[1]]
    moving = _moving(shanghai)
    going = [m for m in takes if m.code == TO_SHANGHAI]
    best = _nearest(takes, before, after, going, moving)
    if best and best[0].code == TRANSFER and going and moving.search(before + after):
        best = (going[0], moving.search(before + after)[0])
    if best is None and len(takes) == 1:
        best = (takes[0], phrase.counter)
    if best is None:
        return None, ""
    return _planned(best, takes, sentence[clause[0] : clause[1]], before)


def metric_of_whole(metrics, code, part_word):
    """Return (metric, cue) of a part (其中…) that names no metric of its own: its whole's,
    the metric of the given code."""
    metric = next((metric for metric in metrics if metric.code == code), None)
    return metric, part_word if metric else ""


def metric_of_paragraph(metrics, phrase, text, at, shanghai):
    """Return (metric, cue) of persons no cue of their clause counts, in a paragraph that tells
    of workers going to Shanghai (…务工人员。他们搭乘列车抵达上海): the workers who went."""
    going = [m for m in metrics if m.code == TO_SHANGHAI and set(phrase.units) & set(m.units)]
    said = _moving(shanghai).search(paragraph_of(text, at))
    return (going[0], said[0]) if going and said else (None, "")


def paragraph_of(text, at):
    """Return the paragraph of the text around offset `at`."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]


def _nearest(takes, before, after, going, moving):
    found = []
    for metric in takes:
        for cue in metric.cues:
            at = after.find(cue)
            if at >= 0:
                found.append(((cue in WEAK, at, -len(cue)), metric, cue))
            at = before.rfind(cue)
            if at >= 0:
                found.append(((cue in WEAK, len(before) - at - len(cue), -len(cue)), metric, cue))
    for match in moving.finditer(after) if going else ():
        found.append(((False, match.start(), -len(match[0])), going[0], match[0]))
    for match in moving.finditer(before) if going else ():
        found.append(((False, len(before) - match.end(), -len(match[0])), going[0], match[0]))
    return min(found, key=lambda f: f[0])[1:] if found else None


def _planned(best, takes, clause, before):
    metric, cue = best
    twin = next((m for m in takes if m.code == PLANNED + metric.code), None)
    if twin is None:
        return metric, cue
    said = next((c for c in twin.cues if c in clause), None)
    ahead = FUTURE.search(before)
    if said or ahead:
        return twin, said or ahead[0]
    return metric, cue


def _moving(shanghai):
    stems = {re.sub(r"(?:新区|区|市)$", "", name) for name in shanghai} - {""}
    places = "|".join(["上海", "沪", *sorted(map(re.escape, stems), key=len, reverse=True)])
    return re.compile(f"{_MOVING}(?:{places})")
