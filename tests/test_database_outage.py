"""A real outage: CI stops the PostgreSQL server under a running production stack and starts
it again. A page that needs the database answers 503 while it is away (one already drawn is
read back from the cache), and the site recovers by itself."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connections

pytestmark = pytest.mark.skipif(
    not (os.environ.get("OUTAGE_PG_STOP") and os.environ.get("OUTAGE_PG_START")),
    reason="needs a PostgreSQL server the test may stop and start (set by .ci/run)",
)


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, status, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if _status(url)[0] == status:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.fixture
def production_server():
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "DB_CONN_MAX_AGE": "60",
    }
    subprocess.run(  # DEBUG off serves hashed static file names from the collected manifest
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cooperation.wsgi", "-c", "cooperation/gunicorn.py"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    assert _wait_for(f"{base}/healthz", 200), "the production server did not start"
    yield base
    server.terminate()
    server.wait(timeout=30)


def test_the_site_answers_503_while_the_database_is_down_and_recovers(production_server):
    def new_search():  # a query nobody asked before: no page of it is cached
        return f"{production_server}/events/?q={secrets.token_hex(4)}"

    drawn = new_search()
    assert _status(drawn)[0] == 200
    subprocess.run(os.environ["OUTAGE_PG_STOP"], shell=True, check=True)
    try:
        status, page = _status(new_search())
        assert status == 503
        assert "服务暂时不可用" in page and "Traceback" not in page
        assert _status(f"{production_server}/healthz")[0] == 503
        # A page drawn before the outage is read back from the cache (one worker here): no
        # write can have happened since, so it is still the data.
        assert _status(drawn)[0] == 200
    finally:
        subprocess.run(os.environ["OUTAGE_PG_START"], shell=True, check=True)
        connections.close_all()  # this test process's own connections died with the server
    assert _wait_for(new_search(), 200, seconds=30), "the site did not recover by itself"
    assert _status(f"{production_server}/healthz")[0] == 200
