"""Common CHEC2024-181 criteria: every threshold at and around its cut-off, windows, missing data.

Expected outcomes are hand-derived from the protocol text (registry record 2024-06-18); the
base record is examples/ra-eligible.json, which passes every criterion.
"""

from __future__ import annotations

from typing import Any

import pytest

from activity_scores import InvalidInputError, MalignancyReading, ProtocolReading, screen
from tests.screening_helpers import edit, example, outcome, report

MET, NOT, UNKNOWN = "met", "not met", "unknown"


def base() -> dict[str, Any]:
    return example("ra-eligible")


def test_base_record_is_eligible() -> None:
    result = report(base())
    assert result.overall.value == "eligible", [c for c in result.criteria if c.passes is not True]


# --- age ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ("2008-11-20", MET),  # 18th birthday on the evaluation date
        ("2008-11-21", NOT),  # 17 until tomorrow
        ("1961-04-12", MET),  # 65 years old
        ("1960-11-21", MET),  # 65, turns 66 tomorrow
        ("1960-11-20", NOT),  # 66 today
    ],
)
def test_age_window(born: str, expected: str) -> None:
    record = edit(base(), "patient.date_of_birth", born)
    assert outcome(record, "common.in.1") == expected


@pytest.mark.parametrize(("age", "expected"), [(17, NOT), (18, MET), (65, MET), (66, NOT)])
def test_age_in_years(age: int, expected: str) -> None:
    record = edit(edit(base(), "patient.date_of_birth", ...), "patient.age_years", age)
    assert outcome(record, "common.in.1") == expected


def test_age_missing_is_unknown_with_paths() -> None:
    record = edit(base(), "patient.date_of_birth", ...)
    result = report(record).criterion("common.in.1")
    assert result.status == UNKNOWN
    assert "$.patient.date_of_birth" in result.outcome.missing


def test_age_must_agree_with_date_of_birth() -> None:
    record = edit(base(), "patient.age_years", 30)
    with pytest.raises(InvalidInputError, match=r"\$\.patient\.age_years"):
        screen(record)


# --- blood counts ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(2.99, NOT), (3.0, MET), (3, MET), (3.01, MET)])
def test_wbc(value: float, expected: str) -> None:
    assert outcome(edit(base(), "labs.wbc.value", value), "common.in.2.1a") == expected


def test_wbc_in_10_3_per_ul() -> None:
    record = edit(edit(base(), "labs.wbc.unit", "10^3/uL"), "labs.wbc.value", 3.0)
    assert outcome(record, "common.in.2.1a") == MET


@pytest.mark.parametrize(("value", "expected"), [(0.99, NOT), (1.0, MET), (1.01, MET)])
def test_neutrophils(value: float, expected: str) -> None:
    assert outcome(edit(base(), "labs.neutrophils.value", value), "common.in.2.1b") == expected


@pytest.mark.parametrize(
    ("last_dose", "expected"),
    [
        ("2026-11-02", NOT),  # 14 days before the count on 2026-11-16: within 2 weeks
        ("2026-11-01", MET),  # 15 days before: outside
    ],
)
def test_csf_window_edges(last_dose: str, expected: str) -> None:
    record = edit(
        base(), "colony_stimulating_factor", {"received": True, "last_dose_date": last_dose}
    )
    assert outcome(record, "common.in.2.1b") == expected


def test_csf_same_day_and_after_count() -> None:
    same = edit(
        base(), "colony_stimulating_factor", {"received": True, "last_dose_date": "2026-11-16"}
    )
    assert outcome(same, "common.in.2.1b") == NOT
    after = edit(
        base(), "colony_stimulating_factor", {"received": True, "last_dose_date": "2026-11-17"}
    )
    assert outcome(after, "common.in.2.1b") == MET


def test_csf_received_without_date_is_unknown() -> None:
    record = edit(base(), "colony_stimulating_factor", {"received": True})
    result = report(record).criterion("common.in.2.1b")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.colony_stimulating_factor.last_dose_date",)


def test_low_neutrophils_fail_whatever_the_csf() -> None:
    record = edit(edit(base(), "labs.neutrophils.value", 0.5), "colony_stimulating_factor", ...)
    assert outcome(record, "common.in.2.1b") == NOT


