"""Every form the 日期 field accepts, on every public page, chart, filter and download, in both
languages: a clerk may type any of them, and none may break a page or hide the event."""

import datetime

import pytest

from pairings.models import Pairing, Region
from tests.builders import make_event, make_report

# (what the clerk types, how a Chinese reader sees it)
DATE_FORMS = [
    ("2024-03-15", "2024年3月15日"),
    ("2024-03", "2024年3月"),
    ("2024", "2024年"),
    ("2024-03-10至2024-03-15", "2024年3月10日至15日"),
    ("2024-03-15起", "自2024年3月15日起"),
    ("截至2024-03-15", "截至2024年3月15日"),
    ("", "日期未报道"),
]
TITLE = "昆明至上海务工专列"
WORKERS = "4,321 人"


def _event_dated(text):
    """A 徐汇区–红河州 worker train of 4,321 from 泸西县, dated as the clerk typed `text`, counted
    in the summary tables as after an admin save."""
    pairing = Pairing.objects.get(shanghai="310104", yunnan="532500")
    report = make_report()
    event = make_event(
        pairing,
        period=text,
        kind="worker_dispatch",
        title=TITLE,
        report=report,
        yunnan=[Region.objects.get(pk="532527")],
        figures=[("workers_to_shanghai", 4321, "person", "exact")],
    )
    return event, pairing, report


def _pages(event, pairing, report):
    """Return (address, shows the figure) for every public page and download about it."""
    dated = bool(event.date_precision)
    in_2024 = "date_from=2024-01-01&date_to=2024-12-31"
    mid_march = "date_from=2024-03-12&date_to=2024-03-20"
    events_found = [
        "/events/?shanghai=310104",
        "/events/?q=务工专列",
        "/events/?county=532527",
        f"/events/?shanghai=310104&{in_2024}" if dated else "/events/?dated=no",
        f"/events/?shanghai=310104&{mid_march}" if dated else "/events/?shanghai=310104&dated=no",
        "/events/?prefecture=532500&period=all",
    ]
    pages = [("/", False), (f"/pairings/{pairing.pk}/", True), ("/regions/532500/", True)]
    pages += [("/regions/310104/", True), ("/regions/532527/", True), ("/reports/", False)]
    pages += [(f"/reports/{report.pk}/", True), *((url, True) for url in events_found)]
    downloads = [
        f"/pairings/{pairing.pk}/export",
        "/regions/532500/export",
        f"/reports/{report.pk}/export",
        *(url.replace("/events/?", "/events/export{}?") for url in events_found),
    ]
    for url in downloads:
        for fmt in ("csv", "xlsx", "json"):
            address = url.format(f".{fmt}") if "{}" in url else f"{url}.{fmt}"
            pages.append((address, fmt != "xlsx"))
    return pages


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(("typed", "shown"), DATE_FORMS)
def test_every_date_form_works_on_every_page_and_download(
    client, report_data, typed, shown, language
):
    event, pairing, report = _event_dated(typed)
    for address, shows_figure in _pages(event, pairing, report):
        response = client.get(f"{language}{address}")
        assert response.status_code == 200, (typed, address)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", errors="replace")
        if shows_figure:
            assert TITLE in body, (typed, address)
            if address.endswith("/") and not language:  # pages, as a Chinese reader sees them
                assert shown in body, (typed, address)
            if "/events/" not in address or "export" in address:
                assert "4321" in body.replace(",", ""), (typed, address)


@pytest.mark.parametrize(("typed", "shown"), DATE_FORMS[:-1])
def test_every_dated_form_counts_in_the_monthly_chart_and_the_pairings_workers(
    client, report_data, typed, shown
):
    event, pairing, _report = _event_dated(typed)
    page = client.get(f"/pairings/{pairing.pk}/")
    chart = page.context["monthly_chart"]
    if event.date_precision == "year":
        assert "2024-03" not in chart["labels"]
        assert page.context["year_only_count"] == 1
    else:
        # Placed in March 2024: the month it starts in, or ends in when only the end is known.
        march = chart["labels"].index("2024-03")
        assert sum(dataset["data"][march] for dataset in chart["datasets"]) == 1, typed
        assert page.context["people_moved"][march] == 4321, typed
    assert WORKERS in page.content.decode()


@pytest.mark.parametrize("typed", ["2024-03-15起", "截至2024-03-15"])
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("date_from=2024-01-01&date_to=2024-12-31", True),  # whole months: the tallies count
        ("date_from=2024-03-12&date_to=2024-03-20", True),  # inside a month: the digests count
        ("date_from=2019-01-01&date_to=2019-12-31", "截至"),  # before: only an open start reaches
        ("date_from=2030-01-01&date_to=2030-12-31", "起"),  # after: only an open end reaches
        ("date_from=2030-02-03&date_to=2030-02-05", "起"),
    ],
)
def test_an_event_known_by_one_end_is_open_at_the_other_in_the_list_counts_and_download(
    client, report_data, typed, query, found
):
    _event_dated(typed)
    found = found is True or found in typed
    page = client.get(f"/events/?shanghai=310104&{query}")
    listed = [row["event"].title for row in page.context["rows"]]
    assert (TITLE in listed) is found
    assert page.context["result_count"] == len(listed)
    csv = b"".join(client.get(f"/events/export.csv?shanghai=310104&{query}").streaming_content)
    assert (TITLE in csv.decode()) is found


def test_an_event_known_by_its_end_takes_its_place_in_the_pairings_timeline(client, report_data):
    event, pairing, _report = _event_dated("截至2024-03-15")
    later = make_event(pairing, day=datetime.date(2024, 6, 1), title="六月招聘会")
    timeline = dict(client.get(f"/pairings/{pairing.pk}/").context["events_by_year"])
    assert timeline[2024] == [event, later]
