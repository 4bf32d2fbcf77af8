"""Score the drafts of every report in ../shared/reports/ and ../shared/corpus/ against the
figures entered by hand (fixtures/): per report and overall, recall and precision on value +
qualifier + unit, then among the matched figures the share right on metric, period, sides and
batch or cumulative, and seconds per report. Prints the misses, so that the next cue word or rule
is plain. Reads the fixtures, not a database: the metric registry and the Region table come from
fixtures/metrics.json and fixtures/regions.json as `make setup` loads them.

    .venv/bin/python bench/extraction.py [--quiet]
"""

import datetime
import json
import os
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")

import django  # noqa: E402

django.setup()

from pairings.dates import iso_at_precision  # noqa: E402
from pairings.drafting import MetricCues, draft  # noqa: E402
from pairings.drafting.places import Gazetteer  # noqa: E402
from pairings.script import simplified  # noqa: E402

FIXTURES = ("reports", "report_data", "corpus_a", "corpus_b")


def _rows(name):
    return json.loads((ROOT / "fixtures" / f"{name}.json").read_text())


def _registry():
    return [
        MetricCues(
            row["fields"]["code"],
            tuple(row["fields"]["units"]),
            tuple(simplified(c) for c in row["fields"]["cues"]),
        )
        for row in sorted(_rows("metrics"), key=lambda r: (r["fields"]["order"], r["pk"]))
    ]


class Regions:
    def __init__(self):
        rows = [r for r in _rows("regions") if r["fields"]["level"] != "town"]
        self.name = {r["pk"]: r["fields"]["name"] for r in rows}
        self.parent = {r["pk"]: r["fields"]["parent"] for r in rows}
        by_name = {}
        for r in rows:
            if r["pk"][:2] in ("31", "53"):
                by_name.setdefault(r["fields"]["name"], r["pk"])
        self.code = by_name
        self.gazetteer = Gazetteer(
            (r["pk"], f["name"], f["full_name"], f["level"], f["parent"])
            for r in rows
            for f in [r["fields"]]
        )

    def closed(self, codes):
        """Return the codes with every place above them, provinces left out."""
        out = set()
        for code in codes:
            while code and code in self.parent:
                if self.parent[code]:
                    out.add(code)
                code = self.parent[code]
        return out


def _hand(regions):
    """Return {report pk: [hand figure as a comparable dict]} and the reports."""
    rows = [row for name in FIXTURES for row in _rows(name)]
    by = {model: {} for model in ("report", "event", "pairing", "figure", "trainingprogramme")}
    for row in rows:
        model = row["model"].split(".")[1]
        if model in by:
            by[model][row["pk"]] = row["fields"]
    figures = {}
    for fields in by["figure"].values():
        dated = by["event"][fields["event"]] if fields["event"] else fields
        if fields["event"]:
            event = by["event"][fields["event"]]
            shanghai, yunnan = list(event["shanghai_regions"]), list(event["yunnan_regions"])
        elif fields["pairing"]:
            pairing = by["pairing"][fields["pairing"]]
            shanghai, yunnan = [pairing["shanghai"]], [pairing["yunnan"]]
        elif fields.get("programme"):
            # a programme's figure is about the programme: its pairing and its places
            programme = by["trainingprogramme"][fields["programme"]]
            pairing = by["pairing"].get(programme["pairing"])
            shanghai = [pairing["shanghai"]] if pairing else []
            yunnan = [pairing["yunnan"]] if pairing else []
            yunnan += programme["yunnan_regions"]
        else:
            shanghai, yunnan = [], []
        if fields["place"]:
            (shanghai if fields["place"].startswith("31") else yunnan)[:] = [fields["place"]]
        precision = dated["date_precision"]
        figures.setdefault(fields["report"], []).append(
            {
                "key": (
                    Decimal(fields["value"]),
                    Decimal(fields["value_high"]) if fields.get("value_high") else None,
                    fields["qualifier"],
                    fields["unit"],
                ),
                "metric": fields["metric"],
                "cumulative": fields["is_cumulative"],
                "period": (
                    (_iso(dated["date_start"], precision), _iso(dated["date_end"], precision))
                    if precision
                    else None
                ),
                "sides": (regions.closed(shanghai), regions.closed(yunnan)),
                "excerpt": fields["excerpt"],
            }
        )
    return by["report"], figures


