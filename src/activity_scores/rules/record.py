"""The CHEC2024-181 patient record: what a site knows about one patient at screening.

Every field is optional: a field left out (or ``null``) is *unknown*, and the criteria that
need it report "unknown" with its JSON path. A list left out is unknown; an empty list ``[]``
says "none" (no malignancy, no other trial, no treatment). Units are explicit (a lab is a
value with its unit, date and, where a rule is relative to it, its ULN), dates are explicit
(``YYYY-MM-DD``), and the investigator's judgements are explicit inputs.

The same record is JSON (see ``record.schema.json`` and docs/record-format.md); an unknown
field name is an error naming its JSON path, so a typo never becomes "missing".
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, partial
from typing import Any

import attrs

from activity_scores.rules import _spec as s
from activity_scores.rules._base import IMMUNOMODULATOR_READING
from activity_scores.rules._spec import Lab, RecordError, Unit, field
from activity_scores.rules.sections import IimFindings, PssFindings, RaFindings, SscFindings

__all__ = [
    "SCHEMA_ID",
    "ClinicalTrial",
    "ColonyStimulatingFactor",
    "Conditions",
    "Hcg",
    "Investigator",
    "Lab",
    "Labs",
    "Malignancy",
    "Patient",
    "PatientRecord",
    "Serology",
    "Treatment",
    "parse_record",
    "record_schema",
]

#: The record format's identifier and version, the value of the record's ``"schema"`` field.
SCHEMA_ID = "chec2024-181-record/1"

PER_10_9_L = (Unit("10^9/L", 0, 500), Unit("10^3/uL", 0, 500))
POS_NEG = ("positive", "negative")

#: Drugs the treatment history knows, by class. The protocol's "mertiomate" is read as
#: mycophenolate mofetil and its "tetracycline" (listed among biologics) as telitacicept:
#: see docs/protocol-notes.md. The literal ``tetracycline`` is accepted as a drug too, so a
#: site that reads the protocol literally can record it and say so with ``ProtocolReading``.
GLUCOCORTICOIDS = (
    "prednisone",
    "prednisolone",
    "methylprednisolone",
    "hydrocortisone",
    "cortisone",
    "dexamethasone",
    "betamethasone",
    "triamcinolone",
    "deflazacort",
)
#: The protocol's immunomodulators as the library reads them, plus the literal "tetracycline"
#: (so a site reading the protocol literally can record it): one list, in ``_base``.
IMMUNOMODULATORS = (*IMMUNOMODULATOR_READING, "tetracycline")
OTHER_DRUGS = (
    "sulfasalazine",
    "iguratimod",
    "tocilizumab",
    "sarilumab",
    "adalimumab",
    "etanercept",
    "infliximab",
    "golimumab",
    "certolizumab_pegol",
    "abatacept",
    "anakinra",
    "tofacitinib",
    "baricitinib",
    "upadacitinib",
    "filgotinib",
    "intravenous_immunoglobulin",
    "other",
)
DRUGS = GLUCOCORTICOIDS + IMMUNOMODULATORS + OTHER_DRUGS

MALIGNANCY_KINDS = (
    "non_melanoma_skin",
    "cervical_in_situ",
    "bladder_in_situ",
    "breast_in_situ",
    "other",
)


@attrs.frozen
class Patient:
    """Demographics and the patient's reproductive status."""

    sex: str | None = field(s.choice("sex", ("female", "male")))
    date_of_birth: date | None = field(
        s.day("date of birth; age is computed at the evaluation date")
    )
    age_years: int | None = field(
        s.integer("age in completed years (when the date of birth is not given)", 0, 120, "years")
    )
    weight_kg: float | None = field(s.number("actual body weight at screening", 20, 350, "kg"))
    height_cm: float | None = field(s.number("height", 120, 250, "cm"))
    gilbert_syndrome: bool | None = field(s.boolean("Gilbert syndrome (bilirubin limit 3.0 x ULN)"))
    childbearing_potential: bool | None = field(
        s.boolean("a woman of childbearing potential (false for men)")
    )
    partner_childbearing_potential: bool | None = field(
        s.boolean("a man whose partner is a woman of childbearing potential (false for women)")
    )
    contraception_agreed: bool | None = field(
        s.boolean(
            "agrees to medically approved contraception or abstinence during and for "
            "6 months after treatment"
        )
    )
    lactating: bool | None = field(s.boolean("breastfeeding"))
    pregnant: bool | None = field(s.boolean("pregnant"))
    planning_pregnancy: bool | None = field(s.boolean("intending to conceive"))


