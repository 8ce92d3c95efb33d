"""Screen the bundled example patients against CHEC2024-181 and print the reports.

``make demo`` runs this file: for each indication, one eligible, one not-eligible and one
undetermined record. The full text report is printed for the first record; the others are
summarised by their failing or unknown criteria with the reasons.
"""

from __future__ import annotations

from pathlib import Path

from activity_scores import screen

HERE = Path(__file__).parent
ORDER = ("eligible", "not-eligible", "undetermined")


def main() -> None:
    """Print the reports of the example records."""
    first = True
    for indication in ("pss", "ssc", "iim", "ra"):
        for kind in ORDER:
            path = HERE / f"{indication}-{kind}.json"
            report = screen(path.read_text(encoding="utf-8"))
            if first:
                print(report.to_text())
                print()
                first = False
                continue
            print(f"{path.name}: {report.overall.value.upper()}")
            for result in report.failing + report.unknown:
                mark = "x" if result.passes is False else "?"
                print(f"  [{mark}] {result.id}: {result.outcome.reason}")
    print(
        "\nSee docs/screening.md; 'activity-scores screen examples/batch.jsonl --summary' for a batch."
    )


if __name__ == "__main__":
    main()
