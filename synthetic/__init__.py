"""Synthetic data at national size, for the benchmark (bench/) and for trying the pages at scale:
`manage.py generate_synthetic` and `remove_synthetic`. Not part of the product: settings install
this app only when SYNTHETIC_DATA is on (by default only in development, DEBUG on;
bench/settings.py turns it on). It has no models: it writes the pairings app's, through
summaries.writes.kept_current()."""
