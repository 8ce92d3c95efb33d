"""The command's output lines, written directly, against the text they were written from before.

The text line of a batch is now written from the criteria's rows (no result objects):
``_text_line_before`` keeps the code it replaces, and the two are compared below.

``activity_scores.rules._report_json.json_line`` (issue 8) must give, for every report, the
text of ``json.dumps({"line": n, **report.to_dict()}, ensure_ascii=False,
default=json_default)`` that the command wrote before: here on every example, on records with
unknown and failing criteria, on reports built with unusual values and classes (which take
the general path), and end to end through the command on a batch with invalid, blank,
whitespace-only, CRLF-terminated and BOM-prefixed lines.
"""

from __future__ import annotations

import enum
import itertools
import json
import math
import os
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activity_scores import Outcome, ScreeningReport, parse_record, screen
from activity_scores.rules import _report_json
from activity_scores.rules._report_json import json_line, json_pieces
from activity_scores.rules.screening import CriterionResult, json_default
from tests.screening_helpers import EXAMPLES, example, with_edits

NAMES = sorted(path.stem for path in EXAMPLES.glob("*-*.json"))


def dumped(number: int, report: ScreeningReport) -> str:
    """What the command wrote for a report before ``json_line``."""
    return json.dumps(
        {"line": number, **report.to_dict()}, ensure_ascii=False, default=json_default
    )


@pytest.mark.parametrize("name", NAMES)
def test_json_line_is_the_dumped_report_of_every_example(name: str) -> None:
    report = screen(example(name))
    for number in (1, 7, 100_000):
        assert json_line(number, report) == dumped(number, report)


@pytest.mark.parametrize("name", NAMES)
def test_json_pieces_are_the_line_in_runs_of_ascii_and_other_text(name: str) -> None:
    report = screen(with_edits(name, subject_id="S-\u00e9"))  # a non-ASCII head
    pieces = json_pieces(4, report)
    assert "".join(pieces) == dumped(4, report)
    assert all(pieces)
    kinds = [piece.isascii() for piece in pieces]
    assert all(a is not b for a, b in itertools.pairwise(kinds))  # runs alternate


@pytest.mark.parametrize(
    ("name", "edits"),
    [
        ("ra-eligible", {"labs__alt": ...}),  # unknown: missing inputs listed
        ("ra-eligible", {"patient__date_of_birth": "1940-01-01"}),  # failing
        ("pss-eligible", {"subject_id": 'quote " backslash \\ tab \t ≥ é \u2028'}),
        ("iim-undetermined", {"subject_id": ...}),  # subject_id null
        ("ssc-not-eligible", {}),
    ],
)
def test_json_line_on_failing_unknown_and_escaped_values(name: str, edits: dict[str, Any]) -> None:
    report = screen(with_edits(name, **edits))
    assert json_line(3, report) == dumped(3, report)


def test_json_line_with_another_evaluation_date_and_indication_argument() -> None:
    report = screen(example("ssc-eligible"), indication="ssc", evaluation_date="2026-12-01")
    assert json_line(1, report) == dumped(1, report)


class _Colour(enum.Enum):
    RED = "red"


class _Level(str, enum.Enum):
    HIGH = "high"


class _SubOutcome(Outcome):
    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "extra": True}


_ODD_VALUES = [
    None,
    True,
    0,
    -3,
    2**70,
    1.5,
    -0.0,
    1e300,
    math.inf,
    -math.inf,
    math.nan,
    Fraction(1, 3),
    date(2026, 1, 2),
    _Colour.RED,
    _Level.HIGH,
    frozenset({"b", "a"}),
    (1, "x"),
    [None, 2.5],
    {"nested": {True: 1, None: 2, 1.5: 3, 4: _Level.HIGH}},
    'control \x00\x1f quote " back \\ ≤ \ud800',
]


