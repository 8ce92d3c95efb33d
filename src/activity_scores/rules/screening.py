"""Screening a patient record against CHEC2024-181: the criteria tables, the report, ``screen``."""

from __future__ import annotations

import hashlib
import json
import numbers
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs

from activity_scores import _fast
from activity_scores._logic import negate
from activity_scores._version import __version__
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.results import Outcome, _plain
from activity_scores.rules import common as c
from activity_scores.rules._base import ProtocolReading
from activity_scores.rules._spec import canonical_json, parse_date
from activity_scores.rules.common import Context
from activity_scores.rules.record import PatientRecord, is_parsed, parse_record, validated

__all__ = [
    "PROTOCOL_ID",
    "PROTOCOL_VERSION",
    "REPORT_FORMAT",
    "CriterionResult",
    "Indication",
    "Overall",
    "ScreeningLog",
    "ScreeningReport",
    "criteria_for",
    "screen",
]

#: The protocol's registry identifier and the version of its text that the rules implement.
#: A later amendment is added beside this version (as a new ``protocol_version``), never over it.
PROTOCOL_ID = "CHEC2024-181"
PROTOCOL_VERSION = "registry record 2024-06-18"
#: The report format's identifier and version (the ``"report_format"`` field of ``to_dict``).
REPORT_FORMAT = "chec2024-181-screening-report/1"


class Indication(str, Enum):
    """The protocol's four indications."""

    PSS = "pss"  # relapsing/refractory primary Sjögren's syndrome
    SSC = "ssc"  # systemic sclerosis
    IIM = "iim"  # relapsing/refractory idiopathic inflammatory myopathy
    RA = "ra"  # relapsing/refractory rheumatoid arthritis


INDICATION_NAMES = {
    Indication.PSS: "primary Sjögren's syndrome",
    Indication.SSC: "systemic sclerosis",
    Indication.IIM: "idiopathic inflammatory myopathy",
    Indication.RA: "rheumatoid arthritis",
}


