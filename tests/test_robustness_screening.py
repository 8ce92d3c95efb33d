"""Robustness of screening, the record JSON and the CLI (issue 9).

* Every report lists every criterion of its indication exactly once, in order.
* Removing any set of fields from an example record only ever turns criteria unknown (never
  decides one, never flips one); each criterion that changed names a missing field related
  to a removed one; an unknown criterion blocks "eligible".
* Mutated JSON (fields removed, retyped, renamed, nested deeper, out of range, huge strings
  and numbers, invalid UTF-8, truncated text) gives a report or an error naming the JSON path,
  in the library and through the CLI (exit 0 or 2, never a traceback); a JSON Lines batch of
  N lines yields exactly N output lines, in order.
* Limits: oversized or too deeply nested input is refused before any work; nothing in the
  library evaluates or unpickles input.

The CLI runs in-process (its ``main``) for speed, with two subprocess checks.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activity_scores import InvalidInputError, PatientRecord, criteria_for, parse_record, screen
from activity_scores.cli import main
from activity_scores.rules.record import MAX_NESTING_DEPTH, MAX_RECORD_BYTES
from tests.robustness import BAD_VALUES, CALLS, check_result
from tests.screening_helpers import example

EXAMPLES = tuple(
    f"{indication}-{kind}"
    for indication in ("pss", "ssc", "iim", "ra")
    for kind in ("eligible", "not-eligible", "undetermined")
)
SRC = Path(__file__).parent.parent / "src" / "activity_scores"

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES_RUN = settings().max_examples


def seeded(**overrides: Any) -> settings:
    """Derandomised (reproducible) except in a fuzz run; no deadline (the CLI is I/O)."""
    base: dict[str, Any] = {
        "deadline": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    }
    if not FUZZ:
        base |= {"derandomize": True, "database": None}
    return settings(**(base | overrides))


Path_ = tuple[object, ...]


def paths(node: object, path: Path_ = ()) -> Iterator[Path_]:
    """Every removable part: object keys at every depth and array items."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from paths(value, (*path, index))


