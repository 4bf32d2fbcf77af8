"""Places and sides at every level: pairings between any two levels with their status and
citations, events without a Shanghai side, partners outside the two provinces, figures that
cover Shanghai together with another province, and the pages of provinces and towns."""

import re

import pytest

from pairings.models import Event, Figure, Pairing, PairingCitation, Region, Report
from summaries.models import FacetTally, FlowTally
from tests.admin_forms import inline
from tests.builders import make_event, stale_summaries

REPORT_000 = "000_b619cccd90127e23.txt"
REPORT_003 = "003_53aa273dfd8f5f7d.txt"
# Report 000's own words about 松江 and 平湖 going to 昭通 together.
PINGHU_EXCERPT = (
    "联合浙江省平湖市人社部门,赴云南省昭通市昭阳区、彝良县、镇雄县、威信县开展劳务协作专场招聘会"  # noqa: E501 - verbatim
)
# The corpus' report 05: Shanghai's and Guangdong's aid to Yunnan, counted together.
JOINT_EXCERPT = "上海、广东已向云南累计投入帮扶资金139.74亿元,实施帮扶项目13268个,帮助就业51.43万人"


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _pairing_data(shanghai, yunnan, basis, citations=()):
    first, second = (
        Report.objects.get(file_name=REPORT_000),
        Report.objects.get(file_name=REPORT_003),
    )
    forms = [{"report": first.pk, "excerpt": f"{shanghai}与{yunnan}结对（测试）"}]
    forms += [{"report": second.pk, "excerpt": excerpt} for excerpt in citations]
    return {
        "shanghai": shanghai,
        "yunnan": yunnan,
        "basis": basis,
        "earliest_year": "",
        "change_reason": "",
        **inline("citations", forms),
    }


