"""Which places a drafted figure's sides hold (pairings.drafting.places and .sides): venues
named after a place, asides in brackets, and the sides a report's opening sets."""

import datetime

import pytest

from pairings.drafting import draft, registry
from pairings.drafting.places import Gazetteer

PUBLISHED = datetime.date(2024, 3, 5)


@pytest.fixture
def drafted(report_data):
    metrics, gazetteer = registry(), Gazetteer.from_database()

    def drafted(text, title=""):
        return draft(text, PUBLISHED, title, metrics=metrics, gazetteer=gazetteer)

    return drafted


def test_a_venue_named_after_a_place_is_no_side_of_the_figure(drafted):
    drafts = drafted("普洱市组织务工人员从昆明长水机场出发，85名务工人员飞抵上海虹桥机场。")
    (figure,) = drafts["figures"]
    assert (figure["shanghai"], figure["yunnan"]) == ([], ["普洱市"])


def test_a_school_named_after_a_town_leaves_the_prefecture_the_side(drafted):
    (figure,) = drafted("大理州在大理技师学院开班，42名学员参训。")["figures"]
    assert figure["yunnan"] == ["大理州"]


def test_a_place_named_only_in_an_aside_in_brackets_is_no_side_of_the_sentence(drafted):
    drafts = drafted("上海市支持永德县建设项目9个（含杨浦区区级项目4个）。另有培训班2期。")
    sides = [(f["value"], f["shanghai"], f["yunnan"]) for f in drafts["figures"]]
    assert sides == [
        (9, ["上海市"], ["永德县"]),
        (4, ["上海市"], ["永德县"]),
        (2, ["上海市"], ["永德县"]),
    ]


def test_a_report_of_no_title_takes_the_sides_its_first_paragraph_names(drafted):
    text = "自2022年起，奉贤区与永胜县开展东西部协作。\n目前，累计输送务工人员760人。"
    (figure,) = drafted(text)["figures"]
    assert (figure["shanghai"], figure["yunnan"]) == (["奉贤区"], ["永胜县"])


def test_a_title_that_names_a_place_still_sets_the_sides_before_the_first_paragraph(drafted):
    text = "奉贤区与永胜县开展协作。\n目前，累计输送务工人员760人。"
    (figure,) = drafted(text, "宁蒗县劳务协作成效明显")["figures"]
    assert (figure["shanghai"], figure["yunnan"]) == ([], ["宁蒗县"])


def test_a_later_sentence_of_a_paragraph_goes_on_telling_of_its_event(drafted):
    text = "3月2日，奉贤区在宾川县举办专场招聘会。当天，大理州1200余名求职者到场。"
    (figure,) = drafted(text)["figures"]
    assert figure["event"] == 0
    assert (figure["shanghai"], figure["yunnan"]) == (["奉贤区"], ["宾川县"])


def test_a_figure_of_an_event_naming_another_place_of_a_side_keeps_its_own(drafted):
    text = "3月2日，奉贤区在宾川县举办专场招聘会。当天，祥云县200余名求职者到场。"
    (figure,) = drafted(text)["figures"]
    assert figure["event"] == 0
    assert figure["yunnan"] == ["祥云县"]


@pytest.mark.parametrize(
    "text",
    [
        "奉贤区在宾川县举办培训班2期；完成转移就业300人。",
        "二是奉贤区在宾川县举办培训班2期。三是完成转移就业300人。",
    ],
)
def test_an_item_of_a_list_or_a_new_point_ends_the_event_before_it(drafted, text):
    figures = drafted(text)["figures"]
    assert [f["event"] for f in figures] == [0, None]


def test_counties_named_beside_their_prefecture_leave_a_figure_of_no_event_the_prefecture_s(
    drafted,
):
    (figure,) = drafted("奉贤区在大理州援建宾川、祥云2个实训基地。")["figures"]
    assert figure["yunnan"] == ["大理州"]


def test_a_county_named_alone_stays_the_side_of_a_figure_of_no_event(drafted):
    (figure,) = drafted("奉贤区在宾川县援建2个实训基地。")["figures"]
    assert figure["yunnan"] == ["宾川县"]


def test_the_next_paragraphs_of_a_section_go_on_telling_of_its_event(drafted):
    drafts = drafted(
        "金山·嘉兴赴普洱开展劳务协作\n"
        "2月26日至28日，金山区人社局赴普洱市宁洱县、墨江县举办专场招聘会。\n"
        "\n"
        "此前，金山区人社局梳理企业用工需求，推送15家企业600余个岗位。\n"
        "三场招聘会吸引1200多人到场，80余人达成初步意向。"
    )
    (event,) = drafts["events"]
    assert [f["event"] for f in drafts["figures"]] == [0, 0, 0, 0, 0]
    assert {tuple(f["yunnan"]) for f in drafts["figures"]} == {tuple(event["yunnan"])}


@pytest.mark.parametrize(
    "next_paragraph",
    [
        "返岗服务暖人心",  # a heading
        "3月2日，金山区组织企业开展岗位推介，推送15家企业600余个岗位。",  # a new date
        "自东西部协作开展以来，金山区累计推送15家企业600余个岗位。",  # a span up to today
        "二是强化技能培训，推送15家企业600余个岗位。",  # a new point
    ],
)
def test_a_heading_a_new_date_a_span_or_a_new_point_ends_the_event(drafted, next_paragraph):
    drafts = drafted(
        "2月26日，金山区人社局赴普洱市宁洱县举办专场招聘会。\n"
        + ("\n" if len(next_paragraph) < 10 else "")
        + next_paragraph
        + ("\n推送15家企业600余个岗位。" if len(next_paragraph) < 10 else "")
    )
    assert [f["event"] for f in drafts["figures"]] == [None, None]


def test_a_news_agency_s_dateline_is_no_side(drafted):
    drafts = drafted("据新华社昆明3月2日电 来自普洱市的120名务工人员乘专列来沪。")
    (figure,) = drafts["figures"]
    assert figure["yunnan"] == ["普洱市"]


@pytest.mark.parametrize(
    "sentence",
    [
        "3月2日，86名临沧市务工人员从昆明飞抵上海浦东机场。",
        "3月2日，随着从云南昆明飞来的航班落地，86名来自临沧市的务工人员到达上海。",
        "3月2日，临沧市86名务工人员乘坐昆明南至上海虹桥的列车来沪。",
    ],
)
def test_where_a_route_starts_is_no_side_beside_the_workers_home(drafted, sentence):
    (figure,) = drafted(sentence)["figures"]
    assert figure["yunnan"] == ["临沧市"]


def test_a_route_from_the_workers_own_city_keeps_it(drafted):
    (figure,) = drafted("3月2日，86名务工人员从昆明飞抵上海浦东机场。")["figures"]
    assert figure["yunnan"] == ["昆明市"]
