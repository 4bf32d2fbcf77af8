"""Towns and same-name places: the events browser finds an event held in a town under its
county, prefecture and district, and the spreadsheet import resolves a place name to one
region of all China's 45,000 or refuses it, naming the candidates."""

import pytest
from django.core.cache import cache

from pairings.models import Event, Pairing, Region
from tests.admin_forms import EVENT_COLUMNS, import_confirm, import_preview, workbook
from tests.builders import make_event
from tests.pages import titles_of

TOWN_FAIR = "周浦镇、新场镇赴泸水市鲁掌镇招聘会"


@pytest.fixture
def town_fair(report_data):
    pairing = Pairing.objects.get(shanghai__name="浦东新区", yunnan__name="怒江州")
    return make_event(
        pairing,
        title=TOWN_FAIR,
        shanghai=Region.objects.filter(name__in=["周浦镇", "新场镇"], code__startswith="31"),
        yunnan=[Region.objects.get(code="533301102")],  # 鲁掌镇, 泸水市, 怒江州
    )


@pytest.mark.parametrize(
    "params",
    [
        {"shanghai": "310115"},  # 浦东新区, the towns' district
        {"prefecture": "533300"},  # 怒江州
        {"county": "533301"},  # 泸水市
        {"shanghai": "310115", "prefecture": "533300", "county": "533301"},
    ],
)
def test_an_event_of_towns_is_found_under_its_district_county_and_prefecture(
    client, town_fair, params
):
    response = client.get("/events/", params)
    assert response.status_code == 200
    assert TOWN_FAIR in titles_of(response)


def test_an_event_of_towns_is_counted_beside_its_district_and_prefecture(client, town_fair):
    response = client.get("/events/", {"q": "鲁掌镇"})
    facets = response.context["facet_counts"]
    assert facets["shanghai"].get("310115") == 1
    assert facets["prefecture"].get("533300") == 1


def test_the_filter_menus_offer_no_towns(client, town_fair):
    filterset = client.get("/events/").context["filterset"]
    offered = [
        code
        for name in ("shanghai", "prefecture", "county")
        for code, _label in filterset.form.fields[name].choices
    ]
    assert "310115" in offered and "533301" in offered
    assert not [code for code in offered if len(code) == 9]
    assert len(offered) < 200


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"shanghai": "310115132"}, "shanghai"),  # a town: not a choice of the menu
        ({"county": "53330"}, "county"),
        ({"prefecture": "110105"}, "prefecture"),  # 北京 朝阳区
        ({"prefecture": "５３３３００"}, "prefecture"),
        ({"county": "533301\x00"}, "county"),
    ],
)
def test_an_unknown_or_malformed_code_shows_the_form_error(client, town_fair, params, field):
    cache.clear()
    response = client.get("/events/", params)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()


# --- The spreadsheet import: one region per cell, or a refusal naming the candidates ----------

REPORT_000 = "000_b619cccd90127e23.txt"
# Report 000's own words, as the import's citation of a test row.
EXCERPT_000 = "松江区人社局联合浙江省平湖市人社部门"


def _row(title, shanghai, yunnan):
    return ["", "2026-03", "专场招聘会", title, shanghai, yunnan, "", "", "", ""] + [
        REPORT_000,
        EXCERPT_000,
    ]


def _import(client, rows):
    preview = import_preview(client, workbook(EVENT_COLUMNS, rows))
    assert preview.status_code == 200
    if preview.context.get("confirm_form") is None:
        return preview
    return import_confirm(client, preview)


@pytest.mark.parametrize(
    ("shanghai", "yunnan"),
    [
        ("新场镇", "云南省保山市施甸县太平镇"),  # 新场镇: ten in China, one in Shanghai
        ("上海市浦东新区新场镇", "施甸县太平镇"),
        ("310115133", "530521105"),
    ],
)
def test_a_same_name_place_is_imported_by_its_chain_or_code_and_shown(
    editor_client, report_data, shanghai, yunnan
):
    response = _import(editor_client, [_row("新场镇赴施甸县太平镇招聘会", shanghai, yunnan)])
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="新场镇赴施甸县太平镇招聘会")
    assert [region.pk for region in event.shanghai_regions.all()] == ["310115133"]
    assert [region.pk for region in event.yunnan_regions.all()] == ["530521105"]
    page = editor_client.get("/events/", {"shanghai": "310115", "county": "530521"})
    assert titles_of(page) == ["新场镇赴施甸县太平镇招聘会"]


def test_a_name_four_yunnan_towns_share_is_refused_naming_them_and_nothing_is_saved(
    editor_client, report_data
):
    good = _row("宝山区赴罗平县专场招聘会", "宝山区", "罗平县")
    before = Event.objects.count()
    response = _import(editor_client, [good, _row("赴太平镇招聘会", "宝山区", "太平镇")])
    page = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "“太平镇”有4个同名地区" in page
    for chain in (
        "云南省保山市施甸县太平镇（530521105）",
        "云南省昭通市水富市太平镇（530681102）",
        "云南省楚雄州姚安县太平镇（532325105）",
        "云南省德宏州盈江县太平镇（533123108）",
    ):
        assert chain in page
    assert "请写出上级区划" in page
    assert Event.objects.count() == before


def test_a_chain_that_names_no_region_is_unknown(editor_client, report_data):
    response = _import(editor_client, [_row("赴太平镇招聘会", "宝山区", "昭通市施甸县太平镇")])
    assert "未知地区：昭通市施甸县太平镇" in response.content.decode()


# --- The admin's autocompletes -------------------------------------------------------------


def _autocomplete(client, field_name, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "pairings", "model_name": "event", "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_autocompletes_tell_same_name_places_apart_by_the_places_above_them(editor_client):
    assert _autocomplete(editor_client, "yunnan_regions", "太平镇") == [
        "太平镇（云南省保山市施甸县）",
        "太平镇（云南省昭通市水富市）",
        "太平镇（云南省楚雄州姚安县）",
        "太平镇（云南省德宏州盈江县）",
    ]
    assert _autocomplete(editor_client, "partner_regions", "朝阳区")[:2] == [
        "朝阳区（北京市）",
        "朝阳区（吉林省长春市）",
    ]
    assert _autocomplete(editor_client, "shanghai_regions", "新场") == ["新场镇（上海市浦东新区）"]
    assert _autocomplete(editor_client, "yunnan_regions", "昭通") == ["昭通市"]
