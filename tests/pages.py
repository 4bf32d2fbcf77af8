"""Pages as the tests read them: fetched, checked for their status and parsed one way
(BeautifulSoup), with the few readers more than one page's tests share."""

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

# A quantity of nought: "0 人", "0+ 个", "0%" — never shown for something a report did not give.
ZERO_QUANTITY = re.compile(r"(?<![\d.,])0\+?(?: [万亿]?(?:人次|人|家|个|所|场|元|天|小时|年)|%)")


def fetch_page(client, url, status=200):
    """Return the page at url, parsed, after checking its status."""
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def section_html(page, section_id):
    """Return the HTML of the page's <section id=section_id>."""
    section = page.find("section", id=section_id)
    assert section is not None, f"no section {section_id!r}"
    return str(section)


def _event_rows(response):
    return BeautifulSoup(response.content, "html.parser").select('tr[id^="event-"]')


def rows_of(response):
    """Return the events table's rows (<tr id="event-…">) as lists of their cells' texts."""
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
        for row in _event_rows(response)
    ]


def titles_of(response):
    """Return each event row's title: its title cell without the venue line under it."""
    titles = []
    for row in _event_rows(response):
        title = row.find("td", class_="events-title")
        for venue in title.find_all("div"):
            venue.extract()
        titles.append(title.get_text().strip())
    return titles


def public_pages(client, start, downloads=None):
    """Return {path: html} for every page reached by links from the paths in start, without
    query strings, downloads, the admin or static files. Given a set as downloads, add to it
    every download link met on the way (query string and all)."""
    pages, queue = {}, list(start)
    while queue:
        path = queue.pop(0)
        if path in pages:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = html = response.content.decode()
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            address = urljoin(path, link["href"])
            parts = urlsplit(address)
            if parts.netloc or parts.path.startswith(("/admin/", "/static/")):
                continue
            if "/export." in parts.path:
                if downloads is not None:
                    downloads.add(parts.path + (f"?{parts.query}" if parts.query else ""))
            elif not parts.query and parts.path not in pages:
                queue.append(parts.path)
    return pages
