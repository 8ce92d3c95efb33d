"""The documentation site's structure: the nav and the pages agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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
