"""Cumulative series: the cumulative figures of one subject (a pairing or a place), metric and
unit at different as-of dates. The newest is the figure to quote, the earlier ones its history;
a series is never added up (no cumulative figure is summable, FigureQuerySet.summable()).
Figures of one series and one as-of date from several reports are accounts of one quantity:
shown side by side, each with its source, and counted as one point of the series."""

import datetime
from dataclasses import dataclass

from .querysets import accounts_beside


@dataclass
class AsOf:
    """One as-of date of a series and the figures that report it (oldest record first)."""

    accounts: list

    @property
    def figure(self):
        return self.accounts[0]

    @property
    def accounts_agree(self):
        """Return whether every account gives the same quantity (shown once, with each
        source); otherwise each is shown beside the others."""
        return len({_quantity(figure) for figure in self.accounts}) == 1


@dataclass
class Series:
    """A series, its newest as-of date first; `latest` is the figure to quote."""

    points: list

    @property
    def latest(self):
        return self.points[0]

    @property
    def earlier(self):
        return self.points[1:]


def _quantity(figure):
    return (figure.value, figure.value_high, figure.qualifier, figure.unit)


def _series_key(figure):
    # A part (其中) is a series of its own subgroup, whichever whole of the series it is under.
    return (
        figure.pairing_id,
        figure.place_id,
        figure.metric_id,
        figure.unit,
        figure.subgroup,
        figure.subset_of_id is not None,
        figure.is_joint,
    )


def _as_of_key(figure):
    # An undated figure has no as-of date to share: it is a point of its own, after the dated.
    if figure.date_end is None and figure.date_start is None:
        return ("undated", figure.pk)
    return ("dated", figure.date_start, figure.date_end)


def _newest_first(point):
    figure = point.figure
    dated = figure.date_end or figure.date_start
    return (dated is not None, dated or datetime.date.min, -figure.pk)


def cumulative_series(figures):
    """Return the cumulative figures among `figures` as series, in the order their first
    figure comes in `figures`, each series newest first."""
    by_series = {}
    for figure in figures:
        if figure.is_cumulative:
            points = by_series.setdefault(_series_key(figure), {})
            points.setdefault(_as_of_key(figure), []).append(figure)
    return [
        Series(
            sorted(
                (AsOf(sorted(accounts, key=lambda f: f.pk)) for accounts in points.values()),
                key=_newest_first,
                reverse=True,
            )
        )
        for points in by_series.values()
    ]


def figures_with_series(figures):
    """Return [(figure, series or None)] in the order of `figures`: a batch alone, with the
    other reports' accounts of it beside it (accounts_beside()); a series once, where its latest
    figure comes, with its history; its other figures not again."""
    shown_batches = {
        figure.pk
        for figure in accounts_beside([figure for figure in figures if not figure.is_cumulative])
    }
    series_of = {}
    for series in cumulative_series(figures):
        for point in series.points:
            for figure in point.accounts:
                series_of[figure.pk] = series
    placed = []
    for figure in figures:
        series = series_of.get(figure.pk)
        if series is None:
            if figure.pk in shown_batches:
                placed.append((figure, None))
        elif figure is series.latest.figure:
            placed.append((figure, series))
    return placed
