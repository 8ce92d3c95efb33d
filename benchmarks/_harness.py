"""Timing helpers and the one results table shared by every benchmark (not a test).

Every figure is a median over repeats, never a single run. In-process timings use the
process's CPU time (``time.process_time``, nanosecond resolution on Linux) as timeit's clock,
so that time spent descheduled on a shared machine is not counted; on an idle machine it
equals wall time. End-to-end figures (the CLI) use wall time. Paired measurements (a library
call and its bare formula) are interleaved repeat by repeat, so that load from other
processes on a shared machine falls on both sides alike, and their ratio is the median of the
per-repeat ratios.
"""

from __future__ import annotations

import statistics
import time
import timeit
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The clock of in-process timings: CPU time of this process (see the module notes).
CLOCK = time.process_time


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    section: str
    name: str
    measured: str
    baseline: str
    ratio: str
    target: str
    ok: bool | None  # None: informative only, no target

    @property
    def verdict(self) -> str:
        """``"ok"``, ``"MISS"`` or ``""`` (no target)."""
        if self.ok is None:
            return ""
        return "ok" if self.ok else "MISS"


HEADER = ("benchmark", "measured", "baseline", "ratio / diff", "target", "")


def _cells(row: Row) -> tuple[str, ...]:
    return (row.name, row.measured, row.baseline, row.ratio, row.target, row.verdict)


def render(rows: Sequence[Row], *, markdown: bool = False) -> str:
    """Render the rows as one table (plain text, or Markdown for the docs page)."""
    if markdown:
        lines = ["| " + " | ".join(HEADER[:-1]) + " | result |", "|---|---:|---:|---:|---|---|"]
        section = None
        for row in rows:
            if row.section != section:
                section = row.section
                lines.append(f"| **{section}** | | | | | |")
            lines.append("| " + " | ".join(_cells(row)) + " |")
        return "\n".join(lines)
    cells = [HEADER, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.ljust(width) if i in {0, 4} else value.rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(HEADER), line(["-" * width for width in widths])]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            out.append(f"[{section}]")
        out.append(line(_cells(row)))
    return "\n".join(out)


def fmt_ns(nanoseconds: float) -> str:
    """Format a duration given in nanoseconds with a readable unit."""
    if nanoseconds < 1_000:
        return f"{nanoseconds:.0f} ns"
    if nanoseconds < 1_000_000:
        return f"{nanoseconds / 1_000:.2f} us"
    if nanoseconds < 1_000_000_000:
        return f"{nanoseconds / 1_000_000:.1f} ms"
    return f"{nanoseconds / 1_000_000_000:.2f} s"


def calibrate(stmt: str, namespace: Mapping[str, object], *, seconds: float = 0.02) -> int:
    """Return a loop count that makes one repeat of ``stmt`` last about ``seconds``."""
    timer = timeit.Timer(stmt, timer=CLOCK, globals=dict(namespace))
    number, elapsed = timer.autorange()
    return max(1, int(number * seconds / max(elapsed, 1e-9)))


def paired(
    statements: Sequence[str], namespace: Mapping[str, object], *, repeat: int, number: int
) -> list[list[float]]:
    """Time each statement ``repeat`` times, interleaved; return per-call ns per repeat."""
    timers = [timeit.Timer(stmt, timer=CLOCK, globals=dict(namespace)) for stmt in statements]
    samples: list[list[float]] = [[] for _ in statements]
    for _ in range(repeat):
        for timer, sample in zip(timers, samples, strict=True):
            sample.append(timer.timeit(number) / number * 1e9)
    return samples


def median(values: Sequence[float]) -> float:
    """Median of a sample."""
    return statistics.median(values)


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """Median of the per-repeat ratios of two interleaved samples."""
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True))
