"""A value printed as a range (report 10: "能招到100至200 名工人") is held exactly: its low bound
as the value, its high bound beside it. Pages and downloads show both; a total that contains
a range adds its low bound and reads "at least", never a midpoint."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.utils import translation

from pairings.formatting import format_quantity
from pairings.models import Event, Figure, Pairing
from pairings.numerals import read_value
from summaries import readers
from tests.builders import make_report
from tests.test_admin_friction import _confirm, _luoping_figure, _preview

# Report 10 of the corpus, 奉贤组织多家企业赴滇开展劳务协作, verbatim.
EXCERPT = "希望此次云南之行能招到100至200 名工人"


@pytest.mark.parametrize(
    ("printed", "low", "high", "measure"),
    [
        ("100至200 名", 100, 200, "名"),  # report 10
        ("一两百人", 100, 200, "人"),
        ("3-5万元", 30_000, 50_000, "元"),
        ("3万-5万元", 30_000, 50_000, "元"),
        ("10到20家", 10, 20, "家"),
        ("4000~5500元", 4000, 5500, "元"),  # report 02
    ],
)
def test_a_range_is_read_as_its_low_and_high_bound(printed, low, high, measure):
    value = read_value(printed)
    assert (value.value, value.high, value.measure) == (low, high, measure)
    assert value.qualifier == "exact"


@pytest.mark.parametrize("printed", ["200至100名", "100至100名", "100名至200家"])
def test_a_range_not_from_low_to_high_is_refused_in_chinese(printed):
    # A request to an English page earlier in the run leaves English active in this thread.
    with translation.override("zh-hans"), pytest.raises(ValueError, match="读不出"):
        read_value(printed)


def test_one_number_has_no_high_bound():
    assert read_value("4.4万").high is None


@pytest.fixture
def fengxian_dali(report_data):
    return Pairing.objects.get(shanghai__name="奉贤区", yunnan__name="大理州")


@pytest.fixture
def report_10(report_data):
    return make_report("10.txt", "奉贤组织多家企业赴滇开展劳务协作")


def _figure(report, pairing, **overrides):
    return {
        "metric": "persons_to_hire",
        "value": "100至200 名",
        "qualifier": "exact",
        "unit": "person",
        "pairing": pairing.pk,
        "period": "2023-03-08",
        "report": report.pk,
        "excerpt": EXCERPT,
        "change_reason": "",
        **overrides,
    }


def _csv(response):
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    header, *rows = csv.reader(io.StringIO(text))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_admin_stores_a_printed_range_and_every_page_and_download_shows_both_bounds(
    editor_client, report_10, fengxian_dali
):
    response = editor_client.post("/admin/pairings/figure/add/", _figure(report_10, fengxian_dali))
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(excerpt=EXCERPT, report=report_10)
    assert (figure.value, figure.value_high, figure.qualifier, figure.unit) == (
        Decimal("100"),
        Decimal("200"),
        "exact",
        "person",
    )
    assert "100–200 人" in editor_client.get(f"/pairings/{fengxian_dali.pk}/").content.decode()
    english = editor_client.get(f"/en/pairings/{fengxian_dali.pk}/").content.decode()
    assert "100–200 people" in english
    [row] = [
        row
        for row in _csv(editor_client.get(f"/pairings/{fengxian_dali.pk}/export.csv"))
        if row["原文摘录"] == EXCERPT and not row["活动"]  # not the corpus's, of its event
    ]
    assert (row["数值"], row["数值上限"], row["读作"]) == ("100", "200", "100–200 人")
    change = editor_client.get(f"/admin/pairings/figure/{figure.pk}/change/").content.decode()
    assert 'value="100至200"' in change


def test_changing_a_range_to_one_number_drops_its_high_bound(
    editor_client, report_10, fengxian_dali
):
    editor_client.post("/admin/pairings/figure/add/", _figure(report_10, fengxian_dali))
    figure = Figure.objects.get(excerpt=EXCERPT, report=report_10)
    response = editor_client.post(
        f"/admin/pairings/figure/{figure.pk}/change/",
        _figure(report_10, fengxian_dali, value="150名", change_reason="原文核对"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    figure.refresh_from_db()
    assert (figure.value, figure.value_high) == (Decimal("150"), None)


def test_the_import_stores_a_printed_range(editor_client):
    row = _luoping_figure("招聘人数", "100至200名", "招聘100至200名")
    assert _confirm(editor_client, _preview(editor_client, [row])).status_code == 302
    figure = Event.objects.get(title=row["标题"]).figures.get()
    assert (figure.value, figure.value_high, figure.unit) == (
        Decimal("100"),
        Decimal("200"),
        "person",
    )


def test_a_total_containing_a_range_adds_its_low_bound_and_reads_at_least(
    editor_client, report_10, fengxian_dali
):
    def total():
        rows = readers.figure_totals(fengxian_dali)
        [row] = [r for r in rows if (r["metric"], r["unit"]) == ("persons_to_hire", "person")]
        return row

    editor_client.post(
        "/admin/pairings/figure/add/",
        _figure(report_10, fengxian_dali, value="50名", excerpt="招到50名工人"),
    )
    before = total()["total"]
    editor_client.post("/admin/pairings/figure/add/", _figure(report_10, fengxian_dali))
    after = total()
    assert after["total"] == before + 100
    assert after["at_least_parts"] >= 1
    page = editor_client.get(f"/pairings/{fengxian_dali.pk}/").content.decode()
    with translation.override("zh-hans"):
        assert format_quantity(after["total"], "at_least", "person") in page
    live = Figure.objects.for_pairing(fengxian_dali).filter(metric="persons_to_hire").totals()
    assert [(row["total"], row["at_least_parts"]) for row in live] == [
        (after["total"], after["at_least_parts"])
    ]


def test_every_download_states_that_a_total_adds_a_ranges_low_bound(client, report_data):
    document = json.loads(b"".join(client.get("/events/export.json").streaming_content))
    assert "合计只加其下限，读作“至少”" in document["about"]["totals"]
    english = json.loads(b"".join(client.get("/en/events/export.json").streaming_content))
    assert "adds only the low bound" in english["about"]["totals"]
