"""The events browser at /events/: filters, facets, sorting, paging, bad input, query counts."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache

from pairings.filters import EventFilter
from pairings.models import Event, Pairing
from summaries import writes
from tests.builders import make_event, make_events
from tests.pages import fetch_page, rows_of, titles_of

# These tests know the two first reports' records by heart; the corpus is left out.
pytestmark = pytest.mark.usefixtures("first_reports")

# Titles in fixtures/report_data.json, by event pk.
JIADING_FIRST_FAIR = "嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动"  # 2017年11月
JIADING_SECOND_FAIR = "嘉定区再赴楚雄开展对口支援就业扶贫专场招聘活动"  # 2018年6月
CHUXIONG_SEVEN_COUNTIES = "楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会"  # 2018年6月27日
CAMPUS_FAIR = "楚雄技师学院2018年夏季校园招聘会"  # 2018年6月28日
SCHOOL_COOPERATION = "嘉定区推进面向楚雄技校学生的校企合作"  # 2017年9月
CAR_TRAINING = "上海嘉定送教云南楚雄汽车营销与维修培训"  # 2017年
FRAMEWORK_AGREEMENT = (
    "嘉定区与楚雄州签订人力资源对口帮扶合作框架协议、建立劳务合作工作机制"  # 2017—2018年
)
DELEGATION = "上海市代表团深入云南文山州、红河州学习考察"  # 2026年4月16日至17日
SONGJIANG_FAIR = "松江·平湖联合赴昭通开展劳务协作专场招聘会"  # 2026年1月20日至24日
MINHANG_TRAIN = "闵行区春节“点对点”包列服务及暖心慰问活动"  # 2026年2月23日
LUOPING_SERIES = "罗平县“春风送岗·雁归罗平”沪滇劳务协作系列专场招聘活动"  # 自2026年2月起
XUANWEI_FAIR = "宣威市2026年“春风行动”暨东西部劳务协作专场招聘会"  # 2026年2月6日
NUJIANG_DISPATCH = "浦东新区与怒江州2026年劳务协作第二批务工人员集中赴沪"  # 2026年2月3日
# regions, page, 4 prefetches, and the facets (the kind facet gives the count): one grouped
# query, over the summary tables or, for text, counties and part months, over the digests.
PAGE_QUERIES = 7


@pytest.fixture
def jiading_chuxiong(report_data):
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


def test_it_lists_every_event_newest_first(client, report_data):
    response = client.get("/events/")
    assert response.status_code == 200
    titles = titles_of(response)
    assert len(titles) == 24
    assert titles[0] == DELEGATION
    assert titles[-1] == CAR_TRAINING  # 2017年 starts before 2017年9月
    assert "共 24 项活动" in response.content.decode()


def test_it_filters_to_zhaotong_in_february_2026(client, report_data):
    response = client.get(
        "/events/", {"prefecture": "530600", "date_from": "2026-02-01", "date_to": "2026-02-28"}
    )
    assert response.status_code == 200
    # The 松江 job fair in 昭通's counties was on 1月20日至24日, before the range.
    assert titles_of(response) == [MINHANG_TRAIN]
    assert "共 1 项活动" in response.content.decode()


def test_the_zhaotong_prefecture_includes_events_in_its_counties(client, report_data):
    response = client.get("/events/", {"prefecture": "530600", "date_from": "2026-01-01"})
    assert titles_of(response) == [MINHANG_TRAIN, SONGJIANG_FAIR]


def test_a_county_filter_matches_only_events_placed_in_that_county(client, report_data):
    response = client.get("/events/", {"county": "530602"})  # 昭阳区
    assert titles_of(response) == [SONGJIANG_FAIR]


def test_a_month_matches_any_range_that_touches_it(client, report_data):
    # 2017年11月 is the whole month: the last day of November is inside it.
    inside = client.get("/events/", {"date_from": "2017-11-30", "date_to": "2017-11-30"})
    assert JIADING_FIRST_FAIR in titles_of(inside)
    before = client.get("/events/", {"date_from": "2017-10-01", "date_to": "2017-10-31"})
    assert JIADING_FIRST_FAIR not in titles_of(before)


def test_a_day_inside_a_month_finds_the_month_and_the_day(client, report_data):
    response = client.get("/events/", {"date_from": "2018-06-27", "date_to": "2018-06-27"})
    # 2018年6月 (month) and 2018年6月27日 (day); not 6月28日; the 2017—2018 agreement (years).
    assert set(titles_of(response)) == {
        JIADING_SECOND_FAIR,
        CHUXIONG_SEVEN_COUNTIES,
        FRAMEWORK_AGREEMENT,
    }


def test_a_year_matches_any_range_inside_it(client, report_data):
    response = client.get("/events/", {"date_from": "2017-06-01", "date_to": "2017-06-30"})
    assert set(titles_of(response)) == {CAR_TRAINING, FRAMEWORK_AGREEMENT}


def test_an_open_ended_event_matches_every_range_after_its_start(client, report_data):
    later = client.get("/events/", {"date_from": "2026-06-01"})
    assert titles_of(later) == [LUOPING_SERIES]  # 自2026年2月起: no end reported
    before = client.get("/events/", {"date_to": "2026-01-31"})
    assert LUOPING_SERIES not in titles_of(before)
    first_day = client.get("/events/", {"date_from": "2026-02-01", "date_to": "2026-02-01"})
    assert LUOPING_SERIES in titles_of(first_day)


def test_it_shows_dates_at_the_precision_the_report_gave(client, report_data):
    page = client.get("/events/").content.decode()
    assert "2017年11月" in page
    assert "自2026年2月起" in page
    assert "2026年1月20日至24日" in page
    assert "2017—2018年" in page


def test_presets_are_relative_to_today(client, report_data, monkeypatch):
    monkeypatch.setattr("pairings.filters.timezone.localdate", lambda: datetime.date(2026, 5, 22))
    this_year = titles_of(client.get("/events/", {"period": "this_year"}))
    assert len(this_year) == 12
    assert DELEGATION in this_year and JIADING_FIRST_FAIR not in this_year
    last_year = client.get("/events/", {"period": "last_year"})
    assert last_year.status_code == 200
    assert titles_of(last_year) == []
    assert "没有符合条件的活动" in last_year.content.decode()
    assert len(titles_of(client.get("/events/", {"period": "all"}))) == 24


def test_undated_events_are_found_by_not_stated_and_never_by_dates(
    client, report_data, jiading_chuxiong
):
    undated = make_event(jiading_chuxiong, title="日期未报道的活动")
    with writes.kept_current((Event, [undated.pk])):
        Event.objects.filter(pk=undated.pk).update(
            date_start=None, date_end=None, date_precision=""
        )
    assert titles_of(client.get("/events/", {"dated": "no"})) == ["日期未报道的活动"]
    assert len(titles_of(client.get("/events/", {"dated": "yes"}))) == 24
    assert "日期未报道的活动" not in titles_of(client.get("/events/", {"date_to": "2030-12-31"}))
    page = client.get("/events/").content.decode()
    assert titles_of(client.get("/events/"))[-1] == "日期未报道的活动"  # undated sort last
    assert "日期未报道" in page


def test_not_stated_finds_events_without_a_yunnan_place(client, report_data, jiading_chuxiong):
    placeless = make_event(jiading_chuxiong, title="未写云南地点的活动")
    with writes.kept_current((Event, [placeless.pk])):
        placeless.yunnan_regions.clear()
    assert titles_of(client.get("/events/", {"prefecture": "none"})) == ["未写云南地点的活动"]
    both = client.get("/events/", {"prefecture": ["none", "530600"]})
    assert set(titles_of(both)) == {"未写云南地点的活动", MINHANG_TRAIN, SONGJIANG_FAIR}
    counts = client.get("/events/").context["facet_counts"]["prefecture"]
    assert counts["none"] == 1


def test_it_combines_filters(client, report_data):
    response = client.get(
        "/events/",
        {
            "kind": "job_fair",
            "shanghai": "310113",  # 宝山区
            "date_from": "2026-02-06",
            "date_to": "2026-02-06",
        },
    )
    assert titles_of(response) == [XUANWEI_FAIR, LUOPING_SERIES]
    narrowed = client.get(
        "/events/", {"kind": "job_fair", "shanghai": "310113", "q": "罗平", "dated": "yes"}
    )
    assert titles_of(narrowed) == [LUOPING_SERIES]


def test_options_of_one_filter_are_alternatives(client, report_data):
    response = client.get("/events/", {"kind": ["meeting", "worker_dispatch"], "q": "2026"})
    kinds = {row[1] for row in rows_of(response)}
    assert kinds == {"座谈会、会议", "务工人员集中输送"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("家门到车门", [MINHANG_TRAIN]),  # only in the citation's excerpt
        ("推送20家企业", [SONGJIANG_FAIR]),  # only in a figure's excerpt
        ("福贡", [NUJIANG_DISPATCH]),  # a Yunnan county's name (and the summary)
        ("西盟佤族自治县", ["西盟县2026年春季促进就业专项行动暨黄浦区·西盟县东西部劳务协作招聘会"]),
        ("昭阳区 招聘会", [SONGJIANG_FAIR]),  # every word must match somewhere
    ],
)
def test_free_text_searches_what_a_reader_sees(client, report_data, query, expected):
    assert titles_of(client.get("/events/", {"q": query})) == expected


def test_free_text_never_repeats_an_event(client, report_data):
    # 县 is in many titles, places, citations and figures of the same events.
    titles = titles_of(client.get("/events/", {"q": "县"}))
    assert len(titles) == len(set(titles)) > 5


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-02-30"}, "date_from", "输入一个有效的日期。"),
        ({"date_to": "昨天"}, "date_to", "输入一个有效的日期。"),
        ({"shanghai": "999999"}, "shanghai", "没有代码为“999999”的上海区划。"),
        ({"prefecture": "530602"}, "prefecture", "没有代码为“530602”的云南州（市）。"),
        ({"county": "530600"}, "county", "没有代码为“530600”的云南县（市、区）。"),
        ({"kind": "party"}, "kind", "没有“party”这种活动类型。"),
        (
            {"date_from": "2026-03-01", "date_to": "2026-02-01"},
            "date_to",
            "结束日期不能早于开始日期。",
        ),
        (
            {"period": "this_year", "date_from": "2026-01-01"},
            "period",
            "请选择预设时段或填写日期，不要同时使用。",
        ),
        ({"period": "decade"}, "period", "没有“decade”这个预设时段。"),
        ({"dated": "maybe"}, "dated", "“maybe”不是有效的选项。"),
        ({"sort": "price"}, "sort", "不能按“price”排序。"),
        ({"q": "招" * 101}, "q", "100"),
    ],
)
def test_bad_input_shows_its_error_by_the_field_and_no_events(
    client, report_data, params, field, message
):
    response = client.get("/events/", {**params, "kind": params.get("kind", "job_fair")})
    assert response.status_code == 400
    page = response.content.decode()
    error_list = page.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error_list
    assert rows_of(response) == []
    assert "共 " not in page
    assert "筛选条件有误" in page


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "2018-01-01", "date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ],
)
def test_the_last_day_of_the_calendar_is_a_date_like_any_other(client, report_data, params):
    response = client.get("/events/", params)
    assert response.status_code == 200
    titles = titles_of(response)
    assert titles and len(titles) == len(Event.objects.between(params.get("date_from")))
    assert f"共 {len(titles)} 项活动" in response.content.decode()


@pytest.mark.parametrize(
    "queries",
    [
        ("date_to=2018-06-30&date_to=", "date_to=&date_to=2018-06-30"),
        ("date_to=&date_to=2018-06-30", "date_to=2018-06-30&date_to="),
    ],
)
def test_a_repeated_field_counts_what_it_lists_whichever_order_was_cached_first(
    client, report_data, queries
):
    for query in (*queries, *queries):  # the second round reads a warm cache
        response = client.get(f"/events/?{query}")
        page = response.content.decode()
        titles = titles_of(response)
        assert f"共 {len(titles)} 项活动" in page, query
        # Django reads the last value: an empty one is no bound at all.
        assert (len(titles) == 24) == query.endswith("="), query


def test_addresses_the_filter_reads_alike_share_one_drawn_page_and_no_stray_parameter(
    client, report_data
):
    first = client.get("/events/?kind=meeting&kind=job_fair&date_to=2018/6/30&utm=x&sort=-date")
    again = client.get("/events/?date_to=2018-06-30&kind=job_fair&kind=meeting&kind=meeting")
    assert again.content == first.content
    assert "utm" not in first.content.decode()


def test_a_filter_asked_again_in_another_form_is_read_back_without_a_query(
    client, report_data, django_assert_num_queries
):
    client.get("/events/", {"kind": "meeting", "date_from": "2018-01-01", "page": "1"})
    with django_assert_num_queries(0):
        again = client.get("/events/", {"date_from": "2018-1-1", "kind": "meeting", "q": " "})
    assert again.status_code == 200
    assert titles_of(again)


FILTERS_READ_DIFFERENTLY = [
    ({"date_to": "2018-06-30"}, {"date_to": "2018-06-29"}),
    ({"date_to": "2018-06-30"}, {"date_from": "2018-06-30"}),
    ({"q": "招聘 楚雄"}, {"q": "招聘楚雄"}),
    ({"q": "a&b=c"}, {"q": "a", "b": "c"}),
    ({"kind": ["job_fair", "meeting"]}, {"kind": "job_fair"}),
    ({"prefecture": "532300"}, {"county": "532329"}),
    ({"period": "all"}, {}),
]


@pytest.mark.parametrize(
    ("one", "other"),
    [*FILTERS_READ_DIFFERENTLY, ({"sort": "date"}, {}), ({"page": "2"}, {})],
)
def test_addresses_read_differently_never_share_a_drawn_page(client, report_data, one, other):
    assert client.get("/events/", one).content != client.get("/events/", other).content


@pytest.mark.parametrize(("one", "other"), FILTERS_READ_DIFFERENTLY)
def test_filters_read_differently_never_share_facet_counts(report_data, one, other):
    assert _facets_key(one) != _facets_key(other)


def _facets_key(params):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    filterset = EventFilter(data)
    assert filterset.is_valid(), filterset.errors
    return filterset.facets_key()


@pytest.mark.parametrize("page", ["2", "0", "-1", "abc", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_400_with_a_way_back(client, report_data, page):
    response = client.get("/events/", {"kind": "job_fair", "page": page})
    assert response.status_code == 400
    assert rows_of(response) == []
    body = response.content.decode()
    assert f"没有第“{page}”页" in body
    assert 'href="?kind=job_fair"' in body


def test_facet_counts_sit_beside_each_option(client, report_data):
    response = client.get("/events/")
    counts = response.context["facet_counts"]
    assert counts["kind"]["job_fair"] == 8
    assert counts["shanghai"]["310114"] == 13  # 嘉定区
    # Counties count towards their prefecture: 楚雄州 has nine events and 武定县 one.
    assert counts["prefecture"]["532300"] == 10
    # 红河州 and its 开远市 in the same event count that event once; 徐汇's train adds one.
    assert counts["prefecture"]["532500"] == 2
    assert counts["prefecture"]["530600"] == 2
    assert "none" not in counts["prefecture"]
    page = response.content.decode()
    assert '<span>专场招聘会</span>\n                <span class="events-option-count">8' in page


def test_facet_counts_follow_the_other_filters(client, report_data):
    counts = client.get("/events/", {"kind": "job_fair"}).context["facet_counts"]
    assert counts["shanghai"]["310114"] == 4  # 嘉定区's job fairs only
    assert counts["prefecture"]["532300"] == 3
    # A kind's own count ignores the kind filter, so ticking 座谈会 adds what it says.
    assert counts["kind"]["meeting"] == 3


@pytest.mark.parametrize("params", [{}, {"q": "招聘"}, {"county": "532329"}])
def test_facet_counts_take_one_grouped_query(
    client, report_data, django_assert_num_queries, params
):
    with django_assert_num_queries(PAGE_QUERIES) as captured:
        client.get("/events/", params)
    assert sum("GROUP BY" in query["sql"] for query in captured.captured_queries) == 1


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("-date", DELEGATION, CAR_TRAINING),
        ("date", CAR_TRAINING, DELEGATION),
        ("kind", XUANWEI_FAIR, SCHOOL_COOPERATION),  # job fairs first, newest first within
        ("-kind", SCHOOL_COOPERATION, JIADING_FIRST_FAIR),
    ],
)
def test_it_sorts(client, report_data, sort, first, last):
    titles = titles_of(client.get("/events/", {"sort": sort}))
    assert (titles[0], titles[-1]) == (first, last)


def test_title_order_reverses(client, report_data):
    ascending = titles_of(client.get("/events/", {"sort": "title"}))
    assert ascending[0].startswith("2018年")  # digits before Chinese characters
    assert titles_of(client.get("/events/", {"sort": "-title"})) == ascending[::-1]


def test_sortable_headers_keep_the_filter_and_flip_the_order(client, report_data):
    page = client.get("/events/", {"prefecture": "530600", "page": "1"}).content.decode()
    assert 'href="?prefecture=530600&amp;sort=kind"' in page
    assert 'href="?prefecture=530600&amp;sort=date"' in page  # newest first now: flip
    assert 'aria-sort="descending"' in page
    flipped = client.get("/events/", {"prefecture": "530600", "sort": "kind"}).content.decode()
    assert 'href="?prefecture=530600&amp;sort=-kind"' in flipped


def test_pagination_keeps_the_filter(client, report_data, jiading_chuxiong):
    make_events(jiading_chuxiong, 30)  # job fairs
    first = client.get("/events/", {"kind": "job_fair"})
    assert len(rows_of(first)) == 25
    page = first.content.decode()
    assert "共 38 项活动，当前显示第 1–25 项" in page
    assert 'href="?kind=job_fair&amp;page=2"' in page
    second = client.get("/events/", {"kind": "job_fair", "page": "2"})
    assert second.status_code == 200
    assert len(rows_of(second)) == 13
    assert {row[1] for row in rows_of(second)} == {"专场招聘会"}


def test_the_export_links_carry_the_query_but_not_the_page(client, report_data):
    page = client.get("/events/", {"prefecture": "530600", "page": "1"}).content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/events/export.{fmt}?prefecture=530600"' in page


def test_titles_link_to_the_pairing_at_the_event(client, report_data):
    event = Event.objects.get(title=MINHANG_TRAIN)
    pairing = event.pairings.get()
    page = client.get("/events/", {"q": "闵行"}).content.decode()
    assert f'href="/pairings/{pairing.pk}/#event-{event.pk}"' in page


def test_a_row_shows_figures_places_and_the_source_excerpt(client, report_data):
    response = client.get("/events/", {"q": "松江"})
    [row] = rows_of(response)
    date, kind, title, shanghai, yunnan, figures, sources = row
    assert (date, kind, shanghai) == ("2026年1月20日至24日", "专场招聘会", "松江区")
    assert yunnan == "昭通市：昭阳区、镇雄县、彝良县、威信县"
    assert "提供岗位 2,000+ 个" in figures
    assert "入场求职者 3,000+ 人" in figures
    assert sources.startswith("沪滇劳务协作 共创共享共赢")
    assert "赴云南省昭通市昭阳区、彝良县、镇雄县、威信县开展劳务协作专场招聘会" in sources
    assert "<details" in response.content.decode()


def test_a_part_reads_as_a_part_and_missing_figures_never_read_as_zero(client, report_data):
    response = client.get("/events/")
    rows = dict(zip(titles_of(response), rows_of(response), strict=True))
    seven_counties = rows[CHUXIONG_SEVEN_COUNTIES]
    assert "其中 达成意向（农村建档立卡贫困劳动力） 29 人" in seven_counties[5]
    delegation = rows[DELEGATION]
    assert delegation[5] == "报道未给出数字"


def test_the_english_page_uses_the_same_filter(client, report_data):
    response = client.get("/en/events/", {"prefecture": "530600", "date_from": "2026-02-01"})
    assert response.status_code == 200
    assert len(rows_of(response)) == 1


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, PAGE_QUERIES),
        ({"prefecture": "530600", "date_from": "2026-01-01", "sort": "kind"}, PAGE_QUERIES),
        ({"page": "2"}, PAGE_QUERIES),
        ({"q": "测试", "page": "2"}, PAGE_QUERIES),
        ({"county": "532329", "date_from": "2026-01-15"}, PAGE_QUERIES),
    ],
)
def test_the_page_runs_a_fixed_number_of_queries(
    client, report_data, jiading_chuxiong, django_assert_num_queries, params, queries
):
    if params.get("page"):
        make_events(jiading_chuxiong, 30)
    with django_assert_num_queries(queries):
        assert client.get("/events/", params).status_code == 200


def test_fifty_more_events_take_no_more_queries(
    client, report_data, jiading_chuxiong, django_assert_num_queries
):
    make_events(jiading_chuxiong, 50)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get("/events/")
    assert len(rows_of(response)) == 25
    cache.clear()  # the regions the filter offers are cached: count them again
    with django_assert_num_queries(PAGE_QUERIES):
        client.get("/events/", {"page": "3", "shanghai": "310114"})


def test_text_for_screen_readers_only_is_hidden_by_the_one_class_the_stylesheet_defines(
    client, report_data
):
    stylesheet = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert stylesheet.count("visually-hidden {") == 1
    page = client.get("/events/").content.decode()
    assert '<caption class="visually-hidden">' in page
    assert "events-visually-hidden" not in page


def test_the_filters_wait_behind_one_button_that_says_how_many_are_set(client, report_data):
    page = fetch_page(client, "/events/?prefecture=530600&date_from=2026-02-01&date_to=2026-02-28")
    toggle = page.select_one("details.events-filters-toggle")
    assert toggle is not None and not toggle.has_attr("open"), "a shared link opens on the answer"
    assert toggle.select_one("form.events-filters") is not None
    assert toggle.summary.get_text(" ", strip=True) == "筛选条件 已选 3 项"


def test_the_filters_stand_open_when_they_need_correcting(client, report_data):
    page = fetch_page(client, "/events/?date_from=2026-13-01", status=400)
    assert page.select_one("details.events-filters-toggle").has_attr("open")
