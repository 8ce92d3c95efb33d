"""The command line's JSON output line of a report, written directly (issue 8).

``json.dumps({"line": number, **report.to_dict()}, ensure_ascii=False,
default=json_default)`` builds a dict for the report, each criterion and each of its nested
outcomes (some 100 a record), then escapes every key of every one of them again: about half
of the command's instructions with ``--format json``. :func:`json_line` writes the same text with
the fixed keys as literals and hands the values to the same C encoder (same options, so the
same text for any value). Anything but the plain classes the screening builds (a subclass,
a ``met`` that is not ``True``/``False``/``None``, a Python without the C encoder) goes to
the general path instead. ``tests/test_cli_json_line.py`` compares the two.
"""

from __future__ import annotations

import json
from json import encoder as _encoder
from typing import TYPE_CHECKING, Any

from activity_scores.results import Outcome, _plain
from activity_scores.rules.screening import (
    REPORT_FORMAT,
    CriterionResult,
    Indication,
    ScreeningReport,
    _overall,
    _rows,
    _split_results,
    json_default,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["json_line", "json_pieces"]

#: ``json_default`` and ``json.dumps``'s other defaults with ``ensure_ascii=False``: the
#: separators of ``indent=None``, circular references checked, NaN written as ``NaN``.
_DUMPS_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "default": json_default}
#: The classes written directly (exactly these: a subclass may write more, or other keys).
_CRITERION: type = CriterionResult
_OUTCOME: type = Outcome
_TRI_STATE: frozenset[type] = frozenset({bool, type(None)})
_encode_string: Callable[[str], str] = _encoder.encode_basestring
_MET = {
    None: ', "met": null, "status": "unknown", "reason": ',
    True: ', "met": true, "status": "met", "reason": ',
    False: ', "met": false, "status": "not met", "reason": ',
}
#: (kind is inclusion, met): "outcome" and "passes" (met, negated for an exclusion).
_CRITERION_MET = {
    (True, None): ', "outcome": "unknown", "passes": null, "reason": ',
    (True, True): ', "outcome": "met", "passes": true, "reason": ',
    (True, False): ', "outcome": "not met", "passes": false, "reason": ',
    (False, None): ', "outcome": "unknown", "passes": null, "reason": ',
    (False, True): ', "outcome": "met", "passes": false, "reason": ',
    (False, False): ', "outcome": "not met", "passes": true, "reason": ',
}


def _make_encoder() -> Callable[[object, int], list[str]] | None:
    """The C encoder ``json.dumps(**_DUMPS_OPTIONS)`` uses, with a fresh circular-check memo."""
    make = getattr(_encoder, "c_make_encoder", None)
    encode_string = getattr(_encoder, "c_encode_basestring", None)
    if make is None or encode_string is None:  # pragma: no cover - not CPython
        return None
    # The arguments JSONEncoder.iterencode passes (CPython 3.10-3.13): markers (a fresh memo:
    # check_circular), default, the string encoder of ensure_ascii=False, indent, key and
    # item separators, sort_keys, skipkeys, allow_nan.
    options: tuple[object, ...] = (
        {},
        json_default,
        encode_string,
        None,
        ": ",
        ", ",
        False,
        False,
        True,
    )
    try:
        encode: Callable[[object, int], list[str]] = make(*options)
    except TypeError:  # pragma: no cover - another signature: the general path
        return None
    return encode


#: A criterion's (id, section, kind, wording) strings and the JSON text that starts it.
_Row = tuple[object, object, object, object, str]
_HEADS: dict[Indication, tuple[_Row, ...]] = {}


def _heads(indication: Indication, count: int) -> tuple[_Row, ...]:
    """The start of each criterion's JSON text, in order, for the rows of ``indication``.

    Written once per indication from its protocol rows (constants, not a record's values);
    a result whose strings are not the row's own ones is written out in full.
    """
    heads = _HEADS.get(indication)
    if heads is None:
        heads = tuple(
            (
                rule_id,
                section,
                kind,
                wording,
                "".join(
                    [
                        '{"id": ',
                        json.dumps(rule_id, **_DUMPS_OPTIONS),
                        ', "section": ',
                        json.dumps(section, **_DUMPS_OPTIONS),
                        ', "kind": ',
                        json.dumps(kind, **_DUMPS_OPTIONS),
                        ', "wording": ',
                        json.dumps(wording, **_DUMPS_OPTIONS),
                    ]
                ),
            )
            for rule_id, section, kind, wording, _ in _rows(indication)
        )
        _HEADS[indication] = heads
    if len(heads) != count:  # pragma: no cover - not the rows of the indication
        return (_NO_ROW,) * count
    return heads


_NO_ROW: _Row = (None, None, None, None, "")


