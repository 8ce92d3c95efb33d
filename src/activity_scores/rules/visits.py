"""Visits for the efficacy response report, read from JSON.

The JSON form (``"schema": "activity-scores-visits/1"``)::

    {
      "schema": "activity-scores-visits/1",
      "indication": "ra",
      "tis_population": "adult",
      "baseline": {"label": "baseline", "visit_date": "2025-01-06", "tender_joints_28": 10, ...},
      "follow_up": [{"label": "week 12", ...}, {"label": "week 24", ...}]
    }

Each visit object has the fields of :class:`~activity_scores.Visit`; the core sets are nested
objects with the fields of :class:`~activity_scores.RaCoreSet`,
:class:`~activity_scores.SscCoreSet` and :class:`~activity_scores.ImacsCoreSet`. An unknown
field, a wrong type or an out-of-range value is refused with its JSON path, as for the
patient record; the same size and nesting limits apply (the text is decoded by the record's
reader).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from activity_scores.criteria.ra_response import RaCoreSet
from activity_scores.criteria.response import ResponseReport, Visit, response_report
from activity_scores.criteria.ssc_response import SscCoreSet
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.rules._spec import RecordError, RecordTypeError, parse_date
from activity_scores.rules.record import loads
from activity_scores.scores.myositis import ImacsCoreSet

__all__ = ["VISITS_SCHEMA_ID", "response_report_from_json"]

#: The visits format's identifier and version, the value of its ``"schema"`` field.
VISITS_SCHEMA_ID = "activity-scores-visits/1"

_MAX_VISITS = 100
_CORE_SETS: Mapping[str, type] = {
    "ra_core_set": RaCoreSet,
    "ssc_core_set": SscCoreSet,
    "imacs_core_set": ImacsCoreSet,
}
_VISIT_FIELDS = frozenset(a.name for a in attrs.fields(Visit))
_TOP = frozenset({"schema", "indication", "tis_population", "baseline", "follow_up"})


def _object(data: object, path: str, allowed: frozenset[str]) -> dict[str, object]:
    if type(data) is not dict:
        raise RecordTypeError(path, "must be a JSON object", type(data).__name__)
    for key in data:
        if key not in allowed:
            raise RecordError(f"{path}.{key}", "is not a known field", key)
    return {key: value for key, value in data.items() if value is not None}


def _build(cls: type, kwargs: dict[str, object], path: str) -> object:
    """Construct ``cls``, re-raising a validation error with the JSON path of the field."""
    try:
        return cls(**kwargs)
    except InvalidInputTypeError as error:
        raise RecordTypeError(f"{path}.{error.field}", error.rule, error.value) from None
    except InvalidInputError as error:
        raise RecordError(f"{path}.{error.field}", error.rule, error.value) from None


def _visit(data: object, path: str) -> Visit:
    fields = _object(data, path, _VISIT_FIELDS)
    for name, cls in _CORE_SETS.items():
        if name in fields:
            allowed = frozenset(a.name for a in attrs.fields(cls))
            nested = _object(fields[name], f"{path}.{name}", allowed)
            fields[name] = _build(cls, nested, f"{path}.{name}")
    if "visit_date" in fields:
        fields["visit_date"] = parse_date(fields["visit_date"], f"{path}.visit_date")
    visit = _build(Visit, fields, path)
    assert isinstance(visit, Visit)  # noqa: S101 - _build constructed the class it was given
    return visit


def response_report_from_json(data: Mapping[str, object] | str | bytes) -> ResponseReport:
    """Read baseline and follow-up visits from JSON and build their :class:`ResponseReport`.

    Parameters
    ----------
    data
        Decoded JSON (a ``dict``) or the JSON text (at most 65536 bytes, nesting depth at most
        8) in the ``activity-scores-visits/1`` format described in this module.

    Raises
    ------
    InvalidInputError
        Naming the JSON path of the first bad value.

    Examples
    --------
    >>> text = '''{"schema": "activity-scores-visits/1", "indication": "pss",
    ...   "baseline": {"label": "baseline", "essdai": 12},
    ...   "follow_up": [{"label": "week 24", "essdai": 8}]}'''
    >>> report = response_report_from_json(text)
    >>> report.visits[0].responses[0].status
    'met'
    """
    decoded = data if isinstance(data, Mapping) else loads(data)
    top = _object(dict(decoded), "$", _TOP)
    if top.get("schema") != VISITS_SCHEMA_ID:
        raise RecordError("$.schema", f"must be {VISITS_SCHEMA_ID!r}", top.get("schema"))
    indication = top.get("indication")
    if indication not in ("pss", "ssc", "iim", "ra"):
        raise RecordError("$.indication", "must be one of 'pss', 'ssc', 'iim', 'ra'", indication)
    population = top.get("tis_population", "adult")
    if population not in ("adult", "juvenile"):
        raise RecordError("$.tis_population", "must be 'adult' or 'juvenile'", population)
    if "baseline" not in top:
        raise RecordError("$.baseline", "is required", None)
    baseline = _visit(top["baseline"], "$.baseline")
    follow = top.get("follow_up", [])
    if type(follow) is not list:
        raise RecordTypeError(
            "$.follow_up", "must be a JSON array of visits", type(follow).__name__
        )
    if len(follow) > _MAX_VISITS:
        raise RecordError("$.follow_up", f"must have at most {_MAX_VISITS} visits", len(follow))
    visits = [_visit(item, f"$.follow_up[{index}]") for index, item in enumerate(follow)]
    return response_report(
        baseline_visit=baseline,
        follow_up_visits=visits,
        indication=str(indication),
        tis_population=str(population),
    )