def test_csf_missing_is_unknown() -> None:
    record = edit(base(), "colony_stimulating_factor", ...)
    assert outcome(record, "common.in.2.1b") == UNKNOWN


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (59.9, "g/L", NOT),
        (60, "g/L", MET),
        (5.99, "g/dL", NOT),
        (6.0, "g/dL", MET),
        (6.01, "g/dL", MET),
    ],
)
def test_hemoglobin_units(value: float, unit: str, expected: str) -> None:
    record = edit(base(), "labs.hemoglobin", {"value": value, "unit": unit})
    assert outcome(record, "common.in.2.1c") == expected


# --- liver -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "criterion"), [("alt", "common.in.2.2a"), ("ast", "common.in.2.2b")]
)
@pytest.mark.parametrize(("value", "expected"), [(119.9, MET), (120, MET), (120.1, NOT)])
def test_transaminases(field: str, criterion: str, value: float, expected: str) -> None:
    record = edit(base(), f"labs.{field}", {"value": value, "unit": "U/L", "uln": 40})
    record = edit(record, "investigator.liver_abnormality_due_to_disease", False)
    assert outcome(record, criterion) == expected


def test_transaminase_float_noise_at_cut_off() -> None:
    # 3 x 0.1 is 0.30000000000000004 in binary: 0.3 must still be <= 3 x ULN.
    record = edit(base(), "labs.alt", {"value": 0.3, "unit": "U/L", "uln": 0.1})
    assert outcome(record, "common.in.2.2a") == MET


@pytest.mark.parametrize(("judged", "expected"), [(True, MET), (False, NOT), (..., UNKNOWN)])
def test_liver_disease_exception(judged: object, expected: str) -> None:
    record = edit(base(), "labs.alt", {"value": 200, "unit": "U/L", "uln": 40})
    record = edit(record, "investigator.liver_abnormality_due_to_disease", judged)
    assert outcome(record, "common.in.2.2a") == expected


def test_liver_uln_missing_is_unknown() -> None:
    record = edit(base(), "labs.ast.uln", ...)
    result = report(record).criterion("common.in.2.2b")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.labs.ast.uln",)


@pytest.mark.parametrize(
    ("value", "gilbert", "expected"),
    [
        (31.5, False, MET),  # exactly 1.5 x 21
        (31.6, False, NOT),
        (31.6, True, MET),
        (63.0, True, MET),  # exactly 3.0 x 21
        (63.1, True, NOT),
        (31.5, ..., MET),  # within 1.5 x ULN: Gilbert does not matter
        (40.0, ..., UNKNOWN),  # between: Gilbert decides
        (63.1, ..., NOT),  # above 3.0 x ULN: fails either way
    ],
)
def test_bilirubin(value: float, gilbert: object, expected: str) -> None:
    record = edit(base(), "labs.total_bilirubin", {"value": value, "unit": "umol/L", "uln": 21})
    record = edit(record, "patient.gilbert_syndrome", gilbert)
    record = edit(record, "investigator.liver_abnormality_due_to_disease", False)
    assert outcome(record, "common.in.2.2c") == expected


def test_bilirubin_mg_per_dl() -> None:
    record = edit(base(), "labs.total_bilirubin", {"value": 1.8, "unit": "mg/dL", "uln": 1.2})
    assert outcome(record, "common.in.2.2c") == MET  # exactly 1.5 x ULN


def test_bilirubin_gilbert_unknown_reports_missing_field() -> None:
    record = edit(base(), "labs.total_bilirubin", {"value": 40, "unit": "umol/L", "uln": 21})
    record = edit(record, "patient.gilbert_syndrome", ...)
    result = report(record).criterion("common.in.2.2c")
    assert "$.patient.gilbert_syndrome" in result.outcome.missing


# --- renal, coagulation ------------------------------------------------------------------


def _crcl_record(
    creatinine: dict[str, Any], *, sex: str = "male", weight: float = 72
) -> dict[str, Any]:
    record = edit(base(), "labs.creatinine", creatinine)
    record = edit(record, "patient.sex", sex)
    record = edit(record, "patient.weight_kg", weight)
    record = edit(record, "patient.date_of_birth", ...)
    return edit(record, "patient.age_years", 50)


