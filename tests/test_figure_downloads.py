"""Downloads of a pairing's, a region's and a report's figures."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from pairings.models import Figure, Pairing, Report


def _csv(response, client):
    """Return the lines of what the CSV is (its Link: rel=describedby), its header and rows."""
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(text[1:])))  # the header on line 1, as pandas reads it
    about_url, rel = response["Link"].split(">; ")
    assert rel == 'rel="describedby"'
    about = client.get(about_url.removeprefix("<"))
    assert about.status_code == 200
    return about.content.decode().splitlines(), rows[0], rows[1:]


def _qingpu():
    return Pairing.objects.get(shanghai__name="青浦区", yunnan__name="德宏州")


def test_a_pairing_csv_holds_every_figure_of_the_pairing_with_qualifier_unit_and_source(
    client, report_data
):
    pairing = _qingpu()
    comments, header, rows = _csv(client.get(f"/pairings/{pairing.pk}/export.csv"), client)
    assert len(rows) == Figure.objects.for_pairing(pairing).count()
    assert any("青浦区 ⇄ 德宏傣族景颇族自治州" in line for line in comments)
    assert any(line.startswith("导出时间") for line in comments)
    assert all(len(row) == len(header) for row in rows)
    assert any("000_b619cccd90127e23.txt" in line for line in comments)
    cumulative = next(row for row in rows if row[5] == "4595")
    columns = dict(zip(header, cumulative, strict=True))
    assert columns["批次/累计"] == "累计"
    assert columns["单位"] == "人"
    assert columns["结束（ISO）"] == "2026"
    assert columns["原文摘录"] == "累计组织到沪就业4595人,其中脱贫劳动力1881人"


def test_a_pairing_xlsx_has_an_about_sheet_and_the_same_rows(client, report_data):
    pairing = _qingpu()
    response = client.get(f"/pairings/{pairing.pk}/export.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["说明", "数字"]
    assert workbook["数字"].max_row - 1 == Figure.objects.for_pairing(pairing).count()


def test_a_pairing_json_keeps_the_audit_keys_and_adds_labels(client, report_data):
    response = client.get(f"/pairings/{_qingpu().pk}/export.json")
    document = json.loads(b"".join(response.streaming_content))
    record = next(r for r in document["figures"] if r["value"] == 5112)
    assert record["unit"] == "person_time"
    assert record["text"] == "5,112 人次"
    assert record["cumulative"] is True


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_region_and_report_pages_have_download_twins(client, report_data, fmt):
    report = Report.objects.get(file_name="003_53aa273dfd8f5f7d.txt")
    for url in (f"/regions/532300/export.{fmt}", f"/reports/{report.pk}/export.{fmt}"):
        response = client.get(url)
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]


def test_a_report_csv_holds_exactly_that_reports_figures(client, report_data):
    report = Report.objects.get(file_name="003_53aa273dfd8f5f7d.txt")
    _, _, rows = _csv(client.get(f"/reports/{report.pk}/export.csv"), client)
    assert len(rows) == 29


def test_an_unknown_format_or_record_is_a_404(client, report_data):
    assert client.get("/pairings/1/export.pdf").status_code == 404
    assert client.get("/pairings/999/export.csv").status_code == 404
    assert client.get("/regions/999999/export.csv").status_code == 404


@pytest.mark.parametrize("page", ["/pairings/{pairing}/", "/regions/532300/", "/reports/{report}/"])
def test_every_figures_csv_opens_as_a_table_and_links_what_it_is(client, report_data, page):
    page = page.format(pairing=_qingpu().pk, report=Report.objects.first().pk)
    response = client.get(f"{page}export.csv")
    text = b"".join(response.streaming_content).decode("utf-8")[1:]
    header = next(csv.reader(io.StringIO(text)))
    assert "数值" in header
    assert not text.startswith("#")
    assert response["Link"] == f'<http://testserver{page}export.txt>; rel="describedby"'
    links = client.get(page).content.decode()
    assert f'href="{page}export.txt"' in links
