"""The page cache holds what a page reads, not what it was asked: a query string a page does
not read adds no entry, so hostile or random query strings cannot grow the cache (or make
every request a cold one)."""

import pytest
from django.core.cache import cache


def _entries():
    return len(cache._cache)  # the tests' cache is the local-memory one (CACHE_URL unset)


def _random_queries(count):
    return [f"utm_source={n}&x{n % 7}=%E6%A5%9A{n}&page={n}" for n in range(count)]


@pytest.mark.parametrize("path", ["/", "/pairings/1/"])
def test_a_thousand_query_strings_add_no_cache_entry_to_a_page_that_reads_none(
    client, report_data, path
):
    assert client.get(path).status_code == 200
    entries = _entries()
    for query in _random_queries(1000):
        assert client.get(f"{path}?{query}").status_code == 200
    assert _entries() == entries


@pytest.mark.parametrize("path", ["/en/", "/regions/532300/", "/reports/", "/reports/1/"])
def test_the_region_and_report_pages_are_cached_by_their_path_alone(client, report_data, path):
    assert client.get(path).status_code == 200
    entries = _entries()
    for query in _random_queries(100):
        assert client.get(f"{path}?{query}").status_code == 200
    assert _entries() == entries


def test_the_events_page_is_cached_by_the_filter_it_reads_not_by_stray_parameters(
    client, report_data
):
    assert client.get("/events/?prefecture=532300").status_code == 200
    entries = _entries()
    for query in _random_queries(100):
        assert (
            client.get(f"/events/?prefecture=532300&{query.replace('page', 'p')}").status_code
            == 200
        )
    assert _entries() == entries


def test_a_pairing_page_is_cached_once_as_drawn(client, report_data):
    assert client.get("/").status_code == 200  # the data version is set
    entries = _entries()
    assert client.get("/pairings/1/").status_code == 200
    assert _entries() == entries + 1