@pytest.mark.parametrize(
    ("creatinine_mg_per_dl", "expected"),
    [
        (1.5, MET),  # (140-50) x 72 / (72 x 1.5) = 60.0 exactly: >= 60
        (1.51, NOT),  # 59.6
        (1.49, MET),
    ],
)
def test_creatinine_clearance_boundary(creatinine_mg_per_dl: float, expected: str) -> None:
    record = _crcl_record({"value": creatinine_mg_per_dl, "unit": "mg/dL"})
    record = edit(record, "patient.childbearing_potential", False)
    assert outcome(record, "common.in.2.3") == expected


def test_creatinine_clearance_umol_per_l() -> None:
    # 132.6 umol/L = 1.5 mg/dL exactly (x 88.4): 60.0 mL/min by hand.
    record = _crcl_record({"value": 132.6, "unit": "umol/L"})
    assert outcome(record, "common.in.2.3") == MET


def test_creatinine_clearance_missing_weight() -> None:
    record = edit(base(), "patient.weight_kg", ...)
    result = report(record).criterion("common.in.2.3")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.patient.weight_kg",)


@pytest.mark.parametrize(
    ("field", "criterion"), [("inr", "common.in.2.4a"), ("pt", "common.in.2.4b")]
)
@pytest.mark.parametrize(("value", "expected"), [(1.79, MET), (1.8, NOT), (1.81, NOT)])
def test_coagulation_strictly_below(
    field: str, criterion: str, value: float, expected: str
) -> None:
    unit = "ratio" if field == "inr" else "s"
    uln = 1.2
    if field == "pt":
        value, uln = value * 10, 12.0
    record = edit(base(), f"labs.{field}", {"value": round(value, 2), "unit": unit, "uln": uln})
    assert outcome(record, criterion) == expected


@pytest.mark.parametrize(("stable", "expected"), [(True, MET), (False, NOT), (..., UNKNOWN)])
def test_hemodynamic_stability(stable: object, expected: str) -> None:
    record = edit(base(), "investigator.hemodynamically_stable", stable)
    assert outcome(record, "common.in.2.5") == expected


# --- reproduction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hcg_date", "expected"),
    [("2026-11-13", MET), ("2026-11-12", NOT), ("2026-11-20", MET), ("2026-11-21", NOT)],
)
def test_hcg_window(hcg_date: str, expected: str) -> None:
    # evaluation date 2026-11-20: 7 days before is 2026-11-13 (within), 8 days is outside.
    record = edit(base(), "hcg", {"result": "negative", "date": hcg_date})
    assert outcome(record, "common.in.3b") == expected


def test_hcg_positive_fails_and_excludes() -> None:
    record = edit(base(), "hcg", {"result": "positive", "date": "2026-11-16"})
    result = report(record)
    assert result.criterion("common.in.3b").status == NOT
    assert result.criterion("common.ex.11").status == MET


def test_hcg_not_applicable_for_men_and_women_without_potential() -> None:
    man = edit(edit(base(), "patient.sex", "male"), "hcg", ...)
    man = edit(man, "patient.partner_childbearing_potential", False)
    assert outcome(man, "common.in.3b") == MET
    assert outcome(man, "common.in.3a") == MET
    woman = edit(edit(base(), "patient.childbearing_potential", False), "hcg", ...)
    assert outcome(woman, "common.in.3b") == MET


def test_childbearing_potential_unknown() -> None:
    record = edit(edit(base(), "patient.childbearing_potential", ...), "hcg", ...)
    result = report(record).criterion("common.in.3b")
    assert result.status == UNKNOWN
    assert "$.patient.childbearing_potential" in result.outcome.missing


@pytest.mark.parametrize(("agreed", "expected"), [(True, MET), (False, NOT), (..., UNKNOWN)])
def test_contraception(agreed: object, expected: str) -> None:
    assert outcome(edit(base(), "patient.contraception_agreed", agreed), "common.in.3a") == expected


def test_contraception_for_a_man_with_a_partner_who_may_conceive() -> None:
    man = edit(base(), "patient.sex", "male")
    man = edit(man, "patient.partner_childbearing_potential", True)
    man = edit(man, "patient.contraception_agreed", False)
    assert outcome(man, "common.in.3a") == NOT


