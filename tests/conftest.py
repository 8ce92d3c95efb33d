"""Shared test helpers."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

REFERENCE = Path(__file__).parent / "reference_values"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=200)
settings.register_profile("thorough", deadline=None, max_examples=5000)
# HYPOTHESIS_PROFILE=thorough selects the long run (``make fuzz``).
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """In a fuzz run (``make fuzz``), report how many inputs the robustness tests tried."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "thorough":
        from tests.robustness import CALLS  # noqa: PLC0415 - only in a fuzz run

        terminalreporter.write_line(
            f"robustness: {CALLS['total']} calls tried, {CALLS['refused']} refused by name"
        )


def reference_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``tests/reference_values/<name>`` (each row names its source)."""
    with (REFERENCE / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
