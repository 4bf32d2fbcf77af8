"""How a cell is written as text a spreadsheet will not run: formula neutralising, and a row
as one CSV line. Shared by the downloads (CSV, XLSX), the import's export, and the events' CSV
lines the summaries store (pairings.rows.stored_lines)."""

import csv

from django.utils.functional import Promise

# A cell starting with one of these is a formula (or DDE payload) to Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value):
    """Return whether a spreadsheet would read the text as a formula (or a DDE payload)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_formula(value):
    """Return text that would start a spreadsheet formula with a leading ' so it stays text."""
    if isinstance(value, Promise):  # a lazy label
        value = str(value)
    return "'" + value if starts_formula(value) else value


class _Echo:
    """A file for csv.writer that hands each written line back instead of storing it."""

    def write(self, line):
        return line


_CSV_WRITER = csv.writer(_Echo())


def csv_line(cells):
    """Return the cells as one CSV line, formulas neutralised."""
    return _CSV_WRITER.writerow([neutralise_formula(cell) for cell in cells])
