"""Screening in process: one complete record per indication, decoded JSON to report.

The records are the bundled examples ``examples/<indication>-eligible.json`` (complete:
every criterion decided). Three statements per indication are timed, all twelve interleaved
in each of 15 repeats: ``screen(data)`` on the decoded JSON (the record is read and
validated, then screened), ``screen(record)`` on an already parsed :class:`PatientRecord`,
and ``screen(data).to_dict()``, the report with every reason and item written (the library
writes some of them when first read: an information row, so that the cost of a report read
whole is on the page too). Run alone with ``python benchmarks/bench_screening.py``.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from _harness import Row, calibrate, fmt_ns, median, paired, render

import activity_scores

TARGET_US = 100.0
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
INDICATIONS = ("pss", "ssc", "iim", "ra")
SECTION = "screening in process (median per record, CPU time)"


def complete_records() -> dict[str, dict[str, object]]:
    """The complete (eligible) example record of each indication, decoded."""
    records = {}
    for indication in INDICATIONS:
        path = EXAMPLES / f"{indication}-eligible.json"
        if path.exists():
            records[indication] = json.loads(path.read_text(encoding="utf-8"))
    return records


def run(*, quick: bool = False) -> list[Row]:
    """Time screening one complete record of each indication."""
    # Looked up, not imported: the suite also runs on a tree without the screening.
    screen = getattr(activity_scores, "screen", None)
    parse_record = getattr(importlib.import_module("activity_scores.rules"), "parse_record", None)
    if screen is None or parse_record is None:
        return [Row(SECTION, "screen() not available yet", "", "", "", "", None)]
    records = complete_records()
    if not records:
        return [Row(SECTION, f"no example records in {EXAMPLES}", "", "", "", "", None)]
    namespace: dict[str, object] = {"screen": screen}
    statements = []
    for indication, data in records.items():
        namespace[f"data_{indication}"] = data
        namespace[f"record_{indication}"] = parse_record(data)
        statements += [
            f"screen(data_{indication})",
            f"screen(record_{indication})",
            f"screen(data_{indication}).to_dict()",
        ]
    # One loop size for all, calibrated on the first; every repeat times every statement of
    # every indication in turn, so that the indications share the host's slow and fast
    # minutes (measured 20-50 % apart) instead of each having its own.
    number = calibrate(statements[0], namespace, seconds=0.02 if quick else 0.05)
    samples = paired(statements, namespace, repeat=3 if quick else 15, number=number)
    rows = []
    for i, (indication, data) in enumerate(records.items()):
        full, parsed, whole = samples[3 * i : 3 * i + 3]
        overall = screen(data).overall.value
        per_record = median(full)
        rows.append(
            Row(
                SECTION,
                f"screen {indication} record ({overall}), JSON dict -> report",
                fmt_ns(per_record),
                f"parsed record {fmt_ns(median(parsed))}",
                f"{1e9 / per_record:,.0f} records/s",
                f"<= {TARGET_US:g} us",
                per_record <= TARGET_US * 1000,
            )
        )
        rows.append(
            Row(
                SECTION,
                f"screen {indication} record, then report.to_dict() (every reason written)",
                fmt_ns(median(whole)),
                "",
                f"{1e9 / median(whole):,.0f} records/s",
                "information",
                None,
            )
        )
    return rows


if __name__ == "__main__":
    print(render(run(quick="--quick" in sys.argv)))