@settings(max_examples=60, deadline=None)
@given(
    values=st.dictionaries(st.text(max_size=5), st.sampled_from(_ODD_VALUES), max_size=4),
    points=st.sampled_from(_ODD_VALUES),
    met=st.sampled_from([True, False, None, 1, 0]),
    name=st.text(max_size=8),
    reason=st.text(max_size=20),
    missing=st.lists(st.text(max_size=4), max_size=3).map(tuple),
    sub=st.booleans(),
    odd_criterion=st.booleans(),
    kind=st.sampled_from(["inclusion", "exclusion"]),
)
def test_json_line_of_reports_with_unusual_values(
    values: dict[str, object],
    points: object,
    met: object,
    name: str,
    reason: str,
    missing: tuple[str, ...],
    sub: bool,
    odd_criterion: bool,
    kind: str,
) -> None:
    base = screen(example("ra-not-eligible"))
    item_class = _SubOutcome if sub else Outcome
    item = item_class(name, met, reason, points, values, missing)  # type: ignore[arg-type]
    outer = Outcome("outer", None, reason, points, values, missing, (item, item))  # type: ignore[arg-type]
    first = base.criteria[0]
    replaced = CriterionResult(
        first.id if not odd_criterion else first.id + "x",
        first.section,
        kind,
        first.wording if not odd_criterion else reason,
        outer,
    )
    odd = attrs.evolve(base, criteria=(replaced, *base.criteria[1:]))
    assert json_line(5, odd) == dumped(5, odd)


def test_json_line_without_the_c_encoder_takes_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = screen(example("pss-undetermined"))
    monkeypatch.setattr(_report_json, "_make_encoder", lambda: None)
    assert json_line(2, report) == dumped(2, report)


# --- end to end ----------------------------------------------------------------------------


