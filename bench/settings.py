"""Settings for the benchmark: the production settings (DEBUG off, DATABASE_URL, CACHE_URL)
with the synthetic data app installed, static files collected under bench/out/ instead of the
project's STATIC_ROOT, and the per-request log quiet so that it does not drown the table."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["SYNTHETIC_DATA"] = "true"  # the benchmark generates its data, DEBUG off or not

from cooperation.settings import *  # noqa: E402, F403
from cooperation.settings import BASE_DIR  # noqa: E402

STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
