"""The admin as staff use it: an editor records a job fair from a report, and every invalid
record is refused with a Chinese message and changes nothing."""

import csv
import io
import os
import tempfile
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pairings.admin import tracked_models
from pairings.importing import MAX_IMPORT_ROWS, MAX_UNPACKED_BYTES
from pairings.models import Event, EventCitation, Figure, Pairing, PairingCitation, Report
from tests.admin_forms import (
    EVENT_COLUMNS,
    event_change_data,
    import_format,
    import_preview,
    inline,
    workbook,
)
from tests.builders import make_event, make_events, make_staff, stale_summaries

REPORT_000 = "000_b619cccd90127e23.txt"
EXCERPT = "2月6日,宣威市人力资源和社会保障局联合复兴街道成功举办2026年“春风行动”暨东西部劳务协作专场招聘会"  # noqa: E501 - verbatim


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
    editor_client, first_reports
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


def test_a_likely_duplicate_is_refused_with_a_link_until_the_editor_says_it_is_another(
    editor_client,
):
    pairing = _jiading_chuxiong()
    existing = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    data = _job_fair(pairing, period="2018-06-27", yunnan_regions=["532300"], figures=[])
    _refused(editor_client, data, f'href="/admin/pairings/event/{existing.pk}/change/"')
    data["same_event"] = "new"
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
        record = model.objects.order_by("pk").first() or _a_pairing_citation()
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


def _a_pairing_citation():
    """An unsaved further citation of a pairing, from a report it does not cite yet."""
    pairing = Pairing.objects.order_by("pk").first()
    report = Report.objects.exclude(pairing_citations__pairing=pairing).first()
    return PairingCitation(pairing=pairing, report=report, excerpt=f"{pairing}（测试）")


LONG_URL = "https://www.shanghai.gov.cn/nw4411/20260416/" + "a" * 74 + ".html"


def test_recent_changes_wrap_a_long_record_name_instead_of_widening_the_table(editor_client):
    page = BeautifulSoup(editor_client.get("/admin/recent-changes/").content, "html.parser")
    assert page.select_one("table.recent-changes")
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert any(href.endswith("css/admin.css") for href in stylesheets)
    assert "overflow-wrap: anywhere" in (settings.BASE_DIR / "static/css/admin.css").read_text()


def _report(**overrides):
    report = {
        "title": "沪滇劳务协作专题报道",
        "publication": "",
        "author": "",
        "period": "2026-04",
        "script": "simplified",  # the form's default, as a browser sends it
    }
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


# The event columns and the answer to "may this be one already recorded?".
IMPORT_COLUMNS = [*EVENT_COLUMNS, "同一活动"]
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
    "新活动",  # 2026-03 lies in 罗平县's recorded series of fairs from 2026-02: checked
]