class Overall(str, Enum):
    """The overall screening result."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not eligible"
    UNDETERMINED = "undetermined"


@attrs.frozen
class Rule:
    """One criterion of the protocol: stable id, section, inclusion/exclusion, wording, rule."""

    id: str
    section: str
    kind: str
    wording: str
    evaluate: Callable[[Context], Outcome]


def _rules(
    section: str, kind: str, rows: Iterable[tuple[str, str, Callable[[Context], Outcome]]]
) -> tuple[Rule, ...]:
    prefix = "in" if kind == "inclusion" else "ex"
    return tuple(
        Rule(f"{section}.{prefix}.{number}", section, kind, wording, rule)
        for number, wording, rule in rows
    )


COMMON_INCLUSION = _rules(
    "common",
    "inclusion",
    (
        ("1", "Age: ≥ 18 years old and ≤ 65 years old, male or female", c.age),
        ("2.1a", "White blood cell count ≥ 3 x 10^9/L", c.wbc),
        (
            "2.1b",
            "Neutrophil count ≥ 1 x 10^9/L (no colony-stimulating factor treatment within 2 weeks before examination)",
            c.neutrophils,
        ),
        ("2.1c", "Hemoglobin ≥ 60 g/L", c.hemoglobin),
        (
            "2.2a",
            "ALT ≤ 3 x ULN (no requirements for conditions caused by the disease itself)",
            c.alt,
        ),
        (
            "2.2b",
            "AST ≤ 3 x ULN (no requirements for conditions caused by the disease itself)",
            c.ast,
        ),
        (
            "2.2c",
            "TBIL ≤ 1.5 x ULN (Gilbert syndrome: total bilirubin ≤ 3.0 x ULN) (no requirements for conditions caused by the disease itself)",
            c.bilirubin,
        ),
        (
            "2.3",
            "Creatinine clearance rate (CrCl) ≥ 60 ml/minute (Cockcroft-Gault formula)",
            c.creatinine_clearance,
        ),
        ("2.4a", "International normalised ratio (INR) < 1.5 x ULN", c.inr),
        ("2.4b", "Prothrombin time (PT) < 1.5 x ULN", c.pt),
        ("2.5", "Cardiac function: good hemodynamic stability", c.hemodynamic_stability),
        (
            "3a",
            "Subjects (or partners) of childbearing potential use medically approved contraception or abstain from sex during and at least 6 months after the study treatment period",
            c.contraception,
        ),
        (
            "3b",
            "Female subjects of childbearing potential have had a negative serum HCG test within 7 days prior to study enrollment",
            c.hcg,
        ),
        ("3c", "Female subjects of childbearing potential are not lactating", c.not_lactating),
        (
            "4",
            "Voluntarily participate, sign an informed consent form, have good compliance, and cooperate with follow-up",
            c.consent,
        ),
    ),
)

COMMON_EXCLUSION = _rules(
    "common",
    "exclusion",
    (
        (
            "1",
            "Known severe allergic reactions, hypersensitivity, contraindication to any trial medication (cyclophosphamide, fludarabine, tocilizumab), or a history of severe allergic reactions",
            c.allergy,
        ),
        (
            "2",
            "Existence or suspicion of uncontrollable or treatable fungal, bacterial, viral or other infections",
            c.condition_rule("uncontrolled_infection", "uncontrolled or treatable infection"),
        ),
        (
            "3",
            "Central nervous system disorders (epilepsy, psychosis, organic encephalopathy syndromes, cerebrovascular accidents, encephalitis, CNS vasculitis)",
            c.condition_rule("cns_disorder", "central nervous system disorder"),
        ),
        (
            "4",
            "Relatively serious heart diseases, such as angina pectoris, myocardial infarction, heart failure, and arrhythmia",
            c.condition_rule("serious_heart_disease", "serious heart disease"),
        ),
        (
            "5",
            "Congenital immunodeficiency diseases",
            c.condition_rule("congenital_immunodeficiency", "congenital immunodeficiency"),
        ),
        (
            "6",
            "Malignant tumors (except for non-melanoma skin cancer and in situ cervical, bladder, and breast cancers that have been disease-free for more than 5 years)",
            c.malignancy,
        ),
        (
            "7",
            "End-stage renal failure",
            c.condition_rule("end_stage_renal_failure", "end-stage renal failure"),
        ),
        (
            "8",
            "HBsAg or HBcAb positive with HBV DNA above the limit of detection; HCV antibody positive with HCV RNA positive; HIV antibody positive; syphilis positive",
            c.infection_serology,
        ),
        (
            "9",
            "Mental illness and severe cognitive impairment",
            c.condition_rule(
                "mental_illness_or_cognitive_impairment",
                "mental illness or severe cognitive impairment",
            ),
        ),
        ("10", "Received other clinical trial treatment within 3 months", c.other_trial),
        ("11", "Pregnant or intending to conceive women", c.pregnancy),
        (
            "12",
            "Other reasons, in the opinion of the investigator, why the subject cannot be included",
            c.other_reasons,
        ),
    ),
)


def criteria_for(indication: Indication | str) -> tuple[Rule, ...]:
    """Every criterion that applies to ``indication``, in report order.

    Examples
    --------
    >>> [rule.id for rule in criteria_for("ra")][:3]
    ['common.in.1', 'common.in.2.1a', 'common.in.2.1b']
    """
    from activity_scores.rules.indications import RULES  # noqa: PLC0415 - import cycle

    chosen = _indication(indication)
    inclusion, exclusion = RULES[chosen]
    return COMMON_INCLUSION + inclusion + COMMON_EXCLUSION + exclusion


def _indication(value: object) -> Indication:
    if type(value) is str:  # the record's own text, the common case (issue 8)
        member = _INDICATIONS.get(value)
        if member is not None:
            return member
    if isinstance(value, Indication):
        return value
    if isinstance(value, str):
        try:
            return Indication(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(i.value) for i in Indication)  # the message, on error only
    if isinstance(value, str):
        raise InvalidInputError("indication", f"must be one of {allowed}", value)
    raise InvalidInputTypeError("indication", f"must be one of {allowed}", value)


#: Each indication by its value: the lookup ``Indication(value)`` does, without the enum call.
_INDICATIONS = {member.value: member for member in Indication}


@attrs.frozen(repr=False, slots=False, init=False)
class CriterionResult:
    """One criterion's result in a report.

    Attributes
    ----------
    id
        Stable identifier (``common.in.2.1a``, ``ra.ex.1``): section, ``in``/``ex``, the
        protocol's number (letters split a numbered item into its separate requirements).
    section
        ``common`` or the indication.
    kind
        ``inclusion`` or ``exclusion``.
    wording
        The protocol's wording.
    outcome
        The :class:`~activity_scores.Outcome`: ``met`` is the protocol's statement (for an
        exclusion, "the excluding condition is present").
    """

    id: str
    section: str
    kind: str
    wording: str
    outcome: Outcome

    def __init__(
        self,
        id: str,  # noqa: A002 - the attrs field name, kept
        section: str,
        kind: str,
        wording: str,
        outcome: Outcome,
    ) -> None:
        """Build a result (fields as listed above, in this order; perf2: no slots, as Outcome)."""
        fields = self.__dict__
        fields["id"] = id
        fields["section"] = section
        fields["kind"] = kind
        fields["wording"] = wording
        fields["outcome"] = outcome

    @property
    def passes(self) -> bool | None:
        """``True`` if the patient passes this criterion, ``False`` if it fails, ``None`` if unknown."""
        met = self.outcome.met
        return met if self.kind == "inclusion" else negate(met)

    @property
    def status(self) -> str:
        """``met``, ``not met`` or ``unknown``."""
        return self.outcome.status

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        outcome = self.outcome
        met = outcome.met
        values = outcome.values
        return {  # the outcome's own to_dict fields, without building the unused ones (perf2)
            "id": self.id,
            "section": self.section,
            "kind": self.kind,
            "wording": self.wording,
            "outcome": "unknown" if met is None else "met" if met else "not met",
            "passes": met if self.kind == "inclusion" else negate(met),
            "reason": outcome.reason,
            "values": {key: _plain(value) for key, value in values.items()} if values else {},
            "missing": list(outcome.missing),
            "items": [item.to_dict() for item in outcome.items],
        }

    def __repr__(self) -> str:
        """Short representation."""
        return f"CriterionResult({self.id}: {self.status}: {self.outcome.reason})"


_fast.bind_init(CriterionResult)  # one per criterion of every report (issue 8)
_new_result = _fast.constructor(CriterionResult)  # CriterionResult(...), without the type call


# The record's SHA-256 costs as much as a fifth of a screening (the record's canonical JSON
# is built and hashed), and callers that only read the results never look at it (issue 8).
# ``screen`` therefore leaves it to be computed on first access from the validated, frozen
# record (same input, same digest: the record cannot change in between). The class keeps its
# instance __dict__ (slots=False) for that: a report built directly, with a digest, is
# unchanged, and ``record_sha256`` stays an ordinary attrs field for fields(), ==, hash,
# repr, evolve and copy (each reads the attribute, which computes the digest if pending).
# The same holds for ``criteria`` (issue 8, round 6): ``screen`` keeps the criteria's rows
# and outcomes, and builds their CriterionResult objects on first read of ``criteria``
# (``failing``, ``unknown``, ``criterion()``, ``to_dict``, ==, repr, copying read it);
# ``overall`` alone is decided from the outcomes. Until then only ``vars(report)`` differs.
@attrs.frozen(repr=False, slots=False)
class ScreeningReport:
    """The result of screening one record: every criterion, and the overall result.

    The same record, indication, evaluation date and reading always give the same report.

    Attributes
    ----------
    indication
        The indication screened for.
    evaluation_date
        The date every window was computed at (the planned enrolment date).
    record_sha256
        SHA-256 of the canonical JSON of the input record (keys sorted, no whitespace,
        ``null`` fields left out, UTF-8).
    subject_id
        The record's subject identifier, if any.
    criteria
        One :class:`CriterionResult` per criterion, in the protocol's order: common
        inclusion, indication inclusion, common exclusion, indication exclusion.
    reading
        The :class:`ProtocolReading` used.
    library_version, protocol_id, protocol_version
        What produced the report.
    """

    indication: Indication
    evaluation_date: date
    record_sha256: str
    subject_id: str | None
    criteria: tuple[CriterionResult, ...]
    reading: ProtocolReading
    library_version: str = __version__
    protocol_id: str = PROTOCOL_ID
    protocol_version: str = PROTOCOL_VERSION

    @property
    def failing(self) -> tuple[CriterionResult, ...]:
        """The criteria the patient fails."""
        return self._split()[0]

    @property
    def unknown(self) -> tuple[CriterionResult, ...]:
        """The criteria that cannot be decided from the record."""
        return self._split()[1]

    @property
    def overall(self) -> Overall:
        """``not eligible`` if any criterion fails, else ``undetermined`` if any is unknown, else ``eligible``."""
        pending = self.__dict__.get("_pending_criteria")
        if pending is not None:  # decided from the outcomes, the results not built (issue 8)
            return _overall_of(*pending)
        return _overall(*self._split())

    def _pending_results(self) -> tuple[CriterionResult, ...]:
        """The results of a report :func:`screen` built, from its rows and outcomes, once."""
        fields = self.__dict__
        pending = fields.get("_pending_criteria")
        if pending is None:  # another thread finished first, or no results are pending
            if "criteria" in fields:
                return fields["criteria"]  # type: ignore[no-any-return]
            raise AttributeError("criteria")
        rows, outcomes = pending
        result = _new_result
        built = tuple(
            [
                result(row[0], row[1], row[2], row[3], outcome)
                for row, outcome in zip(rows, outcomes, strict=True)
            ]
        )
        criteria: tuple[CriterionResult, ...] = fields.setdefault("criteria", built)
        fields.pop("_pending_criteria", None)
        return criteria

    def _split(self) -> tuple[tuple[CriterionResult, ...], tuple[CriterionResult, ...]]:
        """(failing, unknown) in one pass (perf2)."""
        return _split_results(self.criteria)

    def criterion(self, criterion_id: str) -> CriterionResult:
        """The result of the criterion ``criterion_id`` (``KeyError`` if there is none)."""
        for result in self.criteria:
            if result.id == criterion_id:
                return result
        raise KeyError(criterion_id)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready report (format ``chec2024-181-screening-report/1``)."""
        failing, unknown = self._split()
        return {
            "report_format": REPORT_FORMAT,
            "library": {"name": "activity_scores", "version": self.library_version},
            "protocol": {"id": self.protocol_id, "version": self.protocol_version},
            "indication": self.indication.value,
            "subject_id": self.subject_id,
            "evaluation_date": self.evaluation_date.isoformat(),
            "record_sha256": self.record_sha256,
            "reading": self.reading.to_dict(),
            "overall": _overall(failing, unknown).value,
            "failing": [r.id for r in failing],
            "unknown": [r.id for r in unknown],
            "criteria": [r.to_dict() for r in self.criteria],
        }

    if not TYPE_CHECKING:  # the pending digest; typed access stays checked by mypy

        def __getattr__(self, name: str) -> object:
            """Compute the pending ``record_sha256`` or ``criteria`` on first access.

            See the class comment.
            """
            if name == "criteria":
                return self._pending_results()
            if name != "record_sha256":
                raise AttributeError(name)
            fields = self.__dict__
            pending = fields.get("_pending_record")
            if pending is None:  # another thread finished first, or no record is pending
                if "record_sha256" in fields:
                    return fields["record_sha256"]
                raise AttributeError(name)
            digest = record_sha256(pending)
            fields["record_sha256"] = digest
            fields.pop("_pending_record", None)
            return digest

        def __getstate__(self) -> dict[str, object]:
            """The state for copy: the fields, with the digest and the results built."""
            self.record_sha256  # noqa: B018 - computes a pending digest
            self.criteria  # noqa: B018 - builds pending results
            return {k: v for k, v in self.__dict__.items() if k not in _PENDING}

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the report as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=json_default)

    def to_text(self) -> str:
        """Return the report as text readable at a glance (one line per criterion)."""
        from activity_scores.rules.render import render_text  # noqa: PLC0415 - light import

        return render_text(self)

    def __repr__(self) -> str:
        """Short representation."""
        failing, unknown = self._split()
        return (
            f"ScreeningReport({self.indication.value}, {self.evaluation_date.isoformat()}: "
            f"{_overall(failing, unknown).value}, {len(failing)} failing, {len(unknown)} unknown)"
        )


