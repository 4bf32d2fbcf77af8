"""The events filter form in a browser: it sends only the fields that are set."""

from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser


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
