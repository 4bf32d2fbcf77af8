"""Hostile and malformed query strings and path segments against every public page and
download: never a 5xx. The paths come from the URL resolver, so a new pattern is fuzzed too."""

import os
import re
from urllib.parse import quote

from django.conf import settings as django_settings
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))
ENDPOINTS = [
    "/",
    "/events/",
    "/en/events/",
    "/events/export.csv",
    "/events/export.json",
    "/events/export.xlsx",
    "/pairings/1/",
    "/pairings/1/export.csv",
    "/regions/532300/",
    "/reports/",
    "/reports/1/",
]
KNOWN_KEYS = [
    "q", "date_from", "date_to", "period", "dated", "shanghai", "prefecture", "county",
    "kind", "sort", "page", "lang", "format",
]  # fmt: skip
NASTY_VALUES = [
    "", "0", "-1", "99999999999999999999999999", "1e309", "NaN", "2026-02-30", "2026-13-01",
    "0000-00-00", "9999-12-31", "2026-02-01T00:00", "' OR 1=1 --", "1; DROP TABLE pairings_event",
    "%00", "\x00", "../../etc/passwd", "<script>alert(1)</script>", "昭通市", "530600",
    "none", "this_year", "-date", "title", "🙂" * 50, "a" * 5000, "%E4%B8%AD", "[]", "{}",
]  # fmt: skip

keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=20))
values = st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=200), st.integers().map(str))
query_strings = st.lists(st.tuples(keys, values), max_size=8).map(
    lambda pairs: "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
)


# A route's parameter, as Django's RoutePattern finds it: <converter:name> or <name>.
ROUTE_PARAMETER = re.compile(r"<(?:[^>:]+:)?([^>]+)>")
# The admin is behind a login and has its own tests; the pages it answers anonymously redirect.
SKIPPED_NAMESPACES = {"admin"}


def _segment(regex):
    """Return what may stand where `regex` is matched: what it accepts, hostile text, anything."""
    return st.one_of(
        st.from_regex(regex, fullmatch=True),
        st.sampled_from(NASTY_VALUES),
        st.text(max_size=50),
    ).map(lambda text: quote(text, safe=""))


def _route_parts(pattern):
    """Return a list of strategies whose texts, joined, make an address `pattern` is asked."""
    if isinstance(pattern, LocalePrefixPattern):
        return [st.sampled_from(_language_prefixes(pattern))]
    if isinstance(pattern, RegexPattern):
        return [_segment(pattern.regex.pattern.removeprefix("^").removesuffix("$"))]
    assert isinstance(pattern, RoutePattern), f"the fuzz test cannot read {pattern!r}"
    literals = ROUTE_PARAMETER.split(str(pattern))
    parts = [st.just(literals[0])]
    for name, literal in zip(literals[1::2], literals[2::2], strict=True):
        parts += [_segment(pattern.converters[name].regex), st.just(literal)]
    return parts


def _language_prefixes(pattern):
    prefixes = []
    for code, _name in django_settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(pattern.language_prefix)
    return prefixes


def _routes(resolver, parts=()):
    """Yield, for every public URL pattern, the strategies that make an address for it."""
    for entry in resolver.url_patterns:
        here = [*parts, *_route_parts(entry.pattern)]
        if isinstance(entry, URLResolver):
            if entry.namespace not in SKIPPED_NAMESPACES:
                yield from _routes(entry, here)
        else:
            yield here


def _addresses():
    routes = [st.tuples(*parts).map("".join) for parts in _routes(get_resolver())]
    return st.one_of(routes).map(lambda path: "/" + path)


def _answer(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # errors while streaming count too
    return response.status_code


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(endpoint=st.sampled_from(ENDPOINTS), query=query_strings)
@example(endpoint="/events/", query="date_to=9999-12-31")
@example(endpoint="/events/", query="date_from=2018-01-01&date_to=9999-12-31")
def test_no_query_string_makes_any_public_page_fail(client, report_data, endpoint, query):
    status = _answer(client, f"{endpoint}?{query}")
    assert status < 500, (endpoint, query, status)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.deferred(_addresses), query=st.one_of(st.just(""), query_strings))
@example(path="/regions/%00/", query="")
@example(path="/regions/a%00b/", query="")
@example(path="/regions/a%00b/export.csv", query="")
@example(path="/en/pairings/99999999999999999999999/export.json", query="")
def test_no_path_makes_any_public_page_fail(client, report_data, path, query):
    status = _answer(client, f"{path}?{query}" if query else path)
    assert status < 500, (path, query, status)
