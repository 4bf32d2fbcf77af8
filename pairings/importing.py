"""The admin's spreadsheet import and export of events, around django-import-export: the files
it takes (XLSX or CSV, bounded before they are read), where an upload waits between the preview
and the confirm (the cache, under a name only the session that previewed it holds), and the
confirm that saves every row or none.

The rows themselves (columns, checks, citations) are pairings.resources.EventResource.
"""

import csv
import io
import zipfile

import openpyxl
import tablib
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage
from openpyxl.cell import WriteOnlyCell

from .cells import neutralise_formula, starts_formula
from .downloads import XLSX_CONTENT_TYPE

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A spreadsheet is a zip: 548 KB of it unpacked to 200,000 rows and took a worker to 1.2 GB.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 1000
MAX_COLUMNS = 50
# Blank rows are skipped, not counted; this many are read at most, so gaps cost nothing either.
MAX_SHEET_ROWS = 10 * MAX_IMPORT_ROWS
PENDING_IMPORT = "pending_event_import"


class ImportRefused(ValueError):
    """A file the import will not read, with the Chinese reason."""


def _dataset(rows):
    """Return a Dataset of the rows (the first is the header), refusing more than
    MAX_IMPORT_ROWS rows with data; blank rows are skipped."""
    dataset = tablib.Dataset()
    rows = iter(rows)
    dataset.headers = list(next(rows, ()))
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS or len(dataset) >= MAX_IMPORT_ROWS:
            raise ImportRefused(
                _("表格行数太多：一次最多导入 %(n)s 行，请分成几个文件。") % {"n": MAX_IMPORT_ROWS}
            )
        if any(value not in (None, "") for value in row):
            row = list(row)[: len(dataset.headers)]
            dataset.append(row + [None] * (len(dataset.headers) - len(row)))
    return dataset


class EventXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        """Return the first sheet's rows, read streaming, once the file is known to unpack to
        at most MAX_UNPACKED_BYTES (zipfile reads no more than each member declares)."""
        with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ImportRefused(
                    _("这个表格解压后超过 %(n)s MB，不能导入。")
                    % {"n": MAX_UNPACKED_BYTES // (1024 * 1024)}
                )
        workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            return _dataset(workbook.active.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            workbook.close()

    def export_data(self, dataset, **kwargs):
        """Return the XLSX of the dataset. A text a spreadsheet would run as a formula is
        written as text marked quoted (Excel's own leading '), so the cell reads as written."""
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(dataset.title or "Sheet1")
        sheet.append(dataset.headers)
        for row in dataset:
            sheet.append([_xlsx_text(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def get_content_type(self):
        return XLSX_CONTENT_TYPE


def _xlsx_text(sheet, value):
    if not starts_formula(value):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


class EventCSV(base_formats.CSV):
    def create_dataset(self, in_stream):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return _dataset(csv.reader(io.StringIO(in_stream)))

    def _escape_formulae(self, dataset):
        """The library's hook (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT), with the public
        downloads' rule: it only drops a leading =, which leaves +cmd|… live."""
        rows = [[neutralise_formula(value) for value in row] for row in dataset]
        del dataset[:]
        dataset.extend(rows)


class ImportFileStorage(CacheStorage):
    """An upload between its preview and its confirm: in the shared cache (any app server
    confirms what another previewed), under a random name, gone after an hour if abandoned."""

    CACHE_PREFIX = "event-import-"
    CACHE_LIFETIME = 60 * 60

    def exists(self):
        return cache.has_key(self.CACHE_PREFIX + self.name)


class EventImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("文件不能超过 %(n)s MB。") % {"n": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class AllOrNothingImport:
    """The import's admin (with ImportExportMixin): XLSX and CSV only; the upload waits in
    ImportFileStorage under a name kept in the session that previewed it, and is removed on
    every path; the confirm checks every row again and saves all of them or none."""

    formats = (EventXLSX, EventCSV)
    import_form_class = EventImportForm
    tmp_storage_class = ImportFileStorage

    def import_action(self, request, **kwargs):
        try:
            return super().import_action(request, **kwargs)
        finally:
            stored = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
            if stored and request.session.get(PENDING_IMPORT) != stored:
                ImportFileStorage(name=stored).remove()  # the preview failed

    def get_confirm_form_initial(self, request, import_form):
        """Called once a preview is clean: its upload becomes the one this session may
        confirm, replacing any earlier one."""
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            earlier = request.session.get(PENDING_IMPORT)
            if earlier:
                ImportFileStorage(name=earlier).remove()
            request.session[PENDING_IMPORT] = initial["import_file_name"]
        return initial

    def process_import(self, request, **kwargs):
        if request.method != "POST":
            return super().process_import(request, **kwargs)  # the library's 405
        pending = request.session.pop(PENDING_IMPORT, None)
        try:
            posted = request.POST.get("import_file_name")
            if pending is None or posted != pending or not ImportFileStorage(name=pending).exists():
                messages.error(
                    request,
                    _("没有导入任何一行：这份预览已过期或已经导入过，请重新上传文件并预览。"),
                )
                return redirect(reverse("admin:pairings_event_import"))
            return super().process_import(request, **kwargs)
        finally:
            if pending:
                ImportFileStorage(name=pending).remove()

    def get_import_data_kwargs(self, **kwargs):
        """The preview and the confirm alike roll back every row when one is invalid (the
        library's confirm otherwise saves the valid rows and drops the rest)."""
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        messages.error(
            request,
            _(
                "没有导入任何一行：确认时重新检查，发现下列错误（预览之后数据有了变化）。请修改后重新上传。"
            ),
        )
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("导入"),
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "result": result,
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], ctx)

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, ImportRefused):
            form.add_error("import_file", str(error))
        else:
            form.add_error(
                "import_file",
                _("无法读取这个文件：请确认它是所选格式（XLSX 或 UTF-8 编码的 CSV）且没有损坏。"),
            )
