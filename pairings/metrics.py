"""What a figure counts and in what: the one registry of metrics and units every module reads.

A metric's units, whether two of its figures may be added up, whether it counts people who
came to Shanghai, whether the pairing page lists it among the other transfers, its headline
cards on the overview and its place in every list are written here once; so is each unit's
English word. Metric, Unit and Qualifier are the choices of Figure's fields; the rest of the
facts are derived views of METRICS and UNITS, never written a second time elsewhere.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    POSITIONS = "positions", _("提供岗位")
    ENTERPRISES = "enterprises", _("参与企业")
    ATTENDEES = "attendees", _("入场求职者")
    HIRING_INTENTS = "hiring_intents", _("达成意向")
    RESUMES = "resumes", _("投递简历")
    HIRES = "hires", _("录用入职")
    WORKERS_TO_SHANGHAI = "workers_to_shanghai", _("到沪务工")
    WORKERS_IN_SHANGHAI = "workers_in_shanghai", _("在沪务工实习")
    TRANSFERRED = "transferred", _("转移就业（不限去向）")
    OUT_OF_PROVINCE = "out_of_province", _("省外（跨省）就业")
    EMPLOYMENT_RATE = "employment_rate", _("转移就业率")
    TRAINEES = "trainees", _("培训人数")
    TRAINERS = "trainers", _("授课专家教师")
    PARTICIPANTS = "participants", _("与会人数")
    BENEFICIARIES = "beneficiaries", _("惠及人数")
    STUDENTS_ENROLLED = "students_enrolled", _("招生人数")
    SCHOOLS = "schools", _("院校")
    CLASSES = "classes", _("开班")
    TRADES = "trades", _("培训工种")
    BASES = "bases", _("实训基地")
    PUBLIC_WELFARE_POSTS = "public_welfare_posts", _("公益性岗位")
    SERVICE_STATIONS = "service_stations", _("零工驿站")
    TOWNSHIPS = "townships", _("街镇、乡镇")
    COUNTIES = "counties", _("县（市、区）")
    SESSIONS = "sessions", _("场次")
    INCOME = "income", _("劳务收入")
    SUBSIDY = "subsidy", _("补贴资金")
    DURATION = "duration", _("时长")
    YEARS_RUNNING = "years_running", _("连续年数")


class Unit(models.TextChoices):
    PERSON = "person", _("人")
    PERSON_TIME = "person_time", _("人次")
    ENTERPRISE = "enterprise", _("家")
    ITEM = "item", _("个")
    SCHOOL = "school", _("所")
    SESSION = "session", _("场")
    YUAN = "yuan", _("元")
    PERCENT = "percent", _("%")
    DAY = "day", _("天")
    HOUR = "hour", _("小时")
    YEAR = "year", _("年")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("确数")
    AT_LEAST = "at_least", _("至少（余、多、超过、突破、以上）")
    ABOUT = "about", _("约数（约、近）")
    AT_MOST = "at_most", _("至多")


@dataclass(frozen=True)
class UnitFacts:
    unit: Unit
    english: str  # the word after an English number; "" where the metric's label names it


@dataclass(frozen=True)
class Headline:
    """An overview card: the batch total of one metric in one of its units, with the newest
    cumulative figures that count the same people quoted beneath it when `quotes_cumulative`."""

    label: str
    unit: Unit
    quotes_cumulative: bool = False


@dataclass(frozen=True)
class MetricFacts:
    metric: Metric
    units: tuple[Unit, ...]  # the units a report counts it in
    # A rate, a duration or a count of years is a property of one record; adding two is
    # meaningless, so no total ever sums them.
    additive: bool = True
    to_shanghai: bool = False  # counts people who came to (or are in) Shanghai to work
    other_transfer: bool = False  # a transfer not only to Shanghai (the pairing page's table)
    headlines: tuple[Headline, ...] = ()


_PERSON = (Unit.PERSON,)
_ITEM = (Unit.ITEM,)

# Every metric once, in the order every list and table shows them. Only training is reported
# both per person (人) and per attendance (人次); everything else that counts people counts
# persons.
METRICS = (
    MetricFacts(Metric.POSITIONS, _ITEM, headlines=(Headline(_("提供岗位"), Unit.ITEM),)),
    MetricFacts(Metric.ENTERPRISES, (Unit.ENTERPRISE,)),
    MetricFacts(Metric.ATTENDEES, _PERSON, headlines=(Headline(_("入场求职者"), Unit.PERSON),)),
    MetricFacts(
        Metric.HIRING_INTENTS, _PERSON, headlines=(Headline(_("达成就业意向"), Unit.PERSON),)
    ),
    MetricFacts(Metric.RESUMES, _PERSON),
    MetricFacts(Metric.HIRES, _PERSON),
    MetricFacts(
        Metric.WORKERS_TO_SHANGHAI,
        _PERSON,
        to_shanghai=True,
        headlines=(Headline(_("到沪务工（报道批次）"), Unit.PERSON, quotes_cumulative=True),),
    ),
    MetricFacts(Metric.WORKERS_IN_SHANGHAI, _PERSON, to_shanghai=True),
    MetricFacts(Metric.TRANSFERRED, _PERSON, other_transfer=True),
    MetricFacts(Metric.OUT_OF_PROVINCE, _PERSON, other_transfer=True),
    MetricFacts(Metric.EMPLOYMENT_RATE, (Unit.PERCENT,), additive=False),
    MetricFacts(
        Metric.TRAINEES,
        (Unit.PERSON, Unit.PERSON_TIME),
        headlines=(
            Headline(_("培训人数"), Unit.PERSON, quotes_cumulative=True),
            Headline(_("培训人次"), Unit.PERSON_TIME, quotes_cumulative=True),
        ),
    ),
    MetricFacts(Metric.TRAINERS, _PERSON),
    MetricFacts(Metric.PARTICIPANTS, _PERSON),
    MetricFacts(Metric.BENEFICIARIES, _PERSON),
    MetricFacts(Metric.STUDENTS_ENROLLED, _PERSON),
    MetricFacts(Metric.SCHOOLS, (Unit.SCHOOL,)),
    MetricFacts(Metric.CLASSES, _ITEM),
    MetricFacts(Metric.TRADES, _ITEM),
    MetricFacts(Metric.BASES, _ITEM),
    MetricFacts(Metric.PUBLIC_WELFARE_POSTS, _ITEM),
    MetricFacts(Metric.SERVICE_STATIONS, _ITEM),
    MetricFacts(Metric.TOWNSHIPS, _ITEM),
    MetricFacts(Metric.COUNTIES, _ITEM),
    MetricFacts(Metric.SESSIONS, (Unit.SESSION,)),
    MetricFacts(Metric.INCOME, (Unit.YUAN,)),
    MetricFacts(Metric.SUBSIDY, (Unit.YUAN,)),
    MetricFacts(Metric.DURATION, (Unit.DAY, Unit.HOUR), additive=False),
    MetricFacts(Metric.YEARS_RUNNING, (Unit.YEAR,), additive=False),
)

UNITS = (
    UnitFacts(Unit.PERSON, "people"),
    UnitFacts(Unit.PERSON_TIME, "person-times"),
    UnitFacts(Unit.ENTERPRISE, "enterprises"),
    UnitFacts(Unit.ITEM, ""),
    UnitFacts(Unit.SCHOOL, "schools"),
    UnitFacts(Unit.SESSION, "sessions"),
    UnitFacts(Unit.YUAN, "yuan"),
    UnitFacts(Unit.PERCENT, "%"),
    UnitFacts(Unit.DAY, "days"),
    UnitFacts(Unit.HOUR, "hours"),
    UnitFacts(Unit.YEAR, "years"),
)

# The views every module reads.
FACTS = {facts.metric: facts for facts in METRICS}
METRIC_ORDER = {facts.metric: position for position, facts in enumerate(METRICS)}
NON_ADDITIVE_METRICS = tuple(facts.metric for facts in METRICS if not facts.additive)
TO_SHANGHAI_METRICS = tuple(facts.metric for facts in METRICS if facts.to_shanghai)
OTHER_TRANSFER_METRICS = tuple(facts.metric for facts in METRICS if facts.other_transfer)
ENGLISH_UNITS = {facts.unit: facts.english for facts in UNITS}
