"""The admin as staff use it: an editor records a job fair from a report, and every invalid
record is refused with a Chinese message and changes nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from pairings.admin import tracked_models
from pairings.models import Event, EventCitation, Figure, Pairing, Report
from tests.admin_forms import event_change_data, inline
from tests.builders import make_events, stale_summaries

REPORT_000 = "000_b619cccd90127e23.txt"
EXCERPT = "2月6日,宣威市人力资源和社会保障局联合复兴街道成功举办2026年“春风行动”暨东西部劳务协作专场招聘会"  # noqa: E501 - verbatim


@pytest.fixture
def roles(report_data):
    call_command("create_roles", verbosity=0)


def _staff(name, group):
    user = User.objects.create_user(name, password="correct-horse-battery", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(client, roles):
    client.force_login(_staff("editor", "editors"))
    return client


@pytest.fixture
def viewer_client(client, roles):
    client.force_login(_staff("viewer", "viewers"))
    return client


def _job_fair(pairing, **overrides):
    """POST data for a job fair in 嘉定区–楚雄州 with two figures, as an editor types it."""
    report = Report.objects.get(file_name=REPORT_000)
    figure = {"qualifier": "exact", "report": report.pk, "excerpt": "共有104人与企业达成录用意向"}
    figures = overrides.pop(
        "figures",
        [
            {
                **figure,
                "metric": "positions",
                "value": "1600",
                "unit": "item",
                "qualifier": "at_least",
                "excerpt": "共提供超过1600个就业机会",
            },
            {**figure, "metric": "attendees", "value": "500", "unit": "person"},
        ],
    )
    data = {
        "kind": "job_fair",
        "title": "嘉定区赴武定县专场招聘会",
        "period": "2026-05-12",
        "pairings": [str(pairing.pk)],
        "shanghai_regions": [pairing.shanghai_id],
        "yunnan_regions": ["532329"],  # 武定县, in 楚雄州
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": EXCERPT}]),
        **inline("figures", figures),
    }
    data.update(overrides)
    return data


def _jiading_chuxiong():
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


def _errors(response):
    assert response.status_code == 200, "an invalid form re-renders with its errors"
    return response.content.decode()


def test_an_editor_adds_a_job_fair_with_two_figures_and_the_public_pages_show_it(
    editor_client,
):
    pairing = _jiading_chuxiong()
    response = editor_client.post("/admin/pairings/event/add/", _job_fair(pairing))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="嘉定区赴武定县专场招聘会")
    assert event.figures.count() == 2
    assert event.period_display == "2026年5月12日"
    page = editor_client.get(f"/pairings/{pairing.pk}/").content.decode()
    assert "嘉定区赴武定县专场招聘会" in page
    assert "1,600+ 个" in page
    overview = editor_client.get("/").content.decode()
    assert "8,425+ 个" in overview  # 6,825+ before, plus 1,600+
    assert stale_summaries() == {}


def _refused(client, data, message):
    counts = (Event.objects.count(), Figure.objects.count())
    page = _errors(client.post("/admin/pairings/event/add/", data))
    assert message in page
    assert (Event.objects.count(), Figure.objects.count()) == counts


def test_an_end_before_the_start_is_refused(editor_client):
    data = _job_fair(_jiading_chuxiong(), period="2026-05-12至2026-05-10")
    _refused(editor_client, data, "结束日期不能早于开始日期")


def test_a_date_that_does_not_exist_is_refused(editor_client):
    _refused(editor_client, _job_fair(_jiading_chuxiong(), period="2026-02-30"), "不存在")


def test_a_part_larger_than_its_whole_is_refused(editor_client):
    whole = Figure.objects.get(metric="workers_to_shanghai", value=26)
    report = Report.objects.get(file_name=REPORT_000)
    part = {
        "metric": "workers_to_shanghai",
        "value": "30",
        "unit": "person",
        "qualifier": "exact",
        "subset_of": whole.pk,
        "report": report.pk,
        "excerpt": "其中30人",
    }
    data = _job_fair(_jiading_chuxiong(), figures=[part])
    _refused(editor_client, data, "不能大于其总数")


def test_a_figure_with_no_report_or_no_excerpt_is_refused(editor_client):
    figure = {
        "metric": "positions",
        "value": "10",
        "unit": "item",
        "qualifier": "exact",
        "report": "",
        "excerpt": "",
    }
    _refused(editor_client, _job_fair(_jiading_chuxiong(), figures=[figure]), "这个字段是必填项")


def test_a_county_outside_the_pairings_prefecture_is_refused(editor_client):
    data = _job_fair(_jiading_chuxiong(), yunnan_regions=["533422"])  # 德钦县, 迪庆州
    _refused(editor_client, data, "德钦县不在所选结对的云南方（楚雄州）之内")


def test_a_negative_value_is_refused(editor_client):
    report = Report.objects.get(file_name=REPORT_000)
    figure = {
        "metric": "positions",
        "value": "-5",
        "unit": "item",
        "qualifier": "exact",
        "report": report.pk,
        "excerpt": "共提供超过1600个就业机会",
    }
    _refused(editor_client, _job_fair(_jiading_chuxiong(), figures=[figure]), "数值不能为负数")


def test_person_times_for_a_metric_that_counts_persons_are_refused(editor_client):
    report = Report.objects.get(file_name=REPORT_000)
    figure = {
        "metric": "attendees",
        "value": "50",
        "unit": "person_time",
        "qualifier": "exact",
        "report": report.pk,
        "excerpt": "共提供超过1600个就业机会",
    }
    _refused(editor_client, _job_fair(_jiading_chuxiong(), figures=[figure]), "的单位只能是：人")


def test_a_duplicate_event_is_a_warning_with_a_link_to_the_existing_one(editor_client):
    pairing = _jiading_chuxiong()
    existing = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    data = _job_fair(pairing, period="2018-06-27", yunnan_regions=["532300"])
    _refused(editor_client, data, f'href="/admin/pairings/event/{existing.pk}/change/"')
    data["save_despite_duplicate"] = "on"
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302


def test_changing_a_record_asks_why_and_keeps_who_and_why_in_its_history(editor_client):
    event = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    url = f"/admin/pairings/event/{event.pk}/change/"
    data = event_change_data(editor_client, event)
    data["title"] = "楚雄七县同时举办专场招聘会"
    data["change_reason"] = ""
    assert "修改原因" in _errors(editor_client.post(url, data))
    data["change_reason"] = "标题按报道原文缩短"
    assert editor_client.post(url, data).status_code == 302
    latest = event.history.latest()
    assert latest.history_user.username == "editor"
    assert latest.history_change_reason == "标题按报道原文缩短"
    recent = editor_client.get("/admin/recent-changes/").content.decode()
    assert "标题按报道原文缩短" in recent
    assert "标题" in recent


def test_recent_changes_link_a_save_of_every_tracked_model_to_a_history_page(editor_client):
    """A citation has no admin page of its own: it links to its event's history."""
    for model in tracked_models():
        record = model.objects.order_by("pk").first()
        record._change_reason = "核对报道原文"
        record.save()
    EventCitation.objects.order_by("pk").last().delete()
    response = editor_client.get("/admin/recent-changes/")
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("#content-main tbody tr")
    assert len(rows) == len(tracked_models()) + 1
    for link in [row.a["href"] for row in rows]:
        assert editor_client.get(link).status_code == 200, link
    event = EventCitation.objects.order_by("pk").first().event_id
    assert f"/admin/pairings/event/{event}/history/" in response.content.decode()


