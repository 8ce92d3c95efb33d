"""The documentation site's structure: the nav and the pages agree."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import activity_scores

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def _walk(entries: list[Any]) -> list[str]:
    pages: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            pages.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                pages.extend([value] if isinstance(value, str) else _walk(value))
    return pages


def nav_pages() -> list[str]:
    """The Markdown files listed in the ``nav`` of ``mkdocs.yml``, in order."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return _walk(config["nav"])


def _docs_pages() -> set[str]:
    return {
        page.relative_to(DOCS).as_posix()
        for page in DOCS.rglob("*.md")
        if page.relative_to(DOCS).parts[0] != "vendor"
    }


def test_every_nav_entry_exists() -> None:
    missing = [page for page in nav_pages() if not (DOCS / page).is_file()]
    assert not missing, f"mkdocs.yml nav lists missing pages: {missing}"


def test_every_docs_page_is_in_the_nav() -> None:
    orphans = sorted(_docs_pages() - set(nav_pages()))
    assert not orphans, f"docs pages not in the mkdocs.yml nav: {orphans}"


def test_no_page_is_listed_twice() -> None:
    pages = nav_pages()
    assert len(pages) == len(set(pages))


def test_nav_order_is_by_indication_then_renal_then_protocol() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    sections = [next(iter(entry)) for entry in config["nav"]]
    order = [
        "Rheumatoid arthritis",
        "Primary Sjögren's syndrome",
        "Systemic sclerosis",
        "Idiopathic inflammatory myopathy",
        "Renal function",
        "CHEC2024-181 screening",
    ]
    assert [s for s in sections if s in order] == order


# Public functions that compute nothing clinical (plumbing: records, reports, schemas).
# Every other public function is a score, a category rule, a criterion or a protocol rule
# and must have a row in the formula index.
NOT_FORMULAS = frozenset({"parse_record", "record_schema"})


def _formula_functions() -> list[str]:
    return sorted(
        name
        for name in activity_scores.__all__
        if callable(getattr(activity_scores, name))
        and not inspect.isclass(getattr(activity_scores, name))
        and name not in NOT_FORMULAS
    )


@pytest.mark.parametrize("name", _formula_functions())
def test_every_score_and_criterion_is_in_the_formula_index(name: str) -> None:
    index = (DOCS / "formula-index.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| \[`{re.escape(name)}`\]\(", index, re.MULTILINE), (
        f"{name} has no row in docs/formula-index.md"
    )


def test_formula_index_links_primary_sources() -> None:
    index = (DOCS / "formula-index.md").read_text(encoding="utf-8")
    rows = [line for line in index.splitlines() if line.startswith("| [`")]
    assert rows
    for row in rows:
        assert row.count(" | ") >= 3, row
        source = row.rsplit(" | ", 1)[1]
        assert re.search(r"https://doi\.org/|PMID \d+|CHEC2024-181|no DOI", source), row
