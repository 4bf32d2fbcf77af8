"""Chinese at the root, English under /en/: every interface label translated, numbers and errors
in the page's language, and a language switch that stays on the same page."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from pairings.models import Pairing, Report
from tests.pages import fetch_page

CHINESE = re.compile(r"[\u3400-\u9fff]")
# Chinese text or punctuation; “ ” and 《 》 are left out: they enclose quoted report text.
CHINESE_OR_PUNCTUATION = re.compile(r"[\u3400-\u9fff\u3001-\u3009\u300c-\u303f\uff01-\uffef]")
TEMPLATE_TAG = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.S)
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
# The admin is always served in Chinese, so its strings may stay untranslated.
ADMIN_ONLY_SOURCES = (
    "pairings/admin.py",
    "pairings/forms.py",
    "pairings/resources.py",
    "templates/admin/",
)


def _jiading_chuxiong():
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


def _switch_link(page):
    return page.select_one(".site-header a.language-switch")["href"]


def _interface_labels(page):
    """Return the texts on a page that are always interface, never report data: the header
    (less the switch, which names the other language in that language), headings of
    sections, table column heads, term labels, form labels and captions."""
    header = page.select_one(".site-header")
    header.select_one(".language-switch").decompose()
    labels = [header.get_text(" ", strip=True)]
    for element in page.select("h2, dt, legend, caption, .events-field > label, footer p"):
        labels.append(element.get_text(" ", strip=True))
    for cell in page.select('th[scope="col"]'):
        if not cell.select("a[href^='/en/regions/']"):  # matrix columns are region names
            labels.append(cell.get_text(" ", strip=True))
    return [label for label in labels if label]


def test_the_overview_at_the_root_is_in_chinese(client, report_data):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    nav = page.select_one(".site-nav").get_text(" ", strip=True)
    assert "总览" in nav
    assert "Overview" not in nav


def test_the_overview_under_en_is_in_english(client, report_data):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text(strip=True) == "Shanghai–Yunnan Labour Cooperation Data"
    assert "Overview" in page.select_one(".site-nav").get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Shanghai–Yunnan labour cooperation at a glance"


def test_the_english_header_and_nav_have_no_chinese_labels(client, report_data):
    page = fetch_page(client, f"/en/pairings/{_jiading_chuxiong().pk}/")
    header = page.select_one(".site-header")
    switch = header.select_one(".language-switch")
    assert switch.get_text(strip=True) == "简体中文"
    assert switch["lang"] == "zh-Hans"
    switch.decompose()
    assert not CHINESE.search(header.get_text(" ", strip=True))


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/events/",
        "/en/pairings/{pairing}/",
        "/en/regions/532300/",
        "/en/reports/",
        "/en/reports/{report}/",
    ],
)
def test_english_pages_have_every_interface_label_translated(client, report_data, url):
    url = url.format(pairing=_jiading_chuxiong().pk, report=Report.objects.first().pk)
    untranslated = [
        label for label in _interface_labels(fetch_page(client, url)) if CHINESE.search(label)
    ]
    assert untranslated == []


def test_the_switch_on_a_chinese_page_leads_to_the_same_page_in_english(client, report_data):
    pk = _jiading_chuxiong().pk
    assert _switch_link(fetch_page(client, f"/pairings/{pk}/")) == f"/en/pairings/{pk}/"


def test_the_switch_on_an_english_page_leads_back_and_keeps_the_query(client, report_data):
    page = fetch_page(client, "/en/events/?kind=job_fair")
    assert _switch_link(page) == "/events/?kind=job_fair"
    assert _switch_link(fetch_page(client, "/events/?kind=job_fair")) == "/en/events/?kind=job_fair"


def test_the_switch_on_the_english_overview_leads_to_the_root(client, report_data):
    assert _switch_link(fetch_page(client, "/en/")) == "/"


def test_numbers_read_in_the_language_of_the_page(client, report_data):
    pk = _jiading_chuxiong().pk
    chinese = (
        fetch_page(client, f"/pairings/{pk}/").select_one(".headline").get_text(" ", strip=True)
    )
    english = (
        fetch_page(client, f"/en/pairings/{pk}/").select_one(".headline").get_text(" ", strip=True)
    )
    assert "3,000+ 人" in chinese  # 3000余名求职者
    assert "≥3,000 people" in english
    assert "人" not in english


def test_the_events_browser_reads_in_english(client, first_reports):
    page = fetch_page(client, "/en/events/?kind=job_fair")
    assert page.h1.get_text(strip=True) == "Events"
    assert "8 events" in page.select_one(".events-count").get_text(" ", strip=True)
    heads = [th.get_text(" ", strip=True) for th in page.select(".events-table thead th")]
    assert heads[:3] == [
        "Date ▼ (click to reverse the order)",
        "Type (click to sort by this column)",
        "Title (click to sort by this column)",
    ]
    kinds = {span.get_text(strip=True) for span in page.select(".events-kind")}
    assert kinds == {"Job fair"}
    active = page.select_one(".events-active-filters").get_text(" ", strip=True)
    assert "Event type: Job fair" in active


def test_a_pairing_page_reads_in_english(client, report_data):
    page = fetch_page(client, f"/en/pairings/{_jiading_chuxiong().pk}/")
    terms = [dt.get_text(strip=True) for dt in page.select(".facts dt")]
    assert terms == [
        "Shanghai side",
        "Yunnan side",
        "Earliest documented year",
        "Pairing basis",
        "Source",  # one per citation: 嘉定区–楚雄州 has one
    ]
    headings = [h2.get_text(strip=True) for h2 in page.select("h2")]
    assert "Worker transport" in headings
    assert "Labour brands" in headings


def test_a_region_page_reads_in_english(client, report_data):
    page = fetch_page(client, "/en/regions/532300/")
    assert "Prefecture · Administrative division code 532300" in page.select_one(
        ".eyebrow"
    ).get_text(" ", strip=True)
    assert [h3.get_text(strip=True) for h3 in page.select("#pairings h3")] == [
        "Pairings as the Yunnan side",
        "Pairings of the areas under it",  # 上海市–大姚县, corpus report 11
        "Pairings of 云南省, which it belongs to",  # 上海市–云南省, corpus report 05
    ]
    assert page.select_one("#summary h3").get_text(strip=True) == "Events by year"
    assert "Sums of the batches" in page.select_one("#summary caption").get_text()


def test_a_report_page_reads_in_english(client, report_data):
    report = Report.objects.get(title__startswith="沪滇劳务协作")
    page = fetch_page(client, f"/en/reports/{report.pk}/")
    headings = [h2.get_text(strip=True) for h2 in page.select("h2")]
    assert headings == [
        "What this report contributed",
        "Pairings based on this report",
        "Events recorded in this report",
        "Figures given in this report",
        "Labour brands and training programmes",
    ]
    assert "Job fair" in page.select_one("#events").get_text(" ", strip=True)
    summary = page.select_one("#summary").get_text(" ", strip=True)
    assert "12 events" in summary and "34 figures" in summary


def test_a_form_error_is_in_english(client, report_data):
    page = fetch_page(client, "/en/events/?date_from=bad", status=400)
    summary = page.select_one(".events-error-summary").get_text(" ", strip=True)
    assert "Please correct these filters:" in summary
    assert "From: Enter a valid date." in summary
    assert not CHINESE.search(summary)


def test_a_form_error_at_the_root_is_in_chinese(client, report_data):
    page = fetch_page(client, "/events/?date_from=bad", status=400)
    summary = page.select_one(".events-error-summary").get_text(" ", strip=True)
    assert "开始日期：" in summary


def _po_entries():
    """Yield (references, flags, msgstrs) for each live entry of the English catalogue."""
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if not lines or all(line.startswith("#~") for line in lines if line.strip()):
            continue
        references = " ".join(line[3:] for line in lines if line.startswith("#: "))
        flags = " ".join(line[3:] for line in lines if line.startswith("#, "))
        msgstrs, current = [], None
        for line in lines:
            if line.startswith("msgstr"):
                current = [re.match(r'msgstr(?:\[\d\])? "(.*)"$', line).group(1)]
                msgstrs.append(current)
            elif line.startswith('"') and current is not None:
                current.append(line[1:-1])
        if references:  # the header has none
            yield references, flags, ["".join(parts) for parts in msgstrs]


def test_every_public_string_has_an_english_translation():
    untranslated = [
        references
        for references, flags, msgstrs in _po_entries()
        if ("fuzzy" in flags or not all(msgstrs))
        and not all(ref.startswith(ADMIN_ONLY_SOURCES) for ref in references.split())
    ]
    assert untranslated == []


def _text_outside_translation(template):
    """Return the template's literal text that no translate tag covers."""
    text, depth = [], 0
    for part in TEMPLATE_TAG.split(template):
        if re.match(r"{%-?\s*blocktranslate\b", part):
            depth += 1
        elif re.match(r"{%-?\s*endblocktranslate\b", part):
            depth -= 1
        elif not part.startswith(("{%", "{{", "{#")) and not depth:
            text.append(part)
    return "".join(text)


def test_public_templates_write_no_chinese_outside_translate_tags():
    untranslatable = {
        str(path.relative_to(TEMPLATES_DIR)): CHINESE_OR_PUNCTUATION.findall(
            _text_outside_translation(path.read_text(encoding="utf-8"))
        )
        for path in TEMPLATES_DIR.rglob("*.html")
        if "admin" not in path.relative_to(TEMPLATES_DIR).parts
    }
    assert {name: found for name, found in untranslatable.items() if found} == {}


TRANSLATE_TAG = re.compile(r"{%-?\s*translate\s+(['\"])(.*?)\1")
WORD = re.compile(r"[A-Za-z\u3400-\u9fff]")


def test_no_template_translates_a_lone_punctuation_mark():
    lone = [
        f"{path.relative_to(TEMPLATES_DIR)}: {text}"
        for path in sorted(TEMPLATES_DIR.rglob("*.html"))
        for _, text in TRANSLATE_TAG.findall(path.read_text(encoding="utf-8"))
        if not WORD.search(text)
    ]
    assert lone == []