def _split_results(
    criteria: Iterable[CriterionResult],
) -> tuple[tuple[CriterionResult, ...], tuple[CriterionResult, ...]]:
    """(failing, unknown) in one pass: ``passes`` is False, ``passes`` is None (perf2)."""
    failing: list[CriterionResult] = []
    unknown: list[CriterionResult] = []
    for result in criteria:
        met = result.outcome.met
        if met is None:
            unknown.append(result)
        elif _fails(result.kind, met):
            failing.append(result)
    return tuple(failing), tuple(unknown)


def _fails(kind: str, met: bool) -> bool:  # noqa: FBT001 - a decided outcome's met
    """Whether a criterion of ``kind`` fails with a decided ``met``.

    An inclusion criterion fails when not met, an exclusion criterion when met.
    """
    return (met is False) if kind == "inclusion" else bool(met)


def _overall_of(rows: tuple[_Row, ...], outcomes: tuple[Outcome, ...]) -> Overall:
    """``_overall(*_split_results(results))`` of the results of ``rows`` and ``outcomes``."""
    unknown = False
    for row, outcome in zip(rows, outcomes, strict=True):
        met = outcome.met
        if met is None:
            unknown = True
        elif _fails(row[2], met):
            return Overall.NOT_ELIGIBLE
    return Overall.UNDETERMINED if unknown else Overall.ELIGIBLE


