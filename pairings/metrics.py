"""What a figure counts and in what: the units and qualifiers every module reads, and the
reader of the registry of metrics.

The metrics themselves are data: the Metric table (pairings.models), which editors keep in the
admin — a metric's names, what it counts, the units it may take, whether its figures may be
added up, its group, its headline card and its place in every list. Units are few and fixed by
how numbers are written, so they stay here, each with its English word and whether two amounts
in it may ever be added (a rate or a per-capita amount never may, whatever its metric).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    AGREEMENT = "agreement", _("项")
    ISSUE = "issue", _("期")
    YUAN_PER_PERSON_YEAR = "yuan_pp_year", _("元/人/年")
    CLASS_HOUR = "class_hour", _("课时")
    PLANE = "plane", _("架")
    FLIGHT = "flight", _("架次")
    VEHICLE = "vehicle", _("辆")
    TRIP = "trip", _("趟")
    TIMES = "times", _("次")
    BATCH = "batch", _("批")
    # 家 counts hospitals as well as enterprises: one printed word, two English ones.
    INSTITUTION = "institution", pgettext_lazy("unit of institutions", "家")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("确数")
    AT_LEAST = "at_least", _("至少（余、多、超过、突破、以上）")
    ABOUT = "about", _("约数（约、近）")
    AT_MOST = "at_most", _("至多")


class Group(models.TextChoices):
    """What a metric is about; the pages read a metric's meaning from its group."""

    RECRUITMENT = "recruitment", _("招聘")
    TO_SHANGHAI = "to_shanghai", _("到沪（在沪）务工")
    ELSEWHERE = "elsewhere", _("其他转移就业")
    TRAINING = "training", _("培训")
    SERVICES = "services", _("就业服务")
    FUNDS = "funds", _("资金")
    INVESTMENT = "investment", _("投资")
    CAPACITY = "capacity", _("载体与能力")
    PEOPLE_SENT = "people_sent", _("选派人员")
    OTHER = "other", _("其他")


@dataclass(frozen=True)
class UnitFacts:
    unit: Unit
    english: str  # the word after an English number; "" where the metric's label names it
    # A rate or an amount per person is a property of one record: no total ever adds two.
    additive: bool = True


UNITS = (
    UnitFacts(Unit.PERSON, "people"),
    UnitFacts(Unit.PERSON_TIME, "person-times"),
    UnitFacts(Unit.ENTERPRISE, "enterprises"),
    UnitFacts(Unit.ITEM, ""),
    UnitFacts(Unit.SCHOOL, "schools"),
    UnitFacts(Unit.SESSION, "sessions"),
    UnitFacts(Unit.YUAN, "yuan"),
    UnitFacts(Unit.PERCENT, "%", additive=False),
    UnitFacts(Unit.DAY, "days"),
    UnitFacts(Unit.HOUR, "hours"),
    UnitFacts(Unit.YEAR, "years"),
    UnitFacts(Unit.AGREEMENT, "agreements"),
    UnitFacts(Unit.ISSUE, "issues"),
    UnitFacts(Unit.YUAN_PER_PERSON_YEAR, "yuan per person per year", additive=False),
    UnitFacts(Unit.CLASS_HOUR, "class hours"),
    UnitFacts(Unit.PLANE, "planes"),
    UnitFacts(Unit.FLIGHT, "flights"),
    UnitFacts(Unit.VEHICLE, "vehicles"),
    UnitFacts(Unit.TRIP, "trips"),
    UnitFacts(Unit.TIMES, "times"),
    UnitFacts(Unit.BATCH, "batches"),
    UnitFacts(Unit.INSTITUTION, ""),
)

# The figures the worker flows (Sankey) and a pairing's transfer batches count: people who came
# to Shanghai in one batch. A stable code, not an editable fact: the flow tallies are built on it.
WORKERS_TO_SHANGHAI = "workers_to_shanghai"

ENGLISH_UNITS = {facts.unit: facts.english for facts in UNITS}
NON_ADDITIVE_UNITS = tuple(facts.unit for facts in UNITS if not facts.additive)