def _iso(text, precision):
    return iso_at_precision(datetime.date.fromisoformat(text), precision) if text else None


def _drafted(figure, regions):
    period = figure["period"]
    return {
        "key": (
            Decimal(str(figure["value"])),
            Decimal(str(figure["value_high"])) if figure["value_high"] is not None else None,
            figure["qualifier"],
            figure["unit_code"],
        ),
        "metric": figure["metric"],
        "cumulative": figure["cumulative"],
        "period": (period["start"], period["end"]) if period else None,
        "sides": tuple(
            regions.closed(regions.code[name] for name in figure[side] if name in regions.code)
            for side in ("shanghai", "yunnan")
        ),
        "excerpt": figure["excerpt"],
    }


ATTRIBUTES = ("metric", "period", "sides", "cumulative")


def _score(hand, drafted):
    """Pair each hand figure with an unpaired draft of the same value, qualifier and unit (the
    one right on most attributes); return the pairs and the unpaired of each side."""
    pairs, left = [], list(drafted)
    missed = []
    for figure in hand:
        same = [d for d in left if d["key"] == figure["key"]]
        if not same:
            missed.append(figure)
            continue
        best = max(same, key=lambda d: sum(d[a] == figure[a] for a in ATTRIBUTES))
        left.remove(best)
        pairs.append((figure, best))
    return pairs, missed, left


def main(quiet=False):
    regions = Regions()
    metrics = _registry()
    reports, hand = _hand(regions)
    totals, lines = Counter(), []
    slowest = 0.0
    for pk, report in sorted(reports.items()):
        path = SHARED / ("reports" if "/" not in report["file_name"] else "") / report["file_name"]
        if not path.exists():
            print(f"skipped (no text): {path}", file=sys.stderr)
            continue
        published = (datetime.date.fromisoformat(report["date_start"]), report["date_precision"])
        started = time.perf_counter()
        drafts = draft(
            path.read_text(encoding="utf-8"),
            published,
            report["title"],
            metrics=metrics,
            gazetteer=regions.gazetteer,
        )
        seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        drafted = [_drafted(f, regions) for f in drafts["figures"]]
        pairs, missed, extra = _score(hand.get(pk, []), drafted)
        counts = Counter(hand=len(hand.get(pk, [])), drafted=len(drafted), matched=len(pairs))
        for figure, got in pairs:
            right = [a for a in ATTRIBUTES if figure[a] == got[a]]
            counts.update(right)
            counts["all"] += len(right) == len(ATTRIBUTES)
        counts["seconds"] = seconds
        totals.update(counts)
        lines.append(_line(report["file_name"], counts))
        if not quiet:
            for figure in missed:
                lines.append(f"    missed  {_key(figure)}  «{figure['excerpt'][:50]}»")
            for got in extra:
                lines.append(f"    extra   {_key(got)}  «{got['excerpt'][:50]}»")
            for figure, got in pairs:
                wrong = [a for a in ATTRIBUTES if figure[a] != got[a]]
                if wrong:
                    detail = "; ".join(f"{a}: {got[a]} ≠ {figure[a]}" for a in wrong)
                    lines.append(f"    wrong   {_key(figure)}  {detail}")
    print("\n".join(lines))
    print(_line("overall", totals))
    print(f"seconds per report: mean {totals['seconds'] / len(reports):.3f}, max {slowest:.3f}")


def _key(figure):
    value, high, qualifier, unit = figure["key"]
    printed = f"{value.normalize():f}" + (f"–{high.normalize():f}" if high else "")
    return f"{printed} {qualifier} {unit}"


def _line(name, c):
    def share(part, whole):
        return f"{100 * part / whole:5.1f}%" if whole else "    —"

    return (
        f"{name:28} hand {c['hand']:3} drafted {c['drafted']:3} "
        f"recall {share(c['matched'], c['hand'])} precision {share(c['matched'], c['drafted'])} "
        f"| of matched: metric {share(c['metric'], c['matched'])} "
        f"period {share(c['period'], c['matched'])} sides {share(c['sides'], c['matched'])} "
        f"cumulative {share(c['cumulative'], c['matched'])} "
        f"| all exact {share(c['all'], c['hand'])}"
    )


if __name__ == "__main__":
    main(quiet="--quiet" in sys.argv)