@pytest.mark.parametrize(
    ("shanghai", "yunnan", "name"),
    [
        ("310115", "530000", "浦东新区–云南省"),  # 上海市–云南省 is the corpus' (report 05)
        ("310000", "533400", "上海市–迪庆州"),
        ("310115", "532932", "浦东新区–鹤庆县"),
        ("310115132", "532924", "周浦镇–宾川县"),
    ],
)
def test_an_editor_pairs_any_two_levels_and_the_pairing_page_shows_it(
    admin_client, shanghai, yunnan, name
):
    response = admin_client.post(
        "/admin/pairings/pairing/add/", _pairing_data(shanghai, yunnan, "stated")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pairing = Pairing.objects.get(shanghai=shanghai, yunnan=yunnan)
    assert str(pairing) == name
    page = _page(admin_client, f"/pairings/{pairing.pk}/")
    assert name.split("–")[0] in page and "报道明示" in page


def test_a_planned_pairing_keeps_its_status_and_citations_from_two_reports(admin_client):
    data = _pairing_data("310115132", "532924", "planned", citations=["周浦镇与宾川县结对（测试）"])
    response = admin_client.post("/admin/pairings/pairing/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    pairing = Pairing.objects.get(shanghai="310115132", yunnan="532924")
    assert pairing.basis == "planned"
    assert {citation.report.file_name for citation in pairing.citations.all()} == {
        REPORT_000,
        REPORT_003,
    }
    page = _page(admin_client, f"/pairings/{pairing.pk}/")
    assert "计划中（尚未签约）" in page
    assert "周浦镇与宾川县结对（测试）" in page and "310115132与532924结对（测试）" in page


def test_a_second_citation_from_the_same_report_is_refused(admin_client):
    first = Report.objects.get(file_name=REPORT_000)
    data = _pairing_data("310115", "532932", "stated")
    cited = [
        {"report": first.pk, "excerpt": "浦东新区与鹤庆县"},
        {"report": first.pk, "excerpt": "同一篇"},
    ]
    data.update(inline("citations", cited))
    before = PairingCitation.objects.count()
    response = admin_client.post("/admin/pairings/pairing/add/", data)
    assert response.status_code == 200
    assert "同一篇报道只能作为该结对的一条出处" in response.content.decode()
    assert PairingCitation.objects.count() == before
    assert not Pairing.objects.filter(shanghai="310115", yunnan="532932").exists()


def test_a_pairing_without_a_citation_is_refused(admin_client):
    data = _pairing_data("310115", "532932", "stated")
    data.update(inline("citations", []))
    response = admin_client.post("/admin/pairings/pairing/add/", data)
    assert response.status_code == 200
    assert "每个结对关系至少保留一条出处" in response.content.decode()
    assert not Pairing.objects.filter(shanghai="310115", yunnan="532932").exists()


def _sideless_job_fair():
    report = Report.objects.get(file_name=REPORT_000)
    return {
        "kind": "job_fair",
        "title": "彝良县专场招聘会（企业来自浙江、上海）",
        "period": "2026-02-06",
        "pairings": [],
        "shanghai_regions": [],
        "yunnan_regions": ["530628"],  # 彝良县
        "partner_regions": ["330482", "520300"],  # 浙江省平湖市, 贵州省遵义市
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": PINGHU_EXCERPT}]),
        **inline("figures", []),
    }


def test_an_event_with_no_shanghai_side_and_partners_outside_both_provinces_is_kept(
    editor_client,
):
    response = editor_client.post("/admin/pairings/event/add/", _sideless_job_fair())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title__startswith="彝良县专场招聘会")
    assert not event.shanghai_regions.exists()
    assert set(event.partner_regions.values_list("name", flat=True)) == {"平湖市", "遵义市"}
    for code in ("530628", "520300", "520000"):  # the county, the partner and its province
        assert "彝良县专场招聘会" in _page(editor_client, f"/regions/{code}/")
    assert stale_summaries() == {}


def test_a_figure_of_shanghai_with_guangdong_is_listed_but_never_counted_as_shanghais(
    admin_client,
):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    before = {row.total for row in FlowTally.objects.all()}
    report = Report.objects.get(file_name=REPORT_000)
    data = {
        "metric": "workers_to_shanghai",
        "value": "51.43万",
        "qualifier": "exact",
        "unit": "person",
        "pairing": pairing.pk,
        "partner_regions": ["440000"],  # 广东省
        "is_joint": "on",
        "period": "2020-12",
        "report": report.pk,
        "excerpt": "帮助就业51.43万人",
        "note": JOINT_EXCERPT,
        "change_reason": "",
    }
    response = admin_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get(excerpt="帮助就业51.43万人")
    assert figure.is_joint and figure.value == 514300
    assert list(figure.partner_regions.values_list("name", flat=True)) == ["广东省"]
    assert not Figure.objects.filter(pk=figure.pk).summable().exists()
    assert {row.total for row in FlowTally.objects.all()} == before
    assert "514,300" not in _page(admin_client, "/")
    assert "514,300" not in _page(admin_client, f"/pairings/{pairing.pk}/")
    assert "帮助就业51.43万人" in _page(admin_client, "/regions/532300/")
    assert stale_summaries() == {}


def test_the_corpus_figures_of_shanghai_with_guangdong_show_on_shanghai_yunnan_uncounted(
    client, report_data
):
    pairing = Pairing.objects.get(shanghai="310000", yunnan="530000")
    joint = Figure.objects.filter(report__file_name="corpus/05.txt")
    assert joint.count() == 7 and all(figure.is_joint for figure in joint)
    assert set(joint.values_list("partner_regions__name", flat=True)) == {"广东省"}
    assert not joint.summable().exists()
    page = _page(client, f"/pairings/{pairing.pk}/")
    for shown in ("139.74 亿元", "13,268 个", "51.43 万人", "280 家", "413 所"):
        assert shown in page
    # Each says it is Shanghai's together with Guangdong's, wherever it is shown.
    joint_tag = re.compile(r'record-tag-joint">与<a href="/regions/440000/">广东省</a>合计')
    assert len(joint_tag.findall(page)) >= joint.count()
    report_page = _page(client, f"/reports/{joint.first().report_id}/")
    assert len(joint_tag.findall(report_page)) == joint.count()
    # The overview's matrix gives 云南省, which has no prefecture above it, a column of its own.
    overview = _page(client, "/")
    assert f'class="matrix-cell" href="/pairings/{pairing.pk}/"' in overview


def test_a_pairing_page_quotes_its_further_citations_from_the_corpus(client, report_data):
    pairing = Pairing.objects.get(shanghai__name="闵行区", yunnan__name="昭通市")
    [citation] = pairing.citations.filter(report__file_name="corpus/13.txt")
    assert pairing.earliest_year == 2024  # report 13, 2024-03-04
    assert citation.excerpt in _page(client, f"/pairings/{pairing.pk}/")


def test_a_province_and_a_town_have_their_pages(client, report_data):
    assert "周浦镇" in _page(client, "/regions/310115132/")
    assert "贵州省" in _page(client, "/regions/520000/")
    assert client.get("/regions/3101151320/").status_code == 404


def test_an_event_held_in_a_town_is_tallied_under_the_towns_prefecture(report_data):
    # 宾川县 lies in 大理州: a town of it (not in the fixtures' data) must count for 大理州.
    town = Region.objects.filter(parent="532924", level="town").first()
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_event(pairing, pairings=[], yunnan=[town], title="宾川县某镇招聘会")
    assert FacetTally.objects.filter(prefecture="532900").exists()
    assert stale_summaries() == {}


def test_a_town_figure_of_no_event_flows_from_its_prefecture(admin_client):
    town = Region.objects.filter(parent="532924", level="town").first()
    report = Report.objects.get(file_name=REPORT_000)
    data = {
        "metric": "workers_to_shanghai",
        "value": "12",
        "qualifier": "exact",
        "unit": "person",
        "place": town.pk,
        "period": "2026-01",
        "report": report.pk,
        "excerpt": "输送12人（测试）",
        "change_reason": "",
    }
    response = admin_client.post("/admin/pairings/figure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert FlowTally.objects.filter(prefecture="532900", total=12).exists()
    assert stale_summaries() == {}
