from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.http import QueryDict

from pairings.filters import EventFilter
from pairings.models import EventCitation, Figure
from pairings.rows import figure_text


class Command(BaseCommand):
    help = (
        "List every event more than one report tells of, its reports, and how each of its "
        "figures is counted: the figure that counts, another report's account of it, a part."
    )

    def handle(self, *args, **options):
        # The events browser's own filter (报道：多份报道), so both name the same events.
        several = EventFilter(QueryDict("reports=several")).qs.order_by("date_start", "pk")
        events = several.prefetch_related(
            Prefetch("citations", queryset=EventCitation.objects.select_related("report")),
            Prefetch(
                "figures",
                queryset=Figure.objects.select_related("report", "metric").order_by("pk"),
            ),
        )
        count = 0
        for event in events:
            count += 1
            self.stdout.write(f"event {event.pk}  {event.period_display}  {event.title}")
            reports = "; ".join(report.file_name for report in event.reports_told())
            self.stdout.write(f"  reports ({event.report_count()}): {reports}")
            counted = set(event.figures.summable().values_list("pk", flat=True))
            for figure in event.figures.all():
                self.stdout.write(
                    f"  #{figure.pk} {figure_text(figure)} ({figure.report.file_name}): "
                    f"{_how_counted(figure, counted)}"
                )
        self.stdout.write(f"events told by more than one report: {count}")


def _how_counted(figure, counted):
    """Return how the totals count a figure of an event (FigureQuerySet.summable() decides)."""
    if figure.pk in counted:
        return "counted"
    if figure.account_of_id:
        return f"another report's account of #{figure.account_of_id}, not added"
    if figure.subset_of_id:
        return f"a part of #{figure.subset_of_id}, inside it, not added again"
    if figure.is_cumulative:
        return "cumulative, never added to batches"
    if figure.is_joint:
        return "Shanghai with another province, not added"
    return "not added (a metric or unit that is not summed)"