def _run(*args: str, encoding: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(  # noqa: S603 - fixed interpreter and module
        [sys.executable, "-m", "activity_scores", *args],
        capture_output=True,
        check=False,
        timeout=120,
        env=env,
    )


def _odd_batch(tmp_path: Path) -> tuple[Path, list[bytes]]:
    """A batch of valid lines with a BOM, CRLF endings, blank and invalid lines among them."""
    good = (EXAMPLES / "batch.jsonl").read_bytes().splitlines()
    lines = [
        b"\xef\xbb\xbf" + good[0],  # a BOM: refused as JSON (not silently skipped)
        good[1] + b"\r",  # CRLF
        b"",
        b"  \t \r",  # whitespace only: a blank line
        b'{"patient": ',
        json.dumps({"subject_id": "S-\u00e9\u2265", **json.loads(good[2])}).encode(),
        json.dumps({**json.loads(good[3]), "subject_id": "\ud800"}).encode(),
        b'{"patient": {"sexe": "f"}}',
        b"\xff\xfe",  # not UTF-8
        *good[4:],
    ]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, lines


def _dumped_or_none(number: int, raw: bytes) -> str | None:
    """The dumped report of a line, or None where the command writes an error line."""
    try:  # a lone surrogate fails in the record's hash: an error line, as before
        return dumped(number, screen(raw))
    except Exception:  # noqa: BLE001 - the error line is the command's own
        return None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_json_lines_are_the_dumped_reports(tmp_path: Path, jobs: str) -> None:
    path, lines = _odd_batch(tmp_path)
    done = _run("screen", str(path), "--format", "json", "--summary", "--jobs", jobs)
    assert done.returncode == 2
    out = done.stdout.decode("utf-8").splitlines()
    expected = [
        _dumped_or_none(number, raw)
        for number, raw in enumerate(lines, start=1)
        if raw.strip()  # a blank line has no output line
    ]
    assert len(out) == len(expected) + 1  # and the screening log
    for got, want in zip(out, expected, strict=False):
        if want is None:
            assert got.startswith('{"line": ')
            assert '"error"' in got
        else:
            assert got == want
    assert done.stderr.count(b"activity-scores: line ") == 5


@pytest.mark.parametrize("encoding", ["ascii", "utf-16", "latin-1"])
def test_cli_json_lines_in_another_output_encoding(tmp_path: Path, encoding: str) -> None:
    # The line is written in pieces: the stream encodes them (with its own state, BOM and
    # backslashreplace errors) into the same bytes as the whole line.
    path, lines = _odd_batch(tmp_path)
    done = _run("screen", str(path), "--format", "json", "--jobs", "1", encoding=encoding)
    assert done.returncode == 2
    expected = "".join(
        text + "\n"
        for number, raw in enumerate(lines, start=1)
        if (text := _dumped_or_none(number, raw)) is not None
    )
    got = done.stdout.decode("utf-16" if encoding == "utf-16" else encoding)
    reports = [line for line in got.splitlines(keepends=True) if '"report_format"' in line]
    wanted = expected.encode(encoding, "backslashreplace").decode(
        "utf-16" if encoding == "utf-16" else encoding
    )
    assert "".join(reports) == wanted


# --- the one-line text report ---------------------------------------------------------------


def _text_line_before(raw: bytes, number: int, options: tuple[str | None, str | None, str]) -> Any:
    """``cli._screen_raw`` in text format as it was: from the criteria's results."""
    from activity_scores import cli  # noqa: PLC0415
    from activity_scores.rules.screening import (  # noqa: PLC0415
        Overall,
        _split_results,
        screen,
    )

    indication, on, _ = options
    try:
        report = screen(parse_record(raw), indication=indication, evaluation_date=on)
        failing, unknown = _split_results(report.criteria)
        overall = (
            Overall.NOT_ELIGIBLE
            if failing
            else Overall.UNDETERMINED
            if unknown
            else Overall.ELIGIBLE
        )
        line = (
            f"line {number}: {report.subject_id or '-'}: {report.indication.value}: "
            f"{overall.value.upper()}"
        )
        if failing:
            line += " (failing: " + ", ".join([r.id for r in failing]) + ")"
        elif unknown:
            line += " (unknown: " + ", ".join([r.id for r in unknown]) + ")"
    except Exception as error:  # noqa: BLE001 - as the command
        _, message = cli._message(error)  # noqa: SLF001
        line = f"line {number}: INVALID RECORD: {message}"
        return line, f"activity-scores: line {number}: {message}", (), ()
    counted = tuple((r.id, r.wording) for r in failing), tuple((r.id, r.wording) for r in unknown)
    return (line, None, *counted)


_TEXT_CASES = [
    *[json.dumps(example(name)).encode() for name in NAMES],
    json.dumps(with_edits("ra-eligible", labs__alt=...)).encode(),
    json.dumps(with_edits("ra-eligible", subject_id=...)).encode(),
    json.dumps(with_edits("pss-eligible", indication=...)).encode(),  # no indication
    json.dumps(with_edits("pss-eligible", screening_date=...)).encode(),  # no date
    json.dumps(with_edits("iim-eligible", patient__date_of_birth="1940-01-01")).encode(),
    b'{"patient": ',
    b'{"patient": {"sexe": "f"}}',
    b"\xef\xbb\xbf" + json.dumps(example("ssc-eligible")).encode(),
    json.dumps(example("ra-undetermined")).encode() + b"\r\n",
]


@pytest.mark.parametrize("raw", _TEXT_CASES)
@pytest.mark.parametrize(
    "options",
    [
        (None, None, "text"),
        ("ra", None, "text"),
        (None, "2027-03-01", "text"),
        ("pss", "x", "text"),
    ],
)
def test_cli_text_line_from_the_rows_is_the_line_from_the_results(
    raw: bytes, options: tuple[str | None, str | None, str]
) -> None:
    from activity_scores import cli  # noqa: PLC0415

    assert cli._screen_raw(raw, 9, options) == _text_line_before(raw, 9, options)  # noqa: SLF001
