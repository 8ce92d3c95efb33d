"""Run every benchmark and print one table (``make bench``).

Usage::

    python benchmarks/run.py [--quick] [--markdown] [--strict] [--only scores,import,...]

``--quick`` takes fewer repeats (a smoke run); ``--markdown`` prints the table as Markdown,
as pasted into ``docs/performance.md``; ``--strict`` exits with status 1 if a target is
missed. The machine and Python version are printed first, so that a table says where it was
measured.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import bench_cli
import bench_import
import bench_scores
import bench_screening
from _harness import Row, render

import activity_scores

SUITES: dict[str, Callable[..., list[Row]]] = {
    "scores": bench_scores.run,
    "screening": bench_screening.run,
    "cli": bench_cli.run,
    "import": bench_import.run,
}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _fast_paths() -> str:
    try:
        from activity_scores import _fast  # noqa: PLC0415 - absent on trees before round 4
    except ImportError:
        return "no compiled fast paths"
    if _fast.ENABLED:
        return "compiled fast paths on"
    return "compiled fast paths off (not built, or ACTIVITY_SCORES_PURE_PYTHON set)"


def machine() -> str:
    """One line describing where the figures were measured."""
    return (
        f"activity_scores {activity_scores.__version__}; Python {platform.python_version()} "
        f"({platform.python_implementation()}); {_cpu_model()}; {os.cpu_count()} CPUs "
        f"(nproc); {platform.system()} {platform.release()}; {_fast_paths()}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the suites and print the table; with ``--strict``, 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke run)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--only", default=",".join(SUITES), help="comma-separated suites")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name in args.only.split(","):
        rows += SUITES[name](quick=args.quick)
    print(machine())
    print(render(rows, markdown=args.markdown))
    missed = [row.name for row in rows if row.ok is False]
    if missed:
        print(f"\n{len(missed)} target(s) missed: {', '.join(missed)}")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