def json_path(path: Path_) -> str:
    """``("labs", "wbc", "unit")`` -> ``$.labs.wbc.unit``; list items as ``[i]``."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _parent(path: str) -> str:
    return re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)


def related(missing: str, removed: str) -> bool:
    """The same field, a part of it, a field containing it, or a sibling in its object."""
    parent = _parent(removed)
    return missing.startswith((removed, f"{parent}.", f"{parent}[")) or removed.startswith(missing)


def without(record: dict[str, Any], removed: list[Path_]) -> dict[str, Any]:
    """A copy of ``record`` with every path in ``removed`` deleted (deepest first)."""
    out = copy.deepcopy(record)
    for path in sorted(removed, key=lambda p: (len(p), p[-1] if p else 0), reverse=True):
        node: Any = out
        try:
            for key in path[:-1]:
                node = node[key]
            del node[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an enclosing part was removed already
    return out


def _screen(record: dict[str, Any], indication: str, on: str) -> Any:
    CALLS["total"] += 1
    return screen(record, indication=indication, evaluation_date=on)


# --------------------------------------------------------------------------- screening


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_report_lists_every_criterion_once_in_order(name: str) -> None:
    record = example(name)
    report = _screen(record, record["indication"], record["screening_date"])
    ids = [r.id for r in report.criteria]
    assert ids == [rule.id for rule in criteria_for(record["indication"])]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("indication", ["pss", "ssc", "iim", "ra"])
def test_an_empty_record_lists_every_criterion_and_is_never_eligible(indication: str) -> None:
    report = screen({}, indication=indication, evaluation_date="2026-11-20")
    assert [r.id for r in report.criteria] == [rule.id for rule in criteria_for(indication)]
    assert report.overall.value != "eligible"
    for result in report.unknown:
        assert result.outcome.missing, result


def fields(record: dict[str, Any]) -> list[Path_]:
    """The fields whose removal makes data missing: object keys, not array items (removing
    an item of a list changes what the list says: ``[]`` means "none"), and not the two
    fields the test passes as arguments (indication, screening date)."""
    return [
        p
        for p in paths(record)
        if not isinstance(p[-1], int) and p not in {("indication",), ("screening_date",)}
    ]


@st.composite
def removals(draw: st.DrawFn) -> tuple[str, list[Path_]]:
    name = draw(st.sampled_from(EXAMPLES), label="example")
    every = fields(example(name))
    chosen = draw(st.lists(st.sampled_from(every), min_size=1, max_size=4, unique=True))
    return name, chosen


def _refusal_is_structural(error: InvalidInputError, removed: list[Path_]) -> bool:
    """An item left without a part it needs (a lab value without its unit, a DMARD course
    without its drug) is refused, naming that item or a part of it: never guessed."""
    field = error.field
    return field.startswith("$") and any(
        field.startswith(_parent(json_path(path))) for path in removed
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_removing_any_one_field_only_turns_criteria_unknown(name: str) -> None:
    record = example(name)
    for path in fields(record):
        _check_removal(name, [path])


@seeded(max_examples=max(20, EXAMPLES_RUN // 2))
@given(removals())
def test_removing_any_set_of_fields_only_turns_criteria_unknown(
    case: tuple[str, list[Path_]],
) -> None:
    _check_removal(*case)


def _check_removal(name: str, removed: list[Path_]) -> None:
    record = example(name)
    indication, on = record["indication"], record["screening_date"]
    base = _screen(record, indication, on)
    try:
        after = _screen(without(record, removed), indication, on)
    except InvalidInputError as error:
        assert _refusal_is_structural(error, removed), (removed, str(error))  # noqa: PT017 - one of many paths
        return
    shown = [json_path(p) for p in removed]
    assert [r.id for r in after.criteria] == [r.id for r in base.criteria], shown
    for before, now in zip(base.criteria, after.criteria, strict=True):
        if now.outcome.met == before.outcome.met:
            continue
        # Missing data never decides and never flips a criterion: only met/not met -> unknown.
        assert now.outcome.met is None, (shown, before, now)
        assert now.passes is None
        if any("dmard_courses" in r for r in shown):
            # A DMARD course without 'stop_date' is ongoing (a statement, not missing data):
            # the criterion may now need another field. It still only became unknown.
            continue
        assert any(related(m, r) for m in now.outcome.missing for r in shown), (
            f"{now.id} became unknown without naming a removed field: {now.outcome.missing}",
            shown,
        )
    for result in after.unknown:
        assert result.outcome.missing, f"{result.id} is unknown but names no missing field"
    passes = [r.passes for r in after.criteria]
    assert (after.overall.value == "eligible") == all(p is True for p in passes), shown


# --------------------------------------------------------------------------- JSON and CLI

_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)
_ACTIONS = (
    "remove",
    "retype",
    "rename",
    "deepen",
    "out_of_range",
    "huge_string",
    "huge_number",
)


def _mutate(draw: st.DrawFn, node: Any, last: Any, action: str) -> None:
    """Apply one mutation to ``node[last]``."""
    if action == "remove":
        del node[last]
    elif action == "retype":
        node[last] = draw(_JSON, label="value")
    elif action == "rename" and isinstance(node, dict):
        typo = draw(st.sampled_from(["_", "s", "X", " ", "É"]))
        node[f"{last}{typo}"] = node.pop(last)
    elif action in {"deepen", "rename"}:
        node[last] = draw(st.sampled_from([{"value": node[last]}, [node[last]]]))
    elif action == "out_of_range":
        current = node[last]
        if isinstance(current, (int, float)) and not isinstance(current, bool):
            node[last] = draw(st.sampled_from([-current - 1, current * 1000 + 10**6, -1e-9]))
        else:
            node[last] = draw(st.sampled_from(["1900-01-00", "2101-01-01", "9999-99-99"]))
    elif action == "huge_string":
        node[last] = "x" * draw(st.sampled_from([201, 5000, 70000]))
    else:
        node[last] = draw(st.sampled_from([1e308, -1e308, 10**400]))


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """An example record, mutated in 1-3 places, as JSON bytes; sometimes broken as text."""
    record = example(draw(st.sampled_from(EXAMPLES), label="example"))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(record))), label="path")
        node: Any = record
        for key in path[:-1]:
            node = node[key]
        _mutate(draw, node, path[-1], draw(st.sampled_from(_ACTIONS), label="action"))
    text = json.dumps(record).encode()
    breakage = draw(st.sampled_from(["none", "none", "truncate", "bad_utf8", "nan"]))
    if breakage == "truncate":
        text = text[: draw(st.integers(1, max(1, len(text) - 1)))]
    elif breakage == "bad_utf8":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + text[at:]
    elif breakage == "nan":
        text = text.replace(b"62", b"NaN", 1) if b"62" in text else text + b"NaN"
    return text


def run_cli(args: list[str], data: bytes, suffix: str) -> tuple[int, str, str]:
    """Run the CLI's ``main`` in-process on ``data`` written to a file; (status, out, err)."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / f"input{suffix}"
        file.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["screen", str(file), *args])
            except SystemExit as exit_:  # argparse exits; the CLI itself returns
                status = int(exit_.code or 0)
    CALLS["total"] += 1
    return status, out.getvalue(), err.getvalue()


