"""Dependencies point one way: the domain (pairings' records, their rules and their rows) ←
the derived data (summaries) ← the presentation (views, filters, downloads, admin). And no
module imports inside a function to dodge a cycle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = [
    "pairings/models.py",
    "pairings/querysets.py",
    "pairings/metrics.py",
    "pairings/dates.py",
    "pairings/formatting.py",
    "pairings/cells.py",
    "pairings/rows.py",
    "pairings/likely_same.py",
    "pairings/report_text.py",
    "pairings/drafting/__init__.py",
    "pairings/drafting/phrases.py",
    "pairings/drafting/places.py",
]
PRESENTATION = {
    "pairings.views",
    "pairings.filters",
    "pairings.downloads",
    "pairings.admin",
    "pairings.charts",
    "pairings.forms",
    "pairings.resources",
    "pairings.importing",
    "pairings.templatetags",
    "pairings.middleware",
}


def _modules_of(path):
    """Return the module a file is and the ImportFrom/Import nodes of its tree."""
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return parts, ast.parse((ROOT / path).read_text())


def _imported(path):
    parts, tree = _modules_of(path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return names


def _within(names, packages):
    return sorted(
        name for name in names for package in packages if f"{name}.".startswith(f"{package}.")
    )


@pytest.mark.parametrize("path", DOMAIN)
def test_the_domain_reads_neither_the_derived_data_nor_the_pages(path):
    assert _within(_imported(path), {"summaries", *PRESENTATION}) == []


@pytest.mark.parametrize(
    "path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "summaries").rglob("*.py"))
)
def test_the_derived_data_never_reads_the_pages(path):
    assert _within(_imported(path), PRESENTATION) == []


def _sources():
    for folder in ("pairings", "summaries", "synthetic", "cooperation"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield str(path.relative_to(ROOT))


def test_no_module_imports_inside_a_function():
    inside = []
    for path in _sources():
        _parts, tree = _modules_of(path)
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                inside += [
                    f"{path}:{node.lineno}"
                    for node in ast.walk(function)
                    if isinstance(node, ast.Import | ast.ImportFrom)
                ]
    assert inside == []