@attrs.frozen
class Labs:
    """Screening laboratory results, each a value with its unit and date (and ULN where needed)."""

    wbc: Lab | None = field(s.lab("white blood cell count", PER_10_9_L))
    neutrophils: Lab | None = field(s.lab("absolute neutrophil count", PER_10_9_L))
    hemoglobin: Lab | None = field(
        s.lab("haemoglobin", (Unit("g/L", 10, 250), Unit("g/dL", 1, 25)))
    )
    alt: Lab | None = field(s.lab("alanine aminotransferase", (Unit("U/L", 0, 20000),), uln=True))
    ast: Lab | None = field(s.lab("aspartate aminotransferase", (Unit("U/L", 0, 20000),), uln=True))
    total_bilirubin: Lab | None = field(
        s.lab("total bilirubin", (Unit("umol/L", 0, 1000), Unit("mg/dL", 0, 60)), uln=True)
    )
    creatinine: Lab | None = field(
        s.lab("serum creatinine", (Unit("umol/L", 8.84, 2210), Unit("mg/dL", 0.1, 25)))
    )
    inr: Lab | None = field(
        s.lab("international normalised ratio", (Unit("ratio", 0.5, 20),), uln=True)
    )
    pt: Lab | None = field(s.lab("prothrombin time", (Unit("s", 5, 200),), uln=True))
    crp: Lab | None = field(
        s.lab("C-reactive protein", (Unit("mg/L", 0, 1000), Unit("mg/dL", 0, 100)))
    )
    esr: Lab | None = field(s.lab("erythrocyte sedimentation rate", (Unit("mm/h", 1, 200),)))


@attrs.frozen
class Hcg:
    """Serum human chorionic gonadotropin (pregnancy) test."""

    result: str | None = field(s.choice("serum HCG result", POS_NEG))
    date: date | None = field(s.day("date of the serum HCG sample"))


@attrs.frozen
class ColonyStimulatingFactor:
    """Colony-stimulating factor (G-CSF, GM-CSF) given before the blood count."""

    received: bool | None = field(
        s.boolean("any colony-stimulating factor in the 2 weeks before the neutrophil count")
    )
    last_dose_date: date | None = field(s.day("date of the last dose (decides when received)"))


@attrs.frozen
class Serology:
    """Infection serology (``positive`` or ``negative``)."""

    hbsag: str | None = field(s.choice("hepatitis B surface antigen", POS_NEG))
    hbcab: str | None = field(s.choice("hepatitis B core antibody", POS_NEG))
    hbv_dna: str | None = field(
        s.choice("HBV DNA: positive = above the assay's limit of detection", POS_NEG)
    )
    hcv_antibody: str | None = field(s.choice("hepatitis C virus antibody", POS_NEG))
    hcv_rna: str | None = field(s.choice("HCV RNA in peripheral blood", POS_NEG))
    hiv_antibody: str | None = field(s.choice("HIV antibody", POS_NEG))
    syphilis: str | None = field(s.choice("syphilis test", POS_NEG))


@attrs.frozen
class Conditions:
    """Conditions that exclude a patient (true = present, false = absent)."""

    trial_drug_allergy_or_contraindication: bool | None = field(
        s.boolean(
            "known severe allergy, hypersensitivity or contraindication to a trial drug "
            "(cyclophosphamide, fludarabine, tocilizumab)"
        )
    )
    severe_allergic_reaction_history: bool | None = field(
        s.boolean("history of severe allergic reactions")
    )
    uncontrolled_infection: bool | None = field(
        s.boolean(
            "existing or suspected uncontrolled or treatable fungal, bacterial, viral or other infection"
        )
    )
    cns_disorder: bool | None = field(
        s.boolean(
            "central nervous system disorder (epilepsy, psychosis, organic encephalopathy, "
            "cerebrovascular accident, encephalitis, CNS vasculitis)"
        )
    )
    serious_heart_disease: bool | None = field(
        s.boolean(
            "relatively serious heart disease (angina, myocardial infarction, heart failure, arrhythmia)"
        )
    )
    congenital_immunodeficiency: bool | None = field(s.boolean("congenital immunodeficiency"))
    end_stage_renal_failure: bool | None = field(s.boolean("end-stage renal failure"))
    mental_illness_or_cognitive_impairment: bool | None = field(
        s.boolean("mental illness or severe cognitive impairment")
    )


