"""Dates as real reports print them: ranges, halves, five-year plans, days with no year, words
relative to the report's date, lunar days and festivals, times of day. Each is read through the
admin and the import, stored with its printed wording and how its period was found, and shown
on the public page no more precisely than it was printed."""

import datetime
import importlib
import io
import json

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pairings.dates import DateBasis, format_period, read_period
from pairings.models import Event, Figure, Pairing, Report
from tests.admin_forms import EVENT_COLUMNS, import_preview, inline, workbook

D = datetime.date
# Corpus report 12 (打个“飞的”接你返岗了!), published 2024-02-13: "2月13日大年初四下午".
PUBLISHED = D(2024, 2, 13)
INFERRED, RELATIVE, LUNAR, PRINTED = "year_inferred", "relative", "lunar", "printed"

# (as printed, first day, last day, precision, how the period was found)
PRINTED_FORMS = [
    ("2023年2月8日至13日", D(2023, 2, 8), D(2023, 2, 13), "day", PRINTED),
    ("1月20日至24日", D(2024, 1, 20), D(2024, 1, 24), "day", INFERRED),
    ("2018年 9月17-21日", D(2018, 9, 17), D(2018, 9, 21), "day", PRINTED),
    ("2021-2025", D(2021, 1, 1), D(2025, 12, 31), "year", PRINTED),
    ("2024年1月至8月", D(2024, 1, 1), D(2024, 8, 31), "month", PRINTED),
    ("2024年上半年", D(2024, 1, 1), D(2024, 6, 30), "month", PRINTED),
    ("十四五期间", D(2021, 1, 1), D(2025, 12, 31), "year", PRINTED),
    ("2020年初", D(2020, 1, 1), D(2020, 12, 31), "year", PRINTED),
    ("2月23日", D(2024, 2, 23), D(2024, 2, 23), "day", INFERRED),
    ("12-20", D(2023, 12, 20), D(2023, 12, 20), "day", INFERRED),
    ("22日", D(2024, 2, 22), D(2024, 2, 22), "day", INFERRED),
    ("今年", D(2024, 1, 1), D(2024, 12, 31), "year", RELATIVE),
    ("全年", D(2024, 1, 1), D(2024, 12, 31), "year", RELATIVE),
    ("今年以来", D(2024, 1, 1), PUBLISHED, "day", RELATIVE),
    ("近日", None, PUBLISHED, "day", RELATIVE),
    ("日前", None, PUBLISHED, "day", RELATIVE),
    ("截至目前", None, PUBLISHED, "day", RELATIVE),
    ("上月", D(2024, 1, 1), D(2024, 1, 31), "month", RELATIVE),
    ("正月初八", D(2024, 2, 17), D(2024, 2, 17), "day", LUNAR),
    ("大年初四", D(2024, 2, 13), D(2024, 2, 13), "day", LUNAR),
    ("元宵节前", None, D(2024, 2, 23), "day", LUNAR),
    ("春节前后", D(2024, 1, 1), D(2024, 2, 29), "month", LUNAR),
    ("2024年2月13日18时22分", PUBLISHED, PUBLISHED, "day", PRINTED),
    ("2月13日大年初四下午", PUBLISHED, PUBLISHED, "day", INFERRED),
    # since a month with no year printed: to the report's day, as 今年以来
    ("2月份以来", D(2024, 2, 1), PUBLISHED, "day", RELATIVE),
    ("今年2月以来", D(2024, 2, 1), PUBLISHED, "day", RELATIVE),
    # a part of a month or a year: the month or the year, never a day of it
    ("2月初", D(2024, 2, 1), D(2024, 2, 29), "month", INFERRED),
    ("月初", D(2024, 2, 1), D(2024, 2, 29), "month", RELATIVE),
    ("上旬", D(2024, 2, 1), D(2024, 2, 29), "month", RELATIVE),
    ("中旬", D(2024, 2, 1), D(2024, 2, 29), "month", RELATIVE),
    ("下旬", D(2024, 2, 1), D(2024, 2, 29), "month", RELATIVE),
    ("月底", D(2024, 2, 1), D(2024, 2, 29), "month", RELATIVE),
    ("年底", D(2024, 1, 1), D(2024, 12, 31), "year", RELATIVE),
    ("年初", D(2024, 1, 1), D(2024, 12, 31), "year", RELATIVE),
    # a list of days: from the first to the last
    ("2月15日、18日", D(2024, 2, 15), D(2024, 2, 18), "day", INFERRED),
    ("15日和18日", D(2024, 2, 15), D(2024, 2, 18), "day", INFERRED),
]

