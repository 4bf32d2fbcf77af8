"""The one doorway for writes: kept_current() runs a write and keeps the summary tables and the
cache's data version current with it."""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction

from pairings.cache import bump_data_version

from .refresh import joined, refresh, touched_by


@contextmanager
def kept_current(*records, everything=False):
    """The one doorway for writes: run the write in a transaction, then refresh the summaries
    it touched (everything=True: all of them) and, once it is committed, move the cache's data
    version, so that no page drawn before it is served. `records` are (model, pks) pairs the
    write changes or deletes, read now as stored before it; yield a Write to name more (those it
    creates). A write that names nothing refreshes and moves nothing."""
    with transaction.atomic():
        write = Write(everything)
        for model, pks in records:
            write.touches(model, pks)
        yield write
        write._finish()


class Write:
    """What a write through kept_current() touches."""

    def __init__(self, everything=False):
        self.everything = everything
        self._before = []
        self._records = defaultdict(set)

    def touches(self, model, pks):
        """Name records the write is about to change or delete: the summaries they are part
        of now are refreshed too."""
        pks = set(pks)
        if not self.everything:
            self._before.append(touched_by(model, pks))
        self._records[model] |= pks

    def wrote(self, model, pks):
        """Name records the write created: the summaries they are part of once it is done
        are refreshed."""
        self._records[model] |= set(pks)

    def refreshes_everything(self):
        """Refresh every summary when the write is done (a table lacks rows)."""
        self.everything = True

    def _finish(self):
        if self.everything:
            refresh()
        elif self._records:
            after = [touched_by(model, pks) for model, pks in self._records.items()]
            refresh(*joined(*self._before, *after))
        else:
            return
        transaction.on_commit(bump_data_version)
