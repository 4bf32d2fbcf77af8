"""Python's garbage collector, tuned for drawing pages (the WSGI entry point calls this).

A page of a large region or report holds some hundred thousand objects while it is drawn
(model instances, template contexts). With Python's default thresholds the collector runs
hundreds of times a request and walks them again each time: at a million events on PostgreSQL
that was about a tenth of every uncached page's time, and a full collection (up to 170 ms)
landed in one request in four (`make bench`, 2026-11). Objects loaded at start-up are never
garbage, so they are frozen out of every collection.
"""

import gc

# Collect the youngest generation after 10,000 new objects instead of 700; the older
# generations keep their defaults. Costs about 10 MB of memory per process.
YOUNGEST_GENERATION_THRESHOLD = 10_000


def tune_for_requests():
    gc.freeze()
    _youngest, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_GENERATION_THRESHOLD, middle, oldest)
