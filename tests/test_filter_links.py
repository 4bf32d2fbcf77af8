"""Links from a filtered events page carry only the filter's set fields: a form submitted with
its empty fields, or an address with blank parameters, never passes `date_from=&…` on."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.pages import fetch_page

EMPTY_FIELDS = "q=&date_from=&date_to=&period=&dated=&reports=&sort="


def _blank_parameters(page):
    """Return every link or form target of the page with a parameter that has no value."""
    blank = []
    for tag in page.select("a[href], link[href]"):
        query = urlsplit(tag["href"]).query
        if any(value == "" for _name, value in parse_qsl(query, keep_blank_values=True)):
            blank.append(tag["href"])
    return blank


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_form_sent_with_its_empty_fields_links_onward_without_them(client, report_data, prefix):
    page = fetch_page(client, f"{prefix}/events/?{EMPTY_FIELDS}")
    assert page.select(".events-pagination a"), "a page of links to check"
    assert page.select("a.events-sort") and page.select(".downloads a")
    assert _blank_parameters(page) == []


def test_a_filter_with_an_error_links_onward_without_the_empty_fields(client, report_data):
    page = fetch_page(client, f"/events/?{EMPTY_FIELDS}&date_from=2026-13-01", status=400)
    switch = page.select_one("a.language-switch")["href"]
    assert "date_from=2026-13-01" in switch
    assert _blank_parameters(page) == []


def test_a_page_that_is_not_a_number_links_back_to_page_one_without_the_empty_fields(
    client, report_data
):
    page = fetch_page(client, f"/events/?{EMPTY_FIELDS}&kind=job_fair&page=x", status=400)
    assert "kind=job_fair" in page.find("a", string="回到第1页")["href"]
    assert _blank_parameters(page) == []
