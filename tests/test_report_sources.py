"""A source report as real pages give it: an address of any length, a title only when the page
prints one, the publication date with where it came from, its script, and whether the page was
cut off. The admin records them and the public pages show them."""

import pytest

from pairings.models import Report

# Report 06 of the corpus: a page with no title, its date read from its address.
PEOPLE_URL = "http://sh.people.com.cn/n2/2021/0323/c134768-34636079.html"
# Report 19 of the corpus: a mirror in traditional script, its year from the text.
DIGIPUB_URL = "http://www.digipub.cc/dy/article/KHNECASR05348TJL.html?f=post2020_dy_recommends"


def _report(**overrides):
    return {
        "title": "",
        "url": PEOPLE_URL,
        "publication": "",
        "author": "",
        "period": "2021-03-23",
        "date_source": "url",
        "script": "simplified",
        "is_truncated": "on",
        "file_name": "06.txt",
        "change_reason": "",
        **overrides,
    }


def _add(client, data):
    response = client.post("/admin/pairings/report/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Report.objects.get(file_name=data["file_name"])


def test_a_page_without_a_title_is_named_by_its_site_and_date(editor_client):
    report = _add(editor_client, _report())
    assert (report.title, report.url, report.date_source) == ("", PEOPLE_URL, "url")
    assert report.is_truncated
    name = "无标题报道（sh.people.com.cn，2021年3月23日）"
    page = editor_client.get(f"/reports/{report.pk}/").content.decode()
    assert f"<h1>{name}</h1>" in page
    assert '2021年3月23日 <span class="muted">（据网址）</span>' in page
    assert f'href="{PEOPLE_URL}"' in page
    assert "取得的页面只有开头部分" in page
    assert name in editor_client.get("/reports/").content.decode()
    assert name in editor_client.get("/admin/pairings/report/").content.decode()


def test_a_report_in_traditional_script_says_so_and_its_inferred_date_says_so(editor_client):
    report = _add(
        editor_client,
        _report(
            url=DIGIPUB_URL,
            period="2025",
            date_source="inferred",
            script="traditional",
            file_name="19.txt",
        ),
    )
    assert report.script == "traditional"
    page = editor_client.get(f"/reports/{report.pk}/").content.decode()
    assert "无标题报道（www.digipub.cc，2025年）" in page
    assert "（据正文推断）" in page
    assert "<dd>繁体</dd>" in page


def test_a_report_keeps_an_address_longer_than_2048_characters_whole(editor_client):
    long_url = PEOPLE_URL + "?ref=" + "x" * 2100
    report = _add(editor_client, _report(url=long_url))
    assert report.url == long_url
    assert long_url in editor_client.get(f"/reports/{report.pk}/").content.decode()


@pytest.mark.parametrize("url", ["sh.people.com.cn/n2/2021", "javascript:alert(1)"])
def test_an_address_that_is_not_a_web_address_is_refused(editor_client, url):
    response = editor_client.post("/admin/pairings/report/add/", _report(url=url))
    assert response.status_code == 200
    assert "输入一个有效的 URL" in response.content.decode()
    assert not Report.objects.filter(file_name="06.txt").exists()


def test_a_report_with_a_title_is_named_by_it(editor_client):
    title = "点对点包车,上海闵行迎来151名云南“亲戚”!"
    report = _add(editor_client, _report(title=title, file_name="13.txt", period="2024-03-04"))
    assert str(report) == title
    assert f"<h1>{title}</h1>" in editor_client.get(f"/reports/{report.pk}/").content.decode()
