"""A reader switches a page to English and back: the switch keeps the page and its filter."""

import pytest
from playwright.sync_api import expect

from pairings.models import Pairing

pytestmark = pytest.mark.browser


def _switch(page, language_name):
    page.locator(".site-nav").get_by_role("link", name=language_name, exact=True).click()


def _table_overflow(page):
    """Return by how many CSS pixels the events table is wider than its box."""
    return page.locator(".events-table").evaluate(
        "table => table.scrollWidth - table.parentElement.clientWidth"
    )


def test_a_reader_switches_to_english_and_back(page, site, check_page, screenshot):
    qingpu_dehong = Pairing.objects.get(shanghai__name="青浦区", yunnan__name="德宏州")
    path = f"/pairings/{qingpu_dehong.pk}/"
    page.goto(site.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", name="时间线")).to_be_visible()

    _switch(page, "English")
    expect(page).to_have_url(site.url + "/en" + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator(".site-nav")).to_contain_text("Overview")
    check_page(page)

    page.goto(site.url + "/en/events/?prefecture=530600")
    rows = page.locator(".events-table tbody tr")
    count = rows.count()
    assert count > 0
    expect(page.get_by_role("heading", name="Filter", exact=True)).to_be_visible()
    check_page(page)
    assert _table_overflow(page) <= 0, "the English events table scrolls sideways at 1280 px"
    screenshot(page, "language-english-events")

    _switch(page, "简体中文")
    expect(page).to_have_url(site.url + "/events/?prefecture=530600")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", name="筛选", exact=True)).to_be_visible()
    expect(rows).to_have_count(count)
    check_page(page)
    screenshot(page, "language-back-to-chinese")
