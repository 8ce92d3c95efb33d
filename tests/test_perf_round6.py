"""Issue 8, round 6: the record registry and the indication lookup keep their behaviour."""

from __future__ import annotations

import copy
import gc
import json
from pathlib import Path

import attrs
import pytest

from activity_scores import screen
from activity_scores.errors import InvalidInputError
from activity_scores.rules import PatientRecord, parse_record, record
from activity_scores.rules.screening import Indication, _indication

PARSED = record._PARSED  # noqa: SLF001 - the registry under test
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ra-eligible.json"


def test_a_parsed_record_is_known_while_alive_and_forgotten_when_it_dies() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    before = len(PARSED)
    parsed = [parse_record(data) for _ in range(50)]
    assert all(record.is_parsed(r) for r in parsed)
    assert len(PARSED) == before + 50
    del parsed
    gc.collect()
    assert len(PARSED) == before


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
