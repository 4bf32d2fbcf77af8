"""Admin friction, as an editor (never a superuser) meets it entering a report: adding a
pairing, figures that take their event's report, a part typed beside its whole, an event with
no Shanghai side, figures imported with their events, and finishing a just-imported event
without a change reason."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client, TestCase

from pairings.models import Event, Figure, Pairing, Report
from summaries import writes
from summaries.models import FacetTally
from tests.admin_forms import event_change_data, import_confirm, import_preview, inline, workbook
from tests.builders import make_staff, stale_summaries
from tests.pages import titles_of

REPORT_000 = "000_b619cccd90127e23.txt"
# Report 000: 松江区's job fair in four counties of 昭通市, 彝良县 among them.
SONGJIANG_EXCERPT = "赴云南省昭通市昭阳区、彝良县、镇雄县、威信县开展劳务协作专场招聘会"


def test_an_editor_adds_a_pairing_and_its_page_shows_it(editor_client):
    report = Report.objects.get(file_name=REPORT_000)
    response = editor_client.post(
        "/admin/pairings/pairing/add/",
        {
            "shanghai": "310117",  # 松江区
            "yunnan": "530628",  # 彝良县
            "basis": "implied",
            "earliest_year": "2026",
            "change_reason": "",
            **inline("citations", [{"report": report.pk, "excerpt": SONGJIANG_EXCERPT}]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pairing = Pairing.objects.get(shanghai="310117", yunnan="530628")
    assert [(c.report, c.excerpt) for c in pairing.citations.all()] == [(report, SONGJIANG_EXCERPT)]
    page = editor_client.get(f"/pairings/{pairing.pk}/")
    assert page.status_code == 200
    assert "松江区" in page.content.decode() and "彝良县" in page.content.decode()


def _figure(report, **fields):
    return {
        "metric": "attendees",
        "value": "",
        "unit": "person",
        "qualifier": "exact",
        "report": report.pk,
        "excerpt": "",
        "note": "",
        **fields,
    }


def _sideless_fair(report, **overrides):
    """POST data for a job fair in 彝良县 that names no Shanghai side: its enterprises came
    from 浙江 and 上海, and no district is named."""
    data = {
        "kind": "job_fair",
        "title": "彝良县东西部劳务协作专场招聘会",
        "period": "2026-01-22",
        "pairings": [],
        "shanghai_regions": [],
        "yunnan_regions": ["530628"],  # 彝良县
        "partner_regions": [],
        "partners": "来自浙江、上海的企业",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": SONGJIANG_EXCERPT}]),
        **inline(
            "figures", [_figure(report, value="120", excerpt="彝良县东西部劳务协作专场招聘会")]
        ),
    }
    data.update(overrides)
    return data


def test_an_event_with_no_shanghai_side_is_saved_shown_counted_and_found(
    editor_client, first_reports
):
    report = Report.objects.get(file_name=REPORT_000)
    response = editor_client.post("/admin/pairings/event/add/", _sideless_fair(report))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="彝良县东西部劳务协作专场招聘会")
    assert list(event.shanghai_regions.all()) == []
    assert event.figures.get().value == 120
    assert stale_summaries() == {}
    assert FacetTally.objects.filter(kind="job_fair", shanghai="", prefecture="530600").exists()
    assert titles_of(editor_client.get("/events/", {"shanghai": "none"})) == [event.title]
    listed = editor_client.get("/events/")
    assert listed.context["facet_counts"]["shanghai"]["none"] == 1
    assert "报道没有写明上海参与方" in listed.content.decode()
    both = titles_of(editor_client.get("/events/", {"shanghai": ["none", "310117"]}))
    assert event.title in both and len(both) > 1
    for url in ("/", "/regions/530628/", "/regions/530600/", f"/reports/{report.pk}/"):
        page = editor_client.get(url)
        assert page.status_code == 200, url
    assert event.title in editor_client.get("/regions/530628/").content.decode()
    download = editor_client.get("/events/export.csv", {"shanghai": "none"})
    csv_text = b"".join(download.streaming_content).decode()
    assert event.title in csv_text


# --- Figures imported with their events: one row per figure, the event's columns repeated ---

IMPORT_COLUMNS = [
    "id",
    "日期",
    "类型",
    "标题",
    "上海参与方",
    "云南地点",
    "结对",
    "地点",
    "其他参与单位",
    "概要",
    "来源报道文件名",
    "原文摘录",
    "指标",
    "数值",
    "限定",
    "单位",
    "累计数",
    "子群体",
    "数字原文摘录",
    "同一活动",
]
# Report 000: 宝山区 and 曲靖市's fair in 罗平县, quoted as the report prints it.
LUOPING = {
    "日期": "2月6日",
    "类型": "专场招聘会",
    "标题": "宝山区赴罗平县“春风送岗·雁归罗平”专场招聘会",
    "上海参与方": "宝山区",
    "云南地点": "罗平县",
    "结对": "宝山区–曲靖市",
    "来源报道文件名": REPORT_000,
    "原文摘录": "支持指导罗平县以“春风送岗·雁归罗平”为主题",
    "同一活动": "新活动",  # 罗平县's recorded series of fairs from 2026-02 is checked: another
}


def _preview(client, rows):
    rows = [[row.get(column, "") for column in IMPORT_COLUMNS] for row in rows]
    return import_preview(client, workbook(IMPORT_COLUMNS, rows))


def _confirm(client, preview):
    assert "confirm_form" in preview.context, preview.content.decode()[:5000]
    return import_confirm(client, preview)


def _luoping_figure(metric, value, excerpt, **more):
    return {**LUOPING, "指标": metric, "数值": value, "数字原文摘录": excerpt, **more}


def test_rows_of_one_event_import_as_one_event_with_each_rows_figure(editor_client):
    rows = [
        _luoping_figure("提供岗位", "3000余", "提供岗位3000余个", 单位="个"),
        _luoping_figure("入场求职者", "1.2万人", "吸引1.2万人"),
        _luoping_figure("达成意向", "三百余名", "三百余名"),
    ]
    events, figures = Event.objects.count(), Figure.objects.count()
    preview = _preview(editor_client, rows)
    assert (Event.objects.count(), Figure.objects.count()) == (events, figures)
    new_rows = BeautifulSoup(preview.content, "html.parser").select(".import-preview tr.new")
    assert len(new_rows) == 3
    shown = [[cell.get_text() for cell in row.select("td")][-8:-6] for row in new_rows]
    assert shown == [["提供岗位", "3000余"], ["入场求职者", "1.2万人"], ["达成意向", "三百余名"]]
    assert _confirm(editor_client, preview).status_code == 302
    assert Event.objects.count() == events + 1
    event = Event.objects.get(title=LUOPING["标题"])
    assert event.date_text == "2月6日" and event.date_start.year == 2026
    stored = {
        figure.metric_id: (figure.value, figure.qualifier, figure.unit, figure.report.file_name)
        for figure in event.figures.all()
    }
    assert stored["positions"] == (Decimal("3000"), "at_least", "item", REPORT_000)
    assert stored["hiring_intents"] == (Decimal("300"), "at_least", "person", REPORT_000)
    assert stored["attendees"][:3] == (Decimal("12000"), "exact", "person")
    assert stale_summaries() == {}
    pairing = Pairing.objects.get(shanghai__name="宝山区", yunnan__name="曲靖市")
    page = editor_client.get(f"/pairings/{pairing.pk}/").content.decode()
    assert LUOPING["标题"] in page and "3,000+ 个" in page


def test_one_bad_figure_row_imports_neither_its_event_nor_any_other_row(editor_client):
    rows = [
        _luoping_figure("提供岗位", "3000余", "提供岗位3000余个", 单位="个"),
        _luoping_figure("提供岗位", "很多", "提供岗位很多", 单位="个"),
        _luoping_figure("不存在的指标", "5", "5人"),
        _luoping_figure("提供岗位", "10", "", 单位="个"),
    ]
    events, figures = Event.objects.count(), Figure.objects.count()
    page = _preview(editor_client, rows).content.decode()
    assert "confirm_form" not in page
    assert "未知指标“不存在的指标”" in page
    assert "“很多”" in page
    assert "每个数字都必须附原文摘录" in page
    assert (Event.objects.count(), Figure.objects.count()) == (events, figures)


def test_an_imported_event_may_name_no_shanghai_side(editor_client, first_reports):
    row = {
        **_luoping_figure("提供岗位", "100", "提供岗位100个", 单位="个"),
        "上海参与方": "",
        "结对": "",
        "标题": "罗平县东西部劳务协作专场招聘会",
    }
    assert _confirm(editor_client, _preview(editor_client, [row])).status_code == 302
    event = Event.objects.get(title="罗平县东西部劳务协作专场招聘会")
    assert list(event.shanghai_regions.all()) == []
    assert titles_of(editor_client.get("/events/", {"shanghai": "none"})) == [event.title]


# --- A figure takes the report of its event's citation ---


def test_a_figure_left_without_a_report_takes_its_events_citation(editor_client):
    report = Report.objects.get(file_name=REPORT_000)
    data = _sideless_fair(report)
    data["figures-0-report"] = ""
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302
    event = Event.objects.get(title="彝良县东西部劳务协作专场招聘会")
    assert event.figures.get().report == report
    assert event.title in editor_client.get(f"/reports/{report.pk}/").content.decode()


def test_a_new_figure_on_an_events_page_is_prefilled_with_its_citations_report(editor_client):
    event = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    cited = event.citations.order_by("pk").first().report
    formset = (
        editor_client.get(f"/admin/pairings/event/{event.pk}/change/")
        .context["inline_admin_formsets"][1]
        .formset
    )
    extra = formset.forms[formset.initial_form_count()]
    assert extra.initial["report"] == cited.pk
    assert formset.empty_form.initial["report"] == cited.pk


def test_a_figures_own_form_takes_its_events_citation_unless_changed(editor_client):
    event = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    cited = event.citations.order_by("pk").first().report
    form = (
        editor_client.get("/admin/pairings/figure/add/", {"event": event.pk})
        .context["adminform"]
        .form
    )
    assert form.initial["report"] == cited.pk
    data = {
        "metric": "positions",
        "value": "500",
        "qualifier": "exact",
        "unit": "item",
        "event": event.pk,
        "report": "",
        "excerpt": "提供岗位500个",
        "period": "",
        "change_reason": "",
    }
    response = editor_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Figure.objects.get(excerpt="提供岗位500个").report == cited


# --- Finishing a just-imported event asks no change reason ---


def _add_a_figure_without_a_reason(client, event):
    data = event_change_data(client, event)
    data["change_reason"] = ""
    report = Report.objects.get(file_name=REPORT_000)
    figures = [
        _figure(report, event=event.pk, value="三百余名", qualifier="at_least", excerpt="三百余名")
    ]
    data.update(inline("figures", figures))
    return client.post(f"/admin/pairings/event/{event.pk}/change/", data)


def test_an_editor_adds_figures_to_the_event_they_imported_today_without_a_reason(
    editor_client,
):
    row = {**LUOPING, "标题": "宝山区赴罗平县专场招聘会（导入）"}
    assert _confirm(editor_client, _preview(editor_client, [row])).status_code == 302
    event = Event.objects.get(title=row["标题"])
    response = _add_a_figure_without_a_reason(editor_client, event)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert event.figures.get().value == 300
    report_page = editor_client.get(f"/reports/{event.citations.get().report_id}/")
    assert "300+ 人" in report_page.content.decode()


def test_another_editors_event_still_asks_why_it_changed(editor_client, client):
    row = {**LUOPING, "标题": "宝山区赴罗平县专场招聘会（导入）"}
    assert _confirm(editor_client, _preview(editor_client, [row])).status_code == 302
    event = Event.objects.get(title=row["标题"])
    client.force_login(make_staff("official", "editors"))
    response = _add_a_figure_without_a_reason(client, event)
    assert response.status_code == 200
    assert "修改已有记录时必填" in response.content.decode()
    assert not event.figures.exists()


# --- A part (其中) typed on the same screen as its whole ---

REPORT_003 = "003_53aa273dfd8f5f7d.txt"
CHUXIONG_FAIR = "楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会"
# Report 003: one clause gives the whole and its part.
INTENTS = "现场达成初步意向91人，其中农村建档立卡贫困劳动力29人"
POOR = "农村建档立卡贫困劳动力"


def _chuxiong_fair_entered_anew():
    """Remove the fixtures' 楚雄 fair (through the doorway, as the admin deletes), so that an
    editor enters it afresh on one screen; return its pairing's headline totals before."""
    event = Event.objects.get(title=CHUXIONG_FAIR)
    pairing = event.pairings.get()
    before = list(Client().get(f"/pairings/{pairing.pk}/").context["headline"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        with writes.kept_current((Event, [event.pk])):
            # Parts first: a whole's PROTECT keeps the event's one delete from removing both.
            event.figures.filter(subset_of__isnull=False).delete()
            event.delete()
    return pairing, before


def _chuxiong_fair(pairing, figures, **overrides):
    report = Report.objects.get(file_name=REPORT_003)
    return {
        "kind": "job_fair",
        "title": CHUXIONG_FAIR,
        "period": "2018年6月27日",
        "pairings": [pairing.pk],
        "shanghai_regions": ["310114"],  # 嘉定区
        "yunnan_regions": ["532300"],  # 楚雄州
        "partner_regions": [],
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        # 嘉定区's job fairs in 楚雄 that June are recorded: the editor has checked them.
        "same_event": "new",
        **inline(
            "citations",
            [
                {
                    "report": report.pk,
                    "excerpt": "在楚雄的七个贫困县同时举办了对口支援就业扶贫专场招聘会",
                }
            ],
        ),
        **inline(
            "figures",
            [
                _figure(report, **{"metric": "hiring_intents", "excerpt": INTENTS, **figure})
                for figure in figures
            ],
        ),
        **overrides,
    }


WHOLE = {"value": "91"}
PART_OF_ROW_1 = {"value": "29", "subgroup": POOR, "part_of_row": "1"}


def _hiring_intents(headline):
    return [(row["unit"], row["total"]) for row in headline if row["metric"] == "hiring_intents"]


def test_a_part_typed_beside_its_whole_is_linked_stored_and_counted_once(editor_client):
    pairing, before = _chuxiong_fair_entered_anew()
    data = _chuxiong_fair(pairing, [WHOLE, PART_OF_ROW_1])
    response = editor_client.post("/admin/pairings/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title=CHUXIONG_FAIR)
    whole, part = event.figures.order_by("value").reverse()
    assert (whole.value, whole.subset_of) == (91, None)
    assert (part.value, part.subset_of, part.subgroup) == (29, whole, POOR)
    assert stale_summaries() == {}
    page = editor_client.get(f"/pairings/{pairing.pk}/")
    assert _hiring_intents(page.context["headline"]) == _hiring_intents(before)
    [shown] = BeautifulSoup(page.content, "html.parser").select(f"#figure-{part.pk}")
    assert shown.get_text(" ", strip=True).startswith(f"其中 {POOR} 29 人")
    report_page = editor_client.get(f"/reports/{part.report_id}/").content
    [link] = BeautifulSoup(report_page, "html.parser").select(f'a[href="#figure-{whole.pk}"]')
    assert link.parent.get_text(" ", strip=True).endswith("其中，总数为 达成意向 91 人")


def test_a_part_may_stand_above_its_whole_and_the_whole_is_saved_first(editor_client):
    pairing, _ = _chuxiong_fair_entered_anew()
    part = {**PART_OF_ROW_1, "part_of_row": "2"}
    response = editor_client.post(
        "/admin/pairings/event/add/", _chuxiong_fair(pairing, [part, WHOLE])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    part = Figure.objects.get(subgroup=POOR, event__title=CHUXIONG_FAIR)
    assert part.subset_of.value == 91 and part.subset_of.event == part.event


def test_a_part_of_another_metric_is_linked_as_an_existing_whole_may_be(editor_client):
    """Report 003's 12 of the 36 who sent a résumé reached an intent: the figures already
    link such parts (a part of another metric counts in its own metric's total)."""
    pairing, _ = _chuxiong_fair_entered_anew()
    resumes = {"metric": "resumes", "value": "36", "excerpt": "现场共有36名求职者投递了个人简历"}
    intents = {
        "value": "12",
        "part_of_row": "1",
        "excerpt": "其中12名求职者当场与企业达成初步录用意向",
    }
    data = _chuxiong_fair(pairing, [resumes, intents])
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302
    part = Figure.objects.get(event__title=CHUXIONG_FAIR, metric="hiring_intents")
    assert (part.subset_of.metric_id, part.subset_of.value) == ("resumes", 36)


@pytest.mark.parametrize(
    "figures, message",
    [
        ([WHOLE, {**PART_OF_ROW_1, "part_of_row": "3"}], "本页没有第 3 个数字"),
        ([WHOLE, {**PART_OF_ROW_1, "part_of_row": "2"}], "数字不能是它自己的一部分"),
        ([{**WHOLE, "DELETE": "on"}, PART_OF_ROW_1], "第 1 个数字已勾选删除"),
        ([WHOLE, {**PART_OF_ROW_1, "value": "92"}], "“其中”的数值（92）不能大于其总数（91）"),
        ([{**WHOLE, "part_of_row": "2"}, {**PART_OF_ROW_1, "value": "91"}], "“其中”不能互为总数"),
        ([WHOLE, {**PART_OF_ROW_1, "subset_of": "a stored figure"}], "“其中”的总数只填一处"),
    ],
    ids=["no-such-row", "itself", "deleted", "larger", "each-others", "two-wholes"],
)
def test_a_part_naming_a_row_that_cannot_be_its_whole_is_refused_and_nothing_saved(
    editor_client, figures, message
):
    pairing, _ = _chuxiong_fair_entered_anew()
    stored = Figure.objects.filter(metric="hiring_intents").first().pk
    figures = [{**f, "subset_of": stored} if "subset_of" in f else f for f in figures]
    counts = Event.objects.count(), Figure.objects.count()
    response = editor_client.post("/admin/pairings/event/add/", _chuxiong_fair(pairing, figures))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Event.objects.count(), Figure.objects.count()) == counts


def test_an_event_whose_figures_include_a_whole_and_its_part_can_be_deleted(client, report_data):
    part = Figure.objects.filter(subset_of__event=F("event")).select_related("event").first()
    event = part.event
    client.force_login(User.objects.create_superuser("official", password="correct-horse-9"))
    response = client.post(f"/admin/pairings/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not Figure.objects.filter(pk__in=[part.pk, part.subset_of_id]).exists()
    assert stale_summaries() == {}


def test_a_whole_with_a_part_is_not_deleted_alone(client, report_data):
    part = Figure.objects.filter(subset_of__isnull=False).first()
    client.force_login(User.objects.create_superuser("official", password="correct-horse-9"))
    page = client.post(f"/admin/pairings/figure/{part.subset_of_id}/delete/", {"post": "yes"})
    assert page.status_code == 200  # the admin's page naming what keeps it
    assert Figure.objects.filter(pk=part.subset_of_id).exists()