def test_the_import_template_downloads_with_the_import_columns(editor_client):
    response = editor_client.get("/admin/pairings/event/import-template/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:4] == ["id", "日期", "类型", "标题"]


def _import_preview(client, rows):
    return import_preview(client, workbook(IMPORT_COLUMNS, rows))


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
    assert cells[: len(bad)] == bad, "an empty cell reads empty, never None"


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
    assert cells[11:13] == [REPORT_000, EXCERPT]  # the figure's columns follow, empty
    assert "None" not in cells


# (page, queries): the same for the report data and for 50 more events. The metrics are a
# table: the figure list's filter and every figure form read them, once per page.
ADMIN_PAGES = [
    ("/admin/pairings/event/", 14),
    ("/admin/pairings/figure/", 11),
    ("/admin/pairings/pairing/", 8),
    ("/admin/pairings/region/", 7),
    ("/admin/pairings/report/", 7),
    ("/admin/pairings/trainingprogramme/", 8),
    ("/admin/pairings/labourbrand/", 7),
    ("/admin/pairings/metric/", 7),
    # The event's citation's report, and its name in each new figure's report box (two extra
    # rows and the template row): a new figure is shown citing it. A change page also asks
    # whether this editor created the record today (then it needs no change reason), and reads
    # the metric list once for all its figure forms.
    ("/admin/pairings/event/{event}/change/", 29),
    ("/admin/pairings/figure/{figure}/change/", 10),  # and its partner regions
    ("/admin/pairings/event/add/", 5),
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


# --- The import is all or nothing, reads only what it stored, and refuses what it cannot read --


def _confirm(client, preview):
    return client.post(
        "/admin/pairings/event/process_import/",
        {**preview.context["confirm_form"].initial, "resource": "0"},
    )


def _second_row(file_name=REPORT_000):
    row = [*GOOD_ROW]
    row[1], row[3], row[5], row[10] = "2026-04", "宝山区赴宣威市专场招聘会", "宣威市", file_name
    return row


def test_a_confirm_saves_no_row_when_a_cited_report_was_renamed_after_the_preview(
    editor_client,
):
    report_003 = Report.objects.get(file_name="003_53aa273dfd8f5f7d.txt")
    before = Event.objects.count()
    preview = _import_preview(editor_client, [GOOD_ROW, _second_row(report_003.file_name)])
    assert "confirm_form" in preview.context, "a clean preview"
    report_003.file_name = "003-renamed.txt"
    report_003.save()
    response = editor_client.post(
        "/admin/pairings/event/process_import/",
        {**preview.context["confirm_form"].initial, "resource": "0"},
        follow=True,
    )
    page = response.content.decode()
    assert Event.objects.count() == before, "every row or none"
    assert "没有导入任何一行" in page
    assert "找不到来源报道“003_53aa273dfd8f5f7d.txt”" in page


@pytest.fixture
def stored_uploads(monkeypatch):
    """Every upload the import writes to its temporary storage during the test."""
    from pairings.admin import EventAdmin

    stored = []
    write = EventAdmin.write_to_tmp_storage

    def spy(self, import_file, input_format):
        storage = write(self, import_file, input_format)
        stored.append(storage)
        return storage

    monkeypatch.setattr(EventAdmin, "write_to_tmp_storage", spy)
    return stored


def _still_stored(storage):
    try:
        return storage.read() is not None
    except FileNotFoundError:
        return False


def test_a_forced_confirm_of_a_preview_with_errors_saves_nothing(editor_client, stored_uploads):
    bad = [*_second_row(), "x"][:12]
    bad[2] = "招聘"
    before = Event.objects.count()
    preview = _import_preview(editor_client, [GOOD_ROW, bad])
    assert "confirm_form" not in preview.context
    [upload] = stored_uploads
    fmt = import_format(editor_client)
    editor_client.post(
        "/admin/pairings/event/process_import/",
        {"import_file_name": upload.name, "original_file_name": "events.xlsx", "format": fmt},
    )
    assert Event.objects.count() == before


def test_the_confirm_step_reads_no_file_but_the_one_it_stored_for_this_session(editor_client):
    planted = tempfile.NamedTemporaryFile(delete=False, suffix=".xlsx")  # noqa: SIM115
    planted.write(workbook(IMPORT_COLUMNS, [GOOD_ROW]).getvalue())
    planted.close()
    name = os.path.basename(planted.name)
    before = Event.objects.count()
    try:
        editor_client.post(
            "/admin/pairings/event/process_import/",
            {
                "import_file_name": f"../../tmp/{name}",
                "original_file_name": "events.xlsx",
                "format": import_format(editor_client),
            },
        )
        assert os.path.exists(planted.name), "neither read nor deleted"
        assert Event.objects.count() == before
    finally:
        if os.path.exists(planted.name):
            os.remove(planted.name)


def test_another_session_cannot_confirm_an_editors_preview(editor_client, client, roles):
    preview = _import_preview(editor_client, [GOOD_ROW])
    other = type(client)()
    other.force_login(User.objects.create_user("editor2", is_staff=True, is_superuser=True))
    before = Event.objects.count()
    response = _confirm(other, preview)
    assert response.status_code == 302
    assert Event.objects.count() == before
    assert _confirm(editor_client, preview).status_code == 302
    assert Event.objects.count() == before + 1


def test_no_upload_is_left_behind_after_a_failed_or_a_confirmed_preview(
    editor_client, stored_uploads
):
    bad = [*GOOD_ROW]
    bad[2] = "招聘"
    _import_preview(editor_client, [bad])
    editor_client.post(
        "/admin/pairings/event/import/",
        {
            "import_file": SimpleUploadedFile("events.xlsx", b"not a spreadsheet"),
            "format": import_format(editor_client),
            "resource": "0",
        },
    )
    first = _import_preview(editor_client, [GOOD_ROW])
    second = _import_preview(editor_client, [GOOD_ROW])  # a new preview replaces the first
    assert _confirm(editor_client, second).status_code == 302
    assert _confirm(editor_client, first).status_code == 302  # refused: nothing left to read
    assert len(stored_uploads) == 4
    assert [_still_stored(storage) for storage in stored_uploads] == [False] * 4


def test_an_upload_over_5_mb_is_refused_in_chinese(editor_client, stored_uploads):
    response = editor_client.post(
        "/admin/pairings/event/import/",
        {
            "import_file": SimpleUploadedFile("events.csv", b"x" * (5 * 1024 * 1024 + 1)),
            "format": import_format(editor_client),
            "resource": "0",
        },
    )
    assert "文件不能超过 5 MB" in response.content.decode()
    assert stored_uploads == []


def test_a_spreadsheet_of_too_many_rows_is_refused_in_chinese_without_reading_them(
    editor_client,
):
    row = [*GOOD_ROW]
    response = _import_preview(editor_client, [row] * (MAX_IMPORT_ROWS + 1))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"一次最多导入 {MAX_IMPORT_ROWS} 行" in page
    assert "result" not in response.context or response.context["result"] is None


def test_a_spreadsheet_that_unpacks_too_large_is_refused_in_chinese(editor_client):
    packed = io.BytesIO(workbook(IMPORT_COLUMNS, [GOOD_ROW]).getvalue())
    with zipfile.ZipFile(packed, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(packed.getvalue()) < 200_000
    packed.seek(0)
    packed.name = "events.xlsx"
    response = editor_client.post(
        "/admin/pairings/event/import/",
        {"import_file": packed, "format": import_format(editor_client), "resource": "0"},
    )
    assert "解压后超过" in response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(editor_client):
    response = editor_client.post(
        "/admin/pairings/event/import/",
        {
            "import_file": SimpleUploadedFile("events.xlsx", b"not a spreadsheet"),
            "format": import_format(editor_client),
            "resource": "0",
        },
    )
    page = response.content.decode()
    assert "无法读取这个文件" in page
    assert "BadZipFile" not in page and "encountered" not in page


def test_an_id_that_is_not_a_number_is_named_in_chinese(editor_client):
    row = [*GOOD_ROW]
    row[0] = "第一条"
    page = _import_preview(editor_client, [row]).content.decode()
    assert "id 只能是已有活动的编号" in page
    assert "ConversionSyntax" not in page and "decimal" not in page


# --- The admin's export keeps formulas as text ---------------------------------------------


HOSTILE_TITLES = ['=HYPERLINK("http://evil","点此")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


def _admin_export(client, label):
    form = client.get("/admin/pairings/event/export/").context["form"]
    [fmt] = [value for value, name in form.fields["format"].choices if name == label]
    fields = {name: "on" for name in form.fields if name.startswith("eventresource_")}
    return client.post("/admin/pairings/event/export/", {"format": fmt, "resource": "0", **fields})


def test_the_admin_export_keeps_formulas_as_text_in_csv_and_xlsx(editor_client):
    for title in HOSTILE_TITLES:
        make_event(_jiading_chuxiong(), title=title)
    response = _admin_export(editor_client, "csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = {row[3] for row in rows[1:]}
    assert {"'" + title for title in HOSTILE_TITLES} <= titles
    response = _admin_export(editor_client, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for cell in next(sheet.iter_cols(min_col=4, max_col=4))}
    for title in HOSTILE_TITLES:
        cell = cells[title]  # the text as written: no visible apostrophe
        assert cell.data_type == "s" and cell.quotePrefix, title


def test_the_admin_exports_only_csv_and_xlsx(editor_client):
    form = editor_client.get("/admin/pairings/event/export/").context["form"]
    assert [name for value, name in form.fields["format"].choices if value] == ["xlsx", "csv"]


# --- Every event keeps a source -------------------------------------------------------------


def test_an_editor_cannot_delete_every_citation_of_an_event(editor_client):
    event = Event.objects.get(title="楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会")
    data = event_change_data(editor_client, event)
    count = event.citations.count()
    for index in range(count):
        data[f"citations-{index}-DELETE"] = "on"
    data["change_reason"] = "删除出处"
    response = editor_client.post(f"/admin/pairings/event/{event.pk}/change/", data)
    assert "每个活动至少保留一条出处" in _errors(response)
    assert event.citations.count() == count


# --- Admin sessions and pages ---------------------------------------------------------------


def test_a_rejected_next_on_the_admin_login_lands_on_the_admin_index(client, roles):
    make_staff("editor", "editors")
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "editor", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_an_admin_session_ends_with_the_browser_and_after_eight_hours(client, roles):
    make_staff("editor", "editors")
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "correct-horse-battery"},
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"], "a browser-session cookie"
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_an_events_history_page_has_no_inline_style_for_the_csp_to_block(editor_client):
    event = Event.objects.first()
    event._change_reason = "核对报道原文"
    event.save()
    page = editor_client.get(f"/admin/pairings/event/{event.pk}/history/")
    assert "核对报道原文" in page.content.decode()
    assert BeautifulSoup(page.content, "html.parser").select("[style]") == []
