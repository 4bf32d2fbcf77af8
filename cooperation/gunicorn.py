"""gunicorn settings for `make serve`: several sync workers on one machine. Each worker is
stateless (sessions in the database, cache in CACHE_URL), so more machines can run the same
command behind a load balancer."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = None  # the app logs one JSON line per request itself
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (gunicornc) defaults to one path per user, which every instance
# that user runs (a second site, `make load`, the tests' servers) would share and take from
# each other. It is off unless GUNICORN_CONTROL_SOCKET gives this instance a path of its own.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