@pytest.mark.parametrize(("lactating", "expected"), [(True, NOT), (False, MET), (..., UNKNOWN)])
def test_lactation(lactating: object, expected: str) -> None:
    assert outcome(edit(base(), "patient.lactating", lactating), "common.in.3c") == expected


@pytest.mark.parametrize(
    ("consent", "compliance", "expected"),
    [
        (True, True, MET),
        (False, True, NOT),
        (True, False, NOT),
        (..., True, UNKNOWN),
        (..., False, NOT),
    ],
)
def test_consent(consent: object, compliance: object, expected: str) -> None:
    record = edit(base(), "investigator.consent_signed", consent)
    record = edit(record, "investigator.compliance_expected", compliance)
    assert outcome(record, "common.in.4") == expected


# --- exclusions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "criterion"),
    [
        ("trial_drug_allergy_or_contraindication", "common.ex.1"),
        ("severe_allergic_reaction_history", "common.ex.1"),
        ("uncontrolled_infection", "common.ex.2"),
        ("cns_disorder", "common.ex.3"),
        ("serious_heart_disease", "common.ex.4"),
        ("congenital_immunodeficiency", "common.ex.5"),
        ("end_stage_renal_failure", "common.ex.7"),
        ("mental_illness_or_cognitive_impairment", "common.ex.9"),
    ],
)
def test_condition_exclusions(field: str, criterion: str) -> None:
    present = report(edit(base(), f"conditions.{field}", True))
    assert present.criterion(criterion).status == MET
    assert present.criterion(criterion).passes is False
    assert present.overall.value == "not eligible"
    missing = report(edit(base(), f"conditions.{field}", ...)).criterion(criterion)
    assert missing.status == UNKNOWN
    assert f"$.conditions.{field}" in missing.outcome.missing


P, N, U = "positive", "negative", ...


@pytest.mark.parametrize(
    ("hbsag", "hbcab", "dna", "expected"),
    [
        (N, N, U, NOT),  # no marker: DNA irrelevant
        (P, N, N, NOT),
        (N, P, N, NOT),
        (P, N, P, MET),
        (N, P, P, MET),
        (P, P, P, MET),
        (P, U, N, NOT),
        (P, U, U, UNKNOWN),
        (U, U, N, NOT),  # DNA below detection: no HBV exclusion whatever the markers
        (U, N, P, UNKNOWN),
        (N, N, P, NOT),
    ],
)
def test_hbv_truth_table(hbsag: object, hbcab: object, dna: object, expected: str) -> None:
    record = base()
    for field, value in (("hbsag", hbsag), ("hbcab", hbcab), ("hbv_dna", dna)):
        edit(record, f"serology.{field}", value)
    assert report(record).criterion("common.ex.8").outcome.item("hbv").status == expected


@pytest.mark.parametrize(
    ("antibody", "rna", "expected"),
    [
        (N, U, NOT),
        (N, P, NOT),
        (P, N, NOT),
        (P, P, MET),
        (P, U, UNKNOWN),
        (U, N, NOT),
        (U, P, UNKNOWN),
    ],
)
def test_hcv_truth_table(antibody: object, rna: object, expected: str) -> None:
    record = edit(edit(base(), "serology.hcv_antibody", antibody), "serology.hcv_rna", rna)
    assert report(record).criterion("common.ex.8").outcome.item("hcv").status == expected


@pytest.mark.parametrize(("field", "item"), [("hiv_antibody", "hiv"), ("syphilis", "syphilis")])
@pytest.mark.parametrize(("value", "expected"), [(P, MET), (N, NOT), (U, UNKNOWN)])
def test_hiv_and_syphilis(field: str, item: str, value: object, expected: str) -> None:
    record = edit(base(), f"serology.{field}", value)
    result = report(record).criterion("common.ex.8")
    assert result.outcome.item(item).status == expected
    assert result.status == expected  # the other items are negative


def test_serology_missing_lists_only_deciding_tests() -> None:
    record = edit(edit(base(), "serology.hbsag", "positive"), "serology.hbv_dna", ...)
    result = report(record).criterion("common.ex.8")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.serology.hbv_dna",)


