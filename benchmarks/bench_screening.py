"""Screening speed on the bundled example records (run by ``make bench``, never by tests)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from activity_scores import parse_record, screen

EXAMPLES = Path(__file__).parent.parent / "examples"


def main() -> None:
    """Print microseconds per record for parsing, screening and both, by indication."""
    lines = (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    data = [json.loads(line) for line in lines]
    records = [parse_record(item) for item in data]
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for item in data:
            parse_record(item)
    parse_us = (time.perf_counter() - start) / (rounds * len(data)) * 1e6
    print(f"parse_record: {parse_us:8.1f} us/record")
    for indication in ("pss", "ssc", "iim", "ra"):
        chosen = [r for r in records if r.indication == indication]
        start = time.perf_counter()
        for _ in range(rounds):
            for record in chosen:
                screen(record)
        per = (time.perf_counter() - start) / (rounds * len(chosen)) * 1e6
        print(f"screen {indication:<4}: {per:8.1f} us/record")


if __name__ == "__main__":
    main()
