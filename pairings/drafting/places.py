"""The places a report's text names, found with the Region table: a full name (楚雄彝族自治州),
a short one (楚雄州), a short one without its last word (楚雄, 嘉定, and each county of
'红河州屏边、泸西、石屏和元阳四县'); a chain (云南省昭通市昭阳区) names each of its places."""

import re
from dataclasses import dataclass

from ..models import SHANGHAI_CODE, YUNNAN_CODE, Region

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
# Place names that are also everyday words of these reports: only their full forms count.
_EVERYDAY = {"富民", "安宁", "古城", "江城", "河口", "西山", "官渡", "盘龙", "永平", "东川"}
# A place name, up to two words of the venue's own (长水, 技师), then a kind of venue.
_VENUE = re.compile(
    r"[^\W\d_等和及与的在]{0,2}?(?:机场|火车站|高铁站|车站|学院|大学|学校|卫校|职校|技校|医院)"
)


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    parent: str | None
    side: str  # "shanghai", "yunnan" or "partner"


class Gazetteer:
    """Every name of the places of Shanghai and Yunnan down to counties, and of the provinces
    and prefectures elsewhere (the partners), read once from the Region table."""

    def __init__(self, regions):
        self.names, self.by_code = {}, {}
        for code, name, full_name, level, parent in regions:
            side = {SHANGHAI_CODE[:2]: "shanghai", YUNNAN_CODE[:2]: "yunnan"}.get(
                code[:2], "partner"
            )
            if side == "partner" and level == "county":
                continue
            place = Place(code, name, level, parent, side)
            forms = {name, full_name}
            stem = re.sub(r"(?:省|市|州|县|区|新区|自治县|自治州)$", "", name)
            if (
                len(stem) >= 2
                and stem not in _EVERYDAY
                and (side != "partner" or level == "province")
            ):
                forms.add(stem)
            for form in forms:
                self.names.setdefault(form, []).append(place)
            self.by_code[code] = place
        self.longest = max(map(len, self.names), default=0)

    @classmethod
    def from_database(cls):
        return cls(
            Region.objects.exclude(level=Region.Level.TOWN)
            .order_by("code")
            .values_list("code", "name", "full_name", "level", "parent_id")
        )

    def lineage(self, names):
        """Return the places of these short names and every place above them."""
        held = set()
        for name in names:
            for place in self.names.get(name, ()):
                while place is not None and place.name == name:
                    held.add(place)
                    place = self.by_code.get(place.parent)
                    name = place.name if place else None
        return held

    def places_in(self, text):
        """Return the places the text names, in order, each once: at each position the longest
        name; of places of one name, the one inside the prefecture named last, else the
        highest."""
        found, position, within = [], 0, None
        while position < len(text):
            for length in range(min(self.longest, len(text) - position), 1, -1):
                places = self.names.get(text[position : position + length])
                if places and _VENUE.match(text, position + length):
                    position += length
                    break
                if places:
                    place = min(
                        places,
                        key=lambda p: (
                            p.parent != within,
                            _LEVEL_RANK[p.level],
                            p.side == "partner",
                        ),
                    )
                    if place.level != "county":
                        within = place.code
                    if place not in found:
                        found.append(place)
                    position += length
                    break
            else:
                position += 1
        return found
