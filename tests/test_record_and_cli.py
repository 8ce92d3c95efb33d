"""The patient record (JSON parsing, schema, limits), the CLI end to end, lymphodepletion."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activity_scores import (
    InvalidInputError,
    body_surface_area_m2,
    lymphodepletion_regimen,
    parse_record,
    record_schema,
)
from activity_scores.rules import PatientRecord
from activity_scores.rules.record import MAX_NESTING_DEPTH, MAX_RECORD_BYTES
from tests.screening_helpers import EXAMPLES, edit, example

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "src" / "activity_scores" / "rules" / "record.schema.json"
RECORD_DOC = ROOT / "docs" / "record-format.md"

# --- record parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("patient.sexe", "female", r"'\$\.patient\.sexe' is not a field of Patient"),
        ("labs.wbc.valeu", 3, r"'\$\.labs\.wbc\.valeu' is not a field"),
        ("labs.wbc.unit", "g/L", r"'\$\.labs\.wbc\.unit' must be one of"),
        ("labs.alt", {"value": 30}, r"'\$\.labs\.alt\.unit' is required"),
        (
            "labs.hemoglobin",
            {"value": 600, "unit": "g/L"},
            r"'\$\.labs\.hemoglobin\.value' must be a number from 10 to 250",
        ),
        ("labs.alt.uln", 0, r"'\$\.labs\.alt\.uln' must be > 0"),
        ("patient.weight_kg", True, r"'\$\.patient\.weight_kg' must be a number"),
        ("patient.weight_kg", "62", r"'\$\.patient\.weight_kg' must be a number"),
        ("patient.weight_kg", 1e308, r"'\$\.patient\.weight_kg' must be a number from 20 to 350"),
        ("patient.age_years", 40.5, r"'\$\.patient\.age_years' must be an integer"),
        ("patient.gilbert_syndrome", "no", r"must be true or false"),
        ("patient.gilbert_syndrome", 0, r"must be true or false"),
        ("screening_date", "2026-02-30", r"'\$\.screening_date' must be a valid date"),
        ("screening_date", "2026-11-20T10:00", r"must be a valid date written YYYY-MM-DD"),
        ("screening_date", "1800-01-01", r"from 1900-01-01"),
        ("treatments.0.drug", "aspirin", r"'\$\.treatments\[0\]\.drug' must be one of"),
        ("malignancies", {"kind": "other"}, r"'\$\.malignancies' must be a JSON array"),
        (
            "ra.acr_eular_2010.lage_joints",
            1,
            r"'\$\.ra\.acr_eular_2010\.lage_joints' is not an allowed key",
        ),
        ("ra.acr_eular_2010.large_joints", "4", r"must be an integer"),
        ("iim.antibodies.jo-1", True, r"is not an allowed key"),
        ("schema", "chec2024-181-record/0", r"'\$\.schema' must be one of"),
        ("subject_id", "x" * 201, r"at most 200 characters"),
    ],
)
def test_invalid_record_names_the_json_path(path: str, value: object, message: str) -> None:
    record = edit(example("ra-eligible"), path, value)
    with pytest.raises(InvalidInputError, match=message):
        parse_record(record)


def test_unknown_top_level_field() -> None:
    with pytest.raises(InvalidInputError, match=r"'\$\.labz' is not a field of PatientRecord"):
        parse_record({"labz": {}})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "must be valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"patient": {"weight_kg": NaN}}', "NaN and Infinity are not JSON"),
        ('{"patient": {"weight_kg": Infinity}}', "NaN and Infinity are not JSON"),
        (b'{"subject_id": "\xff"}', "must be UTF-8"),
        ("[" * (MAX_NESTING_DEPTH + 1) + "]" * (MAX_NESTING_DEPTH + 1), "nested at most"),
        ('{"subject_id": "' + "x" * MAX_RECORD_BYTES + '"}', f"at most {MAX_RECORD_BYTES} bytes"),
        ('{"patient": {"age_years": 1' + "0" * 5000 + "}}", "valid JSON|integer"),
    ],
)
def test_invalid_json_text(text: str | bytes, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_record(text)


def test_depth_limit_on_decoded_data() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(MAX_NESTING_DEPTH + 1):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(InvalidInputError, match="nested at most"):
        parse_record(deep)


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    subject = parse_record('{"subject_id": "[[[[[[[[[[[[{{{{{{{{{{{"}').subject_id
    assert subject is not None
    assert subject.startswith("[[")


def test_round_trip_is_canonical() -> None:
    for path in sorted(EXAMPLES.glob("*-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        record = parse_record(data)
        assert record.to_dict() == data, path.name
        assert parse_record(record.to_dict()) == record


def test_null_means_unknown() -> None:
    assert parse_record({"patient": None, "labs": {"wbc": None}}) == parse_record({"labs": {}})


# --- schema --------------------------------------------------------------------------------


def test_schema_file_is_the_generated_schema() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == record_schema(), "regenerate record.schema.json (see docs/record-format.md)"


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], prefix: str, out: set[str]) -> None:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    if node.get("type") == "array":
        _schema_paths(schema, node["items"], prefix + "[]", out)
        return
    properties = node.get("properties", {})
    if {"value", "unit", "date"} <= set(properties):
        return  # a lab: its value/unit/date/uln keys are documented once
    for key, child in properties.items():
        path = f"{prefix}.{key}" if prefix else key
        out.add(path)
        _schema_paths(schema, child, path, out)


def _top_paths() -> set[str]:
    schema = record_schema()
    out: set[str] = set()
    _schema_paths(schema, schema, "", out)
    # the pass-through criteria inputs are documented on their criteria pages
    passthrough = (
        "aecg_2002.",
        "acr_eular_2016.",
        "acr_eular_2013.",
        "eular_acr_2017.",
        "acr_eular_2010.",
        "difficult_to_treat.",
        "functional_class.",
        "essdai_domains.",
        "mmt8_grades.",
        "antibodies.",
    )
    return {p for p in out if not any(f".{t}" in p for t in passthrough)}


def test_record_format_page_documents_every_schema_field() -> None:
    page = RECORD_DOC.read_text(encoding="utf-8")
    documented = set()
    for line in page.splitlines():
        if line.startswith("| `"):
            documented.add(line.split("`")[1])
    paths = _top_paths()
    assert paths - documented == set(), "fields missing on docs/record-format.md"
    assert documented - paths == set(), "docs/record-format.md lists fields not in the schema"


def test_schema_objects_are_closed() -> None:
    schema = record_schema()
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name


def test_examples_use_only_schema_fields() -> None:
    # every example parses (strict) and is valid JSON of the published schema's shape
    for path in sorted(EXAMPLES.glob("*-*.json")):
        assert isinstance(parse_record(path.read_text(encoding="utf-8")), PatientRecord)


# --- CLI, end to end -----------------------------------------------------------------------


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - fixed interpreter and module
        [sys.executable, "-m", "activity_scores", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_cli_single_record_text() -> None:
    done = run("screen", str(EXAMPLES / "ra-eligible.json"))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "RESULT: ELIGIBLE" in out
    assert "[+] 2.3" in out
    assert b"Traceback" not in done.stderr


def test_cli_single_record_json() -> None:
    done = run("screen", str(EXAMPLES / "iim-not-eligible.json"), "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["overall"] == "not eligible"
    assert data["failing"] == ["common.ex.6", "iim.ex.3"]


def test_cli_bad_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"patient": {', encoding="utf-8")
    done = run("screen", str(bad))
    assert done.returncode == 2
    assert b"'$' must be valid JSON" in done.stderr
    assert b"Traceback" not in done.stderr


def test_cli_unknown_field(tmp_path: Path) -> None:
    record = edit(example("ra-eligible"), "labs.wbc.vaule", 3)
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    done = run("screen", str(path))
    assert done.returncode == 2
    assert b"$.labs.wbc.vaule" in done.stderr
    assert done.stdout == b""


def test_cli_batch_with_bad_lines(tmp_path: Path) -> None:
    good = (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [
        good[0],
        '{"patient": ',
        good[3],
        json.dumps({"patient": {"sexe": "f"}}),
        "\xff",
        good[9],
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        "\n".join(lines)
        .encode("utf-8", "surrogateescape")
        .replace("\xc3\xbf".encode("latin-1"), b"\xff")
        + b"\n"
    )
    done = run("screen", str(path), "--format", "json")
    assert done.returncode == 2
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6]
    assert out[0]["overall"] == "eligible"
    assert out[1]["error"]["path"] == "$"
    assert out[3]["error"]["path"] == "$.patient.sexe"
    assert "UTF-8" in out[4]["error"]["message"]
    assert out[5]["subject_id"] == "RA-001"
    assert b"Traceback" not in done.stderr


def test_cli_batch_text_and_summary() -> None:
    done = run("screen", str(EXAMPLES / "batch.jsonl"), "--summary")
    assert done.returncode == 0
    out = done.stdout.decode().splitlines()
    assert out[0] == "line 1: PSS-001: pss: ELIGIBLE"
    assert out[10] == "line 11: RA-002: ra: NOT ELIGIBLE (failing: common.in.1, ra.in.2)"
    text = done.stdout.decode()
    assert "eligible             4" in text
    assert "not eligible         4" in text


def test_cli_summary_json_from_stdin() -> None:
    data = (EXAMPLES / "batch.jsonl").read_bytes()
    done = run("screen", "-", "--format", "json", "--summary", stdin=data)
    assert done.returncode == 0
    last = json.loads(done.stdout.decode().splitlines()[-1])
    assert last["screening_log"]["counts"] == {
        "eligible": 4,
        "not eligible": 4,
        "undetermined": 4,
        "invalid record": 0,
    }
    assert last["screening_log"]["screen_failure_reasons"][0]["count"] == 1


def test_cli_oversized_line_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()[0]
    huge = '{"subject_id": "' + "x" * (2 * MAX_RECORD_BYTES) + '"}'
    path = tmp_path / "big.jsonl"
    path.write_text(f"{huge}\n{good}\n", encoding="utf-8")
    done = run("screen", str(path))
    assert done.returncode == 2
    out = done.stdout.decode().splitlines()
    assert len(out) == 2
    assert "at most 65536 bytes" in out[0]
    assert out[1].endswith("ELIGIBLE")


def test_cli_date_and_indication_options() -> None:
    done = run(
        "screen", str(EXAMPLES / "ra-eligible.json"), "--date", "2030-01-01", "--format", "json"
    )
    assert json.loads(done.stdout)["evaluation_date"] == "2030-01-01"
    done = run("screen", str(EXAMPLES / "ra-eligible.json"), "--indication", "ssc")
    assert done.returncode == 2
    assert b"indication" in done.stderr
    done = run("screen", str(EXAMPLES / "ra-eligible.json"), "--date", "tomorrow")
    assert done.returncode == 2


def test_cli_usage_errors_and_missing_file() -> None:
    assert run().returncode == 2
    assert run("screen").returncode == 2
    done = run("screen", "/nonexistent/record.json")
    assert done.returncode == 2
    assert b"cannot read" in done.stderr


def test_cli_schema() -> None:
    done = run("schema")
    assert done.returncode == 0
    assert json.loads(done.stdout) == record_schema()


# --- lymphodepletion -----------------------------------------------------------------------


def test_body_surface_area_hand_computed() -> None:
    # Mosteller: sqrt(180 x 81 / 3600) = sqrt(4.05) = 2.01246...
    assert body_surface_area_m2(weight_kg=81, height_cm=180).value == pytest.approx(
        2.0124612, rel=1e-7
    )
    # DuBois: 0.007184 x 81^0.425 x 180^0.725 = 2.0072... (hand computation with a calculator)
    assert body_surface_area_m2(
        weight_kg=81, height_cm=180, formula="dubois"
    ).value == pytest.approx(0.007184 * 81**0.425 * 180**0.725)


def test_lymphodepletion_doses() -> None:
    regimen = lymphodepletion_regimen(weight_kg=81, height_cm=180)
    assert regimen.days == (-5, -4, -3)
    assert regimen.fludarabine_mg_per_day == pytest.approx(25 * 2.0124612, rel=1e-7)
    assert regimen.cyclophosphamide_mg_per_day == pytest.approx(300 * 2.0124612, rel=1e-7)
    assert regimen.fludarabine_total_mg == pytest.approx(3 * regimen.fludarabine_mg_per_day)
    assert regimen.cyclophosphamide_total_mg == pytest.approx(
        3 * regimen.cyclophosphamide_mg_per_day
    )
    assert regimen.to_dict()["bsa_formula"] == "mosteller"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weight_kg": 19, "height_cm": 170}, "weight_kg"),
        ({"weight_kg": 70, "height_cm": 251}, "height_cm"),
        ({"weight_kg": True, "height_cm": 170}, "weight_kg"),
        ({"weight_kg": float("nan"), "height_cm": 170}, "weight_kg"),
        ({"weight_kg": 70, "height_cm": 170, "bsa_formula": "haycock"}, "formula"),
    ],
)
def test_lymphodepletion_invalid(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        lymphodepletion_regimen(**kwargs)


@settings(max_examples=50)
@given(st.floats(20, 350), st.floats(120, 250), st.floats(0, 30))
def test_bsa_increases_with_weight(weight: float, height: float, more: float) -> None:
    heavier = min(350.0, weight + more)
    for formula in ("mosteller", "dubois"):
        assert (
            body_surface_area_m2(weight_kg=heavier, height_cm=height, formula=formula).value
            >= body_surface_area_m2(weight_kg=weight, height_cm=height, formula=formula).value
        )


def _mixed_batch(tmp_path: Path, count: int) -> Path:
    """``count`` lines cycling the examples, with bad, blank and oversized lines among them."""
    good = (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    lines = []
    for number in range(1, count + 1):
        if number % 97 == 0:
            lines.append('{"patient": ')  # not JSON
        elif number % 89 == 0:
            lines.append(json.dumps({"patient": {"sexe": "f"}}))  # unknown field
        elif number % 83 == 0:
            lines.append("")  # blank: no output line
        elif number == count - 3:
            lines.append('{"subject_id": "' + "x" * (MAX_RECORD_BYTES + 10) + '"}')
        else:
            record = json.loads(good[number % len(good)])
            record["subject_id"] = f"S-{number}"
            lines.append(json.dumps(record))
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["2", "auto"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_cli_worker_processes_give_the_same_output_in_the_same_order(
    tmp_path: Path, output: str, jobs: str
) -> None:
    # 450 lines: more than two tasks of 200 lines, so results come back from several workers.
    # With auto (on a machine with 2 CPUs or more) the first 400 lines are written by the
    # command before the workers are forked: none may be written twice.
    path = _mixed_batch(tmp_path, 450)
    one = run("screen", str(path), "--format", output, "--summary", "--jobs", "1")
    two = run("screen", str(path), "--format", output, "--summary", "--jobs", jobs)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    lines = one.stdout.decode().splitlines()
    assert len([line for line in lines if line.startswith(("line ", '{"line"'))]) == 450 - 5


def test_cli_jobs_auto_switches_to_workers_after_a_short_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from activity_scores import cli  # noqa: PLC0415

    path = _mixed_batch(tmp_path, 260)
    assert cli.main(["screen", str(path), "--jobs", "1", "--summary"]) == 2
    serial = capsys.readouterr()
    monkeypatch.setattr(cli, "_AUTO_PARALLEL_AFTER", 30)
    monkeypatch.setattr(cli, "_TASK_LINES", 50)
    monkeypatch.setattr(cli, "_cpus", lambda: 2)
    assert cli.main(["screen", str(path), "--summary"]) == 2  # --jobs auto (the default)
    auto = capsys.readouterr()
    assert (auto.out, auto.err) == (serial.out, serial.err)


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_cli_jobs_must_be_a_positive_count_or_auto(value: str) -> None:
    done = run("screen", str(EXAMPLES / "batch.jsonl"), "--jobs", value)
    assert done.returncode == 2
    assert b"--jobs" in done.stderr
    assert b"Traceback" not in done.stderr


def test_cli_a_dead_worker_loses_no_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os  # noqa: PLC0415

    from activity_scores import cli  # noqa: PLC0415

    path = _mixed_batch(tmp_path, 260)
    assert cli.main(["screen", str(path), "--jobs", "1"]) == 2
    serial = capsys.readouterr()
    parent, screen_task = os.getpid(), cli._screen_task  # noqa: SLF001

    def dies_in_a_worker(task: list[tuple[int, bytes]], options: Any) -> Any:
        if os.getpid() != parent and any(number > 120 for number, _ in task):
            os._exit(1)  # a worker killed mid-batch (out of memory, say)
        return screen_task(task, options)

    monkeypatch.setattr(cli, "_screen_task", dies_in_a_worker)  # forked workers inherit it
    monkeypatch.setattr(cli, "_TASK_LINES", 40)
    assert cli.main(["screen", str(path), "--jobs", "2"]) == 2
    got = capsys.readouterr()
    assert (got.out, got.err) == (serial.out, serial.err)  # every line, in order


def test_cli_workers_only_from_a_single_threaded_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading  # noqa: PLC0415

    from activity_scores import cli  # noqa: PLC0415

    assert cli._worker_context() is not None  # noqa: SLF001 - Linux, one thread
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert cli._worker_context() is None  # noqa: SLF001 - an embedding program's threads
