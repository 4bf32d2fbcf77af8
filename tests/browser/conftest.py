"""Browser tests: Playwright drives headless Chromium from Debian's packages against the live
server, the way readers, staff and editors meet the site.

Every page a test opens is watched: a console error, an uncaught exception, a request that
fails or answers 4xx/5xx, or a request to any host but the live server fails the test. axe-core
(from npm) checks each public page against WCAG 2.1 A/AA. Screenshots of each journey's end
state go to $SCREENSHOT_DIR (default: <tmp>/browser-screenshots) for a person to look at.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "browser-screenshots"
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _run_order(item):
    if item.get_closest_marker("browser"):
        return 2
    if "transactional_db" in item.fixturenames or "live_server" in item.fixturenames:
        return 1
    return 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Browser tests run last. They commit for real through the live server and leave the
    # database empty, so every test relying on the report data loaded once per session must run
    # before them: pytest-django orders tests so, but pytest then groups the tests sharing
    # pytest-playwright's session-scoped browser parameter, wherever they fall. And once
    # Playwright has started (see `playwright` below) no other test should run.
    items.sort(key=_run_order)
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM} — install the Debian packages chromium and "
        "fonts-noto-cjk to run the browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright(playwright):
    """Playwright's sync API keeps an event loop running in the test thread from its start to
    the end of the session, and Django refuses ORM calls from a thread with a running loop. The
    tests' ORM calls are synchronous: allow them, from here on only. Set for the whole process
    from the start, the variable would reach subprocesses too, and `manage.py check --deploy`
    (tests/test_production.py) rightly fails on it."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded build (`playwright install` is not used).
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A reader in China; reduced motion makes Chart.js draw at once instead of animating.
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "viewport": DESKTOP,
        "reduced_motion": "reduce",
        "accept_downloads": True,
    }


@pytest.fixture
def site(live_server, live_report_data):
    """The live server, holding the report data."""
    return live_server


class PageWatch:
    """Everything that went wrong on a page: console errors, uncaught exceptions, failed or
    4xx/5xx requests, and requests that left the live server."""

    def __init__(self, page, origin):
        self.origin = origin
        self.problems = []
        self.downloads = set()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        page.on("download", lambda download: self.downloads.add(download.url))

    def _on_console(self, message):
        if message.type == "error":
            self.problems.append(f"console error on {message.location.get('url')}: {message.text}")

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"request to another host: {request.method} {request.url}")

    def _on_request_failed(self, request):
        # A file download ends the navigation that fetched it; Chromium reports that
        # navigation as aborted although the file arrived.
        if request.url in self.downloads:
            return
        # select2 cancels its pending search when the editor types on: not a failure.
        if request.resource_type in ("xhr", "fetch") and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")
        if response.headers.get("content-disposition", "").startswith("attachment"):
            self.downloads.add(response.url)

    def take(self):
        problems, self.problems = self.problems, []
        return problems


@pytest.fixture
def page(page, site):
    """A page of a fresh browser context, watched from its first request; the test fails if
    anything went wrong that no check reported."""
    page.set_default_timeout(10_000)
    page.watch = PageWatch(page, site.url)
    yield page
    leftover = page.watch.take()
    assert not leftover, "\n".join(leftover)


def axe_violations(page):
    # Evaluated through the DevTools protocol, not added as a <script>: the site's
    # Content-Security-Policy (script-src 'self') rightly refuses inline scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"axe {violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def horizontal_overflow(page):
    """Return by how many CSS pixels the page scrolls sideways, once a resize has settled
    (Chart.js redraws its canvases on the next animation frames)."""
    return page.evaluate(
        """async () => {
          const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
          await frame(); await frame(); await frame();
          return document.documentElement.scrollWidth - document.documentElement.clientWidth;
        }"""
    )


@pytest.fixture
def check_page():
    """check_page(page): assert the page as it stands has no problem so far and no axe
    violation, and, on a phone, does not scroll sideways."""

    def check(page):
        page.wait_for_load_state("load")
        problems = page.watch.take() + axe_violations(page)
        if page.viewport_size["width"] <= PHONE["width"]:
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"the page scrolls sideways by {overflow}px")
        assert not problems, f"{page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def screenshot():
    """screenshot(page, name): save what the reader sees now (the viewport) for a person to
    look at; full_page=True saves the whole page."""

    def save(page, name, full_page=False):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return save


EDITOR_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def editor(live_report_data):
    """A member of the editors group, who logs in with EDITOR_PASSWORD as a clerk does."""
    call_command("create_roles", verbosity=0)
    user = User.objects.create_user("editor", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user
