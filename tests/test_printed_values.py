"""A figure's value typed as the report prints it: 万 and 亿 read by the form, never converted
by hand, the qualifier and the unit proposed from the printed words and confirmed by the clerk."""

from decimal import Decimal

import pytest

from pairings.models import Figure, Pairing
from pairings.numerals import read_value
from tests.admin_forms import inline
from tests.builders import make_report

DAYAO = "532326"  # 大姚县, in 楚雄州: report 11 of the corpus is about 嘉定区's aid to it
# Report 17 of the corpus, in traditional script, verbatim.
TRADITIONAL_EXCERPT = (
    "云南省文山壯族苗族自治州的60余名務(wù)工人員免費(fèi)乘坐飛機(jī)前往上海返崗復(fù)工"  # noqa: E501 - verbatim
)


@pytest.mark.parametrize(
    "printed, value, qualifier",
    [
        ("4.4万", 44_000, "exact"),
        ("1.24萬", 12_400, "exact"),
        ("36亿", 3_600_000_000, "exact"),
        ("三百余", 300, "at_least"),
        ("两百余名", 200, "at_least"),
        ("5112", 5112, "exact"),
        ("1,500", 1500, "exact"),
        ("319.3万元", 3_193_000, "exact"),
        ("10萬多", 100_000, "at_least"),
        ("超过1600", 1600, "at_least"),
        ("突破2万", 20_000, "at_least"),
        ("逾万人", 10_000, "at_least"),
        ("8100万元以上", 81_000_000, "at_least"),
        ("近800人次", 800, "about"),
        ("约500人", 500, "about"),
    ],
)
def test_a_value_is_read_as_printed_with_the_qualifier_its_words_give(printed, value, qualifier):
    assert read_value(printed).value == value
    assert read_value(printed).qualifier == qualifier


def _figure(report, **overrides):
    """POST data for a figure of no event in 嘉定区–楚雄州 about 大姚县, as an editor types it
    from report 11 of the corpus."""
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    return {
        "metric": "subsidy",
        "value": "2405.4万元",
        "qualifier": "exact",
        "unit": "yuan",
        "is_cumulative": "on",
        "pairing": pairing.pk,
        "place": DAYAO,
        "period": "2023",
        "report": report.pk,
        "excerpt": "已实际拨付使用资金2405.4万元",
        "change_reason": "",
        **overrides,
    }


@pytest.fixture
def dayao_report(report_data):
    return make_report("11.txt", "大姚县持续深化东西部协作,帮扶作用充分发挥")


def test_a_value_typed_in_wan_is_stored_as_the_number_and_the_region_page_shows_it(
    editor_client, dayao_report
):
    response = editor_client.post("/admin/pairings/figure/add/", _figure(dayao_report))
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(report=dayao_report)
    assert figure.value == Decimal("24054000")
    assert "2,405.4 万元" in editor_client.get(f"/regions/{DAYAO}/").content.decode()
    change = editor_client.get(f"/admin/pairings/figure/{figure.pk}/change/")
    assert 'value="24054000"' in change.content.decode()


def test_a_qualifier_that_contradicts_the_printed_words_is_refused_once_with_the_proposal(
    editor_client, dayao_report
):
    data = _figure(
        dayao_report, metric="income", value="8100万元以上", excerpt="实际到位投资8100万元以上"
    )
    page = editor_client.post("/admin/pairings/figure/add/", data).content.decode()
    assert "原文写作“8100万元以上”，应为“至少（余、多、超过、突破、以上）”" in page
    assert '<option value="at_least" selected>' in page
    assert not Figure.objects.filter(report=dayao_report).exists()

    response = editor_client.post("/admin/pairings/figure/add/", {**data, "qualifier": "at_least"})
    assert response.status_code == 302
    figure = Figure.objects.get(report=dayao_report)
    assert (figure.value, figure.qualifier) == (Decimal("81000000"), "at_least")
    assert "≥ 8,100 万元" in editor_client.get(f"/regions/{DAYAO}/").content.decode()


def test_a_clerk_who_confirms_keeps_a_qualifier_other_than_the_printed_words_give(
    editor_client, dayao_report
):
    data = _figure(dayao_report, value="8100万元以上", qualifier="about", qualifier_confirmed="on")
    assert editor_client.post("/admin/pairings/figure/add/", data).status_code == 302
    assert Figure.objects.get(report=dayao_report).qualifier == "about"


def test_a_unit_that_contradicts_the_printed_word_is_refused(editor_client, dayao_report):
    data = _figure(dayao_report, metric="attendees", value="近800人次", unit="person")
    page = editor_client.post("/admin/pairings/figure/add/", data).content.decode()
    assert "原文写作“近800人次”，应为“人次”" in page
    assert not Figure.objects.filter(report=dayao_report).exists()


def test_a_value_the_form_cannot_read_is_refused_in_chinese(editor_client, dayao_report):
    page = editor_client.post(
        "/admin/pairings/figure/add/", _figure(dayao_report, value="两千四百零五点四万")
    ).content.decode()
    assert "读不出数值“两千四百零五点四万”" in page
    assert not Figure.objects.filter(report=dayao_report).exists()


def test_an_events_figure_takes_a_value_in_traditional_script_as_printed(editor_client):
    """Report 17 prints 60余名 in traditional script: typed as printed, it is stored as 60, at
    least, and the pairing page shows it so."""
    report = make_report("17.txt", "")
    pairing = Pairing.objects.get(shanghai__name="上海市", yunnan__name="文山州")
    figure = {
        "report": report.pk,
        "metric": "workers_to_shanghai",
        "value": "60余名",
        "qualifier": "at_least",
        "unit": "person",
        "excerpt": TRADITIONAL_EXCERPT,
    }
    data = {
        "kind": "worker_dispatch",
        "title": "文山州60余名务工人员乘飞机赴沪返岗",
        "period": "2025-02-05",
        "pairings": [str(pairing.pk)],
        "shanghai_regions": [pairing.shanghai_id],
        "yunnan_regions": [pairing.yunnan_id],
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": TRADITIONAL_EXCERPT}]),
        **inline("figures", [figure]),
    }
    response = editor_client.post("/admin/pairings/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Figure.objects.get(report=report)
    assert (stored.value, stored.qualifier) == (Decimal("60"), "at_least")
    assert "60+ 人" in editor_client.get(f"/pairings/{pairing.pk}/").content.decode()
