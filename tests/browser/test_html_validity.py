"""Every public page's HTML passes the Nu HTML Checker (vnu-jar from npm, run with Java): the
pages reached by links from both overviews, and the events page filtered, with a bad filter
(400) and a page that does not exist (404). The checker starts once for all of them."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.pages import public_pages

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
START = ["/", "/en/"]
OTHER_STATES = {
    "/events/?prefecture=530600&date_from=2026-02-01&date_to=2026-02-28": 200,
    "/en/events/?kind=job_fair&sort=title": 200,
    "/events/?date_from=2026-02-30": 400,
    "/en/events/?prefecture=999999": 400,
    "/pairings/999999/": 404,
    "/en/no-such-page/": 404,
}


@pytest.mark.skipif(
    shutil.which("java") is None,
    reason="java not found: install the Debian package default-jre-headless to check the HTML",
)
def test_every_public_page_is_valid_html(client, report_data, tmp_path):
    assert VNU.exists(), f"{VNU} is missing: run `make setup` (npm ci installs vnu-jar)"
    pages = public_pages(client, START)
    assert len(pages) > 100, sorted(pages)
    for path, status in OTHER_STATES.items():
        response = client.get(path)
        assert response.status_code == status, path
        pages[path] = response.content.decode()
    files = {}  # file name: page path
    for number, (path, html) in enumerate(sorted(pages.items())):
        name = f"page-{number:03}.html"
        (tmp_path / name).write_text(html, encoding="utf-8")
        files[name] = path

    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(files)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(checked.stderr)["messages"]  # vnu writes its report to stderr
    errors = [
        f"{files.get(Path(urlsplit(message.get('url', '')).path).name, message.get('url'))}"
        f":{message.get('lastLine')}: {message['message']}"
        f" — {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(errors)
