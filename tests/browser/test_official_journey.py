"""An official reads the overview, opens 青浦区–德宏州 from the pairing matrix, sees its timeline
drawn, and follows a figure to its source excerpt and on to the report it came from; on a
desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from pairings.models import Event

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

# The chart as Chart.js holds it, and how many of its pixels are painted.
CHART_STATE = """canvas => {
  const chart = Chart.getChart(canvas);
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
  return {
    labels: chart ? chart.data.labels : null,
    flows: chart && chart.config.type === "sankey" ? chart.data.datasets[0].data : null,
    bars: chart ? chart.data.datasets.filter(d => d.stack === "events")
                       .map(d => ({label: d.label, data: d.data})) : [],
    painted,
    blank: canvas.toDataURL() === Object.assign(document.createElement("canvas"),
                                                {width: canvas.width, height: canvas.height})
                                         .toDataURL(),
  };
}"""


def _assert_drawn(page, canvas_id):
    """Return the chart on the canvas once Chart.js has painted it."""
    page.wait_for_function(f"() => Chart.getChart(document.getElementById('{canvas_id}'))")
    chart = page.locator(f"#{canvas_id}").evaluate(CHART_STATE)
    assert not chart["blank"] and chart["painted"] > 1000, f"the canvas #{canvas_id} is blank"
    return chart


def _on_phone(page):
    return page.viewport_size["width"] <= PHONE["width"]


def _assert_tappable(link):
    """A thumb can hit it: at least 44×44 CSS pixels."""
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, (
        f"tap target {link.inner_text()!r} is {box['width']:.0f}×{box['height']:.0f} px"
    )


def _tap(page, link):
    if _on_phone(page):
        _assert_tappable(link)
    link.click()


def _rows(table):
    return [
        [cell.strip() for cell in row]
        for row in table.locator("tbody tr").evaluate_all(
            "rows => rows.map(row => [...row.cells].map(cell => cell.innerText))"
        )
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_official_follows_a_figure_from_the_overview_to_its_report(
    page, site, check_page, screenshot, viewport
):
    page.set_viewport_size(viewport)
    device = "phone" if viewport == PHONE else "desktop"
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("沪滇劳务协作总览")
    totals = page.locator("section[aria-labelledby=totals-heading] .card")
    positions = totals.filter(has=page.get_by_role("heading", name="提供岗位", exact=True))
    expect(positions.locator(".card-value")).to_have_text("6,855+ 个")
    expect(totals.filter(has=page.get_by_role("heading", name="活动", exact=True))).to_contain_text(
        f"{Event.objects.count()} 项"
    )
    flows = _assert_drawn(page, "flow-chart")["flows"]
    flow_table = page.locator("section[aria-labelledby=flows-heading] table").first
    # The table quotes each flow as the pages quote figures, qualifier and all ("500+ 人"); the
    # chart draws its number.
    assert [
        [source, target, re.sub(r"^(≥ |约 |≤ )|\+(?= 人$)", "", quoted)]
        for source, target, quoted in _rows(flow_table)
    ] == [[flow["from"], flow["to"], f"{flow['flow']:,.0f} 人"] for flow in flows]
    _assert_drawn(page, "monthly-chart")
    check_page(page)
    page.locator("#flow-chart").scroll_into_view_if_needed()
    screenshot(page, f"official-{device}-0-overview-flows")
    if _on_phone(page):
        for link in page.locator(".site-nav a").all():
            _assert_tappable(link)

    # On a phone the matrix gives way to the same pairings as a list.
    matrix = page.locator(".matrix-list" if _on_phone(page) else "table.matrix")
    cell = matrix.get_by_role("link", name=re.compile("^青浦区 ⇄ 德宏傣族景颇族自治州"))
    _tap(page, cell)

    expect(page).to_have_url(re.compile(r"/pairings/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("青浦区 ⇄ 德宏傣族景颇族自治州")
    canvas = page.locator("#timeline-chart")
    expect(canvas).to_be_visible()
    chart = _assert_drawn(page, "timeline-chart")
    table = page.locator("section[aria-labelledby=timeline-heading] table")
    expected = []
    for index, month in enumerate(chart["labels"]):
        counts = [(bar["label"], bar["data"][index]) for bar in chart["bars"]]
        counts = [(label, count) for label, count in counts if count]
        if counts:
            kinds = "、".join(f"{label} {count}" for label, count in counts)
            expected.append([month, kinds, str(sum(count for _, count in counts))])
    assert _rows(table) == expected == [["2026-03", "座谈会、会议 1、考察走访 1", "2"]]
    check_page(page)
    canvas.scroll_into_view_if_needed()
    screenshot(page, f"official-{device}-1-timeline")

    figure = page.locator("ol.timeline .figure").filter(has_text="参与企业")
    expect(figure).to_contain_text("7 家")
    source_link = figure.get_by_role("link", name=re.compile(r"^出处："))
    excerpt = source_link.get_attribute("title")
    _tap(page, source_link)
    source = page.locator("li:target")
    expect(source).to_have_attribute("id", re.compile(r"^source-\d+$"))
    expect(source).to_be_in_viewport()
    expect(source).to_contain_text(f"“{excerpt}”")
    report_link = source.get_by_role("link")
    report_title = report_link.inner_text()
    _tap(page, report_link)

    expect(page).to_have_url(re.compile(r"/reports/\d+/#figure-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(report_title)
    target = page.locator(":target")
    expect(target).to_contain_text(excerpt)
    expect(target).to_be_in_viewport()
    expect(target).to_have_css("background-color", "rgb(255, 248, 197)")  # highlighted
    check_page(page)
    screenshot(page, f"official-{device}-2-report")
