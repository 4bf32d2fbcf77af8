"""Staff narrow the events to one prefecture and a date range, keep the filter through reload
and history, and download the same events as CSV and XLSX."""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from pairings.models import Event

pytestmark = pytest.mark.browser

ZHAOTONG = "530600"
FEBRUARY_2026 = {"date_from": ["2026-02-01"], "date_to": ["2026-02-28"]}

# The title of each event row as the table shows it, without the venue line under it.
TITLES = """rows => rows.map(row => {
  const cell = row.querySelector(".events-title");
  const link = cell.querySelector("a");
  return (link ? link.innerText : cell.firstChild.textContent).trim();
})"""


def _titles(page):
    return page.locator(".events-table tbody tr").evaluate_all(TITLES)


def _query(page):
    return parse_qs(urlsplit(page.url).query)


def _filter(page):
    """Return the page's filter as its links carry it: the default order goes without saying."""
    query = _query(page)
    if query.get("sort") == ["-date"]:
        del query["sort"]
    return query


def _assert_filtered(page, titles):
    query = _query(page)  # blank fields dropped
    assert query.pop("sort", ["-date"]) == ["-date"]
    assert query == {"prefecture": [ZHAOTONG], **FEBRUARY_2026}
    expect(page.get_by_role("checkbox", name=re.compile("^昭通市"))).to_be_checked()
    expect(page.get_by_label("开始日期")).to_have_value("2026-02-01")
    expect(page.get_by_label("结束日期")).to_have_value("2026-02-28")
    assert _titles(page) == titles


def _download(page, link_name, folder):
    """Click a download link; return the file's address and where it was saved."""
    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name=link_name, exact=True).click()
    download = download_info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return urlsplit(download.url), path


def test_staff_filter_events_keep_the_filter_and_download_exactly_those_rows(
    page, site, check_page, screenshot, tmp_path
):
    page.goto(site.url + "/events/")
    expect(page.locator(".events-count")).to_contain_text(f"共 {Event.objects.count()} 项活动")
    all_titles = _titles(page)
    check_page(page)

    page.locator("#facet-prefecture > summary").click()
    page.get_by_role("checkbox", name=re.compile("^昭通市")).check()
    page.get_by_label("开始日期").fill("2026-02-01")
    page.get_by_label("结束日期").fill("2026-02-28")
    page.get_by_role("button", name="筛选", exact=True).click()

    expect(page).to_have_url(re.compile(r"/events/\?"))
    titles = _titles(page)
    assert titles == ["闵行区春节“点对点”包列服务及暖心慰问活动"]
    expect(page.locator(".events-count")).to_contain_text(f"共 {len(titles)} 项活动")
    _assert_filtered(page, titles)
    check_page(page)

    page.reload()
    _assert_filtered(page, titles)
    page.go_back()
    expect(page).to_have_url(site.url + "/events/")
    assert _titles(page) == all_titles
    page.go_forward()
    _assert_filtered(page, titles)

    address, path = _download(page, "CSV", tmp_path)
    assert address.path == "/events/export.csv" and path.suffix == ".csv"
    assert parse_qs(address.query) == _filter(page), "the file takes the page's own filter"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert list(dict.fromkeys(row["标题"] for row in rows)) == titles  # a row per figure

    address, path = _download(page, "CSV 说明", tmp_path)
    assert address.path == "/events/export.txt" and parse_qs(address.query) == _filter(page)
    about = path.read_text(encoding="utf-8")
    assert "昭通市" in about and "2026-02-01" in about, "what the file is says how it was filtered"

    address, path = _download(page, "Excel (XLSX)", tmp_path)
    assert address.path == "/events/export.xlsx" and path.suffix == ".xlsx"
    assert parse_qs(address.query) == _filter(page)
    sheet = load_workbook(path, read_only=True)["活动"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert [row[header.index("标题")] for row in rows] == titles

    check_page(page)
    screenshot(page, "staff-events-filtered")
