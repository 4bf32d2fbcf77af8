"""Every public page, reached by following links from the overview in both languages: no
console error, no failed request, nothing fetched from another host, no axe-core violation of
WCAG 2.1 A/AA, and no sideways scrolling on a phone."""

from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, PHONE, axe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

START = ["/", "/en/"]
NOT_PAGES = ("/admin/", "/static/")  # nor downloads (export.csv …) nor query strings
# axe takes about a second a page. It checks every Chinese page and every English one but the
# region pages, where one page of each level (province, prefecture, county, Shanghai city and
# district) stands for the rest: they share one template and differ only in data already
# checked in Chinese.
ENGLISH_REGIONS_CHECKED = {
    f"/en/regions/{code}/" for code in (530000, 530600, 530602, 310000, 310118)
}


def _needs_axe(path):
    return not path.startswith("/en/regions/") or path in ENGLISH_REGIONS_CHECKED


def _links(page, origin):
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(link => link.href)")
    paths = set()
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if parts.path.startswith(NOT_PAGES) or "/export." in parts.path:
            continue
        paths.add(parts.path)
    return paths


def test_every_public_page_is_sound_and_accessible(page, site, screenshot):
    seen, queue, problems, checked = set(START), list(START), {}, 0
    while queue:
        path = queue.pop(0)
        response = page.goto(site.url + path)
        found = page.watch.take()
        if response.status != 200:
            found.append(f"HTTP {response.status}")
        if _needs_axe(path):
            found += axe_violations(page)
            checked += 1
        page.set_viewport_size(PHONE)
        overflow = horizontal_overflow(page)
        if overflow > 0:
            found.append(f"on a 390 px phone the page scrolls sideways by {overflow}px")
            screenshot(page, "overflow" + path.replace("/", "_"))
        page.set_viewport_size(DESKTOP)
        if found:
            problems[path] = found
        for link in sorted(_links(page, site.url) - seen):
            seen.add(link)
            queue.append(link)

    assert len(seen) > 100, f"only {len(seen)} pages found: {sorted(seen)}"
    assert checked > 70
    report = [f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items()]
    assert not problems, f"{len(problems)} of {len(seen)} pages:\n" + "\n".join(report)
