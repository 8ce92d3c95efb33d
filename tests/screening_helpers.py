"""Helpers for the screening tests: example records and path edits."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from activity_scores import ScreeningReport, screen

EXAMPLES = Path(__file__).parent.parent / "examples"


def example(name: str) -> dict[str, Any]:
    """A fresh copy of ``examples/<name>.json``."""
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def edit(record: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Set (or with ``...`` delete) the value at a dotted path such as ``labs.wbc.value``."""
    keys = path.split(".")
    node: Any = record
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    last = keys[-1]
    if value is ...:
        if isinstance(node, list):
            del node[int(last)]
        else:
            node.pop(last, None)
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return record


def outcome(record: dict[str, Any], criterion: str, **kwargs: Any) -> str:
    """The status (met / not met / unknown) of one criterion."""
    return report(record, **kwargs).criterion(criterion).status


def report(record: dict[str, Any], **kwargs: Any) -> ScreeningReport:
    """Screen a record dict."""
    return screen(record, **kwargs)


def with_edits(name: str, **edits: object) -> dict[str, Any]:
    """An example with edits, keyword names using ``__`` for dots."""
    record = example(name)
    for key, value in edits.items():
        edit(record, key.replace("__", "."), value)
    return record
