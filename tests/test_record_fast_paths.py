"""The fast record reader and dump of issue 8 change nothing observable.

Each fast path is compared with the general code it short-cuts (an equivalence, not a
reference value): :func:`parse_record` (fast reader first) against the general reader
(depth check, then ``parse_object``), on every example record and on records mutated at every
path with values at and around every limit and of every wrong type; the fast reader must
never accept what the general code refuses, and must build the very same record (same repr,
so the same value types, and the same canonical JSON). The errors (type, message, JSON path,
value) must be the same, including the first of several faults and the depth limit.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
from collections import OrderedDict
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores.rules import _spec as s
from activity_scores.rules.record import (
    MAX_NESTING_DEPTH,
    MAX_RECORD_BYTES,
    ClinicalTrial,
    Investigator,
    Labs,
    Patient,
    PatientRecord,
    Treatment,
    check_depth,
    loads,
    parse_record,
)
from activity_scores.rules.screening import record_sha256
from activity_scores.rules.sections import PssFindings, RaFindings
from tests.screening_helpers import example

EXAMPLES = Path(__file__).parent.parent / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*-*.json"))
ELIGIBLE = ("pss-eligible", "ssc-eligible", "iim-eligible", "ra-eligible")
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def general(data: Any) -> PatientRecord:
    """The reader as it was before the fast path: the depth check, then parse_object."""
    check_depth(data)
    record: PatientRecord = s.parse_object(PatientRecord, dict(data), "$")
    return record


def result(read: Any, data: Any) -> tuple[object, ...]:
    """What a reader does with ``data``: the record (repr, canonical JSON) or the error."""
    try:
        record = read(data)
    except Exception as error:  # noqa: BLE001 - every error is compared
        return (
            "error",
            type(error),
            str(error),
            getattr(error, "field", None),
            getattr(error, "rule", None),
            repr(getattr(error, "value", None)),
        )
    return ("record", repr(record), _CANONICAL.encode(record.to_dict()))


def assert_same(data: Any) -> None:
    expected = result(general, data)
    assert result(parse_record, data) == expected  # reading never changes its input
    fast = s.fast_reader(PatientRecord)(data)
    if expected[0] == "error":
        assert fast is s.SLOW, (expected, fast)
    elif fast is not s.SLOW:
        assert fast == general(data)
        assert result(lambda _data: fast, data) == expected


def reference_dump(record: object) -> dict[str, Any]:
    """The dump as it was before issue 8's plans: one generic pass over the specs."""
    out: dict[str, Any] = {}
    for name, spec in s.specs(type(record)).items():
        value = getattr(record, name)
        if value is not None:
            out[name] = _reference_value(spec, value)
    return out


def _reference_value(spec: s.Spec, value: Any) -> Any:  # noqa: PLR0911 - JSON value by kind
    kind = spec.kind
    if kind == "date":
        return value.isoformat()
    if kind == "object":
        return reference_dump(value)
    if kind == "lab":
        lab = {"value": value.value, "unit": value.unit, "date": value.date, "uln": value.uln}
        if lab["date"] is not None:
            lab["date"] = lab["date"].isoformat()
        return {k: v for k, v in lab.items() if v is not None}
    if kind == "array":
        return [_reference_value(spec.item, item) for item in value]  # type: ignore[arg-type]
    if kind == "map":
        return {k: _reference_value(spec.item, v) for k, v in value.items()}  # type: ignore[arg-type]
    if kind == "params":
        table = dict(spec.params)
        return {k: _reference_value(table[k], v) for k, v in value.items()}
    return value


def assert_same_json(record: PatientRecord) -> None:
    """dump and canonical_json of a parsed record agree with the reference dump and encoder."""
    dumped = record.to_dict()
    reference = reference_dump(record)
    assert dumped == reference
    assert list(dumped) == list(reference)  # the same key order (schema order)
    assert s.canonical_json(record) == _CANONICAL.encode(reference)
    expected = hashlib.sha256(_CANONICAL.encode(reference).encode("utf-8")).hexdigest()
    assert record_sha256(record) == expected