# More wording from the corpus, each as its report prints it, with that report's date.
CORPUS_PHRASES = [
    ("今年1至8月", D(2024, 9, 24), D(2024, 1, 1), D(2024, 8, 31)),  # 14
    ("今年4月", D(2024, 9, 24), D(2024, 4, 1), D(2024, 4, 30)),  # 14
    ("2月23日晚上7时", D(2024, 3, 4), D(2024, 2, 23), D(2024, 2, 23)),  # 13
    ("3月3日下午13:20", D(2020, 3, 3), D(2020, 3, 3), D(2020, 3, 3)),  # 03
    ("1月31日至2月1日", D(2023, 1, 30), D(2023, 1, 31), D(2023, 2, 1)),  # 09
    ("2月26日上午", D(2026, 2, 27), D(2026, 2, 26), D(2026, 2, 26)),  # 20
    ("2022年02月09日 07:30", D(2022, 2, 9), D(2022, 2, 9), D(2022, 2, 9)),  # 07
    ("今年年初", D(2025, 2, 5), D(2025, 1, 1), D(2025, 12, 31)),  # 17
    ("2月份以来", D(2020, 4, 28), D(2020, 2, 1), D(2020, 4, 28)),  # 04
    ("2月初", D(2020, 4, 28), D(2020, 2, 1), D(2020, 2, 29)),  # 04
    ("去年年底", D(2023, 3, 8), D(2022, 1, 1), D(2022, 12, 31)),  # 10
    ("2月15日、18日", D(2024, 3, 4), D(2024, 2, 15), D(2024, 2, 18)),  # 13
    ("截至8月底", D(2024, 9, 24), None, D(2024, 8, 31)),  # 14
]

UNREADABLE = [
    *("当天", "下周三", "明天", "2月30日", "2024年13月", "某年某月", "2024年8日"),
    *("18日至15日", "2月15日、3日", "2月15日、15日", "2月、18日"),
]


@pytest.mark.parametrize(("printed", "start", "end", "precision", "basis"), PRINTED_FORMS)
def test_each_printed_form_reads_as_its_period_and_says_how(printed, start, end, precision, basis):
    period = read_period(printed, (PUBLISHED, "day"))
    assert period == (start, end, precision, basis, printed)


@pytest.mark.parametrize(("printed", "published", "start", "end"), CORPUS_PHRASES)
def test_corpus_wording_reads_against_its_own_reports_date(printed, published, start, end):
    period = read_period(printed, (published, "day"))
    assert (period.start, period.end, period.text) == (start, end, printed)


@pytest.mark.parametrize("printed", UNREADABLE)
def test_a_phrase_it_cannot_read_is_a_chinese_error_never_a_guess(printed):
    with pytest.raises(ValueError, match=r"无法识别|不存在|早于"):
        read_period(printed, (PUBLISHED, "day"))


@pytest.mark.parametrize("printed", ["2月23日", "近日", "正月初八", "上月"])
def test_a_date_that_needs_the_reports_date_is_refused_without_one(printed):
    with pytest.raises(ValueError, match="须先选定有日期的来源报道"):
        read_period(printed, None)


def test_a_day_range_with_no_month_printed_stays_in_its_first_days_month():
    period = read_period("15日至18日", (PUBLISHED, "day"))
    assert period.bounds == (D(2024, 2, 15), D(2024, 2, 18), "day")


@pytest.mark.parametrize(
    "printed, published, start, end",
    [
        ("1至8月", D(2023, 9, 20), D(2023, 1, 1), D(2023, 8, 31)),
        ("11月至2月", D(2021, 1, 10), D(2020, 11, 1), D(2021, 2, 28)),
        ("12月28日至1月3日", D(2019, 1, 5), D(2018, 12, 28), D(2019, 1, 3)),
    ],
)
def test_a_range_of_no_year_is_the_one_nearest_the_reports_day_as_a_whole(
    printed, published, start, end
):
    period = read_period(printed, (published, "day"))
    assert (period.start, period.end) == (start, end)


def test_since_a_month_after_the_reports_day_is_refused_not_moved_a_year_back():
    with pytest.raises(ValueError, match="晚于报道日期"):
        read_period("3月以来", (PUBLISHED, "day"))


def test_since_a_month_before_the_reports_day_is_that_month_of_the_reports_year():
    period = read_period("3月份以来", (D(2024, 11, 15), "day"))
    assert (period.start, period.end) == (D(2024, 3, 1), D(2024, 11, 15))


def test_since_a_month_with_its_year_printed_stays_open_ended():
    period = read_period("2024年2月以来", (PUBLISHED, "day"))
    assert period.bounds == (D(2024, 2, 1), None, "month")


def test_a_report_dated_only_to_the_year_resolves_a_month_and_day_in_that_year():
    period = read_period("12月28日", (D(2025, 1, 1), "year"))
    assert (period.start, period.basis) == (D(2025, 12, 28), INFERRED)
    with pytest.raises(ValueError, match="不够精确"):
        read_period("近日", (D(2025, 1, 1), "year"))


