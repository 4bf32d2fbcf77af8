import pytest
from django.core.management import call_command

REPORT_FIXTURES = ("regions", "reports", "report_data")


@pytest.fixture
def report_data(db):
    """The regions and every record built from the two reports."""
    call_command("loaddata", *REPORT_FIXTURES, verbosity=0)