def paths(node: object, path: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every key at every depth and every array item."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from paths(value, (*path, index))


def replaced(record: Any, path: tuple[object, ...], value: object) -> Any:
    """``record`` with the value at ``path`` replaced (the containers on the path copied)."""
    if not path:
        return value
    out = copy.copy(record)
    out[path[0]] = replaced(record[path[0]], path[1:], value)
    return out


class Text(str):
    """A str subclass (never decoded JSON: the general code refuses it)."""

    __slots__ = ()


class Number(int):
    """An int subclass."""

    __slots__ = ()


#: Values at and around the limits of every kind, and of every wrong type.
VALUES: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    1,
    -1,
    0.0,
    0.5,
    3.0,
    -0.0,
    10,
    20,
    120,
    350,
    350.0001,
    10**400,
    1e308,
    math.nan,
    math.inf,
    -math.inf,
    "",
    "x",
    "x" * 200,
    "x" * 201,
    "positive",
    "negative",
    "female",
    "U/L",
    "10^9/L",
    "g/dL",
    "1900-01-01",
    "1899-12-31",
    "2100-12-31",
    "2101-01-01",
    "2026-02-29",
    "2024-02-29",
    "2026-13-01",
    "2026-1-016",
    "20261116",
    "2026-W47-1",
    "2026-11-16T00:00",
    "2026-11-16 ",
    "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0661\u0666",
    Text("positive"),
    Text("2026-11-16"),
    Number(5),
    [],
    [1],
    {},
    {"x": 1},
    {"value": 1, "unit": "U/L"},
    OrderedDict(),
)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_read_fast_and_the_same(name: str) -> None:
    data = example(name)
    fast = s.fast_reader(PatientRecord)(data)
    assert fast is not s.SLOW  # the common case takes the fast path
    assert repr(fast) == repr(general(data))
    assert fast == parse_record(data) == parse_record(json.dumps(data))
    assert fast.to_dict() == data


@pytest.mark.parametrize("name", ELIGIBLE)
def test_every_path_with_every_value_reads_as_before(name: str) -> None:
    record = example(name)
    for path in paths(record):
        for value in VALUES:
            assert_same(replaced(record, path, value))


@pytest.mark.parametrize("name", ELIGIBLE)
def test_unknown_and_null_keys_at_every_level_read_as_before(name: str) -> None:
    record = example(name)
    containers = [(), *(p for p in paths(record) if isinstance(_at(record, p), dict))]
    for path in containers:
        for key in ("no_such_key", "uln", "value", "date"):
            mutated = copy.deepcopy(record)
            _at(mutated, path)[key] = None
            assert_same(mutated)
            _at(mutated, path)[key] = 1
            assert_same(mutated)


def _at(record: Any, path: tuple[object, ...]) -> Any:
    node = record
    for key in path:
        node = node[key]
    return node


def test_the_first_of_several_faults_is_the_same() -> None:
    record = example("ra-eligible")
    record["patient"]["weight_kg"] = 1000
    record["labs"]["wbc"]["unit"] = "mmol"
    record["ra"]["dmard_courses"][1]["drug_class"] = "x"
    assert_same(record)
    record["patient"]["sexe"] = "female"
    assert_same(record)
    with pytest.raises(s.RecordError, match=r"^'\$\.patient\.weight_kg' must be a number"):
        parse_record(record)


def _deep(levels: int) -> Any:
    node: Any = 1
    for _ in range(levels):
        node = {"x": node}
    return node


@pytest.mark.parametrize("where", ["patient", "labs", "ra", "treatments", "subject_id"])
def test_the_depth_limit_comes_before_every_other_error(where: str) -> None:
    record = example("ra-eligible")
    record["labz"] = 1  # an unknown field ahead of the deep value
    record[where] = _deep(MAX_NESTING_DEPTH)
    record = {"labz": record.pop("labz"), **record}
    assert_same(record)
    with pytest.raises(s.RecordError, match="nested at most 8 levels deep"):
        parse_record(record)
    with pytest.raises(s.RecordError, match="nested at most 8 levels deep"):
        parse_record(json.dumps(record))


def test_the_deepest_valid_record_is_within_the_depth_limit() -> None:
    # The fast reader skips the depth walk: it accepts nothing nested deeper than this.
    assert s.spec_depth(PatientRecord) <= MAX_NESTING_DEPTH


@pytest.mark.parametrize(
    "text",
    ["[]", "1", '"x"', "null", "[" * 9 + "]" * 9, '{"a":' * 9 + "1" + "}" * 9, "[{}]"],
)
def test_text_that_is_not_a_record_is_refused_as_before(text: str) -> None:
    def old(raw: str) -> PatientRecord:
        return general(loads(raw))

    assert result(parse_record, text) == result(old, text)


def test_loads_refuses_depth_before_type() -> None:
    with pytest.raises(s.RecordError, match="nested at most"):
        loads("[" * 9 + "]" * 9)
    with pytest.raises(s.RecordTypeError, match="must be a JSON object"):
        loads("[[]]")


def test_a_mapping_that_is_not_a_dict_is_read_as_before() -> None:
    data = example("ra-eligible")
    assert parse_record(OrderedDict(data)) == parse_record(data)
    assert_same(OrderedDict(data))


DATES = st.one_of(
    st.dates(date(1800, 1, 1), date(2200, 12, 31)).map(date.isoformat),
    st.text(alphabet="0123456789-+ W:T\u0661", min_size=8, max_size=12),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"),
)


