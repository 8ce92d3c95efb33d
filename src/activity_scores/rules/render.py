"""Text rendering of a screening report: readable at a glance, one line per criterion."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from activity_scores.rules.screening import CriterionResult, ScreeningReport

#: Marks: passes, fails, unknown (ASCII, so every terminal shows them).
MARKS = {True: "[+]", False: "[x]", None: "[?]"}
_TITLES = {
    ("common", "inclusion"): "Common inclusion criteria",
    ("common", "exclusion"): "Common exclusion criteria",
}


def _title(result: CriterionResult) -> str:
    key = (result.section, result.kind)
    return _TITLES.get(key, f"{result.section.upper()} {result.kind} criteria")


def render_text(report: ScreeningReport) -> str:
    """Render ``report`` as text (see :meth:`ScreeningReport.to_text`)."""
    from activity_scores.rules.screening import INDICATION_NAMES  # noqa: PLC0415 - cycle

    overall = report.overall.value.upper()
    subject = f" - subject {report.subject_id}" if report.subject_id else ""
    lines = [
        f"CHEC2024-181 screening: {INDICATION_NAMES[report.indication]}{subject}",
        f"RESULT: {overall}",
    ]
    if report.failing:
        lines.append("  failing: " + ", ".join(r.id for r in report.failing))
    if report.unknown:
        lines.append("  unknown: " + ", ".join(r.id for r in report.unknown))
    lines += [
        (
            f"Evaluated {report.evaluation_date.isoformat()} against {report.protocol_id} "
            f"({report.protocol_version}), activity_scores {report.library_version}"
        ),
        f"Record SHA-256 {report.record_sha256}",
        "Marks: [+] passes  [x] fails  [?] unknown. An exclusion 'met' means the condition is present.",
    ]
    title = None
    for result in report.criteria:
        if _title(result) != title:
            title = _title(result)
            lines.append("")
            lines.append(title)
        mark = MARKS[result.passes]
        number = result.id.split(".", 2)[2]
        lines.append(f"  {mark} {number:<5} {result.status:<8} {result.outcome.reason}")
        if result.outcome.missing and result.passes is None:
            lines.append(" " * 21 + f"missing: {', '.join(result.outcome.missing)}")
    return "\n".join(lines)
