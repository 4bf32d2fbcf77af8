"""What a browser waits for before it paints: compressed pages, scripts that do not block,
and what a search engine reads first (the description, robots.txt)."""

import gzip

from django.conf import settings
from django.test import override_settings

from pairings.models import Pairing
from tests.pages import fetch_page

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_public_page_comes_gzipped_to_a_browser_that_asks(client, report_data):
    response = client.get("/events/", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "共" in gzip.decompress(response.content).decode()


def test_a_public_page_comes_plain_to_a_client_that_does_not_ask(client, report_data):
    client.get("/events/", **GZIP)  # the page is now in the page cache, drawn once
    response = client.get("/events/")
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]  # so a shared cache keys the two apart
    assert response.content.decode().startswith("<!DOCTYPE html>")


def test_the_admin_is_never_gzipped(editor_client):
    response = editor_client.get(f"/{settings.ADMIN_PATH}pairings/event/add/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content


def test_the_events_csv_streams_gzipped_and_reads_as_the_plain_one(client, report_data):
    plain = client.get("/events/export.csv?q=七个贫困县")
    zipped = client.get("/events/export.csv?q=七个贫困县", **GZIP)
    assert zipped.streaming and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(_body(zipped)) == _body(plain)
    assert zipped["Link"] == plain["Link"]


def test_the_events_xlsx_already_a_zip_is_sent_as_it_is(client, report_data):
    response = client.get("/events/export.xlsx", **GZIP)
    assert not response.has_header("Content-Encoding")
    assert _body(response)[:2] == b"PK"


def _public_paths():
    pairing = Pairing.objects.order_by("pk").first()
    return ["/", f"/pairings/{pairing.pk}/", "/events/", "/regions/532300/", "/reports/"]


def test_no_script_blocks_the_first_paint_and_the_charts_load_in_order(client, report_data):
    for path in _public_paths():
        page = fetch_page(client, path)
        assert not page.head.select("script[src]:not([defer]):not([async])"), path
        scripts = page.select("script[src]")
        assert all(script.has_attr("defer") for script in scripts), path
    sources = [script["src"] for script in fetch_page(client, "/").select("script[src]")]
    chart, sankey, helpers, overview = (
        next(i for i, src in enumerate(sources) if name in src)
        for name in ("chart.umd", "sankey", "charts.js", "overview.js")
    )
    assert chart < sankey < helpers < overview  # deferred scripts run in document order


def _description(page):
    return page.select_one('head meta[name="description"]')["content"]


def test_a_pairing_page_is_described_by_its_names_and_its_key_figure(client, report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    description = _description(fetch_page(client, f"/pairings/{pairing.pk}/"))
    assert "嘉定区" in description and "楚雄彝族自治州" in description
    assert "项活动" in description
    assert any(unit in description for unit in ("人", "个", "场"))
    english = _description(fetch_page(client, f"/en/pairings/{pairing.pk}/"))
    assert "嘉定区" in english and "events" in english and "劳务协作" not in english


def test_every_public_page_says_what_it_shows_in_its_own_words(client, report_data):
    paths = [*_public_paths(), "/reports/1/"]
    descriptions = [_description(fetch_page(client, path)) for path in paths]
    assert all(len(description) > 20 for description in descriptions)
    assert len(set(descriptions)) == len(paths)
    english = [_description(fetch_page(client, f"/en{path}")) for path in paths]
    assert not any("的" in description for description in english)


def test_robots_txt_lets_every_public_page_be_read_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "max-age" in response["Cache-Control"]


@override_settings(ADMIN_PATH="office-7f3a/")
def test_robots_txt_never_names_an_admin_moved_away_from_admin(client, db):
    assert b"office-7f3a" not in client.get("/robots.txt").content
