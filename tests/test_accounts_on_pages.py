"""Every page that lists figures puts another report's account of a quantity beside the figure
it is an account of, with its source, and says how many reports tell of each event and which:
the report page, the region page and the downloads, beside the pairing page and the events
browser (tests/test_accounts.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Figure, Pairing, Report
from summaries import writes
from tests import test_accounts
from tests.builders import make_report
from tests.pages import fetch_page
from tests.test_accounts import _csv_records, add_account

# The cases of tests/test_accounts.py: the 闵行 train told twice as 50, the 文山州 flight as 61
# and 59.
minhang_train = test_accounts.minhang_train
wenshan_flight = test_accounts.wenshan_flight

SIDE_BY_SIDE = "61 人（虹口区人社局）／59 人（文山州）"
TOLD = "2 份报道：虹口区包机接文山州务工人员、文山州59名务工人员乘包机赴沪"


def _text(page, selector):
    [element] = page.select(selector)
    return element.get_text(" ", strip=True).replace(" （", "（").replace(" ／", "／")


def _reports_told(page, event_id):
    [told] = page.select(f"#event-{event_id} .event-reports")
    return "".join(told.stripped_strings)


def test_a_report_page_puts_the_other_reports_account_beside_each_figure(client, wenshan_flight):
    counted, account = wenshan_flight
    hongkou = fetch_page(client, f"/reports/{counted.report_id}/")
    assert SIDE_BY_SIDE in _text(hongkou, f"#figure-{counted.pk}")
    wenshan = fetch_page(client, f"/reports/{account.report_id}/")
    assert "59 人（文山州）／61 人（虹口区人社局）" in _text(wenshan, f"#figure-{account.pk}")
    links = [a["href"] for a in wenshan.select(f"#figure-{account.pk} a.source-link")]
    assert links == [f"/reports/{counted.report_id}/#figure-{counted.pk}"]


def test_a_report_page_reads_agreeing_accounts_as_one_figure_of_two_reports(client, minhang_train):
    counted, account = minhang_train
    page = fetch_page(client, f"/reports/{account.report_id}/")
    assert "50 人 · 2 份报道" in _text(page, f"#figure-{account.pk}")


def test_a_report_page_lists_every_report_that_tells_of_its_events(client, wenshan_flight):
    counted, account = wenshan_flight
    page = fetch_page(client, f"/reports/{counted.report_id}/")
    assert _reports_told(page, counted.event_id) == TOLD


def test_the_region_page_shows_accounts_side_by_side_and_each_events_reports(
    client, wenshan_flight
):
    counted, account = wenshan_flight
    page = fetch_page(client, "/regions/532600/")  # 文山州
    card = _text(page, f"#event-{counted.event_id}")
    assert SIDE_BY_SIDE in card
    assert _reports_told(page, counted.event_id) == TOLD
    assert card.count("59 人") == 1  # beside its figure, not a second batch


def _two_more_accounts(counted):
    for number, value in ((3, 60), (4, 62)):
        report = make_report(f"wenshan-flight-{number}.txt", title=f"第{number}份报道")
        add_account(counted, value, report, f"{value}名务工人员乘包机")


@pytest.mark.parametrize("page", ["counted report", "account's report", "region"])
def test_a_page_takes_as_many_queries_with_three_accounts_as_with_one(
    client, wenshan_flight, django_assert_num_queries, page
):
    counted, account = wenshan_flight
    url = {
        "counted report": f"/reports/{counted.report_id}/",
        "account's report": f"/reports/{account.report_id}/",
        "region": "/regions/532600/",
    }[page]
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _two_more_accounts(counted)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "／60 人（第3份报道）" in text.replace(" （", "（")
    assert "／62 人（第4份报道）" in text.replace(" （", "（")


def test_the_events_downloads_list_every_report_that_tells_of_an_event(client, wenshan_flight):
    counted, account = wenshan_flight
    both = (
        "虹口区包机接文山州务工人员（hongkou-flight.txt）；"
        "文山州59名务工人员乘包机赴沪（wenshan-flight.txt）"
    )
    events = _csv_records(client.get("/events/export.csv", {"shanghai": "310109"}))
    flight = [row for row in events if row["标题"] == counted.event.title]
    assert {row["来源报道"] for row in flight} == {both}
    assert Report.objects.filter(citations__event=counted.event_id).count() == 1  # not cited


def test_a_part_whose_whole_another_report_gives_links_to_that_reports_page(client, report_data):
    # Corpus 17's 60余 from 文山州 is a part of corpus 16's 100 on the 2025-02-01 flight.
    page = fetch_page(client, "/reports/117/")
    [whole] = page.select("#figure-15502 a[href$='#figure-15501']")
    assert whole["href"] == "/reports/116/#figure-15501"
    assert "到沪务工 100 人" in whole.get_text(" ", strip=True)


def test_the_region_page_puts_an_account_of_a_batch_of_no_event_beside_its_figure(
    client, wenshan_flight
):
    counted, account = wenshan_flight
    pairing = Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州")
    batch = Figure(
        pairing=pairing, metric_id=WORKERS_TO_SHANGHAI, value=300, unit="person",
        report=counted.report, excerpt="全年接文山州务工人员300名",
        date_start=datetime.date(2026, 1, 1), date_end=datetime.date(2026, 12, 31),
        date_precision="year", date_text="2026年",
    )  # fmt: skip
    batch.full_clean()
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        batch.save()
        write.wrote(Figure, [batch.pk])
    second = Figure(
        pairing=pairing, metric_id=WORKERS_TO_SHANGHAI, value=280, unit="person",
        report=account.report, excerpt="全年赴虹口务工280人", account_of=batch,
        date_start=batch.date_start, date_end=batch.date_end, date_precision="year",
        date_text="2026年",
    )  # fmt: skip
    second.full_clean()
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        second.save()
        write.wrote(Figure, [second.pk])
    figures = fetch_page(client, "/regions/532600/").find("section", id="figures")
    cards = [card.get_text(" ", strip=True) for card in figures.select(".figure-card")]
    mine = [card.replace(" （", "（") for card in cards if "300 人" in card or "280 人" in card]
    assert len(mine) == 1
    assert "300 人（虹口区人社局）／280 人（文山州）" in mine[0]
