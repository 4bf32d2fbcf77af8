"""A real outage: CI stops the PostgreSQL server under a running production stack and starts
it again. A page that needs the database answers 503 while it is away (one already drawn is
read back from the cache), and the site recovers by itself."""

import os
import secrets
import subprocess

import pytest
from django.db import connections

from tests.production_server import production_server as started_server
from tests.production_server import status as _status
from tests.production_server import wait_until

pytestmark = pytest.mark.skipif(
    not (os.environ.get("OUTAGE_PG_STOP") and os.environ.get("OUTAGE_PG_START")),
    reason="needs a PostgreSQL server the test may stop and start (set by .ci/run)",
)


@pytest.fixture
def production_server():
    with started_server(WEB_CONCURRENCY="1", DB_CONN_MAX_AGE="60") as base:
        yield base


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
    recovered = wait_until(lambda: _status(new_search())[0] == 200, seconds=30)
    assert recovered, "the site did not recover by itself"
    assert _status(f"{production_server}/healthz")[0] == 200
