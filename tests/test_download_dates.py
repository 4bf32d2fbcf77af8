"""Every download of events and figures carries the date as the report printed it and how
its period was found, beside the parsed period; `manage.py export_figures` lists every
figure of the loaded corpus with what an audit against the report needs."""

import csv
import io
import json
from io import StringIO

from django.core.management import call_command

from pairings.models import Event, Figure

# Corpus report 108 (traditional script): 松江区's funds, dated only by 目前.
SONGJIANG_FUNDS = "目前,松江區(qū)累計投入財政幫扶資金1.3623億元,建設項目25個"


def _export():
    out = StringIO()
    call_command("export_figures", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_figures_lists_every_corpus_figure_with_its_printed_date_sides_and_partners(
    report_data,
):
    records = _export()
    assert len(records) == Figure.objects.count()
    # The clause also gives the 25 projects: the funds are the record of its metric.
    [record] = [
        r for r in records if r["excerpt"] == SONGJIANG_FUNDS and r["metric"] == "funds_invested"
    ]
    funds = Figure.objects.get(excerpt=SONGJIANG_FUNDS, metric="funds_invested")
    assert record["metric_label"] == funds.metric.label
    assert (record["value"], record["qualifier"], record["unit"]) == (136230000, "exact", "yuan")
    assert (record["date_text"], record["date_basis"]) == ("目前", "relative")
    assert record["date_basis_label"] == "据报道日期推算"
    assert record["date_precision"] and record["date_end"]
    assert record["shanghai"] == ["松江区"]
    assert record["partners"] == [] and record["joint"] is False
    assert record["report"] == funds.report.file_name


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    header, *rows = csv.reader(io.StringIO(text))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_events_csv_and_json_carry_the_printed_date_and_how_it_was_read(client, report_data):
    event = Event.objects.exclude(date_basis="printed").exclude(date_basis="").first()
    rows = _csv(client.get("/events/export.csv", {"q": event.title}))
    [row] = [row for row in rows if row["标题"] == event.title][:1]
    assert row["日期原文"] == event.date_text
    assert row["日期依据"] == event.get_date_basis_display()
    records = json.loads(b"".join(client.get("/events/export.json").streaming_content))
    [record] = [r for r in records["events"] if r["title"] == event.title]
    assert (record["date_text"], record["date_basis"]) == (event.date_text, event.date_basis)
    assert record["date_basis_label"] == event.get_date_basis_display()
    about = client.get("/events/export.txt").content.decode()
    assert "日期原文" in about and "日期依据" in about


def test_a_figures_csv_carries_the_printed_date_and_how_it_was_read(client, report_data):
    figure = Figure.objects.get(excerpt=SONGJIANG_FUNDS, metric="funds_invested")
    rows = _csv(client.get(f"/reports/{figure.report_id}/export.csv"))
    [row] = [row for row in rows if row["原文摘录"] == SONGJIANG_FUNDS][:1]
    assert (row["日期原文"], row["日期依据"]) == ("目前", "据报道日期推算")
    about = client.get(f"/reports/{figure.report_id}/export.txt").content.decode()
    assert "日期原文" in about and "日期依据" in about
