"""An editor pastes corpus report 11 (大姚县人民政府, 2023-10-23) into a new report, opens the
records drafted from it, reviews them beside the text and saves its figures on one screen; the
figures are stored and the totals are current."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from pairings.models import Figure, Report

from ..builders import stale_summaries
from .conftest import DESKTOP, EDITOR_PASSWORD, PHONE

pytestmark = pytest.mark.browser

REPORT_11 = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "11.txt"
TITLE = "大姚县持续深化东西部协作,帮扶作用充分发挥"


@pytest.mark.skipif(not REPORT_11.exists(), reason="the corpus (../shared) is not here")
def test_an_editor_pastes_a_report_and_saves_its_drafted_figures(
    page, site, editor, check_page, screenshot
):
    page.goto(site.url + "/admin/login/")
    page.get_by_label("用户名").fill("editor")
    page.get_by_label("密码").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.goto(site.url + "/admin/pairings/report/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_publication").fill("大姚县人民政府")
    page.locator("#id_period").fill("2023年10月23日")
    page.locator("#id_file_name").fill("dayao-2023-10-23.txt")
    page.locator("#id_text").fill(REPORT_11.read_text(encoding="utf-8"))
    page.get_by_role("button", name="保存并继续编辑").click()
    report = Report.objects.get(file_name="dayao-2023-10-23.txt")

    page.get_by_role("link", name="从原文起草记录").click()
    expect(page).to_have_url(re.compile(rf"/admin/pairings/report/{report.pk}/drafts/$"))
    page.watch.take()  # the change page's related-link icons, aborted by leaving it
    marks = page.locator(".report-text mark")
    expect(marks.first).to_be_visible()
    ticked = page.locator(".draft-figure input[type=checkbox][name$='-accepted']:checked")
    expected = ticked.count()
    assert expected > 0
    screenshot(page, "drafts-1-desktop")
    page.set_viewport_size(PHONE)
    check_page(page)
    screenshot(page, "drafts-2-phone")
    page.set_viewport_size(DESKTOP)

    with page.expect_navigation(timeout=60000):
        page.get_by_role("button", name="保存已确认").click()
    expect(page.locator(".messagelist .success")).to_contain_text("已保存据原文起草")
    saved = Figure.objects.filter(report=report)
    assert saved.count() == expected
    assert all(
        f.history.first().history_change_reason == "据报道原文起草，经编辑确认" for f in saved
    )
    assert stale_summaries() == {}
