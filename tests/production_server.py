"""The production stack (gunicorn, DEBUG off) in a process of its own, for the tests that take
a server it depends on away under it: tests/test_database_outage.py, tests/test_cache_outage.py."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url):
    """Return (status, body text) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_until(answers, seconds=60):
    """Return True as soon as answers() does, False after `seconds`; a refused connection is
    not an answer yet."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if answers():
                return True
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def production_server(**environment):
    """Start gunicorn as `make serve` does, with `environment` added; yield its address."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        **environment,
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
    try:
        started = wait_until(lambda: status(f"{base}/healthz")[0] == 200)
        assert started, "the production server did not start"
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