@seeded(max_examples=max(20, EXAMPLES_RUN // 2))
@given(mutated_text())
def test_a_mutated_record_gives_a_report_or_an_error_naming_its_json_path(data: bytes) -> None:
    status, out, err = run_cli(["--format", "json"], data, ".json")
    assert "Traceback" not in out + err
    assert "internal error" not in out + err, err
    assert status in {0, 2}, (status, err)
    if status == 0:
        report = json.loads(out)
        assert report["overall"] in {"eligible", "not eligible", "undetermined"}
        return
    error = json.loads(out)["error"]
    assert error["path"].startswith("$"), f"not a JSON path: {error}"
    assert error["path"] in error["message"] or repr(error["path"]) in error["message"]
    assert err.startswith("activity-scores: invalid record: "), err


_LINE = mutated_text() | st.binary(min_size=1, max_size=30)


@seeded(max_examples=max(10, EXAMPLES_RUN // 5))
@given(st.lists(_LINE, min_size=1, max_size=5))
def test_a_batch_of_n_lines_gives_n_output_lines_in_order(lines: list[bytes]) -> None:
    lines = [re.sub(rb"[\r\n]", b" ", line) for line in lines]
    lines = [line if line.strip() else b"x" for line in lines]  # a blank line is not a record
    status, out, err = run_cli(["--format", "json"], b"\n".join(lines) + b"\n", ".jsonl")
    assert "Traceback" not in out + err
    assert status in {0, 2}
    produced = [json.loads(line) for line in out.splitlines()]
    assert [p["line"] for p in produced] == list(range(1, len(lines) + 1))
    for item in produced:
        if "error" in item:
            assert item["error"]["path"].startswith("$"), item
            assert "internal error" not in item["error"]["message"]
        else:
            assert item["overall"] in {"eligible", "not eligible", "undetermined"}
    assert (status == 2) == any("error" in item for item in produced)


def test_text_batch_also_keeps_every_line() -> None:
    good = json.dumps(example("ra-eligible")).encode()
    lines = [good, b"{", b"\xff\xfe", good, b'{"patient": {"age_years": 1e999}}']
    status, out, _ = run_cli([], b"\n".join(lines) + b"\n", ".jsonl")
    assert status == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [f"line {n}" for n in range(1, 6)]


@pytest.mark.parametrize("name", ["pss-eligible", "ra-not-eligible"])
def test_a_patient_record_built_with_a_bad_field_is_refused_by_screen(name: str) -> None:
    """PatientRecord does not validate on construction; screen() must, naming the path."""
    parsed = parse_record(example(name))
    fields = {f.name: getattr(parsed, f.name) for f in attrs.fields(PatientRecord)}
    for field_name in fields:
        for bad in BAD_VALUES:
            record = PatientRecord(**{**fields, field_name: bad})
            try:
                CALLS["total"] += 1
                report = screen(record, indication=parsed.indication, evaluation_date="2026-11-20")
            except InvalidInputError as error:
                assert error.field.startswith("$"), (field_name, error)  # noqa: PT017 - a loop
                continue
            assert [r.id for r in report.criteria] == [
                rule.id for rule in criteria_for(report.indication)
            ]
            check_result(report, f"screen(PatientRecord({field_name}=...))")


# --------------------------------------------------------------------------- limits


def test_an_oversized_record_is_refused_before_it_is_decoded() -> None:
    record = example("ra-eligible")
    record["subject_id"] = "x" * MAX_RECORD_BYTES
    status, out, _ = run_cli(["--format", "json"], json.dumps(record).encode(), ".json")
    assert status == 2
    assert "at most 65536 bytes" in json.loads(out)["error"]["message"]


def test_an_oversized_line_in_a_batch_is_refused_and_the_batch_goes_on() -> None:
    good = json.dumps(example("ssc-eligible")).encode()
    huge = b'{"subject_id": "' + b"x" * (MAX_RECORD_BYTES + 10) + b'"}'
    status, out, _ = run_cli(["--format", "json"], b"\n".join([good, huge, good]) + b"\n", ".jsonl")
    assert status == 2
    produced = [json.loads(line) for line in out.splitlines()]
    assert [p["line"] for p in produced] == [1, 2, 3]
    assert "at most 65536 bytes" in produced[1]["error"]["message"]
    assert produced[0]["overall"] == produced[2]["overall"] == "eligible"


def test_a_too_deeply_nested_record_is_refused() -> None:
    deep: Any = 1
    for _ in range(MAX_NESTING_DEPTH + 1):
        deep = {"x": deep}
    status, out, _ = run_cli(["--format", "json"], json.dumps({"patient": deep}).encode(), ".json")
    assert status == 2
    assert "nested at most" in json.loads(out)["error"]["message"]
    very_deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000  # far beyond the recursion limit
    status, out, _ = run_cli(["--format", "json"], very_deep, ".json")
    assert status == 2
    assert json.loads(out)["error"]["path"] == "$"


_FORBIDDEN = re.compile(
    r"(?<![.\w])(eval|exec|compile|__import__)\s*\(|\bpickle\b|\bmarshal\b|\bshelve\b|yaml\.load|"
    r"\bimportlib\.import_module\b|\bsubprocess\b|os\.system"
)


def test_nothing_in_the_library_evaluates_or_unpickles_input() -> None:
    offenders = [
        f"{file.relative_to(SRC)}:{number}: {line.strip()}"
        for file in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
        if _FORBIDDEN.search(line)
    ]
    assert not offenders, offenders


# --------------------------------------------------------------------------- subprocess


def _subprocess(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "activity_scores", *args],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_subprocess_batch_from_stdin_with_bad_lines() -> None:
    good = json.dumps(example("pss-eligible")).encode()
    data = b"\n".join([good, b'{"patient": {"sexe": "female"}}', b"\xff", good[:50], good])
    done = _subprocess(["screen", "-", "--format", "json"], data + b"\n")
    assert done.returncode == 2
    assert b"Traceback" not in done.stdout + done.stderr
    produced = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [p["line"] for p in produced] == [1, 2, 3, 4, 5]
    assert produced[1]["error"]["path"] == "$.patient.sexe"
    assert produced[0]["overall"] == produced[4]["overall"] == "eligible"


def test_subprocess_single_record_with_invalid_utf8() -> None:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "bad.json"
        file.write_bytes(b'{"subject_id": "\xff"}')
        done = _subprocess(["screen", str(file)], b"")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"UTF-8" in done.stderr
