"""The events filter form in a browser: it sends only the fields that are set, and on a phone
its sticky 筛选/清除筛选 bar never covers the control that has the keyboard focus (WCAG 2.2
SC 2.4.11)."""

from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 375, "height": 667}


def test_a_filter_sent_from_the_form_leaves_its_empty_fields_out_of_the_address(
    page, site, check_page, screenshot
):
    page.goto(f"{site.url}/events/")
    page.locator("#facet-kind").get_by_label("专场招聘会").check()
    page.locator(".events-actions").get_by_role("button", name="筛选").click()
    page.wait_for_url("**/events/?*")
    parameters = parse_qsl(urlsplit(page.url).query, keep_blank_values=True)
    assert ("kind", "job_fair") in parameters
    assert [name for name, value in parameters if value == ""] == []
    check_page(page)
    page.go_back()
    page.wait_for_load_state("load")
    assert page.locator("form.events-filters :disabled").count() == 0
    screenshot(page, "filter-form-back")


def test_on_a_phone_the_sticky_bar_never_covers_the_focused_control(
    page, site, check_page, screenshot
):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{site.url}/events/")
    page.locator("#id_q").focus()
    covered = []
    for step in range(60):
        overlap = page.evaluate(
            """() => {
              const focused = document.activeElement;
              const bar = document.querySelector('.events-actions');
              if (!focused || !focused.closest('form.events-filters') || bar.contains(focused))
                return null;
              const f = focused.getBoundingClientRect(), b = bar.getBoundingClientRect();
              const hidden = Math.min(f.bottom, b.bottom) - Math.max(f.top, b.top);
              return hidden > 0 ? `${focused.name || focused.id || focused.tagName}: ${hidden}px`
                                : null;
            }"""
        )
        if overlap:
            covered.append(overlap)
            screenshot(page, f"filter-form-covered-{step}")
        if page.evaluate("document.activeElement.id") == "id_date_from":
            screenshot(page, "filter-form-phone-date-focused")
        if page.evaluate("document.activeElement.closest('.events-actions') !== null"):
            break
        page.keyboard.press("Tab")
    screenshot(page, "filter-form-phone-tabbed")
    assert covered == []
    check_page(page)