# Corpus report 15, dated only 2025: "在春节后赴对口地区开展……劳务对接". The festival is 2025's
# (29 January), not the one before the year's first day; the end stays open, as printed.
@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [("春节后", D(2025, 1, 30), None), ("元宵节前", None, D(2025, 2, 11))],
)
def test_a_festival_in_a_report_dated_only_to_the_year_is_that_years_festival(printed, start, end):
    period = read_period(printed, (D(2025, 1, 1), "year"))
    assert period == (start, end, "day", LUNAR, printed)


# Corpus report 01 (2018-06-07): "计划培训550人,今年底前完成". A deadline is a period known only
# by its end, as 截至 prints it.
@pytest.mark.parametrize(
    ("printed", "end", "precision", "basis"),
    [
        ("今年底前", D(2018, 12, 31), "year", RELATIVE),
        ("截至今年底", D(2018, 12, 31), "year", RELATIVE),
        ("年底前", D(2018, 12, 31), "year", RELATIVE),
        ("8月底前", D(2018, 8, 31), "month", INFERRED),
    ],
)
def test_by_the_end_of_a_period_is_read_as_until_its_end(printed, end, precision, basis):
    period = read_period(printed, (D(2018, 6, 7), "day"))
    assert period == (None, end, precision, basis, printed)


@given(
    st.text(
        alphabet="0123456789年月日至到-—起以来截今上下半初底春节元宵正大前后时分近 ", max_size=14
    )
)
def test_any_wording_is_a_consistent_period_or_a_chinese_error(text):
    try:
        period = read_period(text, (PUBLISHED, "day"))
    except ValueError as error:
        assert str(error)
        return
    assert period.precision in ("day", "month", "year", "")
    if period.start and period.end:
        assert period.start <= period.end
    assert bool(period.precision) == bool(period.start or period.end)


# --- Through the admin and the import, to the stored record and the public page ------------


@pytest.fixture
def report_12(report_data):
    return Report.objects.create(
        file_name="12.txt",
        title="打个“飞的”接你返岗了!",
        date_start=PUBLISHED,
        date_end=PUBLISHED,
        date_precision="day",
        date_text="2024年2月13日",
        date_basis="printed",
    )


@pytest.fixture
def editor_client(client, report_data):
    call_command("create_roles", verbosity=0)
    editor = User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    client.force_login(editor)
    return client


def _pairing():
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


TITLE = "嘉定区赴武定县专场招聘会"
EXCERPT = "2月13日大年初四下午,一架载有务工人员的包机"


def _stored_as_printed(printed, start, end, precision, basis):
    event = Event.objects.get(title=TITLE)
    stored = (event.date_start, event.date_end, event.date_precision)
    assert stored == (start, end, precision)
    assert (event.date_text, event.date_basis) == (printed, basis)
    return event


def _shown_on_the_pairings_page(client, event, printed, basis):
    page = client.get(f"/pairings/{_pairing().pk}/").content.decode()
    shown = event.period_display
    assert shown.startswith(printed) and shown in page
    if basis != PRINTED:
        parsed = format_period(event.date_start, event.date_end, event.date_precision, "zh")
        assert f"（{parsed}，{DateBasis(basis).label}）" in page
    else:
        assert "推定" not in shown and "推算" not in shown


@pytest.mark.parametrize(("printed", "start", "end", "precision", "basis"), PRINTED_FORMS)
def test_the_admin_stores_each_printed_form_and_the_page_shows_it_as_printed(
    editor_client, report_12, printed, start, end, precision, basis
):
    _add_event_dated(editor_client, report_12, printed)
    event = _stored_as_printed(printed, start, end, precision, basis)
    _shown_on_the_pairings_page(editor_client, event, printed, basis)
    listing = editor_client.get("/admin/pairings/event/").content.decode()
    assert event.period_display in listing


def test_the_admin_refuses_a_phrase_it_cannot_read_in_chinese_and_saves_nothing(
    editor_client, report_12
):
    pairing = _pairing()
    response = editor_client.post(
        "/admin/pairings/event/add/",
        {
            "kind": "job_fair",
            "title": TITLE,
            "period": "当天下午",
            "pairings": [str(pairing.pk)],
            "shanghai_regions": [pairing.shanghai_id],
            "yunnan_regions": ["532329"],
            **inline("citations", [{"report": report_12.pk, "excerpt": EXCERPT}]),
            **inline("figures", []),
        },
    )
    assert response.status_code == 200
    assert "无法识别日期“当天下午”" in response.content.decode()
    assert not Event.objects.filter(title=TITLE).exists()


def _import(client, printed):
    row = ["", printed, "专场招聘会", TITLE, "嘉定区", "武定县", "嘉定区–楚雄州"]
    row += ["", "", "", "12.txt", EXCERPT, "新活动"]  # 近日 spans 嘉定区's recorded fairs
    return import_preview(client, workbook([*EVENT_COLUMNS, "同一活动"], [row]))


