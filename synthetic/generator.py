"""Synthetic data at national size, for the benchmark (bench/) and for trying the pages at scale.

Every synthetic record hangs off one Report (file name `synthetic-seed-<seed>.txt`) and every
excerpt starts with SYNTHETIC_MARK, so nobody can take a synthetic number for a reported one,
and `remove_synthetic` finds all of it through that report. Pairings that the reports do not
name are created as "implied" with that report as their basis; the report pairings are reused
and left as they are.

The same seed and event count give the same records. Rows are written in bulk (COPY on
PostgreSQL, executemany elsewhere) with ids chosen here, so no model is saved one by one, no
signal fires and django-simple-history writes no history: a million events take minutes.
"""

import bisect
import calendar
import datetime
import io
import random
from decimal import Decimal

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from pairings.dates import format_period
from pairings.models import (
    EXCERPT_MAX_LENGTH,
    Event,
    EventCitation,
    Figure,
    Pairing,
    PairingCitation,
    Region,
    Report,
)
from summaries import writes

SYNTHETIC_FILE_PREFIX = "synthetic-seed-"
SYNTHETIC_MARK = "【合成数据】"
FIRST_YEAR = 2016
YEARS = 10
BATCH_EVENTS = 5000

# How often each kind happens: job fairs and worker trains dominate, as in the reports.
KIND_WEIGHTS = {
    Event.Kind.JOB_FAIR: 30,
    Event.Kind.WORKER_DISPATCH: 18,
    Event.Kind.TRAINING: 15,
    Event.Kind.MEETING: 12,
    Event.Kind.DELEGATION_VISIT: 10,
    Event.Kind.CAMPUS_RECRUITMENT: 5,
    Event.Kind.AGREEMENT_SIGNING: 4,
    Event.Kind.STATION_OPENING: 3,
    Event.Kind.OTHER: 3,
}
TITLES = {
    Event.Kind.JOB_FAIR: (
        "{sh}—{yn}专场招聘会",
        "{sh}赴{yn}开展就业扶贫专场招聘活动",
        "{place}“春风行动”沪滇劳务协作招聘会",
    ),
    Event.Kind.WORKER_DISPATCH: ("{yn}务工人员赴{sh}集中输送", "“点对点”送{place}务工人员到{sh}"),
    Event.Kind.TRAINING: ("{sh}援滇{trade}技能培训班（{place}）", "{place}{trade}订单式培训"),
    Event.Kind.MEETING: ("{sh}—{yn}劳务协作座谈会", "沪滇劳务协作联席会议（{sh}、{yn}）"),
    Event.Kind.DELEGATION_VISIT: (
        "{sh}人社局赴{place}考察劳务协作",
        "{yn}代表团赴{sh}走访务工人员",
    ),
    Event.Kind.CAMPUS_RECRUITMENT: ("{sh}企业赴{yn}职业院校校园招聘",),
    Event.Kind.AGREEMENT_SIGNING: ("{sh}与{yn}签订劳务协作协议",),
    Event.Kind.STATION_OPENING: (
        "{sh}驻{place}劳务协作工作站揭牌",
        "{place}沪滇劳务协作实训基地揭牌",
    ),
    Event.Kind.OTHER: ("{sh}—{yn}劳务品牌推介活动",),
}
TRADES = ("家政服务", "汽车维修", "电工", "餐饮服务", "快递物流", "养老护理", "电子商务", "乡厨")
VENUES = ("{place}人力资源市场", "{sh}就业促进中心", "{yn}职业技术学院", "{place}体育馆")
SUMMARIES = (
    "{sh}组织区内企业携岗位赴{yn}招聘。",
    "双方就劳务输出、技能培训和稳岗服务交换意见。",
    "务工人员由专人护送，抵沪后统一安排食宿和岗前培训。",
    "培训结束后择优推荐到{sh}企业就业。",
)
# (metric, unit, lowest, highest, chance) per kind; values are drawn the way reports round.
FIGURES = {
    Event.Kind.JOB_FAIR: (
        ("enterprises", "enterprise", 10, 150, 0.9),
        ("positions", "item", 200, 8000, 0.95),
        ("attendees", "person", 300, 6000, 0.6),
        ("hiring_intents", "person", 30, 900, 0.7),
    ),
    Event.Kind.CAMPUS_RECRUITMENT: (
        ("enterprises", "enterprise", 5, 60, 0.9),
        ("positions", "item", 100, 3000, 0.9),
        ("resumes", "person", 50, 1500, 0.6),
        ("hiring_intents", "person", 10, 400, 0.5),
    ),
    Event.Kind.WORKER_DISPATCH: (("workers_to_shanghai", "person", 15, 300, 1.0),),
    Event.Kind.TRAINING: (
        ("trainees", "person", 30, 1500, 0.7),
        ("trainees", "person_time", 100, 5000, 0.3),
        ("classes", "item", 1, 20, 0.3),
        ("duration", "day", 3, 30, 0.3),
    ),
    Event.Kind.MEETING: (("participants", "person", 20, 200, 0.5),),
    Event.Kind.DELEGATION_VISIT: (("enterprises", "enterprise", 3, 40, 0.4),),
    Event.Kind.AGREEMENT_SIGNING: (
        ("enterprises", "enterprise", 5, 60, 0.6),
        ("positions", "item", 100, 2000, 0.3),
    ),
    Event.Kind.STATION_OPENING: (("service_stations", "item", 1, 10, 0.5),),
    Event.Kind.OTHER: (("beneficiaries", "person", 100, 5000, 0.6),),
}
# Metrics whose figure often has a "其中" part: (chance, subgroup).
PARTS = {
    "hiring_intents": (0.3, "建档立卡贫困劳动力"),
    "workers_to_shanghai": (0.25, "脱贫劳动力"),
}
QUALIFIERS = (("exact", 70), ("at_least", 22), ("about", 7), ("at_most", 1))
QUALIFIER_WORDS = {"exact": "", "at_least": "余", "about": "约", "at_most": "不超过"}
METRIC_WORDS = {
    "enterprises": ("参与企业", "家"),
    "positions": ("提供岗位", "个"),
    "attendees": ("入场求职者", "人"),
    "hiring_intents": ("达成就业意向", "人"),
    "resumes": ("收到简历", "份"),
    "workers_to_shanghai": ("到沪务工", "人"),
    "trainees": ("培训", "人"),
    "classes": ("开班", "个"),
    "duration": ("为期", "天"),
    "participants": ("与会", "人"),
    "service_stations": ("设立零工驿站", "个"),
    "beneficiaries": ("惠及", "人"),
}
# Cumulative series kept per pairing, one figure a year: (metric, unit, yearly growth, part).
CUMULATIVE_SERIES = (
    ("workers_to_shanghai", "person", (50, 800), "脱贫劳动力"),
    ("trainees", "person", (100, 2000), ""),
)


