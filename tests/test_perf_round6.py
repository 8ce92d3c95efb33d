"""Issue 8, round 6: the record registry and the indication lookup keep their behaviour."""

from __future__ import annotations

import copy
import gc
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from activity_scores import screen
from activity_scores.errors import InvalidInputError
from activity_scores.rules import PatientRecord, parse_record, record
from activity_scores.rules.screening import (
    _PENDING,
    CriterionResult,
    Indication,
    Overall,
    ScreeningReport,
    _indication,
    _prepare,
    record_sha256,
)

PARSED = record._PARSED  # noqa: SLF001 - the registry under test
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ra-eligible.json"


def test_a_parsed_record_is_known_while_alive_and_forgotten_when_it_dies() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    parsed = [parse_record(data) for _ in range(50)]
    keys = [id(r) for r in parsed]
    assert all(record.is_parsed(r) for r in parsed)
    assert all(PARSED[key]() is r for key, r in zip(keys, parsed, strict=True))
    del parsed
    gc.collect()
    assert not any(key in PARSED for key in keys)


def test_copies_and_evolved_or_hand_built_records_are_not_taken_as_parsed() -> None:
    parsed = parse_record(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert record.is_parsed(parsed)
    assert not record.is_parsed(copy.copy(parsed))
    assert not record.is_parsed(attrs.evolve(parsed, subject_id="X"))
    assert not record.is_parsed(PatientRecord())
    assert not record.is_parsed(object())
    with pytest.raises(InvalidInputError, match="build it with parse_record"):
        screen(attrs.evolve(parsed, patient="abc"))  # type: ignore[arg-type]  # re-read, as any record not parsed


def test_an_id_reused_after_a_record_died_is_not_taken_as_parsed() -> None:
    data = {"indication": "ra", "patient": {"age_years": 40}}
    for _ in range(200):  # ids are reused often by the allocator: a new object is never parsed
        key = id(parse_record(data))  # the record dies at once
        assert key not in PARSED
        other = PatientRecord()
        assert not record.is_parsed(other)


@pytest.mark.parametrize("member", list(Indication))
def test_indication_lookup_gives_the_enum_members(member: Indication) -> None:
    assert _indication(member.value) is member
    assert _indication(member) is member


@pytest.mark.parametrize("value", ["RA", "", "ra ", "rheumatoid"])
def test_indication_lookup_refuses_other_text_as_before(value: str) -> None:
    with pytest.raises(InvalidInputError, match="must be one of 'pss', 'ssc', 'iim', 'ra'"):
        _indication(value)


def test_indication_lookup_takes_a_str_subclass_as_before() -> None:
    class Text(str):
        __slots__ = ()

    assert _indication(Text("ra")) is Indication.RA


# --- the report's results built on first read --------------------------------------------------

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*-*eligible.json"))


def _leaves(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*path, i))]
    return [path]


def _without(data: dict[str, Any], path: tuple[object, ...]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


def _records() -> list[dict[str, Any]]:
    """Each example, and each with one value left out (unknown and failing criteria)."""
    records = []
    for example_path in EXAMPLES:
        data = json.loads(example_path.read_text(encoding="utf-8"))
        records.append(data)
        for leaf in _leaves(data):
            if leaf[0] in {"indication", "screening_date"}:
                continue
            edited = _without(data, leaf)
            try:
                screen(edited)
            except InvalidInputError:  # a lab's unit, a course's drug left out: refused
                continue
            records.append(edited)
    return records


RECORDS = _records()


def _eager(data: dict[str, Any]) -> ScreeningReport:
    """The report built by the attrs constructor: every result and the digest at once."""
    parsed, chosen, on, reading, ctx, rows = _prepare(data, None, None, None)
    results = tuple(
        CriterionResult(rule_id, section, kind, wording, evaluate(ctx))
        for rule_id, section, kind, wording, evaluate in rows
    )
    return ScreeningReport(
        indication=chosen,
        evaluation_date=on,
        record_sha256=record_sha256(parsed),
        subject_id=parsed.subject_id,
        criteria=results,
        reading=reading,
    )


def test_the_records_cover_every_overall_result() -> None:
    assert len(RECORDS) > 700
    overall = {screen(data).overall for data in RECORDS}
    assert overall == set(Overall)


@pytest.mark.parametrize("data", RECORDS[::3])
def test_pending_results_read_as_the_eager_report(data: dict[str, Any]) -> None:
    eager = _eager(data)
    pending = screen(data)
    assert "_pending_criteria" in vars(pending)
    assert pending.overall is eager.overall  # decided from the outcomes
    assert "_pending_criteria" in vars(pending)  # ... without building the results
    assert pending.criteria == eager.criteria
    assert "_pending_criteria" not in vars(pending)
    assert pending.criteria is pending.criteria  # built once
    assert (pending.failing, pending.unknown) == (eager.failing, eager.unknown)
    assert pending.to_dict() == eager.to_dict()
    assert pending == eager


@pytest.mark.parametrize(
    "read",
    [
        lambda r: r.criteria,
        lambda r: r.failing,
        lambda r: r.unknown,
        lambda r: r.criterion("common.in.1"),
        lambda r: r.to_dict(),
        lambda r: r.to_text(),
        lambda r: r.to_json(),
        repr,
        copy.copy,
        attrs.evolve,
        lambda r: attrs.asdict(r, recurse=False),
        lambda r: r == _eager(json.loads(EXAMPLE.read_text(encoding="utf-8"))),
    ],
)
def test_every_read_gives_the_eager_report(read: Callable[[ScreeningReport], object]) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    eager = _eager(data)
    pending = screen(data)
    read(pending)
    assert pending == eager
    assert repr(pending) == repr(eager)
    assert pending.to_dict() == eager.to_dict()
    # (pickling or deep-copying a report fails before and after round 6: its reading holds a
    # mappingproxy; a known limitation, left for its own issue)
    copied = copy.copy(screen(data))
    assert _PENDING.isdisjoint(vars(copied))
    assert vars(copied) == vars(eager)


def test_a_report_built_directly_is_unchanged() -> None:
    eager = _eager(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    direct = ScreeningReport(**attrs.asdict(eager, recurse=False))
    assert _PENDING.isdisjoint(vars(direct))
    assert direct.overall is eager.overall
    assert direct == eager
    with pytest.raises(AttributeError):
        direct.no_such_field  # type: ignore[attr-defined]  # noqa: B018
