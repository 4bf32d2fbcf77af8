"""The keyword search (summaries.keywords, EventDigest): what it finds, and that PostgreSQL finds it
through the index rather than by reading every event."""

import pytest
from django.contrib.auth.models import User
from django.db import connection

from pairings.models import Event, Pairing, Region
from summaries import writes
from summaries.keywords import TOKEN_INDEX, index_tokens, term_tokens
from summaries.models import EventDigest
from tests.builders import make_event, stale_summaries
from tests.pages import titles_of


@pytest.fixture
def jiading_chuxiong(report_data):
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


def _retitle(event, **fields):
    with writes.kept_current((Event, [event.pk])):
        Event.objects.filter(pk=event.pk).update(**fields)


def test_a_text_is_indexed_by_han_characters_their_pairs_and_latin_triples():
    assert index_tokens("楚雄州3000多人") == [
        "000", "300", "人", "多", "多人", "州", "楚", "楚雄", "雄", "雄州",
    ]  # fmt: skip
    assert index_tokens("wechat g6") == ["cha", "ech", "hat", "wec"]


def test_a_term_needs_the_pairs_of_its_han_runs():
    assert term_tokens("楚雄州") == ["楚雄", "雄州"]
    assert term_tokens("县") == ["县"]
    assert term_tokens("3000多人") == ["000", "300", "多人"]
    assert term_tokens("g6") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("WECHAT", True),  # case does not matter
        ("微信wechat", True),
        ("100%", True),  # % and _ are themselves, not wildcards
        ("10_%", False),
        ("专场嘉定", False),  # the title's end and the venue's start are two texts
        ("场嘉", False),  # a pair, which the index alone decides
        ("嘉定", True),
    ],
)
def test_a_term_is_found_inside_one_text_only(client, jiading_chuxiong, query, found):
    event = make_event(jiading_chuxiong, title="测试微信WeChat专场")
    _retitle(event, venue="嘉定区人力资源市场", summary="岗位匹配率100%")
    titles = titles_of(client.get("/events/", {"q": query}))
    assert ("测试微信WeChat专场" in titles) is found


def test_a_region_renamed_in_the_admin_is_found_by_its_new_name(client, jiading_chuxiong):
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    make_event(jiading_chuxiong, title="测试更名后的招聘会")
    chuxiong = Region.objects.get(name="楚雄州")
    response = client.post(
        f"/admin/pairings/region/{chuxiong.pk}/change/",
        {
            "code": chuxiong.code,
            "name": "楚雄彝族州",
            "full_name": chuxiong.full_name,
            "level": chuxiong.level,
            "parent": chuxiong.parent_id,
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert "测试更名后的招聘会" in titles_of(client.get("/events/", {"q": "楚雄彝族州"}))
    assert not stale_summaries()


def test_a_chinese_term_is_found_through_the_token_index(jiading_chuxiong):
    make_event(jiading_chuxiong, title="测试招聘会")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # the tables are tiny here
    assert TOKEN_INDEX in EventDigest.objects.containing("招聘会").explain()


def test_a_term_the_index_decides_alone_finds_what_the_substring_test_finds(report_data):
    """One or two Chinese characters (or three letters or digits) are their own token: the
    index finds them without the substring test, and must find exactly the same events."""
    texts = EventDigest.objects.values_list("text", flat=True)
    terms = {token for text in texts for token in index_tokens(text) if len(token) <= 3}
    terms = sorted(terms)[::7]  # a spread of a few hundred, to keep the test quick
    assert len(terms) > 100
    for term in terms:
        assert term_tokens(term) == [term]
        found = set(EventDigest.objects.containing(term).values_list("pk", flat=True))
        expected = set(EventDigest.objects.filter(text__contains=term).values_list("pk", flat=True))
        assert found == expected, term
