"""Traditional and simplified script are one to the search and the admin's autocompletes: 閔行
finds 闵行, 西雙版納 finds 西双版纳, a simplified term finds a report printed in traditional
script; what is stored and shown (titles, excerpts) stays as it was printed."""

import pytest
from django.core.management import CommandError, call_command

from pairings.models import Event, Pairing
from summaries import writes
from summaries.keywords import fold, index_tokens
from summaries.models import EventDigest
from tests.admin_forms import inline
from tests.builders import make_event, make_report
from tests.pages import titles_of

# Report 13 of the corpus (simplified) and report 17 (traditional), verbatim.
MINHANG_TITLE = "点对点包车,上海闵行迎来151名云南“亲戚”!"
MINHANG_EXCERPT = (
    "3辆“闵行-昭通”的点对点返岗复工输送专车,满载151名云南省昭通市永善县来沪返岗复工务工人员"
)
WENSHAN_EXCERPT = (
    "云南省文山壯族苗族自治州的60余名務(wù)工人員免費(fèi)乘坐飛機(jī)前往上海返崗復(fù)工"  # noqa: E501 - verbatim
)


def _add_event(client, pairing, report, title, excerpt):
    data = {
        "kind": "worker_dispatch",
        "title": title,
        "period": "",
        "pairings": [str(pairing.pk)],
        "shanghai_regions": [pairing.shanghai_id],
        "yunnan_regions": [pairing.yunnan_id],
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": excerpt}]),
        **inline("figures", []),
    }
    response = client.post("/admin/pairings/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Event.objects.get(title=title)


@pytest.fixture
def minhang_and_wenshan(editor_client):
    minhang = _add_event(
        editor_client,
        Pairing.objects.get(shanghai__name="闵行区", yunnan__name="昭通市"),
        make_report("13.txt", MINHANG_TITLE),
        "闵行迎来151名昭通永善务工人员",
        MINHANG_EXCERPT,
    )
    wenshan = _add_event(
        editor_client,
        Pairing.objects.get(shanghai__name="上海市", yunnan__name="文山州"),
        make_report("17.txt", ""),
        "文山州60余名务工人员乘飞机赴沪返岗",
        WENSHAN_EXCERPT,
    )
    return minhang, wenshan


def test_the_events_search_finds_an_event_whichever_script_the_term_is_in(
    client, minhang_and_wenshan
):
    minhang, wenshan = minhang_and_wenshan
    in_traditional = titles_of(client.get("/events/", {"q": "閔行"}))
    assert minhang.title in in_traditional
    assert in_traditional == titles_of(client.get("/events/", {"q": "闵行"}))
    # The excerpt is stored and shown in the traditional script it was printed in.
    assert wenshan.citations.get().excerpt == WENSHAN_EXCERPT
    response = client.get("/events/", {"q": "乘坐飞机"})  # the excerpt prints 乘坐飛機
    assert wenshan.title in titles_of(response)
    assert WENSHAN_EXCERPT in response.content.decode()


def _autocomplete(client, model_name, field_name, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "pairings", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_admin_autocompletes_find_regions_reports_and_events_in_either_script(
    editor_client, minhang_and_wenshan
):
    assert _autocomplete(editor_client, "event", "shanghai_regions", "閔行") == ["闵行区（上海市）"]
    assert _autocomplete(editor_client, "event", "yunnan_regions", "西雙版納")[0] == "西双版纳州"
    # The corpus holds report 13 too: the same title, listed once per report.
    assert set(_autocomplete(editor_client, "eventcitation", "report", "點對點包車")) == {
        MINHANG_TITLE
    }
    assert _autocomplete(editor_client, "figure", "event", "閔行迎來") == [
        str(minhang_and_wenshan[0])
    ]
    # A simplified term finds a record written in traditional script.
    report = make_report("08.txt", "鎮雄縣東西部協作")
    assert _autocomplete(editor_client, "eventcitation", "report", "镇雄县") == [report.title]


def test_a_digest_folded_before_the_script_was_folded_fails_the_check(report_data):
    event = make_event(
        Pairing.objects.get(shanghai__name="闵行区", yunnan__name="昭通市"), title="閔行招聘會"
    )
    assert fold(event.title) == "闵行招聘会"
    unfolded = EventDigest.objects.get(pk=event.pk).text.replace("闵行招聘会", "閔行招聘會")
    EventDigest.objects.filter(pk=event.pk).update(
        text=unfolded, tokens=" ".join(index_tokens(unfolded))
    )
    with pytest.raises(CommandError, match="stale"):
        call_command("refresh_summaries", check=True, verbosity=0)
    with writes.kept_current(everything=True):
        pass
    call_command("refresh_summaries", check=True, verbosity=0)