LONG_URL = "https://www.shanghai.gov.cn/nw4411/20260416/" + "a" * 74 + ".html"


def _report(**overrides):
    report = {"title": "沪滇劳务协作专题报道", "publication": "", "author": "", "period": "2026-04"}
    return {**report, "file_name": LONG_URL, "change_reason": "", **overrides}


def test_a_report_keeps_a_long_url_pasted_as_its_file_name_whole(editor_client):
    assert len(LONG_URL) == 123
    response = editor_client.post("/admin/pairings/report/add/", _report())
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Report.objects.filter(file_name=LONG_URL).exists()


def test_a_value_too_long_for_its_field_is_refused_in_chinese_never_cut_by_the_browser(
    client, report_data
):
    """A browser silently cuts a value at an input's maxlength: no admin form has one, and the
    form refuses what is too long instead."""
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    for model in admin.site._registry:
        if model._meta.app_label == "pairings":
            opts = model._meta
            page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/").content
            assert b"maxlength" not in page, opts.model_name
    before = Report.objects.count()
    response = client.post("/admin/pairings/report/add/", _report(title="报" * 201))
    assert "不能超过 200 个字（现在有 201 个）" in _errors(response)
    assert Report.objects.count() == before


def test_a_viewer_can_look_but_not_change(viewer_client):
    event = Event.objects.first()
    assert viewer_client.get("/admin/pairings/event/").status_code == 200
    assert viewer_client.get("/admin/pairings/event/add/").status_code == 403
    response = viewer_client.post(f"/admin/pairings/event/{event.pk}/change/", {"title": "x"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title != "x"


def test_an_editor_cannot_delete_reports_or_regions(editor_client):
    report = Report.objects.first()
    assert editor_client.get(f"/admin/pairings/report/{report.pk}/delete/").status_code == 403
    assert editor_client.get("/admin/pairings/region/530000/delete/").status_code == 403


def _workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
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
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "events.xlsx"
    return buffer


GOOD_ROW = [
    "",
    "2026-03",
    "专场招聘会",
    "宝山区赴罗平县专场招聘会",
    "宝山区",
    "罗平县",
    "宝山区–曲靖市",
    "",
    "",
    "",
    REPORT_000,
    EXCERPT,
]


def test_the_import_template_downloads_with_the_import_columns(editor_client):
    response = editor_client.get("/admin/pairings/event/import-template/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:4] == ["id", "日期", "类型", "标题"]


def _import_form_format(client):
    form = client.get("/admin/pairings/event/import/").context["form"]
    [xlsx] = [value for value, label in form.fields["format"].choices if "xlsx" in str(label)]
    return xlsx


def _import_preview(client, rows):
    return client.post(
        "/admin/pairings/event/import/",
        {"import_file": _workbook(rows), "format": _import_form_format(client), "resource": "0"},
    )


def test_an_import_with_one_bad_row_saves_no_row_and_names_the_row(editor_client):
    bad = ["", "2026-13", "招聘", "坏行", "嘉定区", "火星县", "", "", "", "", "no-such.txt", ""]
    before = Event.objects.count()
    response = _import_preview(editor_client, [GOOD_ROW, bad])
    page = response.content.decode()
    assert response.status_code == 200
    assert "日期“2026-13”不存在" in page
    assert "未知活动类型“招聘”" in page
    assert "未知地区：火星县" in page
    assert "找不到来源报道“no-such.txt”" in page
    assert "confirm" not in response.context or response.context.get("confirm_form") is None
    assert Event.objects.count() == before


def test_a_good_import_previews_then_saves_every_row_with_its_citation(editor_client):
    second = [*GOOD_ROW]
    second[1], second[3] = "2026-03-15至2026-03-16", "宝山区赴宣威市专场招聘会"
    second[5] = "宣威市"
    before = Event.objects.count()
    preview = _import_preview(editor_client, [GOOD_ROW, second])
    assert preview.status_code == 200
    assert Event.objects.count() == before, "the preview saves nothing"
    confirm = preview.context["confirm_form"]
    response = editor_client.post(
        "/admin/pairings/event/process_import/", {**confirm.initial, "resource": "0"}
    )
    assert response.status_code == 302
    assert Event.objects.count() == before + 2
    event = Event.objects.get(title="宝山区赴宣威市专场招聘会")
    assert event.period_display == "2026年3月15日至16日"
    assert event.citations.get().excerpt == EXCERPT
    assert [p.pk for p in event.pairings.all()] == [
        Pairing.objects.get(shanghai__name="宝山区", yunnan__name="曲靖市").pk
    ]
    assert stale_summaries() == {}


def test_an_import_error_report_speaks_chinese_with_the_columns_staff_typed(editor_client):
    bad = ["", "2026-13", "招聘", "坏行", "嘉定区", "火星县", "", "", "", "", "no-such.txt", ""]
    page = BeautifulSoup(_import_preview(editor_client, [bad]).content, "html.parser")
    assert page.h2.get_text() == "某些行的数据验证失败"
    labels = [label.get_text() for label in page.select(".validation-error-field-label")]
    assert labels == ["日期", "类型", "云南地点", "来源报道文件名", "原文摘录"]
    cells = [cell.get_text() for cell in page.select(".import-preview tbody td")[2:]]
    assert cells == bad, "an empty cell reads empty, never None"


def test_kinds_are_listed_so_that_a_kind_named_with_a_comma_reads_as_one(editor_client):
    """座谈会、会议 is one kind: listed 、-separated it read as two, and 会议 alone is refused."""
    row = [*GOOD_ROW]
    row[2] = "招聘"
    page = _import_preview(editor_client, [row]).content.decode()
    assert "可选：“专场招聘会”；“座谈会、会议”；“考察走访”" in page
    template = editor_client.get("/admin/pairings/event/import-template/")
    notes = [row[0] for row in load_workbook(io.BytesIO(template.content))["填写说明"].values]
    assert "“座谈会、会议”；“考察走访”" in next(line for line in notes if line.startswith("类型"))
    row[2] = "座谈会、会议"
    assert "confirm_form" in _import_preview(editor_client, [row]).context


def test_an_import_preview_shows_each_rows_report_and_excerpt(editor_client):
    page = BeautifulSoup(_import_preview(editor_client, [GOOD_ROW]).content, "html.parser")
    cells = [cell.get_text() for cell in page.select(".import-preview tr.new td")]
    assert cells[-2:] == [REPORT_000, EXCERPT]
    assert "None" not in cells


# (page, queries): the same for the report data and for 50 more events.
ADMIN_PAGES = [
    ("/admin/pairings/event/", 14),
    ("/admin/pairings/figure/", 10),
    ("/admin/pairings/pairing/", 8),
    ("/admin/pairings/region/", 7),
    ("/admin/pairings/report/", 7),
    ("/admin/pairings/trainingprogramme/", 10),
    ("/admin/pairings/labourbrand/", 7),
    ("/admin/pairings/event/{event}/change/", 23),
    ("/admin/pairings/figure/{figure}/change/", 7),
    ("/admin/pairings/event/add/", 4),
]


@pytest.mark.parametrize("url, queries", ADMIN_PAGES)
def test_each_admin_page_runs_a_fixed_number_of_queries(
    editor_client, url, queries, django_assert_num_queries
):
    event = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    url = url.format(event=event.pk, figure=event.figures.first().pk)
    editor_client.get(url)  # fills the content-type cache, which later requests reuse
    with django_assert_num_queries(queries):
        assert editor_client.get(url).status_code == 200
    make_events(_jiading_chuxiong(), 50)
    with django_assert_num_queries(queries):
        assert editor_client.get(url).status_code == 200


def test_the_admin_speaks_chinese_where_django_and_axes_do_not_yet(client, editor_client):
    page = editor_client.get("/admin/pairings/event/add/").content.decode()
    assert "- 请选择 -" in page and "Select an option" not in page
    assert "按开始日期筛选" in editor_client.get("/admin/pairings/event/").content.decode()
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    index = client.get("/admin/").content.decode()
    assert "登录防护" in index and "登录尝试" in index
    assert "Axes" not in index and "Access attempts" not in index


def test_a_figure_is_named_in_the_admin_with_its_qualifier_and_unit(report_data):
    """ "3000多人" is at least 3,000, never a bare 3000.00: the admin's lists, history and
    “其中” choices name figures this way."""
    figure = Figure.objects.filter(excerpt__contains="共吸引3000多人到场").get(metric="attendees")
    assert str(figure) == "入场求职者 3,000+ 人"