#: The keys under which a report :func:`screen` built keeps what it computes on first access.
_PENDING = frozenset({"_pending_record", "_pending_criteria"})


def _overall(failing: tuple[object, ...], unknown: tuple[object, ...]) -> Overall:
    if failing:
        return Overall.NOT_ELIGIBLE
    if unknown:
        return Overall.UNDETERMINED
    return Overall.ELIGIBLE


def json_default(value: object) -> object:
    """JSON form of the non-JSON values a criterion may report (dates, fractions, enums)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, numbers.Real):  # a Fraction, a NumPy scalar
        return float(value)
    return str(value)


#: The canonical JSON encoder, built once (``json.dumps`` with options builds one per call).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_sha256(record: PatientRecord) -> str:
    """SHA-256 of the record's canonical JSON."""
    # A record parse_record built has values of the types its specs say: its canonical text
    # is written directly, in sorted key order, instead of dumped to dicts the encoder sorts
    # (issue 8); the same text.
    canonical = canonical_json(record) if is_parsed(record) else _CANONICAL.encode(record.to_dict())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def screen(
    record: PatientRecord | Mapping[str, object] | str | bytes,
    *,
    indication: Indication | str | None = None,
    evaluation_date: date | str | None = None,
    reading: ProtocolReading | None = None,
) -> ScreeningReport:
    """Screen one patient record against the CHEC2024-181 eligibility criteria.

    Parameters
    ----------
    record
        A :class:`PatientRecord`, or the record as decoded JSON (a dict) or JSON text, read
        with :func:`parse_record`.
    indication
        ``"pss"``, ``"ssc"``, ``"iim"`` or ``"ra"`` (:class:`Indication`); default: the
        record's ``indication``. Given both, they must agree.
    evaluation_date
        The date every window is computed at (the planned enrolment date), a
        ``datetime.date`` or ``"YYYY-MM-DD"``; default: the record's ``screening_date``.
        Never today's date implicitly: the same inputs always give the same report.
    reading
        How the protocol's ambiguous text is read (:class:`ProtocolReading`); default:
        the library's documented reading.

    Returns
    -------
    ScreeningReport
        Every criterion with its outcome and reason; ``overall`` is ``eligible``, ``not
        eligible`` (see ``failing``) or ``undetermined`` (see ``unknown``).

    Raises
    ------
    InvalidInputError
        For a record that cannot be read (the JSON path is named), no indication or no
        evaluation date, or inputs a criterion refuses.

    Examples
    --------
    >>> report = screen(
    ...     {"indication": "ra", "patient": {"age_years": 70}}, evaluation_date="2026-11-20"
    ... )
    >>> report.overall.value
    'not eligible'
    >>> report.criterion("common.in.1").outcome.reason
    'age 70 years, outside 18-65'
    """
    record, chosen, on, reading, ctx, rows = _prepare(record, indication, evaluation_date, reading)
    outcomes = tuple([evaluate(ctx) for evaluate in _EVALUATORS[chosen]])
    return _pending_report(chosen, on, record, record.subject_id, (rows, outcomes), reading)


