"""An editor signs in to the admin, records a job fair with two figures from a report through
the real forms (select2 autocompletes included), and finds it on the public pairing page and in
the overview's totals."""

import re

import pytest
from playwright.sync_api import expect

from pairings.models import Event

from .conftest import EDITOR_PASSWORD

pytestmark = pytest.mark.browser

REPORT = "沪滇劳务协作 共创共享共赢"  # 000_b619cccd90127e23.txt
CITATION = "2月6日,宣威市人力资源和社会保障局联合复兴街道成功举办2026年“春风行动”暨东西部劳务协作专场招聘会"  # noqa: E501 - verbatim
TITLE = "嘉定区赴武定县专场招聘会"


def _autocomplete(page, select_id, search, choice):
    """Open the select2 box that stands for <select id=select_id>, type, and pick a result."""
    page.locator(f"#{select_id} + .select2").click()
    box = page.locator(".select2-container--open .select2-search__field")
    box.fill(search)
    page.locator(".select2-results__option", has_text=re.compile(f"^{choice}$")).click()
    expect(page.locator(f"#{select_id} + .select2 .select2-selection")).to_contain_text(choice)


def _figure(page, index, *, metric, value, qualifier, unit, excerpt):
    prefix = f"id_figures-{index}"
    page.locator(f"#{prefix}-metric").select_option(label=metric)
    page.locator(f"#{prefix}-value").fill(value)
    page.locator(f"#{prefix}-qualifier").select_option(value=qualifier)
    page.locator(f"#{prefix}-unit").select_option(label=unit)
    _autocomplete(page, f"{prefix}-report", "共创", REPORT)
    page.locator(f"#{prefix}-excerpt").fill(excerpt)


def test_an_editor_adds_a_job_fair_and_finds_it_on_the_public_pages(
    page, site, editor, check_page, screenshot
):
    page.goto(site.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("用户名").fill("editor")
    page.get_by_label("密码").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("link", name="最近修改")).to_be_visible()

    events_before = Event.objects.count()
    page.goto(site.url + "/admin/pairings/event/add/")
    page.get_by_label("类型").select_option(label="专场招聘会")
    page.get_by_label("标题").fill(TITLE)
    page.locator("#id_period").fill("2026-05-12")
    _autocomplete(page, "id_pairings", "嘉定", "嘉定区–楚雄州")
    _autocomplete(page, "id_shanghai_regions", "嘉定", "嘉定区（上海市）")
    _autocomplete(page, "id_yunnan_regions", "武定", "武定县（云南省楚雄州）")
    _autocomplete(page, "id_citations-0-report", "共创", REPORT)
    page.locator("#id_citations-0-excerpt").fill(CITATION)
    _figure(
        page,
        0,
        metric="提供岗位",
        value="1600",
        qualifier="at_least",
        unit="个",
        excerpt="共提供超过1600个就业机会",
    )
    _figure(
        page,
        1,
        metric="入场求职者",
        value="500",
        qualifier="exact",
        unit="人",
        excerpt="共有104人与企业达成录用意向",
    )
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(TITLE)
    screenshot(page, "editor-1-admin-saved")

    page.goto(site.url + "/")
    positions = page.locator(".card").filter(
        has=page.get_by_role("heading", name="提供岗位", exact=True)
    )
    expect(positions.locator(".card-value")).to_have_text("8,455+ 个")  # 6,855+ before
    expect(page.locator(".card").filter(has_text="查看全部活动")).to_contain_text(
        f"{events_before + 1} 项"
    )
    check_page(page)

    page.locator("ul.pairing-list").get_by_role("link", name=re.compile("^嘉定区 ⇄ 楚雄")).click()
    event = page.locator("li.timeline-item").filter(has_text=TITLE)
    expect(event).to_contain_text("2026年5月12日")
    expect(event).to_contain_text("专场招聘会")
    expect(event.locator(".figure").filter(has_text="提供岗位")).to_contain_text("1,600+ 个")
    expect(event.locator(".figure").filter(has_text="入场求职者")).to_contain_text("500 人")
    check_page(page)
    event.scroll_into_view_if_needed()
    screenshot(page, "editor-2-pairing-page")