@given(DATES)
def test_dates_read_as_before(text: str) -> None:
    # Both inline date checks of the fast reader: a record field and a lab's date.
    for data in ({"hcg": {"date": text}}, {"labs": {"wbc": {"unit": "10^9/L", "date": text}}}):
        assert_same(data)
        if (
            re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)
            and result(general, data)[0] == "record"
        ):
            assert s.fast_reader(PatientRecord)(data) is not s.SLOW  # valid dates read fast


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | st.sampled_from([v for v in VALUES if not isinstance(v, (dict, list))])
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    record = example(draw(st.sampled_from(NAMES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(record))))
        node = _at(record, path[:-1])
        action = draw(st.sampled_from(("remove", "retype", "rename", "deepen", "null")))
        last = path[-1]
        if action == "remove":
            del node[last]
        elif action == "retype":
            node[last] = draw(JSON)
        elif action == "rename" and isinstance(node, dict):
            node[str(last) + draw(st.sampled_from(("_", "s", "X")))] = node.pop(last)
        elif action == "null":
            node[last] = None
        else:
            node[last] = {"x": node[last]}
    return record


@given(mutated())
def test_mutated_records_read_as_before(record: dict[str, Any]) -> None:
    assert_same(record)


@given(JSON)
def test_the_fast_reader_never_raises(data: object) -> None:
    fast = s.fast_reader(PatientRecord)(data)
    if fast is not s.SLOW:
        assert fast == general(data)


@pytest.mark.parametrize("name", NAMES)
def test_dump_and_canonical_json_of_every_example(name: str) -> None:
    data = example(name)
    record = parse_record(data)
    assert_same_json(record)
    assert record.to_dict() == data
    assert s.canonical_json(record) == _CANONICAL.encode(data)


def _outcome(call: Any) -> tuple[object, ...]:
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - the error's type is compared
        return ("error", type(error))
    return ("value", repr(value))


@pytest.mark.parametrize(
    "record",
    [
        PatientRecord(patient="abc"),  # type: ignore[arg-type]
        PatientRecord(screening_date="2026-01-01"),  # type: ignore[arg-type]
        PatientRecord(screening_date=datetime(2026, 1, 1, 12, tzinfo=timezone.utc)),
        PatientRecord(labs=Labs(wbc="x")),  # type: ignore[arg-type]
        PatientRecord(labs=Labs(wbc=s.Lab(1, "10^9/L", "2026-01-01"))),  # type: ignore[arg-type]
        PatientRecord(labs=Patient()),  # type: ignore[arg-type]
        PatientRecord(malignancies=5),  # type: ignore[arg-type]
        PatientRecord(malignancies="ab"),  # type: ignore[arg-type]
        PatientRecord(clinical_trials=[ClinicalTrial(date(2026, 1, 1))]),  # type: ignore[arg-type]
        PatientRecord(treatments=(Treatment(drug=3, start_date=5),)),  # type: ignore[arg-type]
        PatientRecord(pss=PssFindings(aecg_2002={"nope": 1})),
        PatientRecord(pss=PssFindings(aecg_2002={"ocular_symptoms": date(2026, 1, 1)})),
        PatientRecord(pss=PssFindings(essdai_domains=5)),  # type: ignore[arg-type]
        PatientRecord(pss=PssFindings(essdai_domains={"renal": None})),  # type: ignore[dict-item]
        PatientRecord(ra=RaFindings(dmard_courses=(None,))),  # type: ignore[arg-type]
        PatientRecord(investigator=Investigator(consent_signed=1)),  # type: ignore[arg-type]
        PatientRecord(subject_id=5),  # type: ignore[arg-type]
        PatientRecord(),
    ],
)
def test_dump_of_records_built_directly_is_as_before(record: PatientRecord) -> None:
    # validated() reports the type of the dump's error for a record built with wrong values,
    # and record_sha256 of a record parse_record did not build still dumps it.
    assert _outcome(record.to_dict) == _outcome(lambda: reference_dump(record))
    expected = _outcome(
        lambda: hashlib.sha256(_CANONICAL.encode(reference_dump(record)).encode()).hexdigest()
    )
    assert _outcome(lambda: record_sha256(record)) == expected
    assert result(lambda r: parse_record(r.to_dict()), record) == result(
        lambda r: parse_record(reference_dump(r)), record
    )


@pytest.mark.parametrize("char", ["x", "\u00e9", "\u20ac", "\U0001f600", "\ud800"])
@pytest.mark.parametrize("extra", [-1, 0, 1])
def test_the_size_limit_counts_utf8_bytes_as_before(char: str, extra: int) -> None:
    # Text of at most 65536 / 4 characters is within the limit without encoding it; around
    # that length and around the limit itself the size is the exact count, as before.
    per_char = len(char.encode("utf-8", "surrogatepass"))
    for chars in (MAX_RECORD_BYTES // 4 + extra, MAX_RECORD_BYTES // per_char + extra - 16):
        text = '{"subject_id": "' + char * chars + '"}'
        size = len(text.encode("utf-8", "surrogatepass"))
        with pytest.raises(s.RecordError) as caught:
            parse_record(text)
        if size > MAX_RECORD_BYTES:
            assert caught.value.rule == f"must be at most {MAX_RECORD_BYTES} bytes of JSON"
            assert caught.value.value == f"{size} bytes"
        else:
            assert "bytes of JSON" not in caught.value.rule
