"""POST data for the admin's event form and its spreadsheet import, as a browser sends them."""

import io

from openpyxl import Workbook

# The import's event columns, in the order of the template it offers (a figure's follow).
EVENT_COLUMNS = ["id", "日期", "类型", "标题", "上海参与方", "云南地点", "结对"]
EVENT_COLUMNS += ["地点", "其他参与单位", "概要", "来源报道文件名", "原文摘录"]


def inline(prefix, forms, initial=0):
    """Return the management form and the fields of an inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(forms):
        data.update({f"{prefix}-{index}-{key}": value for key, value in form.items()})
    return data


def event_change_data(client, event):
    """Return the change form of an existing event as its page fills it in, citations and
    figures included; a test changes what it needs and posts it."""
    form = client.get(f"/admin/pairings/event/{event.pk}/change/").context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(
        kind=event.kind,
        shanghai_regions=[r.pk for r in event.shanghai_regions.all()],
        yunnan_regions=[r.pk for r in event.yunnan_regions.all()],
        pairings=[p.pk for p in event.pairings.all()],
        partner_regions=[],
    )
    citations = [
        {"id": c.pk, "event": event.pk, "report": c.report_id, "excerpt": c.excerpt}
        for c in event.citations.all()
    ]
    figures = [
        {
            "id": f.pk,
            "event": event.pk,
            "metric": f.metric_id,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "report": f.report_id,
            "excerpt": f.excerpt,
            "subset_of": f.subset_of_id or "",
            "subgroup": f.subgroup,
            "note": f.note,
        }
        for f in event.figures.order_by("pk")
    ]
    data.update(inline("citations", citations, initial=len(citations)))
    data.update(inline("figures", figures, initial=len(figures)))
    return data


def workbook(header, rows):
    """Return an XLSX upload of the header and rows, as an editor saves it from Excel."""
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "events.xlsx"
    return upload


def import_format(client):
    """Return the import form's choice for an XLSX file."""
    form = client.get("/admin/pairings/event/import/").context["form"]
    [xlsx] = [value for value, label in form.fields["format"].choices if "xlsx" in str(label)]
    return xlsx


def import_preview(client, upload):
    """Upload a workbook to the events import and return its preview page."""
    return client.post(
        "/admin/pairings/event/import/",
        {"import_file": upload, "format": import_format(client), "resource": "0"},
    )


def import_confirm(client, preview):
    """Confirm a previewed import (确认导入) and return the response."""
    return client.post(
        "/admin/pairings/event/process_import/",
        {**preview.context["confirm_form"].initial, "resource": "0"},
    )
