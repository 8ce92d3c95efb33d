"""The CHEC2024-181 protocol's eligibility rules, built on the scores and criteria.

:func:`screen` reads a :class:`PatientRecord` (or its JSON) and returns a
:class:`ScreeningReport`: every common and per-indication criterion with its outcome and
reason, and the overall result.
"""

from activity_scores.rules._base import MalignancyReading, ProtocolReading
from activity_scores.rules._spec import Lab, RecordError
from activity_scores.rules.lymphodepletion import LymphodepletionRegimen, lymphodepletion_regimen
from activity_scores.rules.record import (
    SCHEMA_ID,
    ClinicalTrial,
    ColonyStimulatingFactor,
    Conditions,
    Hcg,
    Investigator,
    Labs,
    Malignancy,
    Patient,
    PatientRecord,
    Serology,
    Treatment,
    parse_record,
    record_schema,
)
from activity_scores.rules.screening import (
    PROTOCOL_ID,
    PROTOCOL_VERSION,
    REPORT_FORMAT,
    CriterionResult,
    Indication,
    Overall,
    ScreeningLog,
    ScreeningReport,
    criteria_for,
    screen,
)
from activity_scores.rules.sections import IimFindings, PssFindings, RaFindings, SscFindings

__all__ = [
    "PROTOCOL_ID",
    "PROTOCOL_VERSION",
    "REPORT_FORMAT",
    "SCHEMA_ID",
    "ClinicalTrial",
    "ColonyStimulatingFactor",
    "Conditions",
    "CriterionResult",
    "Hcg",
    "IimFindings",
    "Indication",
    "Investigator",
    "Lab",
    "Labs",
    "LymphodepletionRegimen",
    "Malignancy",
    "MalignancyReading",
    "Overall",
    "Patient",
    "PatientRecord",
    "ProtocolReading",
    "PssFindings",
    "RaFindings",
    "RecordError",
    "ScreeningLog",
    "ScreeningReport",
    "Serology",
    "SscFindings",
    "Treatment",
    "criteria_for",
    "lymphodepletion_regimen",
    "parse_record",
    "record_schema",
    "screen",
]
