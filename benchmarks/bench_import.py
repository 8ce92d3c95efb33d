"""Import cost: ``python -c "import activity_scores"`` against ``python -c "import attrs"``.

Each is run in repeated fresh processes, interleaved, timed from outside with
``time.perf_counter_ns`` (wall time: process start-up, imports and exit); the figure is the
difference of the medians. A second check lists the modules that ``import activity_scores``
loads beyond ``import attrs`` and refuses heavy ones (they must wait until used).
Run alone with ``python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from _harness import Row, render

TARGET_MS = 15.0

#: Modules that must not be loaded by ``import activity_scores`` (only when used).
HEAVY = (
    "argparse",
    "asyncio",
    "csv",
    "datetime",
    "decimal",
    "email",
    "fractions",
    "hashlib",
    "importlib.metadata",
    "importlib.resources",
    "json",
    "logging",
    "numpy",
    "pandas",
    "sqlite3",
    "subprocess",
    "uuid",
    "zipfile",
)

_NEW_MODULES = (
    "import sys, json; import attrs; before = set(sys.modules); import activity_scores; "
    "print(json.dumps(sorted(set(sys.modules) - before)))"
)
_BASELINE_MODULES = (
    "import sys, json; before = set(sys.modules); import attrs; "
    "print(json.dumps(sorted(set(sys.modules) - before)))"
)


def _wall_ms(code: str) -> float:
    start = time.perf_counter_ns()
    subprocess.run([sys.executable, "-c", code], check=True)
    return (time.perf_counter_ns() - start) / 1e6


def _modules(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    names: list[str] = json.loads(out)
    return names


def run(*, quick: bool = False) -> list[Row]:
    """Time the two imports in fresh processes; list what the library imports."""
    repeat = 7 if quick else 21
    _wall_ms("import activity_scores")  # warm the file-system cache and the .pyc files
    attrs_ms: list[float] = []
    library_ms: list[float] = []
    for _ in range(repeat):
        attrs_ms.append(_wall_ms("import attrs"))
        library_ms.append(_wall_ms("import activity_scores"))
    added = statistics.median(library_ms) - statistics.median(attrs_ms)
    ours = {name for name in _modules(_NEW_MODULES) if not name.startswith("activity_scores")}
    # Modules that attrs loads as well are not ours to count (they are in its baseline).
    heavy = sorted(name for name in ours if name in HEAVY)
    section = f"import (median of {repeat} fresh processes, wall time)"
    return [
        Row(
            section,
            "python -c 'import activity_scores'",
            f"{statistics.median(library_ms):.1f} ms",
            f"{statistics.median(attrs_ms):.1f} ms (attrs)",
            f"+{added:.1f} ms",
            f"<= +{TARGET_MS:g} ms",
            added <= TARGET_MS,
        ),
        Row(
            section,
            "stdlib modules loaded beyond attrs",
            ", ".join(sorted(ours)) or "none",
            "",
            "",
            "none heavy",
            not heavy,
        ),
    ]


if __name__ == "__main__":
    print(render(run(quick="--quick" in sys.argv)))
