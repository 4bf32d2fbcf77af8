"""The registry of metrics is data: the Metric table, seeded with the metrics of the code
registry it replaced and those real reports need, kept by editors in the admin; every page,
tally and download reads a metric's facts from it, and units their own facts from
pairings.metrics."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from pairings.formatting import format_quantity
from pairings.metrics import NON_ADDITIVE_UNITS, UNITS, WORKERS_TO_SHANGHAI, Group, Qualifier, Unit
from pairings.models import Event, Figure, Metric, Pairing
from summaries import readers
from summaries.models import EventRow
from tests.builders import make_event, make_report

DAYAO = "532326"  # 大姚县, in 楚雄州: report 11 of the corpus is about 嘉定区's aid to it


@pytest.mark.django_db
def test_the_seeded_registry_says_what_the_code_registry_said():
    registry = Metric.objects.registry()
    non_additive = [code for code, metric in registry.items() if not metric.additive]
    assert non_additive[:3] == ["employment_rate", "duration", "years_running"]
    assert [code for code, m in registry.items() if m.group == Group.TO_SHANGHAI] == [
        WORKERS_TO_SHANGHAI,
        "workers_in_shanghai",
    ]
    assert registry["trainees"].units == [Unit.PERSON, Unit.PERSON_TIME]
    assert list(registry)[:3] == ["positions", "enterprises", "attendees"]


@pytest.mark.django_db
def test_every_metric_takes_known_distinct_units_and_every_unit_counts_some_metric():
    registry = Metric.objects.registry()
    for code, metric in registry.items():
        assert metric.units and len(set(metric.units)) == len(metric.units), code
        assert set(metric.units) <= set(Unit.values), code
    assert {unit for metric in registry.values() for unit in metric.units} == set(Unit)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["positions", "trainees", "transferred", "subsidy_per_person"])
def test_a_figure_may_be_counted_in_exactly_the_units_its_metric_allows(code):
    metric = Metric.objects.get(code=code)
    for unit in Unit:
        figure = Figure(metric=metric, unit=unit, value=1, excerpt="摘录")
        try:
            figure.clean()
            refused = False
        except ValidationError as error:
            refused = "unit" in error.error_dict
        assert refused == (unit not in metric.units), (code, unit)


def test_totals_and_tallies_add_up_exactly_the_additive_metrics_in_additive_units(report_data):
    pairing = Pairing.objects.get(shanghai__name="青浦区")
    registry = Metric.objects.registry()
    before = {(row["metric"], row["unit"]): row["total"] for row in readers.figure_totals()}
    figures = [(code, 1, unit, Qualifier.EXACT) for code, m in registry.items() for unit in m.units]
    event = make_event(pairing, figures=figures)
    additive = {
        (code, unit)
        for code, metric in registry.items()
        for unit in metric.units
        if metric.additive and unit not in NON_ADDITIVE_UNITS
    }

    live = {(row["metric"], row["unit"]) for row in Figure.objects.filter(event=event).totals()}
    after = {(row["metric"], row["unit"]): row["total"] for row in readers.figure_totals()}
    tallied = {key for key, total in after.items() if before.get(key) != total}
    assert live == additive
    assert tallied == additive
    assert ("subsidy_per_person", Unit.YUAN_PER_PERSON_YEAR) not in tallied
    assert ("utilisation_rate", Unit.PERCENT) not in tallied


def test_the_overview_cards_are_the_headline_metrics_in_their_order(client, report_data):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    labels = [card.h3.get_text(strip=True) for card in page.select(".cards > .card")]
    assert labels == ["提供岗位", "入场求职者", "达成意向", "到沪务工", *labels[4:]]
    assert labels[4:] == ["培训人数（人）", "培训人数（人次）", "活动"]


@pytest.mark.parametrize("facts", UNITS, ids=lambda facts: facts.unit)
def test_an_english_figure_reads_its_units_word_from_the_unit_facts(facts):
    text = format_quantity(3, Qualifier.EXACT, facts.unit, language="en")
    assert text.endswith(facts.english)
    assert (text == "3") == (facts.english == "")


def _metric(**overrides):
    """POST data for a new metric, as an editor fills in the admin's form."""
    return {
        "code": "volunteers",
        "order": "500",
        "name_zh": "志愿者",
        "name_en": "Volunteers",
        "description": "参与服务的志愿者人数",
        "group": "services",
        "units": ["person", "person_time"],
        "additive": "on",
        **overrides,
    }


