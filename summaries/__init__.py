"""Derived data: tables computed from the pairings app's records, so that a page at national
size reads a few rows instead of grouping a million events (models: the tallies, each event's
digest and CSV lines; keywords: the search index; readers: what the pages ask). A writer keeps
them current by writing inside `with writes.kept_current((Model, pks)) as write:`, the one
doorway; a write made behind it (shell, loaddata, restore) fails `refresh_summaries --check`.

A write flows writes (the doorway) → refresh (what it touched, recomputed) → models (the
tables); readers and keywords read them; check compares them with the data. Dependencies point
one way: pairings' domain (models, metrics, dates, querysets) ← summaries ← pairings'
presentation (views, filters, downloads, admin).
"""
