"""The public API: every name in __all__ is exported once, documented and on a docs page."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import activity_scores
from activity_scores import _fast

DOCS = Path(__file__).parent.parent / "docs"
PUBLIC = [name for name in activity_scores.__all__ if name != "__version__"]


def _docs_text() -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in DOCS.glob("*.md"))


def test_all_is_unique_and_importable() -> None:
    assert len(activity_scores.__all__) == len(set(activity_scores.__all__))
    for name in activity_scores.__all__:
        assert hasattr(activity_scores, name), name


def test_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", activity_scores.__version__)


@pytest.mark.parametrize("name", PUBLIC)
def test_has_docstring(name: str) -> None:
    obj = getattr(activity_scores, name)
    assert inspect.getdoc(obj), f"{name} has no docstring"


@pytest.mark.parametrize("name", PUBLIC)
def test_is_in_the_api_reference(name: str) -> None:
    assert re.search(rf"^::: activity_scores\.{re.escape(name)}\s*$", _docs_text(), re.MULTILINE), (
        f"no '::: activity_scores.{name}' entry in docs/*.md"
    )


def _parameters() -> set[str]:
    names: set[str] = set()
    modules = [activity_scores, activity_scores.units]
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(_fast.python_function(obj)):  # with a compiled fast path too
                names.update(inspect.signature(obj).parameters)
    return names


@pytest.mark.parametrize("parameter", sorted(_parameters()))
def test_every_parameter_is_in_the_glossary(parameter: str) -> None:
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    assert f"| `{parameter}` |" in glossary, f"{parameter} is not in docs/glossary.md"


@pytest.mark.parametrize("name", PUBLIC)
def test_public_functions_take_keyword_only_arguments(name: str) -> None:
    obj = getattr(activity_scores, name)
    if not inspect.isfunction(_fast.python_function(obj)):  # with a compiled fast path too
        return
    kinds = {p.kind for p in inspect.signature(obj).parameters.values()}
    positional = [
        p.name
        for p in inspect.signature(obj).parameters.values()
        if p.kind is not inspect.Parameter.KEYWORD_ONLY
    ]
    # A single leading positional argument is allowed where it is *the* subject
    # (a value to categorise, a mapping of domains): it cannot be swapped with another.
    assert len(positional) <= 1, f"{name} takes positional arguments {positional}"
    assert kinds