def _pending_report(  # noqa: PLR0917 - the report's fields, in order
    indication: Indication,
    evaluation_date: date,
    _pending_record: PatientRecord,
    subject_id: str | None,
    _pending_criteria: tuple[tuple[_Row, ...], tuple[Outcome, ...]] | None,
    reading: ProtocolReading,
    library_version: str = __version__,
    protocol_id: str = PROTOCOL_ID,
    protocol_version: str = PROTOCOL_VERSION,
) -> ScreeningReport:
    """The report's fields as they are, pending: its record, its criteria's rows and outcomes.

    The record stands in place of its digest, the rows and outcomes in place of the results.
    """
    report: ScreeningReport = object.__new__(ScreeningReport)
    report.__dict__.update(
        indication=indication,
        evaluation_date=evaluation_date,
        _pending_record=_pending_record,
        subject_id=subject_id,
        _pending_criteria=_pending_criteria,
        reading=reading,
        library_version=library_version,
        protocol_id=protocol_id,
        protocol_version=protocol_version,
    )
    return report


# One report a record (issue 8): the same stores compiled, where available.
_fast.bind(
    globals(),
    "_pending_report",
    "field_new",
    names=(
        "indication",
        "evaluation_date",
        "_pending_record",
        "subject_id",
        "_pending_criteria",
        "reading",
        "library_version",
        "protocol_id",
        "protocol_version",
    ),
    required=6,
    positional=9,
    config=(ScreeningReport, *([None] * 6), __version__, PROTOCOL_ID, PROTOCOL_VERSION),
)


