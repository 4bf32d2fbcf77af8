"""A report's full text, pasted or uploaded on its admin page (.txt, .html, .docx, .pdf with a
text layer), kept as printed for drafting its records, and never shown on the public pages or
in the downloads: the site quotes reports by excerpt."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pairings.models import Report, ReportText
from pairings.report_text import MAX_UPLOAD_BYTES, report_text

# Short excerpts of report 11 of the corpus (大姚县人民政府, 2023-10-23) and of report 19, a
# mirror in traditional script.
DAYAO = "上海市对口帮扶大姚县投入项目资金3244万元"
DAYAO_MORE = "召开县东西部协作工作领导小组会议3次"
TRADITIONAL = "上海市對口幫扶寧蒗縣"
DAYAO_REPORT = 111


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _docx(*paragraphs, table=()):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(text):
    """Return a one-page PDF whose text layer is `text` (empty: a page with no text, as a
    scan is), its glyphs mapped to Unicode as a PDF printer writes Chinese."""
    codes = "".join(f"{i + 1:04X}" for i in range(len(text)))
    pairs = "\n".join(f"<{i + 1:04X}> <{ord(c):04X}>" for i, c in enumerate(text))
    cmap = (
        "begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(text)} beginbfchar\n{pairs}\nendbfchar\nendcmap"
    )
    content = f"BT /F1 12 Tf 20 100 Td <{codes}> Tj ET" if text else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
        " /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return pdf + f"startxref\n{xref}\n%%EOF\n".encode()


def _refusal(name, content):
    with pytest.raises(ValidationError) as refused:
        report_text(_upload(name, content))
    return " ".join(refused.value.messages)


def test_a_text_file_is_read_in_utf8_and_in_gb18030_alike():
    text = f"{DAYAO}。\r\n{DAYAO_MORE}。\r\n"
    assert report_text(_upload("11.txt", text.encode("utf-8"))) == f"{DAYAO}。\n{DAYAO_MORE}。"
    assert report_text(_upload("11.txt", text.encode("gb18030"))) == f"{DAYAO}。\n{DAYAO_MORE}。"
    assert report_text(_upload("11.TXT", text.encode("utf-8-sig"))).startswith(DAYAO)


def test_traditional_script_stays_as_printed():
    assert report_text(_upload("19.txt", TRADITIONAL.encode())) == TRADITIONAL


def test_a_web_page_gives_its_article_without_scripts_styles_or_navigation():
    page = f"""<!doctype html><html><head><meta charset="gbk"><title>大姚县人民政府</title>
    <style>p {{ color: red }}</style><script>var menu = "首页";</script></head>
    <body><nav><a href="/">首页</a> &gt;&gt; 公开信息内容</nav>
    <article><h1>大姚县持续深化东西部协作</h1><p>{DAYAO}&nbsp;的</p><p>{DAYAO_MORE}</p>
    <script>track("阅读")</script></article><footer>版权所有</footer></body></html>"""
    text = report_text(_upload("11.html", page.encode("gbk")))
    assert text == f"大姚县持续深化东西部协作\n\n{DAYAO}\xa0的\n\n{DAYAO_MORE}"


def test_a_web_page_without_an_article_gives_its_body_text():
    page = f"<html><body><div>{DAYAO}</div><script>x()</script><div>{DAYAO_MORE}</div></body>"
    assert report_text(_upload("11.htm", page.encode())) == f"{DAYAO}\n\n{DAYAO_MORE}"


def test_a_word_document_gives_its_paragraphs_and_tables_in_order():
    content = _docx(DAYAO, DAYAO_MORE, table=[("县", "人数"), ("大姚县", "1200")])
    expected = f"{DAYAO}\n{DAYAO_MORE}\n县\t人数\n大姚县\t1200"
    assert report_text(_upload("11.docx", content)) == expected


def test_a_pdf_gives_its_text_layer():
    assert report_text(_upload("11.pdf", _pdf(DAYAO))) == DAYAO


def test_a_pdf_without_text_is_refused_saying_to_paste_the_text():
    message = _refusal("scan.pdf", _pdf(""))
    assert "没有文字层" in message
    assert "请粘贴报道全文" in message


def test_a_file_of_another_type_is_refused():
    assert "只能上传" in _refusal("11.doc", b"\xd0\xcf\x11\xe0")
    assert "只能上传" in _refusal("11", DAYAO.encode())


def test_a_file_too_large_is_refused():
    assert "超过 5 MB" in _refusal("11.txt", b"a" * (MAX_UPLOAD_BYTES + 1))


@pytest.mark.parametrize(
    "name, content",
    [
        ("11.docx", DAYAO.encode()),
        ("11.pdf", b"%PDF-1.4 not really"),
        ("11.txt", bytes(range(256))),
        ("11.txt", b"   \n "),
    ],
)
def test_an_unreadable_file_is_refused(name, content):
    assert "无法读取" in _refusal(name, content)


def _report_form(report, **overrides):
    return {
        "title": report.title,
        "url": report.url,
        "publication": report.publication,
        "author": report.author,
        "period": report.date_text,
        "date_source": report.date_source,
        "script": report.script,
        "file_name": report.file_name,
        "text": "",
        "change_reason": "补充报道全文",
        **overrides,
    }


def _change(client, data, status=302):
    response = client.post(f"/admin/pairings/report/{DAYAO_REPORT}/change/", data)
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def test_an_editor_pastes_a_reports_text_and_its_history_says_who_and_why(editor_client):
    report = Report.objects.get(pk=DAYAO_REPORT)
    _change(editor_client, _report_form(report, text=f"{DAYAO}。\r\n{DAYAO_MORE}。\r\n"))
    stored = ReportText.objects.get(report=report)
    assert stored.text == f"{DAYAO}。\n{DAYAO_MORE}。"
    change = stored.history.get()
    assert (change.history_user.username, change.history_change_reason) == (
        "editor",
        "补充报道全文",
    )
    page = editor_client.get(f"/admin/pairings/report/{DAYAO_REPORT}/change/").content.decode()
    assert DAYAO_MORE in page


def test_an_editor_uploads_a_file_whose_text_replaces_the_pasted_one(editor_client):
    report = Report.objects.get(pk=DAYAO_REPORT)
    report.keep_text("旧的全文", "测试")
    data = _report_form(report, text="旧的全文", text_file=_upload("11.docx", _docx(DAYAO)))
    _change(editor_client, data)
    assert ReportText.objects.get(report=report).text == DAYAO


def test_a_refused_file_changes_nothing_and_says_why_in_chinese(editor_client):
    report = Report.objects.get(pk=DAYAO_REPORT)
    report.keep_text(DAYAO, "测试")
    data = _report_form(
        report, title="改过的标题", text=DAYAO, text_file=_upload("scan.pdf", _pdf(""))
    )
    page = _change(editor_client, data, status=200).content.decode()
    assert "没有文字层" in page
    report.refresh_from_db()
    assert report.title == "大姚县持续深化东西部协作,帮扶作用充分发挥"
    assert report.full_text.text == DAYAO


def test_pasting_and_uploading_at_once_is_refused(editor_client):
    report = Report.objects.get(pk=DAYAO_REPORT)
    data = _report_form(report, text=DAYAO, text_file=_upload("11.txt", DAYAO_MORE.encode()))
    page = _change(editor_client, data, status=200).content.decode()
    assert "请只用一种方式" in page
    assert not ReportText.objects.filter(report=report).exists()


def test_the_public_pages_and_downloads_never_carry_the_full_text(report_data, client):
    # The page's own furniture, which no excerpt quotes.
    Report.objects.get(pk=DAYAO_REPORT).keep_text(f"无障碍浏览 长者模式\n{DAYAO}。", "测试")
    for address in (
        f"/reports/{DAYAO_REPORT}/",
        f"/en/reports/{DAYAO_REPORT}/",
        f"/reports/{DAYAO_REPORT}/export.csv",
        f"/reports/{DAYAO_REPORT}/export.json",
        "/reports/",
    ):
        response = client.get(address)
        assert response.status_code == 200
        content = b"".join(response) if response.streaming else response.content
        assert "长者模式" not in content.decode(), address


def test_a_viewer_reads_the_text_and_cannot_change_it(viewer_client):
    Report.objects.get(pk=DAYAO_REPORT).keep_text(f"{DAYAO}\n{DAYAO_MORE}", "测试")
    address = f"/admin/pairings/report/{DAYAO_REPORT}/change/"
    page = viewer_client.get(address).content.decode()
    assert f"{DAYAO}<br>{DAYAO_MORE}" in page
    assert 'type="file"' not in page
    assert viewer_client.post(address, {"text": "改"}).status_code == 403
