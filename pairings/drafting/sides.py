"""The Shanghai and Yunnan sides and the partners a sentence names: its places outside its
asides in brackets, sorted by side."""

import re

# An aside in brackets breaks a whole down ("13个项目(含…嘉定区区级项目3个…)"): the places it
# names are its parts', not the sentence's.
_ASIDE = re.compile(r"[（(][^（()）]*[）)]")


def opening(gazetteer, title, text):
    """Return the sides a report sets before its first sentence: its title's, or where the
    title names no place (or the page printed none), its first paragraph's that names one."""
    for paragraph in (title, *text.split("\n")):
        sides = named_in(gazetteer, paragraph)
        if any(sides.values()):
            return sides
    return named_in(gazetteer, "")


# A news agency's dateline (新华社昆明电, 中新网昆明2月3日电) names where the reporter filed.
_DATELINE = re.compile(r"(?:社|网|报|台)[^，,。（(]{2,8}?(?:\d{1,2}月\d{1,2}日)?电")
# Where a route starts (从昆明飞抵上海, 从云南昆明飞来的航班, 昆明南至上海虹桥的列车): the workers
# passed through it; their home is the other place of Yunnan the sentence names, if any.
_ROUTE_START = re.compile(
    r"从(?P<from>[^，,。、从]{2,6}?)(?=飞|出发|乘|搭|坐|启程|到达|抵达)"
    r"|(?P<to>[^，,。、\d]{2,4}?)(?=南?站?(?:至|到|—|-)上海)"
)


def named_in(gazetteer, text):
    """Return {"shanghai": [...], "yunnan": [...], "partners": [...]}: the short names of the
    places the text names outside its asides in brackets and its dateline, leaving out where a
    route through Yunnan starts when the text names another place of Yunnan."""
    text = _DATELINE.sub("", _ASIDE.sub("", text))
    places = gazetteer.places_in(text)
    starts = {
        place
        for match in _ROUTE_START.finditer(text)
        for place in gazetteer.places_in(match["from"] or match["to"])
        if place.side == "yunnan"
    }
    if any(place.side == "yunnan" and place not in starts for place in places):
        places = [place for place in places if place not in starts]
    return sides_of(places)


def sides_of(places):
    """Return the places sorted by side; the province of Yunnan only where it is all the text
    names of that side."""
    yunnan = [place.name for place in places if place.side == "yunnan"]
    if len(yunnan) > 1:
        yunnan = [name for name in yunnan if name != "云南省"]
    return {
        "shanghai": [place.name for place in places if place.side == "shanghai"],
        "yunnan": yunnan,
        "partners": [place.name for place in places if place.side == "partner"],
    }


def in_event(gazetteer, sides, own, event):
    """Return the sides of a figure of a draft event: on each side, the event's places, unless
    its own sentence names a place of that side that is neither one of them nor above one."""
    within = {}
    for side in ("shanghai", "yunnan"):
        held = gazetteer.lineage(event[side])
        below = any(place.level != "province" for place in held)
        if below and all(name in {place.name for place in held} for name in own[side]):
            within[side] = event[side]
    return {**sides, **within}


def beside_prefecture(gazetteer, sides, sentence):
    """Return the sides of a figure of no event with the Yunnan counties named beside their own
    prefecture left out: the figure is the prefecture's, its counties only named in passing
    (在德宏开办…, 援建芒市、梁河2个基地), unless they are where its people come from (来自)."""
    if "来自" in sentence:
        return sides
    named = set(sides["yunnan"])
    kept = [
        name
        for name in sides["yunnan"]
        if not any(
            place.level == "county" and gazetteer.by_code[place.parent].name in named
            for place in gazetteer.names.get(name, ())
            if place.name == name and place.parent in gazetteer.by_code
        )
    ]
    return {**sides, "yunnan": kept}