def synthetic_file_name(seed):
    return f"{SYNTHETIC_FILE_PREFIX}{seed}.txt"


def synthetic_reports():
    """Return the synthetic reports (there is at most one unless someone made more by hand)."""
    return Report.objects.filter(file_name__startswith=SYNTHETIC_FILE_PREFIX)


def _cumulative(weights):
    total, out = 0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class _Picker:
    """Weighted choice with precomputed cumulative weights (random.choices re-sums them)."""

    def __init__(self, rng, items, weights):
        self.rng, self.items, self.cumulative = rng, list(items), _cumulative(weights)
        self.total = self.cumulative[-1]

    def __call__(self):
        return self.items[bisect.bisect(self.cumulative, self.rng.random() * self.total)]


class _BulkWriter:
    """Write rows straight into a model's table: COPY on PostgreSQL, executemany elsewhere.
    `fields` are model field names (attnames for foreign keys); rows are tuples in that order."""

    def __init__(self):
        self.cursor = connection.cursor()
        self.copy = connection.vendor == "postgresql" and hasattr(self.cursor, "copy_expert")
        self.rows_written = 0

    def insert(self, model, fields, rows):
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
        table = quote(model._meta.db_table)
        if self.copy:
            buffer = io.StringIO()
            buffer.writelines("\t".join(map(_copy_text, row)) + "\n" for row in rows)
            buffer.seek(0)
            self.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
            self.cursor.executemany(sql, [tuple(map(_db_value, row)) for row in rows])
        self.rows_written += len(rows)