def test_an_editor_adds_a_metric_without_a_migration_and_its_figures_show(
    editor_client, report_data
):
    response = editor_client.post("/admin/pairings/metric/add/", _metric())
    assert response.status_code == 302, response.content.decode()[:2000]
    metric = Metric.objects.get(code="volunteers")
    assert metric.units == ["person", "person_time"]
    pairing = Pairing.objects.get(shanghai__name="青浦区")
    event = make_event(pairing, figures=[("volunteers", 26, "person_time", "exact")])

    page = editor_client.get("/events/").content.decode()
    assert "志愿者" in page and "26 人次" in page
    assert "Volunteers" in editor_client.get("/en/events/").content.decode()
    assert "志愿者" in EventRow.objects.get(event=event).zh_hans


def test_a_metric_without_units_is_refused(editor_client, report_data):
    response = editor_client.post("/admin/pairings/metric/add/", _metric(units=[]))
    assert response.status_code == 200
    assert not Metric.objects.filter(code="volunteers").exists()


def test_renaming_a_metric_redraws_its_events_lines_and_pages(
    editor_client, report_data, django_capture_on_commit_callbacks
):
    event = Event.objects.filter(figures__metric="attendees").first()
    assert "入场求职者" in editor_client.get("/events/").content.decode()
    metric = Metric.objects.get(code="attendees")
    data = {
        **_metric(code="attendees", group="recruitment", units=["person"], order=metric.order),
        "name_zh": "到场求职者",
        "name_en": "Job seekers present",
        "description": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/pairings/metric/{metric.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert Metric.objects.get(pk=metric.pk).code == "attendees"  # the code is fixed
    lines = EventRow.objects.get(event=event).zh_hans
    assert "到场求职者" in lines and "入场求职者" not in lines
    page = editor_client.get("/events/").content.decode()
    assert "到场求职者" in page and "入场求职者" not in page


def test_an_editor_may_add_and_change_metrics_but_never_delete_them(editor_client, report_data):
    assert editor_client.get("/admin/pairings/metric/add/").status_code == 200
    metric = Metric.objects.get(code="attendees")
    assert editor_client.get(f"/admin/pairings/metric/{metric.pk}/delete/").status_code == 403


@pytest.fixture
def dayao_report(report_data):
    return make_report("11.txt", "大姚县持续深化东西部协作,帮扶作用充分发挥")


@pytest.mark.parametrize(
    "metric, printed, unit, excerpt, stored, shown",
    [
        (
            "funds_invested",
            "3244万元",
            "yuan",
            "上海市对口帮扶大姚县投入项目资金3244万元",
            Decimal("32440000"),
            "3,244 万元",
        ),
        ("utilisation_rate", "74.14%", "percent", "资金使用率74.14%", Decimal("74.14"), "74.14%"),
        (
            "investment_attracted",
            "8100万元以上",
            "yuan",
            "实际到位投资8100万元以上",
            Decimal("81000000"),
            "≥ 8,100 万元",
        ),
        (
            "consumption_aid_sales",
            "7845.8万元",
            "yuan",
            "实现消费帮扶金额7845.8万元",
            Decimal("78458000"),
            "7,845.8 万元",
        ),
        (
            "eastern_schools",
            "23人",
            "person",
            "到东部地区就读职业学校学生23人",
            Decimal("23"),
            "23 人",
        ),
        ("cadres_sent", "2人", "person", "嘉定区选派我县挂职干部2人", Decimal("2"), "2 人"),
    ],
)
def test_a_figure_of_a_new_metric_from_a_real_report_is_stored_and_shown_as_printed(
    editor_client, dayao_report, metric, printed, unit, excerpt, stored, shown
):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    qualifier = "at_least" if "以上" in printed else "exact"
    data = {
        "metric": metric,
        "value": printed,
        "qualifier": qualifier,
        "unit": unit,
        "is_cumulative": "on",
        "pairing": pairing.pk,
        "place": DAYAO,
        "period": "2023",
        "report": dayao_report.pk,
        "excerpt": excerpt,
        "change_reason": "",
    }
    response = editor_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(report=dayao_report)
    assert (figure.metric_id, figure.value, figure.unit) == (metric, stored, unit)
    page = editor_client.get(f"/regions/{DAYAO}/").content.decode()
    assert shown in page
    assert Metric.objects.get(code=metric).name_zh in page


# Where each corpus report's figures are about: (year, pairing, place).
CORPUS_SIDES = {
    "01": ("2018", ("上海市", "文山州"), "532600"),
    "05": ("2020", None, "530000"),
    "09": ("2023", None, "530000"),
    "11": ("2023", ("上海市", "大姚县"), DAYAO),
    "12": ("2024", ("上海市", "怒江州"), "533300"),
    "13": ("2024", ("闵行区", "昭通市"), "530625"),
    "15": ("2025", ("浦东新区", "怒江州"), "533323"),
    "19": ("2025", None, "530724"),
}
# (metric, unit, value as printed, qualifier, excerpt, its report, as the report page shows it)
CORPUS_KINDS = [
    ("aid_projects", "item", "13", "exact", "建设任务13个项目", "11", "13 个"),
    ("project_progress", "percent", "76.9", "exact", "工程进度达76.9%", "11", "76.9%"),
    ("donations", "yuan", "239.48万", "exact", "捐资捐物计价值239.48万元", "11", "239.48 万元"),
    ("meetings_held", "times", "3", "exact", "召开县东西部协作工作领导小组会议3次", "11", "3 次"),
    ("duration", "class_hour", "60", "at_least", "家政服务培训课时不少于60个", "01", "60+ 课时"),
    ("planned_trainees", "person", "550", "exact", "整个“云嫂”项目计划培训550人", "01", "550 人"),
    ("flights", "plane", "2", "exact", "乘坐2架“返岗专机”", "09", "2 架"),
    ("flights", "flight", "4", "exact", "开行专机4架次", "09", "4 架次"),
    ("vehicles", "trip", "1398", "exact", "专车(含自驾522辆)1398趟(辆)", "09", "1,398 趟"),
    ("vehicles", "vehicle", "3", "exact", "3辆“闵行-昭通”的点对点返岗复工输送专车", "13", "3 辆"),
    ("planned_batches", "batch", "20多", "at_least", "还将有20多批的“点对点”", "12", "20+ 批"),
    ("planned_job_fairs", "session", "百余", "at_least", "百余场招聘会将密集启动", "12", "100+ 场"),
    ("planned_positions", "item", "2000", "exact", "帮扶企业提供2000个", "15", "2,000 个"),
    ("workers_in_trade", "person", "0.98萬", "exact", "從0.6萬人增至0.98萬人", "19", "9,800 人"),
    ("employment_helped", "person", "51.43万", "exact", "帮助就业51.43万人", "05", "51.43 万人"),
    ("professionals_sent", "person", "3680", "exact", "3680名专业技术人才", "05", "3,680 人"),
    ("hospitals_paired", "institution", "280", "exact", "280家医院", "05", "280 家"),
    ("schools_paired", "school", "413", "exact", "413所学校", "05", "413 所"),
]


@pytest.mark.parametrize(
    "metric, unit, printed, qualifier, excerpt, number, shown",
    CORPUS_KINDS,
    ids=[f"{case[0]}-{case[1]}" for case in CORPUS_KINDS],
)
def test_every_kind_of_figure_the_corpus_prints_is_entered_in_the_admin_and_shown_as_printed(
    editor_client, report_data, metric, unit, printed, qualifier, excerpt, number, shown
):
    period, sides, place = CORPUS_SIDES[number]
    report = make_report(f"admin-{number}.txt", f"语料 {number}")
    pairing = Pairing.objects.get(shanghai__name=sides[0], yunnan__name=sides[1]) if sides else None
    data = {
        "metric": metric,
        "value": printed,
        "qualifier": qualifier,
        "qualifier_confirmed": "on",
        "unit": unit,
        "pairing": pairing.pk if pairing else "",
        "place": place,
        "period": period,
        "report": report.pk,
        "excerpt": excerpt,
        "change_reason": "",
    }
    response = editor_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(report=report)
    assert (figure.metric_id, figure.unit, figure.qualifier) == (metric, unit, qualifier)
    page = editor_client.get(f"/reports/{report.pk}/").content.decode()
    assert shown in page
    assert Metric.objects.get(code=metric).name_zh in page


def test_the_figure_form_refuses_a_unit_its_metric_does_not_allow(editor_client, dayao_report):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    data = {
        "metric": "utilisation_rate",
        "value": "74.14",
        "qualifier": "exact",
        "unit": "yuan",
        "qualifier_confirmed": "on",
        "pairing": pairing.pk,
        "period": "2023",
        "report": dayao_report.pk,
        "excerpt": "资金使用率74.14%",
        "change_reason": "",
    }
    response = editor_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 200
    assert "的单位只能是：%" in response.content.decode()
    assert not Figure.objects.filter(report=dayao_report).exists()


def test_person_times_and_persons_of_one_metric_are_never_one_total(report_data):
    pairing = Pairing.objects.get(shanghai__name="青浦区")
    make_event(
        pairing,
        figures=[
            ("stabilisation_services", 6010, "person_time", "exact"),
            ("stabilisation_services", 120, "person", "exact"),
        ],
    )
    totals = {
        row["unit"]: row["total"]
        for row in readers.figure_totals()
        if row["metric"] == "stabilisation_services"
    }
    assert totals == {"person_time": Decimal("6010"), "person": Decimal("120")}


@pytest.mark.parametrize(
    "value, shown",
    [(3_193_000, "319.3 万元"), (3_818_000_000, "38.18 亿元"), (6_000_000, "600 万元")],
)
def test_money_stored_in_yuan_reads_at_the_scale_reports_print_it(value, shown):
    assert format_quantity(value, Qualifier.EXACT, Unit.YUAN, language="zh-hans") == shown
