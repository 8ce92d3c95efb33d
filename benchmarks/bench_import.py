"""Import cost: ``python -c "import activity_scores"`` against ``python -c "import attrs"``.

Each is run in repeated fresh processes, interleaved; each process's CPU time (user + system,
from ``os.wait4``: start-up, imports and exit, not time spent waiting for a shared CPU) is
taken, and the figure is the difference of the medians. A second check lists the modules that
``import activity_scores`` loads beyond a bare interpreter and refuses heavy ones (they must
wait until used).
Run alone with ``python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import ast
import os
import statistics
import subprocess
import sys

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

#: What a first use costs: the names load their modules when first accessed.
FIRST_USE = {
    "activity_scores.das28_esr (RA scores)": "import activity_scores; activity_scores.das28_esr",
    "activity_scores.screen (all rules)": "import activity_scores as a; getattr(a, 'screen', None)",
}

_NEW_MODULES = (
    "import sys; before = set(sys.modules); import activity_scores; "
    "print(repr(sorted(set(sys.modules) - before)))"
)


def _process_ms(code: str) -> float:
    """CPU time (user + system) of a fresh ``python -c code``, in ms."""
    process = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        msg = f"python -c {code!r} exited with {process.returncode}"
        raise RuntimeError(msg)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _modules(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    names: list[str] = ast.literal_eval(out)
    return names


def run(*, quick: bool = False) -> list[Row]:
    """Time the two imports in fresh processes; list what the library imports."""
    repeat = 7 if quick else 21
    _process_ms("import activity_scores")  # warm the file-system cache and the .pyc files
    attrs_ms: list[float] = []
    library_ms: list[float] = []
    uses_ms: dict[str, list[float]] = {name: [] for name in FIRST_USE}
    for _ in range(repeat):
        attrs_ms.append(_process_ms("import attrs"))
        library_ms.append(_process_ms("import activity_scores"))
        for name, code in FIRST_USE.items():
            uses_ms[name].append(_process_ms(code))
    added = statistics.median(library_ms) - statistics.median(attrs_ms)
    ours = {name for name in _modules(_NEW_MODULES) if not name.startswith("activity_scores")}
    heavy = sorted(name for name in ours if name in HEAVY)
    section = f"import (median of {repeat} fresh processes, CPU time)"
    first_use = [
        Row(
            section,
            f"first use: {name}",
            f"{statistics.median(times):.1f} ms",
            "",
            f"{statistics.median(times) - statistics.median(attrs_ms):+.1f} ms",
            "(information)",
            None,
        )
        for name, times in uses_ms.items()
    ]
    return [
        Row(
            section,
            "python -c 'import activity_scores'",
            f"{statistics.median(library_ms):.1f} ms",
            f"{statistics.median(attrs_ms):.1f} ms (attrs)",
            f"{added:+.1f} ms",
            f"<= +{TARGET_MS:g} ms",
            added <= TARGET_MS,
        ),
        Row(
            section,
            "modules loaded besides activity_scores.*",
            ", ".join(sorted(ours)) or "none",
            "",
            "",
            "none heavy",
            not heavy,
        ),
        *first_use,
    ]


if __name__ == "__main__":
    print(render(run(quick="--quick" in sys.argv)))