@attrs.frozen
class Investigator:
    """The investigator's judgements (explicit inputs; missing = unknown)."""

    hemodynamically_stable: bool | None = field(s.boolean("good haemodynamic stability"))
    consent_signed: bool | None = field(s.boolean("informed consent signed voluntarily"))
    compliance_expected: bool | None = field(
        s.boolean("good compliance, will cooperate with follow-up")
    )
    liver_abnormality_due_to_disease: bool | None = field(
        s.boolean("an ALT, AST or bilirubin abnormality is caused by the disease itself")
    )
    conventional_treatment_ineffective: bool | None = field(
        s.boolean("conventional treatment was ineffective")
    )
    relapse_after_remission: bool | None = field(
        s.boolean("disease activity relapsed after remission")
    )
    other_reasons_to_exclude: bool | None = field(
        s.boolean("other reasons why the subject cannot be included")
    )


@attrs.frozen
class Malignancy:
    """A malignant tumour in the patient's history."""

    kind: str | None = field(s.choice("type of malignancy", MALIGNANCY_KINDS))
    diagnosis_date: date | None = field(s.day("date of diagnosis"))
    disease_free_since: date | None = field(s.day("date since which the patient is disease-free"))


@attrs.frozen
class ClinicalTrial:
    """Treatment received in another clinical trial."""

    last_treatment_date: date | None = field(s.day("date of the last trial treatment"))


@attrs.frozen
class Treatment:
    """One course of a drug in the treatment history."""

    drug: str | None = field(s.choice("drug (generic name)", DRUGS))
    start_date: date | None = field(s.day("first day"))
    end_date: date | None = field(s.day("last day (leave out with ongoing = true)"))
    ongoing: bool | None = field(s.boolean("still taken at the evaluation date"))
    dose_mg_per_day: float | None = field(
        s.number("daily dose (glucocorticoids)", 0, 5000, "mg/day")
    )
    weight_kg: float | None = field(
        s.number("body weight during the course (default: the screening weight)", 20, 350, "kg")
    )


