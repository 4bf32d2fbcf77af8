"""An official opens links on a phone inside WeChat (375 px): a filtered events link opens on
its count, and a pairing page's tables fit the screen, in Chinese and in English."""

import re

import pytest
from playwright.sync_api import expect

from pairings.models import Pairing

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

WECHAT = {"width": 375, "height": 667}
ZHAOTONG_FEBRUARY = "/events/?prefecture=530600&date_from=2026-02-01&date_to=2026-02-28"

# How many CSS pixels each table's box would scroll sideways.
TABLE_OVERFLOW = """wraps => wraps.map(wrap => ({
  table: (wrap.querySelector("caption") || wrap.closest("section").querySelector("h2, h3"))
    .textContent.trim(),
  overflow: wrap.scrollWidth - wrap.clientWidth,
}))"""


def test_a_filtered_events_link_opens_on_its_count_on_a_phone(page, site, check_page, screenshot):
    page.set_viewport_size(WECHAT)
    page.goto(site.url + ZHAOTONG_FEBRUARY)
    count = page.locator(".events-count")
    expect(count).to_have_text(re.compile("共 1 项活动"))
    assert count.bounding_box()["y"] < WECHAT["height"], "the count is below the first screen"
    expect(page.locator(".events-active-filters")).to_contain_text("昭通市")
    filters = page.locator("form.events-filters")
    expect(filters).to_be_hidden()
    check_page(page)
    screenshot(page, "phone-events-filtered")

    page.locator(".events-filters-toggle > summary").click()
    expect(filters).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile("^昭通市"))).to_be_checked()
    check_page(page)
    screenshot(page, "phone-events-filters-open")

    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(page.locator(".events-filters-toggle > summary")).to_be_hidden()
    expect(filters).to_be_visible()  # on a desktop the form stands beside the results


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["chinese", "english"])
def test_the_pairing_pages_tables_fit_a_phone(page, site, check_page, screenshot, prefix):
    page.set_viewport_size(WECHAT)
    for pairing in Pairing.objects.filter(
        shanghai__name__in=["嘉定区", "青浦区"], yunnan__name__in=["楚雄州", "德宏州"]
    ):
        page.goto(f"{site.url}{prefix}/pairings/{pairing.pk}/")
        wraps = page.locator("main .table-wrap")
        assert wraps.count() >= 2
        overflowing = [t for t in wraps.evaluate_all(TABLE_OVERFLOW) if t["overflow"] > 0]
        assert not overflowing, f"{page.url}: tables wider than the phone: {overflowing}"
        check_page(page)
        page.locator("#transfers-heading").scroll_into_view_if_needed()
        screenshot(page, f"phone-pairing-{pairing.pk}-tables{prefix.replace('/', '-')}")