def _copy_text(value):
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        text = text.replace("\r", "\\r")
    return text


def _db_value(value):
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def _excerpt(text):
    return (SYNTHETIC_MARK + text)[:EXCERPT_MAX_LENGTH]


class _Generator:
    def __init__(self, seed, report, writer):
        self.rng = random.Random(seed)
        self.report = report
        self.writer = writer
        self.kind = _Picker(self.rng, KIND_WEIGHTS, KIND_WEIGHTS.values())
        self.qualifier = _Picker(self.rng, *zip(*QUALIFIERS, strict=True))
        self.first_day = datetime.date(FIRST_YEAR, 1, 1)
        self.days = (datetime.date(FIRST_YEAR + YEARS, 1, 1) - self.first_day).days
        self.first_year_of_pairing = {}
        self.figure_count = 0

    def load_places(self):
        regions = list(Region.objects.order_by("code"))
        self.districts = [r for r in regions if r.is_shanghai and r.level == Region.Level.COUNTY]
        self.prefectures = [
            r for r in regions if r.is_yunnan and r.level == Region.Level.PREFECTURE
        ]
        self.counties = {p.code: [] for p in self.prefectures}
        for region in regions:
            if region.is_yunnan and region.parent_id in self.counties:
                self.counties[region.parent_id].append(region)
        self.partners = [
            r for r in regions if not (r.is_shanghai or r.is_yunnan) and r.level == "county"
        ]

    def ensure_pairings(self):
        """Make sure every district–prefecture pair has a pairing; return how many were made."""
        existing = {
            (p.shanghai_id, p.yunnan_id): p.pk
            for p in Pairing.objects.filter(yunnan__level=Region.Level.PREFECTURE)
        }
        missing = [
            Pairing(shanghai=district, yunnan=prefecture, basis=Pairing.Basis.IMPLIED)
            for district in self.districts
            for prefecture in self.prefectures
            if (district.code, prefecture.code) not in existing
        ]
        Pairing.objects.bulk_create(missing, batch_size=500)
        made = Pairing.objects.filter(yunnan__level=Region.Level.PREFECTURE).exclude(
            pk__in=existing.values()
        )
        PairingCitation.objects.bulk_create(
            [
                PairingCitation(
                    pairing=pairing,
                    report=self.report,
                    excerpt=_excerpt(f"{pairing.shanghai.name}与{pairing.yunnan.name}开展劳务协作"),
                )
                for pairing in made.select_related("shanghai", "yunnan")
            ],
            batch_size=500,
        )
        self.pairings = {
            (p.shanghai_id, p.yunnan_id): p.pk
            for p in Pairing.objects.filter(yunnan__level=Region.Level.PREFECTURE)
        }
        # Some pairings are far busier than others; the report pairings are among the busiest.
        pairs = [(d, p) for d in self.districts for p in self.prefectures]
        weights = [
            self.rng.lognormvariate(0, 0.8) * (3 if (d.code, p.code) in existing else 1)
            for d, p in pairs
        ]
        self.pair = _Picker(self.rng, pairs, weights)
        return len(missing)

    def _period(self, kind):
        rng = self.rng
        if rng.random() < 0.2:  # spring campaigns (春风行动) crowd February and March
            year = FIRST_YEAR + rng.randrange(YEARS)
            day = datetime.date(year, 2, 1) + datetime.timedelta(days=rng.randrange(59))
        else:
            day = self.first_day + datetime.timedelta(days=rng.randrange(self.days))
        roll = rng.random()
        if roll < 0.85:
            length = rng.randint(2, 5) if kind in ("training", "delegation_visit") else 1
            if rng.random() < 0.7:
                length = 1
            return day, day + datetime.timedelta(days=length - 1), "day"
        if roll < 0.93:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.replace(day=1), day.replace(day=last), "month"
        if roll < 0.97:
            return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), "year"
        if rng.random() < 0.5:  # open-ended: 自…起
            return day, None, "day"
        return day.replace(day=1), None, "month"

    def _value(self, low, high, qualifier):
        value = self.rng.randint(low, high)
        if qualifier != "exact" and value >= 100:
            value -= value % (100 if value >= 1000 else 10)  # 3000余人, 约800人
        return value

    def events(self, count, first_event_pk, first_figure_pk):
        """Write `count` events with their places, pairings, citation and figures."""
        rng = self.rng
        event_pk, figure_pk = first_event_pk, first_figure_pk
        for batch_start in range(0, count, BATCH_EVENTS):
            rows = {
                "events": [],
                "shanghai": [],
                "yunnan": [],
                "partners": [],
                "pairings": [],
                "citations": [],
                "figures": [],
            }
            for _ in range(min(BATCH_EVENTS, count - batch_start)):
                kind = self.kind()
                district, prefecture = self.pair()
                start, end, precision = self._period(kind)
                districts = [district]
                if rng.random() < 0.08:
                    other = self.districts[rng.randrange(len(self.districts))]
                    if other is not district:
                        districts.append(other)
                places = self._yunnan_places(prefecture)
                county = next((p for p in places if p.level == Region.Level.COUNTY), None)
                names = {
                    "sh": district.name,
                    "yn": prefecture.name,
                    "place": (county or prefecture).name,
                    "trade": TRADES[rng.randrange(len(TRADES))],
                }
                templates = TITLES[kind]
                title = templates[rng.randrange(len(templates))].format(**names)
                summary = ""
                if rng.random() < 0.4:
                    summary = SUMMARIES[rng.randrange(len(SUMMARIES))].format(**names)
                venue = ""
                if rng.random() < 0.3:
                    venue = VENUES[rng.randrange(len(VENUES))].format(**names)
                partners = ""
                if self.partners and rng.random() < 0.01:
                    partner = self.partners[rng.randrange(len(self.partners))]
                    rows["partners"].append((event_pk, partner.code))
                    partners = f"{partner.name}人力资源和社会保障局"
                rows["events"].append(
                    (event_pk, kind, title, summary, venue, partners, start, end, precision)
                )
                for side in districts:
                    rows["shanghai"].append((event_pk, side.code))
                    pairing = self.pairings[(side.code, prefecture.code)]
                    rows["pairings"].append((event_pk, pairing))
                    year = (start or end).year
                    if year < self.first_year_of_pairing.get(pairing, 9999):
                        self.first_year_of_pairing[pairing] = year
                for place in places:
                    rows["yunnan"].append((event_pk, place.code))
                when = format_period(start, end, precision, "zh-hans")
                rows["citations"].append((event_pk, self.report.pk, _excerpt(f"{when}，{title}")))
                figure_pk = self._event_figures(kind, event_pk, figure_pk, rows["figures"])
                event_pk += 1
            self._write(rows)
        self.figure_count += figure_pk - first_figure_pk
        return event_pk - first_event_pk

    def _yunnan_places(self, prefecture):
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return []  # the report names no Yunnan place (未说明)
        if roll < 0.55:
            return [prefecture]
        counties = self.counties[prefecture.code]
        chosen = rng.sample(counties, min(len(counties), rng.randint(1, 3)))
        chosen.sort(key=lambda region: region.code)
        return [prefecture, *chosen[:2]] if roll < 0.75 else chosen

    def _event_figures(self, kind, event_pk, figure_pk, rows):
        rng = self.rng
        for metric, unit, low, high, chance in FIGURES[kind]:
            if rng.random() >= chance:
                continue
            qualifier = self.qualifier()
            value = self._value(low, high, qualifier)
            rows.append(self._figure_row(figure_pk, event_pk, metric, unit, value, qualifier))
            whole_pk, figure_pk = figure_pk, figure_pk + 1
            part_chance, subgroup = PARTS.get(metric, (0, ""))
            if rng.random() < part_chance:
                part = rng.randint(1, value)
                rows.append(
                    self._figure_row(
                        figure_pk, event_pk, metric, unit, part, "exact", whole_pk, subgroup
                    )
                )
                figure_pk += 1
        return figure_pk

    def _figure_row(self, pk, event_pk, metric, unit, value, qualifier, whole=None, subgroup=""):
        word, measure = METRIC_WORDS[metric]
        if unit == "person_time":
            measure = "人次"
        quantity = f"{value}{measure}"
        if qualifier == "at_least":
            quantity = f"{value}余{measure}"
        elif qualifier != "exact":
            quantity = f"{QUALIFIER_WORDS[qualifier]}{value}{measure}"
        text = f"其中{subgroup}{quantity}" if whole else f"{word}{quantity}"
        return (
            pk,
            metric,
            Decimal(value),
            qualifier,
            unit,
            False,
            whole,
            subgroup,
            self.report.pk,
            _excerpt(text),
            event_pk,
            None,
            None,
            None,
            "",
            None,
            None,
            "",
        )

    def cumulative_series(self, first_figure_pk):
        """Write, for every pairing with synthetic events, one cumulative figure a year from its
        first event's year, each with its "其中" part where the series has one."""
        rng = self.rng
        rows, pk = [], first_figure_pk
        for pairing, first_year in sorted(self.first_year_of_pairing.items()):
            for metric, unit, (low, high), subgroup in CUMULATIVE_SERIES:
                word, measure = METRIC_WORDS[metric]
                total = 0
                for year in range(first_year, FIRST_YEAR + YEARS):
                    total += rng.randint(low, high)
                    text = f"截至{year}年，累计{word}{total}{measure}"
                    rows.append(self._own_figure(pk, pairing, metric, unit, total, year, text))
                    pk += 1
                    if subgroup:
                        part = rng.randint(total // 3, total)
                        text = f"其中{subgroup}{part}{measure}"
                        rows.append(
                            self._own_figure(
                                pk, pairing, metric, unit, part, year, text, pk - 1, subgroup
                            )
                        )
                        pk += 1
        for start in range(0, len(rows), 20_000):
            self.writer.insert(Figure, FIGURE_FIELDS, rows[start : start + 20_000])
        self.figure_count += len(rows)
        return len(rows)

    def date_synthetic_pairings(self):
        """Give each synthetic pairing the year of its first event (report pairings keep the
        year their report gives)."""
        synthetic = Pairing.objects.filter(citations__report=self.report).values_list(
            "pk", flat=True
        )
        Pairing.objects.bulk_update(
            [
                Pairing(pk=pk, earliest_year=self.first_year_of_pairing[pk])
                for pk in synthetic
                if pk in self.first_year_of_pairing
            ],
            ["earliest_year"],
            batch_size=500,
        )

    def _own_figure(self, pk, pairing, metric, unit, value, year, text, whole=None, subgroup=""):
        as_of = datetime.date(year, 12, 31)
        return (
            pk,
            metric,
            Decimal(value),
            "exact",
            unit,
            True,
            whole,
            subgroup,
            self.report.pk,
            _excerpt(text),
            None,
            None,
            pairing,
            None,
            "",
            None,
            as_of,
            "year",
        )

    def _write(self, rows):
        write = self.writer.insert
        write(Event, EVENT_FIELDS, rows["events"])
        write(Event.shanghai_regions.through, ("event_id", "region_id"), rows["shanghai"])
        write(Event.yunnan_regions.through, ("event_id", "region_id"), rows["yunnan"])
        write(Event.partner_regions.through, ("event_id", "region_id"), rows["partners"])
        write(Event.pairings.through, ("event_id", "pairing_id"), rows["pairings"])
        write(EventCitation, ("event_id", "report_id", "excerpt"), rows["citations"])
        write(Figure, FIGURE_FIELDS, rows["figures"])


EVENT_FIELDS = (
    "id",
    "kind",
    "title",
    "summary",
    "venue",
    "partners",
    "date_start",
    "date_end",
    "date_precision",
)
FIGURE_FIELDS = (
    "id",
    "metric",
    "value",
    "qualifier",
    "unit",
    "is_cumulative",
    "subset_of_id",
    "subgroup",
    "report_id",
    "excerpt",
    "event_id",
    "programme_id",
    "pairing_id",
    "place_id",
    "note",
    "date_start",
    "date_end",
    "date_precision",
)


class SyntheticDataExists(Exception):
    pass


def generate(events, seed):
    """Write `events` synthetic events (and what hangs off them) under a new synthetic report;
    return {what: rows}. Refuses while synthetic data exists: remove it first."""
    existing = synthetic_reports().first()
    if existing:
        raise SyntheticDataExists(
            f"synthetic data already exists ({existing.file_name}); run remove_synthetic first"
        )
    with writes.kept_current(everything=True):
        Report.objects.bulk_create(
            [
                Report(
                    file_name=synthetic_file_name(seed),
                    title=f"{SYNTHETIC_MARK}基准测试数据（种子 {seed}），非真实报道",
                    publication="generate_synthetic",
                    author="generate_synthetic",
                    date_start=datetime.date(FIRST_YEAR, 1, 1),
                    date_end=datetime.date(FIRST_YEAR + YEARS - 1, 12, 31),
                    date_precision="year",
                )
            ]
        )
        report = Report.objects.get(file_name=synthetic_file_name(seed))
        writer = _BulkWriter()
        generator = _Generator(seed, report, writer)
        generator.load_places()
        pairings = generator.ensure_pairings()
        first_event = (Event.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        first_figure = (Figure.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        written = generator.events(events, first_event, first_figure)
        cumulative = generator.cumulative_series(first_figure + generator.figure_count)
        generator.date_synthetic_pairings()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Event, Figure]):
                cursor.execute(sql)
        _analyze(_SYNTHETIC_MODELS)
    _analyze(apps.get_app_config("summaries").get_models())
    return {
        "report": report.file_name,
        "pairings created": pairings,
        "events": written,
        "figures": generator.figure_count,
        "cumulative figures": cumulative,
        "rows written": writer.rows_written + pairings + 1,
    }


def _analyze(models):
    """Refresh the planner's statistics: a bulk load changes every table's size at once."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [model._meta.db_table for model in models]
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


_SYNTHETIC_MODELS = (
    Report,
    Pairing,
    PairingCitation,
    Event,
    Event.shanghai_regions.through,
    Event.yunnan_regions.through,
    Event.partner_regions.through,
    Event.pairings.through,
    EventCitation,
    Figure,
)


def remove():
    """Delete every synthetic record in bulk and return {table: rows deleted}. Report data is
    never touched: only what hangs off a synthetic report goes."""
    report_ids = list(synthetic_reports().values_list("pk", flat=True))
    if not report_ids:
        return {}
    quote = connection.ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    ids = ", ".join(["%s"] * len(report_ids))
    events = (
        f"SELECT {quote('event_id')} FROM {table(EventCitation)} "
        f"WHERE {quote('report_id')} IN ({ids})"
    )
    # Parts first: Figure.subset_of is PROTECT. Events go before their citations, which say
    # which events are synthetic; foreign keys are checked at commit.
    steps = [
        (Figure, f"{quote('report_id')} IN ({ids}) AND {quote('subset_of_id')} IS NOT NULL"),
        (Figure, f"{quote('report_id')} IN ({ids})"),
        (Event.shanghai_regions.through, f"{quote('event_id')} IN ({events})"),
        (Event.yunnan_regions.through, f"{quote('event_id')} IN ({events})"),
        (Event.partner_regions.through, f"{quote('event_id')} IN ({events})"),
        (Event.pairings.through, f"{quote('event_id')} IN ({events})"),
        (Event, f"{quote('id')} IN ({events})"),
        (EventCitation, f"{quote('report_id')} IN ({ids})"),
        # Only synthetic pairings have a synthetic citation (ensure_pairings).
        (
            Pairing,
            f"{quote('id')} IN (SELECT {quote('pairing_id')} FROM {table(PairingCitation)} "
            f"WHERE {quote('report_id')} IN ({ids}))",
        ),
        (PairingCitation, f"{quote('report_id')} IN ({ids})"),
        (Report, f"{quote('id')} IN ({ids})"),
    ]
    deleted = {}
    # Refreshed before the commit, which checks that no tally names a deleted pairing.
    with writes.kept_current(everything=True), connection.cursor() as cursor:
        for model, where in steps:
            cursor.execute(f"DELETE FROM {table(model)} WHERE {where}", report_ids)
            name = model._meta.db_table
            deleted[name] = deleted.get(name, 0) + cursor.rowcount
    return deleted
