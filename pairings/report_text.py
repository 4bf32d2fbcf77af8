"""A report's full text from the file an editor uploads: plain text, a saved web page, a Word
document or a PDF with a text layer. The text is kept as printed (traditional script stays
traditional); whoever matches on it folds it with script.simplified."""

import io
import re
from html.parser import HTMLParser
from pathlib import PurePath

import docx
import pypdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from docx.table import Table

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a long report is some 100 KB even as .docx or .pdf

# Chinese pages declare GB2312 or GBK and use characters of GB18030, their superset.
_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def report_text(uploaded_file):
    """Return the text of an uploaded report file (.txt, .html, .docx, or .pdf with a text
    layer), its lines as printed; raise ValidationError, in Chinese, for a file too large, of
    another type, unreadable or without text."""
    suffix = PurePath(uploaded_file.name or "").suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ValidationError(
            _("只能上传 .txt、.html、.docx 或 .pdf 文件，也可以直接粘贴全文。"),
            code="file_type",
        )
    if uploaded_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件超过 %(limit)d MB，请只粘贴报道的文字。"),
            code="file_size",
            params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    content = uploaded_file.read()
    try:
        text = reader(content)
    except ValidationError:
        raise
    except Exception as error:
        # Each parser has its own exceptions for a damaged or disguised file, and a file an
        # editor picked by mistake must be refused, never a server error.
        raise _unreadable() from error
    text = _tidy(text)
    if not text:
        raise _unreadable()
    return text


def _unreadable():
    return ValidationError(
        _("无法读取这个文件的文字（文件损坏或格式不符），请粘贴报道全文。"), code="unreadable"
    )


def _tidy(text):
    """Return the text with one kind of line break, no trailing spaces and no blank runs."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decoded(content, declared=None):
    """Return bytes as text: by their byte-order mark, the charset the page declares, UTF-8,
    or GB18030 (what Chinese Windows saves a .txt in)."""
    for bom, encoding in _BYTE_ORDER_MARKS:
        if content.startswith(bom):
            return content.decode(encoding)
    if declared and declared.lower() in _GB_FAMILY:
        declared = "gb18030"
    for encoding in dict.fromkeys(filter(None, [declared, "utf-8", "gb18030"])):
        try:
            text = content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text
    raise _unreadable()


def _plain_text(content):
    return _decoded(content)


def _web_page(content):
    match = _DECLARED_CHARSET.search(content[:4096])
    page = _PageText()
    page.feed(_decoded(content, match and match.group(1).decode("ascii")))
    page.close()
    return page.text()


def _word_document(content):
    lines = []
    for block in docx.Document(io.BytesIO(content)).iter_inner_content():
        if isinstance(block, Table):
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf(content):
    document = pypdf.PdfReader(io.BytesIO(content))
    if document.is_encrypted:
        document.decrypt("")
    text = "\n".join(page.extract_text() or "" for page in document.pages)
    if not text.strip():
        raise ValidationError(
            _("这个 PDF 没有文字层（可能是扫描图片），读不出文字：请粘贴报道全文。"),
            code="pdf_without_text",
        )
    return text


class _PageText(HTMLParser):
    """The words of a web page's article: its <article> (else <main>, else <body>), without
    scripts, styles, navigation, headers, footers, forms and asides; a block starts a line."""

    SKIPPED = {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "form", "select", "button", "iframe", "svg", "head", "title",
    }  # fmt: skip
    BLOCKS = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "main", "blockquote", "table", "ul", "ol", "dd", "dt", "pre", "hr",
    }  # fmt: skip
    VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # the elements we are inside, innermost last
        self.parts = {"article": [], "main": [], "body": []}

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._add("\n")
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        if tag in self.BLOCKS:
            self._add("\n")

    def handle_data(self, data):
        if not self.SKIPPED.intersection(self.open):
            self._add(re.sub(r"[ \t\r\n]+", " ", data))

    def _add(self, words):
        for part in ("article", "main"):
            if part in self.open:
                self.parts[part].append(words)
        self.parts["body"].append(words)

    def text(self):
        article, main, body = ("".join(parts) for parts in self.parts.values())
        words = article if article.strip() else main if main.strip() else body
        return "\n".join(line.strip() for line in words.split("\n"))


_READERS = {
    ".txt": _plain_text,
    ".html": _web_page,
    ".htm": _web_page,
    ".docx": _word_document,
    ".pdf": _pdf,
}
