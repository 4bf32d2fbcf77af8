"""Production mode: settings from the environment, security headers, a read-only public
site, escaping everywhere, and a short 503 page when the database is away."""

import os
import secrets
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings

from pairings.models import Event, Pairing
from summaries import writes
from tests.builders import make_event

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "dashboard.example.gov.cn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing, message",
    [("SECRET_KEY", "SECRET_KEY"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_a_secret_key_or_allowed_hosts(missing, message):
    env = {**PRODUCTION_ENV, missing: ""}
    if missing == "SECRET_KEY":
        env[missing] = "short"
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_a_malformed_setting_is_a_one_line_explanation():
    result = _manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_every_page_carries_the_security_headers(client, report_data):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_responses_carry_hsts(client, report_data):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/", "/events/", "/pairings/1/", "/en/events/export.csv"])
def test_the_public_site_accepts_no_writes(client, report_data, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


def test_the_admin_still_accepts_its_forms(client, report_data):
    assert client.post(f"/{settings.ADMIN_PATH}login/", {}).status_code == 200


HOSTILE_TITLE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_entered_text_renders_inert_everywhere(client, report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_event(pairing, title=HOSTILE_TITLE, figures=[("positions", 10, "item", "exact")])
    for url in ("/", f"/pairings/{pairing.pk}/", "/events/", "/regions/532300/", "/reports/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;alert" in client.get("/events/").content.decode()


def test_formula_like_text_stays_text_in_csv_downloads(client, report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_event(pairing, title='=HYPERLINK("http://evil")', figures=[])
    text = b"".join(client.get("/events/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def _database_down(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


def test_a_lost_database_gives_a_short_chinese_503_and_the_site_recovers(client, report_data):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", _database_down):
        response = client.get("/events/")
        health = client.get("/healthz")
    assert response.status_code == 503
    page = response.content.decode()
    assert "服务暂时不可用" in page and "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "database": False, "cache": True}
    assert client.get("/events/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok", "database": True, "cache": True}


@pytest.mark.parametrize("url", ["/no-such-page/", "/pairings/99999/", "/regions/000000/"])
def test_missing_pages_are_a_404_in_the_sites_own_style(client, report_data, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "找不到页面" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_is_a_500_page_without_a_stack_trace(client, report_data):
    client.raise_request_exception = False
    with mock.patch("pairings.views.reports._with_record_counts", side_effect=RuntimeError("boom")):
        response = client.get("/reports/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "boom" not in page


def test_an_admin_change_is_visible_at_once_despite_the_cache(
    client, first_reports, django_capture_on_commit_callbacks
):
    assert "6,825+ 个" in client.get("/").content.decode()
    event = Event.objects.get(title="楚雄技师学院2018年夏季校园招聘会")
    with (
        django_capture_on_commit_callbacks(execute=True),
        writes.kept_current((Event, [event.pk])),
    ):
        event.figures.create(
            metric_id="positions", value=100, unit="item", report_id=1, excerpt="测试摘录"
        )
    assert "6,925+ 个" in client.get("/").content.decode()


def test_the_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_repeated_failed_logins_lock_the_account_out(client, report_data):
    from django.contrib.auth.models import User

    User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    login = f"/{settings.ADMIN_PATH}login/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "editor", "password": "wrong"})
    response = client.post(login, {"username": "editor", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()


def _fail_logins(client, usernames, **headers):
    login = f"/{settings.ADMIN_PATH}login/"
    for username in usernames:
        client.post(login, {"username": username, "password": "wrong"}, **headers)


def _log_in_as_editor(client, **headers):
    login = f"/{settings.ADMIN_PATH}login/"
    return client.post(
        login, {"username": "editor", "password": "correct-horse-battery"}, **headers
    )


@pytest.fixture
def editor_account(db):
    from django.contrib.auth.models import User

    return User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_failed_logins_lock_the_senders_address_not_everyones(
    client, report_data, editor_account
):
    # Every request comes from the proxy (127.0.0.1); the proxy names the sender.
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    _fail_logins(client, ["editor"] * settings.AXES_FAILURE_LIMIT, **attacker)
    assert _log_in_as_editor(client, **attacker).status_code == 429
    assert _log_in_as_editor(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_sender_cannot_escape_the_lockout_by_forging_the_forwarded_header(
    client, report_data, editor_account
):
    for n in range(settings.AXES_FAILURE_LIMIT):  # the proxy appends the address it saw
        _fail_logins(client, ["editor"], HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")
    assert (
        _log_in_as_editor(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7").status_code == 429
    )


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(
    client, report_data, editor_account
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail_logins(client, ["editor"], HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert _log_in_as_editor(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_spraying_many_usernames_from_one_address_locks_that_address(
    client, report_data, editor_account
):
    names = [f"user{n}" for n in range(settings.AXES_FAILURE_LIMIT)]
    _fail_logins(client, names)
    response = _log_in_as_editor(client)
    assert response.status_code == 429


def test_the_lockout_page_says_what_is_locked_for_how_long_and_why(
    client, report_data, editor_account
):
    _fail_logins(client, ["editor"] * settings.AXES_FAILURE_LIMIT)
    page = _log_in_as_editor(client).content.decode()
    assert "登录已暂停" in page
    assert "127.0.0.1" in page  # the address that is locked
    assert "所有账号" in page  # every account, from that address
    assert f"{settings.AXES_FAILURE_LIMIT} 次" in page  # by what
    assert "1 小时" in page  # for how long


def test_a_refused_write_is_a_short_chinese_page(client, report_data):
    response = client.post("/events/")
    assert response.status_code == 405
    assert "只供查阅" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_pages_and_static_files_carry_a_permissions_policy_and_refuse_framing(db):
    # Static files found where `make serve` collects them or, without collectstatic, in static/.
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        client = Client()  # its middleware, whitenoise included, reads these settings
        responses = {url: client.get(url) for url in ("/healthz", "/static/css/site.css")}
    for url, response in responses.items():
        assert response.status_code == 200, url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_the_static_manifest_is_not_served(tmp_path, rf):
    from pairings.middleware import StaticFilesMiddleware

    (tmp_path / "site.css").write_text("body {}")
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    with override_settings(
        STATIC_ROOT=tmp_path, WHITENOISE_AUTOREFRESH=False, WHITENOISE_USE_FINDERS=False
    ):
        middleware = StaticFilesMiddleware(lambda request: "not a static file")
    assert middleware(rf.get("/static/site.css")).status_code == 200
    assert middleware(rf.get("/static/staticfiles.json")) == "not a static file"


def test_the_request_log_records_the_query_string(client, report_data, caplog):
    with caplog.at_level("INFO", logger="pairings.requests"):
        client.get("/events/?q=%E6%A5%9A%E9%9B%84&page=2")
    (entry,) = [record for record in caplog.records if record.name == "pairings.requests"]
    assert entry.path == "/events/"
    assert entry.query == "q=%E6%A5%9A%E9%9B%84&page=2"


@pytest.mark.parametrize("socket_path", ["", "/run/cooperation-blue/gunicorn.ctl"])
def test_gunicorn_keeps_no_control_socket_at_a_path_shared_by_instances(monkeypatch, socket_path):
    import runpy

    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", socket_path)
    config = runpy.run_path(str(settings.BASE_DIR / "cooperation" / "gunicorn.py"))
    if socket_path:
        assert config["control_socket"] == socket_path
    else:
        assert config["control_socket_disable"] is True
