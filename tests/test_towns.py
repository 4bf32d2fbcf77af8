"""Towns and same-name places: the events browser finds an event held in a town under its
county, prefecture and district, and the spreadsheet import resolves a place name to one
region of all China's 45,000 or refuses it, naming the candidates."""

import pytest
from django.core.cache import cache

from pairings.models import Pairing, Region
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