def _malignancy(kind: str, since: str) -> list[dict[str, str]]:
    return [{"kind": kind, "diagnosis_date": "2015-01-01", "disease_free_since": since}]


@pytest.mark.parametrize(
    ("kind", "since", "expected"),
    [
        ("non_melanoma_skin", "2021-11-19", NOT),  # more than 5 years on 2026-11-20: excepted
        ("cervical_in_situ", "2021-11-20", MET),  # exactly 5 years: not more than 5
        ("breast_in_situ", "2021-11-21", MET),
        ("bladder_in_situ", "2010-01-01", NOT),
        ("other", "2001-01-01", MET),  # other cancers are never excepted (default reading)
    ],
)
def test_malignancy_exception(kind: str, since: str, expected: str) -> None:
    record = edit(base(), "malignancies", _malignancy(kind, since))
    assert outcome(record, "common.ex.6") == expected


def test_malignancy_alternative_reading() -> None:
    reading = ProtocolReading(malignancy=MalignancyReading.LISTED_OR_DISEASE_FREE)
    other = edit(base(), "malignancies", _malignancy("other", "2001-01-01"))
    assert outcome(other, "common.ex.6", reading=reading) == NOT
    recent = edit(base(), "malignancies", _malignancy("non_melanoma_skin", "2026-01-01"))
    assert outcome(recent, "common.ex.6", reading=reading) == NOT
    assert outcome(recent, "common.ex.6") == MET


def test_malignancy_missing_data() -> None:
    assert outcome(edit(base(), "malignancies", ...), "common.ex.6") == UNKNOWN
    record = edit(base(), "malignancies", [{"kind": "cervical_in_situ"}])
    result = report(record).criterion("common.ex.6")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.malignancies[0].disease_free_since",)
    # An "other" cancer excludes whatever its dates (default reading).
    assert outcome(edit(base(), "malignancies", [{"kind": "other"}]), "common.ex.6") == MET


@pytest.mark.parametrize(
    ("last", "expected"),
    [("2026-08-20", MET), ("2026-08-19", NOT), ("2026-11-01", MET)],
)
def test_other_trial_window(last: str, expected: str) -> None:
    # 3 calendar months before 2026-11-20 is 2026-08-20 (inclusive).
    record = edit(base(), "clinical_trials", [{"last_treatment_date": last}])
    assert outcome(record, "common.ex.10") == expected


def test_other_trial_month_end() -> None:
    # 3 months before 31 May is 28 February (clamped), not 3 March.
    record = edit(base(), "screening_date", "2027-05-31")
    record = edit(record, "hcg.date", "2027-05-30")
    record = edit(record, "clinical_trials", [{"last_treatment_date": "2027-02-28"}])
    assert outcome(record, "common.ex.10") == MET
    record = edit(record, "clinical_trials", [{"last_treatment_date": "2027-02-27"}])
    assert outcome(record, "common.ex.10") == NOT


def test_other_trial_missing() -> None:
    assert outcome(edit(base(), "clinical_trials", ...), "common.ex.10") == UNKNOWN
    assert outcome(edit(base(), "clinical_trials", [{}]), "common.ex.10") == UNKNOWN


@pytest.mark.parametrize(
    ("pregnant", "planning", "expected"),
    [
        (True, False, MET),
        (False, True, MET),
        (False, False, NOT),
        (..., False, UNKNOWN),
        (..., True, MET),
    ],
)
def test_pregnancy(pregnant: object, planning: object, expected: str) -> None:
    record = edit(base(), "patient.pregnant", pregnant)
    record = edit(record, "patient.planning_pregnancy", planning)
    assert outcome(record, "common.ex.11") == expected


def test_pregnancy_not_applicable_to_men() -> None:
    record = edit(edit(base(), "patient.sex", "male"), "patient.pregnant", ...)
    assert outcome(record, "common.ex.11") == NOT


@pytest.mark.parametrize(("value", "expected"), [(True, MET), (False, NOT), (..., UNKNOWN)])
def test_other_reasons(value: object, expected: str) -> None:
    assert (
        outcome(edit(base(), "investigator.other_reasons_to_exclude", value), "common.ex.12")
        == expected
    )
