"""Preview a hostile spreadsheet in the admin's import, in-process, and print its time and the
process's peak RSS: a small XLSX of many rows (200,000 by default, about 0.5 MB) as an editor
would upload it. Nothing is saved: the preview is a dry run, and the staff account it logs in
with is rolled back. Against the development database (make setup), from the repository:

    .venv/bin/python bench/import_bomb.py [--rows 200000]
    /usr/bin/time -v .venv/bin/python bench/import_bomb.py      # the kernel's view of the RSS
"""

import argparse
import io
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from pairings.models import Event  # noqa: E402

HEADER = ["id", "日期", "类型", "标题", "上海参与方", "云南地点", "结对", "地点", "其他参与单位"]
HEADER += ["概要", "来源报道文件名", "原文摘录"]
ROW = ["", "2026-03", "专场招聘会", *[None] * 8, "x"]  # few cells a row: a small file, many rows


def bomb(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("活动")
    sheet.append(HEADER)
    for _ in range(rows):
        sheet.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "events.xlsx"
    return buffer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    rows = parser.parse_args().rows
    upload = bomb(rows)
    size = len(upload.getvalue())
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with transaction.atomic():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.create_superuser("import-bomb", password=None))
        formats = admin.site._registry[Event].get_import_formats()
        [xlsx] = [str(i) for i, fmt in enumerate(formats) if fmt().get_title() == "xlsx"]
        started = time.perf_counter()
        data = {"import_file": upload, "format": xlsx, "resource": "0"}
        response = client.post("/admin/pairings/event/import/", data)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    page = response.content.decode()
    refused = next((line.strip() for line in page.splitlines() if "errorlist" in line), "")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{rows:,} rows, {size / 1024:.0f} KB: status {response.status_code}, "
        f"{refused or 'previewed'} in {seconds:.1f} s; peak RSS {peak / 1024:.0f} MB "
        f"({rss_before / 1024:.0f} MB after building the file)"
    )


if __name__ == "__main__":
    main()