@attrs.frozen
class PatientRecord:
    """A patient's record for CHEC2024-181 screening (every field optional = unknown).

    Build it from JSON with :func:`parse_record`; ``record.to_dict()`` gives the canonical JSON
    form (``null`` fields left out) that the report's SHA-256 is computed from.
    """

    schema: str | None = field(s.choice("record format and version", (SCHEMA_ID,)))
    subject_id: str | None = field(s.text("the site's subject identifier (no names)"))
    indication: str | None = field(
        s.choice("the indication to screen for", ("pss", "ssc", "iim", "ra"))
    )
    screening_date: date | None = field(
        s.day("planned enrolment date: the default evaluation date of every window")
    )
    patient: Patient | None = field(s.obj("demographics and reproductive status", Patient))
    labs: Labs | None = field(s.obj("screening laboratory results", Labs))
    hcg: Hcg | None = field(s.obj("serum pregnancy test", Hcg))
    colony_stimulating_factor: ColonyStimulatingFactor | None = field(
        s.obj("colony-stimulating factor before the blood count", ColonyStimulatingFactor)
    )
    serology: Serology | None = field(s.obj("infection serology", Serology))
    conditions: Conditions | None = field(s.obj("excluding conditions", Conditions))
    investigator: Investigator | None = field(s.obj("investigator's judgements", Investigator))
    malignancies: tuple[Malignancy, ...] | None = field(
        s.array("malignant tumours ever diagnosed ([] = none)", s.obj("a malignancy", Malignancy))
    )
    clinical_trials: tuple[ClinicalTrial, ...] | None = field(
        s.array("treatments in other clinical trials ([] = none)", s.obj("a trial", ClinicalTrial))
    )
    treatments: tuple[Treatment, ...] | None = field(
        s.array(
            "treatment history: glucocorticoids and immunomodulators ([] = none)",
            s.obj("a treatment course", Treatment),
        )
    )
    pss: PssFindings | None = field(s.obj("primary Sjögren's syndrome findings", PssFindings))
    ssc: SscFindings | None = field(s.obj("systemic sclerosis findings", SscFindings))
    iim: IimFindings | None = field(s.obj("idiopathic inflammatory myopathy findings", IimFindings))
    ra: RaFindings | None = field(s.obj("rheumatoid arthritis findings", RaFindings))

    def to_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (fields in schema order, ``null`` fields left out)."""
        return s.dump(self)


#: Limits a record must respect before any work is done (docs/record-format.md).
MAX_RECORD_BYTES = 65536
MAX_NESTING_DEPTH = 8


def parse_record(data: Mapping[str, object] | str | bytes) -> PatientRecord:
    """Read a patient record from decoded JSON (a dict) or from JSON text.

    Parameters
    ----------
    data
        The record: a ``dict`` as decoded by :func:`json.loads`, or the JSON text itself
        (``str`` or UTF-8 ``bytes``, at most 65536 bytes, nesting depth at most 8).

    Returns
    -------
    PatientRecord
        The validated record.

    Raises
    ------
    InvalidInputError
        (a ``RecordError``) naming the JSON path of the first bad value: an unknown field,
        a wrong type, a number out of its documented range, a malformed date, an unknown
        unit, text that is not JSON, or a record too large or too deeply nested.

    Examples
    --------
    >>> record = parse_record('{"patient": {"sex": "female", "age_years": 40}}')
    >>> record.patient.age_years
    40
    >>> parse_record('{"patient": {"sexe": "female"}}')
    Traceback (most recent call last):
    ...
    activity_scores.rules._spec.RecordError: '$.patient.sexe' is not a field of Patient (...) (got 'sexe')
    """
    decoded: object = data
    text = False
    if type(data) is dict:  # decoded JSON: the common case first
        pass
    elif isinstance(data, (str, bytes)):
        text = True
        decoded = _decode(data)
    elif not isinstance(data, Mapping):
        raise s.RecordTypeError("$", "must be a JSON object", type(data).__name__)
    record: PatientRecord
    if type(decoded) is dict:
        # The common case (issue 8): a record the fast reader takes whole. It accepts only
        # what parse_object would, and nothing nested deeper than the record classes
        # (_FAST_DEPTH_OK), so no limit or error can be missed; anything else is read below.
        record = _FAST_READ(decoded)
        if record is not s.SLOW:
            key = id(record)
            _PARSED[key] = _ref(record, _forget(_PARSED_POP, key))
            return record
    check_depth(decoded)  # the limits first, then every error in order, as ever
    if text and type(decoded) is not dict:
        raise s.RecordTypeError("$", "must be a JSON object", type(decoded).__name__)
    record = s.parse_object(PatientRecord, dict(decoded), "$")  # type: ignore[call-overload]
    key = id(record)
    _PARSED[key] = _ref(record, _forget(_PARSED_POP, key))
    return record


#: Records built by parse_record (already validated): a weak reference to each by its
#: ``id``. The reference's callback, ``_PARSED.pop(id, ref)``, removes the entry when the
#: record dies (before its ``id`` can be reused). All of it is C calls: a
#: ``WeakValueDictionary`` does the same in Python, about 2 us a record (issue 8).
_PARSED: dict[int, weakref.ref[PatientRecord]] = {}
_PARSED_POP = _PARSED.pop
_ref = weakref.ref
_forget = partial


def is_parsed(record: object) -> bool:
    """Whether :func:`parse_record` built ``record`` (its values are of the types its specs say)."""
    ref = _PARSED.get(id(record))
    return ref is not None and ref() is record


def validated(record: PatientRecord) -> PatientRecord:
    """``record`` if :func:`parse_record` built it; else the record re-read from its JSON form.

    The record classes do not validate on construction, so a ``PatientRecord`` built
    directly (``PatientRecord(patient="abc")``) is checked here, with errors naming the JSON
    path, instead of failing somewhere inside a criterion.
    """
    if is_parsed(record):
        return record
    try:
        data = record.to_dict()
    except Exception as error:  # noqa: BLE001 - any failure means a value of the wrong kind
        raise s.RecordTypeError(
            "$",
            "must be a PatientRecord holding record classes and values "
            "(build it with parse_record)",
            type(error).__name__,
        ) from None
    return parse_record(data)


def loads(text: str | bytes) -> dict[str, object]:
    """Decode one JSON record, refusing oversized, too deeply nested or non-object input."""
    data = _decode(text)
    check_depth(data)
    if type(data) is not dict:
        raise s.RecordTypeError("$", "must be a JSON object", type(data).__name__)
    return data


def _decode(text: str | bytes) -> object:
    """:func:`loads` but the depth and type checks: the size, UTF-8 and JSON errors."""
    if isinstance(text, str) and len(text) <= MAX_RECORD_BYTES // 4:
        size = 0  # at most 4 UTF-8 bytes a character: within the limit, no need to encode
    else:
        size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > MAX_RECORD_BYTES:
        raise RecordError("$", f"must be at most {MAX_RECORD_BYTES} bytes of JSON", f"{size} bytes")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RecordError("$", "must be UTF-8 text", f"invalid byte at {error.start}") from None
    try:
        if text.startswith("\ufeff"):  # as json.loads, whose decoder is reused below
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _DECODER.decode(text)
    except RecordError:
        raise
    except RecursionError:
        raise RecordError(
            "$", f"must be nested at most {MAX_NESTING_DEPTH} levels deep", "deeper"
        ) from None
    except ValueError as error:
        raise RecordError("$", "must be valid JSON", str(error)[:80]) from None
    return data


def _no_constant(name: str) -> object:
    raise RecordError("$", "must be valid JSON (NaN and Infinity are not JSON)", name)


#: The decoder ``json.loads(text, parse_constant=_no_constant)`` builds on every call (with
#: its scanner), built once (issue 8).
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def check_depth(data: object, depth: int = 1) -> None:
    """Refuse decoded JSON nested deeper than allowed."""
    if depth > MAX_NESTING_DEPTH:
        raise RecordError("$", f"must be nested at most {MAX_NESTING_DEPTH} levels deep", depth)
    kind = type(data)  # exact types first: decoded JSON has no other (issue 8)
    if kind is dict:
        values = data.values()  # type: ignore[attr-defined]
    elif kind is list:
        values = data
    else:
        values = data.values() if isinstance(data, Mapping) else ()
    for value in values:
        kind = type(value)
        if kind in _LEAVES:  # decoded JSON scalars: never nested (issue perf2)
            continue
        if kind is dict or kind is list or isinstance(value, Mapping):
            check_depth(value, depth + 1)


#: The exact types of decoded JSON scalars, skipped by the depth check without an ABC test.
_LEAVES = frozenset({str, int, float, bool, type(None)})


#: The fast reader of a whole record (issue 8), or a reader that always declines if a valid
#: record could be nested deeper than the limit (then only the depth check can refuse it).
_FAST_DEPTH_OK = s.spec_depth(PatientRecord) <= MAX_NESTING_DEPTH
_FAST_READ: Callable[[object], Any] = (
    s.fast_reader(PatientRecord) if _FAST_DEPTH_OK else lambda _data: s.SLOW
)


@cache
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the patient record, generated from the record classes.

    The same schema is published as ``activity_scores/rules/record.schema.json`` and printed by
    ``activity-scores schema``.

    Examples
    --------
    >>> schema = record_schema()
    >>> schema["$id"]
    'https://activity-scores.readthedocs.io/schema/chec2024-181-record-1.json'
    >>> sorted(schema["properties"])[:3]
    ['clinical_trials', 'colony_stimulating_factor', 'conditions']
    """
    defs: dict[str, Any] = {}
    s.class_schema(PatientRecord, defs)
    top = defs.pop("PatientRecord")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://activity-scores.readthedocs.io/schema/chec2024-181-record-1.json",
        "title": "CHEC2024-181 patient record",
        "description": (
            "A patient's record for CHEC2024-181 screening. Every field is optional: a field "
            "left out or null is unknown. Lists: left out = unknown, [] = none."
        ),
        "type": "object",
        "properties": top["properties"],
        "additionalProperties": False,
        "$defs": defs,
    }