def _prepare(
    record: PatientRecord | Mapping[str, object] | str | bytes,
    indication: Indication | str | None,
    evaluation_date: date | str | None,
    reading: ProtocolReading | None,
) -> tuple[PatientRecord, Indication, date, ProtocolReading, Context, tuple[_Row, ...]]:
    """The checks of :func:`screen` before any criterion, in order, and what evaluates them.

    Returns (record, indication, date, reading, the criteria's context, the criteria's
    rows); each row's ``evaluate(context)`` is its outcome, in the report's order. The
    one-line text report of the command line evaluates the rows directly: it never shows
    the record's hash, nor builds the criteria's results.
    """
    record = parse_record(record) if not isinstance(record, PatientRecord) else validated(record)
    chosen = record.indication if indication is None else indication
    if chosen is None:
        raise InvalidInputError(
            "indication", "is required (argument or the record's 'indication')", None
        )
    chosen = _indication(chosen)
    if record.indication is not None and record.indication != chosen.value:
        raise InvalidInputError(
            "indication",
            f"must agree with the record's indication {record.indication!r}",
            chosen.value,
        )
    on = _evaluation_date(evaluation_date, record)
    reading = _default_reading() if reading is None else reading
    if not isinstance(reading, ProtocolReading):
        raise InvalidInputTypeError("reading", "must be a ProtocolReading", reading)
    return (
        record,
        chosen,
        on,
        reading,
        _new_context(record, on, reading, {}) if _new_context else Context(record, on, reading),
        _ROWS.get(chosen) or _rows(chosen),
    )


#: ``Context(record, on, reading)`` with its empty cache, compiled (issue 8), or None.
_new_context = _fast.slot_builder(Context, ("record", "on", "reading", "cache"))

_Row = tuple[str, str, str, str, Callable[[Context], Outcome]]
_ROWS: dict[Indication, tuple[_Row, ...]] = {}


def _rows(indication: Indication) -> tuple[_Row, ...]:
    """The fields of every criterion of ``indication`` as plain tuples, built once (perf2)."""
    rows = tuple(
        (rule.id, rule.section, rule.kind, rule.wording, rule.evaluate)
        for rule in criteria_for(indication)
    )
    _EVALUATORS[indication] = tuple(row[4] for row in rows)
    _ROWS[indication] = rows
    return rows