def json_pieces(number: int, report: ScreeningReport) -> list[str]:
    """The text of :func:`json_line` in pieces (runs of ASCII text and of other text)."""
    encode = _make_encoder()  # one per line: a memo left by an exception is not reused
    if encode is None or type(report) is not ScreeningReport:  # pragma: no cover
        return [json.dumps({"line": number, **report.to_dict()}, **_DUMPS_OPTIONS)]

    def value(item: object) -> str:
        if type(item) is str:
            return _encode_string(item)
        return "".join(encode(item, 0))

    def outcome(result: Outcome) -> str:
        met = result.met if type(result) is _OUTCOME else None
        if type(result) is not _OUTCOME or type(met) not in _TRI_STATE:  # the general path
            return value(result.to_dict())
        values = result.values
        points = result.points
        items = result.items
        name = result.name
        reason = result.reason
        return "".join(
            [
                '{"name": ',
                _encode_string(name) if type(name) is str else value(name),
                _MET[met],
                _encode_string(reason) if type(reason) is str else value(reason),
                ', "points": ',
                "null" if points is None else value(points),
                ', "values": ',
                value({key: _plain(v) for key, v in values.items()}) if values else "{}",
                ', "missing": ',
                value(list(result.missing)) if result.missing else "[]",
                ', "items": [',
                ", ".join([outcome(item) for item in items]) if items else "",
                "]}",
            ]
        )

    def criterion(result: CriterionResult, row: _Row) -> str:
        if type(result) is not _CRITERION:  # the general path
            return value(result.to_dict())
        inner = result.outcome
        met = inner.met if type(inner) is _OUTCOME else None
        if (
            type(inner) is not _OUTCOME
            or type(met) not in _TRI_STATE
            or type(result.kind) is not str
        ):  # a subclass or values of other types: the general path
            return value(result.to_dict())
        rule_id, section, kind, wording, head = row
        if not (
            result.id is rule_id
            and result.section is section
            and result.kind is kind
            and result.wording is wording
        ):  # not the row's own strings: written out
            kind = result.kind
            head = "".join(
                [
                    '{"id": ',
                    value(result.id),
                    ', "section": ',
                    value(result.section),
                    ', "kind": ',
                    _encode_string(kind),
                    ', "wording": ',
                    value(result.wording),
                ]
            )
        values = inner.values
        reason = inner.reason
        return "".join(
            [
                head,
                _CRITERION_MET[kind == "inclusion", met],
                _encode_string(reason) if type(reason) is str else value(reason),
                ', "values": ',
                value({key: _plain(v) for key, v in values.items()}) if values else "{}",
                ', "missing": ',
                value(list(inner.missing)) if inner.missing else "[]",
                ', "items": [',
                ", ".join([outcome(item) for item in inner.items]),
                "]}",
            ]
        )

    criteria = report.criteria
    failing, unknown = _split_results(criteria)
    parts = [
        '{"line": ',
        value(number),
        ', "report_format": ',
        value(REPORT_FORMAT),
        ', "library": {"name": "activity_scores", "version": ',
        value(report.library_version),
        '}, "protocol": {"id": ',
        value(report.protocol_id),
        ', "version": ',
        value(report.protocol_version),
        '}, "indication": ',
        value(report.indication.value),
        ', "subject_id": ',
        value(report.subject_id),
        ', "evaluation_date": ',
        value(report.evaluation_date.isoformat()),
        ', "record_sha256": ',
        value(report.record_sha256),
        ', "reading": ',
        value(report.reading.to_dict()),
        ', "overall": ',
        value(_overall(failing, unknown).value),
        ', "failing": ',
        value([r.id for r in failing]),
        ', "unknown": ',
        value([r.id for r in unknown]),
        ', "criteria": [',
    ]
    head = "".join(parts)
    texts = [
        criterion(result, row)
        for result, row in zip(criteria, _heads(report.indication, len(criteria)), strict=True)
    ]
    return _runs(head, texts)


def _runs(head: str, texts: list[str]) -> list[str]:
    """``head``, the ``texts`` separated by commas, and ``]}``: in runs of ASCII or other text.

    A stream encodes ASCII text by copying it, any other text (a criterion's wording with
    a "≥") character by character: the line is written in runs so that only those
    criteria are encoded the slow way.
    """
    runs = []
    run = [head]
    ascii_run = head.isascii()
    separator = ""
    for text in texts:
        if text.isascii() is not ascii_run:
            runs.append("".join(run))
            run = []
            ascii_run = not ascii_run
        run.append(separator)
        run.append(text)
        separator = ", "
    run.append("]}")
    runs.append("".join(run))
    return runs


def json_line(number: int, report: ScreeningReport) -> str:
    """``json.dumps({"line": number, **report.to_dict()}, ensure_ascii=False, default=json_default)``."""
    return "".join(json_pieces(number, report))
