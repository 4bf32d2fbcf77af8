"""An official opens 楚雄州's page and reads its key figures and events by year before any
record, then opens a report, reads what it contributed and follows one of its pairings; on a
desktop and on a 375 px phone, in Chinese and in English."""

import re

import pytest
from playwright.sync_api import expect

from pairings.models import Report

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

NARROW_PHONE = {"width": 375, "height": 812}
VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(NARROW_PHONE, id="phone")]


def _key_figure(page, label):
    # by the cell's text: on a phone a card's cell is also named by its column's label
    row = page.locator("#summary table.headline tbody tr").filter(
        has=page.locator("td").filter(has_text=re.compile(rf"^{re.escape(label)}$"))
    )
    return row.locator("td.number").first


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_official_reads_a_region_and_a_report_summary_first(
    page, site, check_page, screenshot, viewport
):
    page.set_viewport_size(viewport)
    device = "phone" if viewport == NARROW_PHONE else "desktop"
    page.goto(site.url + "/regions/532300/")
    check_page(page)
    page.get_by_role("navigation", name="本页内容").get_by_role("link", name="主要数字").click()
    expect(page.locator("#summary-heading")).to_be_in_viewport()
    expect(_key_figure(page, "到沪务工")).to_have_text("26 人")
    expect(_key_figure(page, "入场求职者")).to_have_text("3,000+ 人")
    expect(page.locator("#summary table.events-by-year")).to_contain_text("2018年")
    screenshot(page, f"summary-{device}-0-region")

    report = Report.objects.get(file_name="000_b619cccd90127e23.txt")
    page.goto(f"{site.url}/en/reports/{report.pk}/")
    check_page(page)
    summary = page.locator("#summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("What this report contributed")
    expect(summary).to_contain_text("12 events")
    expect(_key_figure(page, "Workers to Shanghai")).to_have_text("167 people")
    screenshot(page, f"summary-{device}-1-report-en")

    summary.get_by_role("link", name="嘉定区–楚雄州").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("嘉定区")
    check_page(page)
