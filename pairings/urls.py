from django.urls import path, register_converter

from .models import REGION_CODE_PATTERN
from .views import events, overview, pairing, regions, reports


class ExportFormatConverter:
    regex = "csv|xlsx|json|txt"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class RegionCodeConverter:
    """Only what Region.code can hold reaches the database: anything else (a NUL byte, which
    PostgreSQL refuses outright) is a 404 from the resolver."""

    regex = REGION_CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "fmt")
register_converter(RegionCodeConverter, "region")

app_name = "pairings"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("pairings/<int:pk>/", pairing.pairing_detail, name="pairing_detail"),
    path("pairings/<int:pk>/export.<fmt:fmt>", pairing.pairing_export, name="pairing_export"),
    path("events/", events.event_list, name="event_list"),
    path("events/export.<fmt:fmt>", events.event_export, name="event_export"),
    path("events/<int:pk>/", events.event_link, name="event_link"),
    path("regions/<region:code>/", regions.region_detail, name="region_detail"),
    path("regions/<region:code>/export.<fmt:fmt>", regions.region_export, name="region_export"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/export.<fmt:fmt>", reports.report_export, name="report_export"),
]