@pytest.mark.parametrize(("printed", "start", "end", "precision", "basis"), PRINTED_FORMS)
def test_the_import_stores_each_printed_form_and_the_page_shows_it_as_printed(
    editor_client, report_12, printed, start, end, precision, basis
):
    preview = _import(editor_client, printed)
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None, preview.content.decode()[:3000]
    response = editor_client.post(
        "/admin/pairings/event/process_import/", {**confirm.initial, "resource": "0"}
    )
    assert response.status_code == 302
    event = _stored_as_printed(printed, start, end, precision, basis)
    _shown_on_the_pairings_page(editor_client, event, printed, basis)


def test_the_import_refuses_a_phrase_it_cannot_read_in_chinese_and_saves_nothing(
    editor_client, report_12
):
    preview = _import(editor_client, "下周三")
    assert "无法识别日期“下周三”" in preview.content.decode()
    assert preview.context.get("confirm_form") is None
    assert not Event.objects.filter(title=TITLE).exists()


def test_english_pages_show_the_parsed_period_and_how_it_was_found():
    event = Event(kind="job_fair", title=TITLE)
    event.set_period(read_period("2月23日", (PUBLISHED, "day")))
    with translation.override("en"):
        assert event.period_display == "23 Feb 2024 (year inferred from the report's date)"


def test_a_figure_of_no_event_takes_its_year_from_its_report_in_the_admin_and_the_audit(
    editor_client, report_12
):
    pairing = _pairing()
    response = editor_client.post(
        "/admin/pairings/figure/add/",
        {
            "metric": "transferred",
            "value": "151",
            "qualifier": "exact",
            "unit": "person",
            "report": report_12.pk,
            "excerpt": EXCERPT,
            "pairing": pairing.pk,
            "period": "截至目前",
            "change_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(excerpt=EXCERPT)
    assert (figure.date_start, figure.date_end, figure.date_text) == (None, PUBLISHED, "截至目前")
    assert figure.period_display == "截至目前（截至2024年2月13日，据报道日期推算）"
    assert figure.period_display in editor_client.get(f"/pairings/{pairing.pk}/").content.decode()
    out = io.StringIO()
    call_command("export_figures", stdout=out, stderr=io.StringIO())
    [audited] = [r for r in map(json.loads, out.getvalue().splitlines()) if r["excerpt"] == EXCERPT]
    assert (audited["date_text"], audited["date_basis"], audited["date_end"]) == (
        "截至目前",
        "relative",
        "2024-02-13",
    )


@pytest.mark.parametrize("printed", ["2月份以来", "2月初", "下旬", "年底", "2月15日、18日"])
def test_the_events_page_and_the_figures_csv_show_a_newly_read_form_as_printed(
    editor_client, report_12, printed
):
    pairing = _pairing()
    response = editor_client.post(
        "/admin/pairings/figure/add/",
        {
            "metric": "transferred",
            "value": "151名",
            "qualifier": "exact",
            "unit": "person",
            "report": report_12.pk,
            "excerpt": EXCERPT,
            "pairing": pairing.pk,
            "period": printed,
            "change_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(excerpt=EXCERPT)
    assert figure.date_text == printed
    download = editor_client.get(f"/pairings/{pairing.pk}/export.csv")
    csv_text = b"".join(download.streaming_content).decode()
    assert f"{figure.period_display}," in csv_text
    _add_event_dated(editor_client, report_12, printed)
    event = Event.objects.get(title=TITLE)
    assert event.period_display in editor_client.get("/events/").content.decode()


def _add_event_dated(client, report, printed):
    pairing = _pairing()
    response = client.post(
        "/admin/pairings/event/add/",
        {
            "kind": "job_fair",
            "title": TITLE,
            "period": printed,
            "pairings": [str(pairing.pk)],
            "shanghai_regions": [pairing.shanghai_id],
            "yunnan_regions": ["532329"],
            "change_reason": "",
            "same_event": "new",  # 近日 spans days of 嘉定区's recorded job fairs: checked
            **inline("citations", [{"report": report.pk, "excerpt": EXCERPT}]),
            **inline("figures", []),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_migration_fills_the_printed_wording_of_records_stored_before_it(report_data):
    event = Event.objects.exclude(date_precision="").first()
    Event.objects.filter(pk=event.pk).update(date_text="", date_basis="")
    fill = importlib.import_module("pairings.migrations.0016_printed_dates_filled")
    fill.fill_printed_dates(django_apps, None)
    event.refresh_from_db()
    shown = format_period(event.date_start, event.date_end, event.date_precision, "zh-hans")
    assert (event.date_text, event.date_basis) == (shown, "printed")