#: Each indication's criteria's ``evaluate`` functions, in the report's order (with _ROWS).
_EVALUATORS: dict[Indication, tuple[Callable[[Context], Outcome], ...]] = {}


@cache
def _default_reading() -> ProtocolReading:
    """The default reading, built and validated once (it is frozen: perf2)."""
    return ProtocolReading()


def _evaluation_date(value: date | str | None, record: PatientRecord) -> date:
    if value is None:
        if record.screening_date is None:
            raise InvalidInputError(
                "evaluation_date", "is required when the record has no 'screening_date'", None
            )
        return record.screening_date
    if isinstance(value, datetime):  # a date, but windows subtract dates: refuse, never guess
        raise InvalidInputTypeError(
            "evaluation_date", "must be a datetime.date or 'YYYY-MM-DD', not a datetime", value
        )
    if isinstance(value, date):
        return value
    try:
        return parse_date(value, "evaluation_date")
    except InvalidInputError as error:
        raise InvalidInputError("evaluation_date", error.rule, value) from None


@attrs.define
class ScreeningLog:
    """The screening log of a batch: counts by result and the failing/unknown criteria ranked.

    Add reports one by one (:meth:`add`; records that could not be read with
    :meth:`add_error`), then read :meth:`to_dict` or :meth:`to_text`.

    Examples
    --------
    >>> log = ScreeningLog()
    >>> log.add(
    ...     screen({"indication": "ra", "patient": {"age_years": 70}}, evaluation_date="2026-01-01")
    ... )
    >>> log.to_dict()["counts"]
    {'eligible': 0, 'not eligible': 1, 'undetermined': 0, 'invalid record': 0}
    """

    counts: Counter[str] = attrs.field(factory=Counter)
    failing: Counter[str] = attrs.field(factory=Counter)
    unknown: Counter[str] = attrs.field(factory=Counter)
    wording: dict[str, str] = attrs.field(factory=dict)

    def add(self, report: ScreeningReport) -> None:
        """Count one report."""
        self._count(*report._split())  # noqa: SLF001 - one pass, same module

    def _count(
        self, failing: tuple[CriterionResult, ...], unknown: tuple[CriterionResult, ...]
    ) -> None:
        """Count one report given as its failing and unknown criteria (:meth:`add`)."""
        self._tally(
            tuple([(r.id, r.wording) for r in failing]), tuple([(r.id, r.wording) for r in unknown])
        )

    def _tally(
        self, failing: tuple[tuple[str, str], ...], unknown: tuple[tuple[str, str], ...]
    ) -> None:
        """Count one report given as the (id, wording) of its failing and unknown criteria."""
        self.counts[_overall(failing, unknown).value] += 1
        for criterion_id, wording in failing:
            self.failing[criterion_id] += 1
            self.wording[criterion_id] = wording
        for criterion_id, wording in unknown:
            self.unknown[criterion_id] += 1
            self.wording[criterion_id] = wording

    def add_error(self) -> None:
        """Count one record that could not be read."""
        self.counts["invalid record"] += 1

    def to_dict(self) -> dict[str, Any]:
        """Return the log as a JSON-ready dict."""
        order = [o.value for o in Overall] + ["invalid record"]
        return {
            "counts": {key: self.counts[key] for key in order},
            "screen_failure_reasons": [
                {"id": key, "count": n, "wording": self.wording[key]}
                for key, n in _ranked(self.failing)
            ],
            "unknown_reasons": [
                {"id": key, "count": n, "wording": self.wording[key]}
                for key, n in _ranked(self.unknown)
            ],
        }

    def to_text(self) -> str:
        """Return the log as text."""
        data = self.to_dict()
        lines = ["Screening log", "-------------"]
        lines += [f"{key:<16} {n:>5}" for key, n in data["counts"].items()]
        for title, key in (
            ("Screen-failure reasons", "screen_failure_reasons"),
            ("Unknown criteria", "unknown_reasons"),
        ):
            lines.append(f"{title} (by criterion):")
            rows = data[key] or [{"id": "none", "count": 0, "wording": ""}]
            lines += [f"  {row['count']:>5}  {row['id']:<16} {row['wording'][:70]}" for row in rows]
        return "\n".join(lines)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
