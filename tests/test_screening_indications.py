"""Per-indication CHEC2024-181 criteria, conventional treatment, examples and report invariants.

Expected outcomes are hand-derived from the protocol text and the published criteria that the
library's criteria functions implement; the base records are the bundled examples.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from activity_scores import (
    Indication,
    InvalidInputError,
    ProtocolReading,
    criteria_for,
    parse_record,
    screen,
)
from tests.screening_helpers import EXAMPLES, edit, example, outcome, report

MET, NOT, UNKNOWN = "met", "not met", "unknown"

EXPECTED = {
    "pss-eligible": ("eligible", ()),
    "pss-not-eligible": ("not eligible", ("pss.in.2",)),
    "pss-undetermined": ("undetermined", ("common.ex.8",)),
    "ssc-eligible": ("eligible", ()),
    "ssc-not-eligible": ("not eligible", ("ssc.in.4",)),
    "ssc-undetermined": ("undetermined", ("ssc.in.4",)),
    "iim-eligible": ("eligible", ()),
    "iim-not-eligible": ("not eligible", ("common.ex.6", "iim.ex.3")),
    "iim-undetermined": ("undetermined", ("iim.in.2",)),
    "ra-eligible": ("eligible", ()),
    "ra-not-eligible": ("not eligible", ("common.in.1", "ra.in.2")),
    "ra-undetermined": ("undetermined", ("common.in.2.5", "ra.in.4")),
}


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_example_outcomes(name: str, expected: tuple[str, tuple[str, ...]]) -> None:
    result = report(example(name))
    overall, ids = expected
    assert result.overall.value == overall
    listed = result.failing if overall == "not eligible" else result.unknown
    assert tuple(r.id for r in listed) == ids


def test_every_example_is_in_the_batch_in_order() -> None:
    lines = (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    names = [
        f"{i}-{k}"
        for i in ("pss", "ssc", "iim", "ra")
        for k in ("eligible", "not-eligible", "undetermined")
    ]
    assert [json.loads(line) for line in lines] == [example(name) for name in names]


@pytest.mark.parametrize("indication", list(Indication))
def test_every_criterion_once_in_every_report(indication: Indication) -> None:
    ids = [rule.id for rule in criteria_for(indication)]
    assert len(ids) == len(set(ids))
    result = screen({"indication": indication.value}, evaluation_date="2026-01-01")
    assert [r.id for r in result.criteria] == ids
    assert result.overall.value == "undetermined"  # an empty record decides nothing


def test_same_record_same_report() -> None:
    record = example("ra-eligible")
    first, second = screen(record).to_dict(), screen(json.dumps(record)).to_dict()
    assert first == second
    assert first["protocol"] == {"id": "CHEC2024-181", "version": "registry record 2024-06-18"}
    assert len(first["record_sha256"]) == 64


def test_hash_ignores_key_order_and_nulls_but_not_values() -> None:
    record = example("ra-eligible")
    reordered = dict(reversed(list(record.items())))
    reordered["conditions"] = {**record["conditions"], "cns_disorder": False}
    with_null = {**record, "subject_id": record["subject_id"], "iim": None}
    base = screen(record).record_sha256
    assert screen(reordered).record_sha256 == base
    assert screen(with_null).record_sha256 == base
    changed = edit(example("ra-eligible"), "labs.wbc.value", 5.3)
    assert screen(changed).record_sha256 != base


def test_report_digest_computed_on_first_access_behaves_as_a_field() -> None:
    """screen() defers the record's SHA-256 (issue 8); the report must not show it."""
    import copy  # noqa: PLC0415
    import hashlib  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    from activity_scores.rules import parse_record  # noqa: PLC0415

    data = example("pss-eligible")
    record = parse_record(data)
    # Independent of the library's encoder: the canonical JSON by hand (sorted keys, no
    # whitespace, nulls left out) of the record as the library reads it back.
    canonical = json.dumps(record.to_dict(), sort_keys=True, separators=(",", ":"))
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    pending, digested = screen(record), screen(record)
    assert digested.record_sha256 == expected
    eager = attrs.evolve(digested)  # built by the attrs __init__, with the digest
    assert eager == pending == digested  # compares the digest too (computed for `pending`)
    assert repr(screen(record)) == repr(eager)
    assert screen(record).to_dict() == eager.to_dict()
    assert attrs.asdict(screen(record)) == attrs.asdict(eager)
    assert copy.copy(screen(record)) == eager
    assert attrs.evolve(screen(record), subject_id="x").record_sha256 == expected
    assert "_pending_record" not in copy.copy(screen(record)).__dict__
    with pytest.raises(AttributeError):
        screen(record).no_such_field  # type: ignore[attr-defined]  # noqa: B018


def test_indication_and_date_arguments() -> None:
    record = example("ra-eligible")
    with pytest.raises(InvalidInputError, match="indication"):
        screen(record, indication="ssc")
    with pytest.raises(InvalidInputError, match="indication"):
        screen(edit(record, "indication", ...))
    with pytest.raises(InvalidInputError, match="evaluation_date"):
        screen(edit(example("ra-eligible"), "screening_date", ...))
    with pytest.raises(InvalidInputError, match="evaluation_date"):
        screen(example("ra-eligible"), evaluation_date="20-11-2026")
    fresh = example("ra-eligible")
    assert screen(fresh, evaluation_date="2026-12-01").evaluation_date.isoformat() == "2026-12-01"


def test_report_json_and_text() -> None:
    result = report(example("ra-not-eligible"))
    data = json.loads(result.to_json())
    assert data["overall"] == "not eligible"
    assert data["failing"] == ["common.in.1", "ra.in.2"]
    assert {c["outcome"] for c in data["criteria"]} <= {"met", "not met", "unknown"}
    text = result.to_text()
    assert "RESULT: NOT ELIGIBLE" in text
    assert "[x] 1     not met  age 68 years, outside 18-65" in text


# --- conventional treatment ---------------------------------------------------------------


def test_conventional_treatment_met() -> None:
    assert outcome(example("ssc-eligible"), "ssc.in.3") == MET


@pytest.mark.parametrize(
    ("dose", "expected"),
    [(49.6, MET), (49.5, NOT), (49.7, MET)],
)
def test_glucocorticoid_dose_per_kg(dose: float, expected: str) -> None:
    # methylprednisolone 4 mg = prednisone 5 mg (prednisone_equivalent_mg): 49.6 mg x 5/4 = 62 mg
    # = 1.0 mg/kg for 62 kg, exactly the threshold (inclusive by default).
    record = edit(example("ssc-eligible"), "treatments.0.dose_mg_per_day", dose)
    result = report(record).criterion("ssc.in.3").outcome
    assert result.items[0].item("glucocorticoid_high_dose").status == expected


def test_glucocorticoid_strictly_above_reading() -> None:
    record = edit(example("ssc-eligible"), "treatments.0.dose_mg_per_day", 49.6)
    reading = ProtocolReading(glucocorticoid_threshold_inclusive=False)
    assert outcome(record, "ssc.in.3", reading=reading) == NOT


@pytest.mark.parametrize(
    ("end", "expected"),
    [("2024-09-01", NOT), ("2024-09-02", MET)],
)
def test_immunomodulator_more_than_6_months(end: str, expected: str) -> None:
    record = example("ssc-eligible")
    edit(
        record,
        "treatments.2",
        {"drug": "mycophenolate_mofetil", "start_date": "2024-03-01", "end_date": end},
    )
    edit(record, "treatments.1.end_date", "2024-02-02")  # cyclophosphamide short: does not count
    assert outcome(record, "ssc.in.3") == expected


def test_cyclophosphamide_required_unless_reading_says_otherwise() -> None:
    record = example("ssc-eligible")
    edit(
        record,
        "treatments.1",
        {"drug": "azathioprine", "start_date": "2024-02-01", "end_date": "2024-04-01"},
    )
    assert outcome(record, "ssc.in.3") == NOT
    assert (
        outcome(record, "ssc.in.3", reading=ProtocolReading(require_cyclophosphamide=False)) == MET
    )


def test_tetracycline_literal_reading() -> None:
    record = example("ssc-eligible")
    edit(record, "treatments.2.drug", "tetracycline")
    assert outcome(record, "ssc.in.3") == NOT
    reading = ProtocolReading(
        immunomodulators=(*ProtocolReading().immunomodulators, "tetracycline")
    )
    assert outcome(record, "ssc.in.3", reading=reading) == MET


@pytest.mark.parametrize(
    ("ineffective", "relapse", "expected"),
    [
        (True, False, MET),
        (False, True, MET),
        (False, False, NOT),
        (..., False, UNKNOWN),
        (..., True, MET),
    ],
)
def test_ineffective_or_relapse(ineffective: object, relapse: object, expected: str) -> None:
    record = edit(
        example("pss-eligible"), "investigator.conventional_treatment_ineffective", ineffective
    )
    edit(record, "investigator.relapse_after_remission", relapse)
    assert outcome(record, "pss.in.3") == expected


def test_treatment_history_missing_or_incomplete() -> None:
    assert outcome(edit(example("iim-eligible"), "treatments", ...), "iim.in.4") == UNKNOWN
    assert outcome(edit(example("iim-eligible"), "treatments", []), "iim.in.4") == NOT
    record = edit(example("iim-eligible"), "treatments.0.dose_mg_per_day", ...)
    result = report(record).criterion("iim.in.4")
    assert result.status == UNKNOWN
    assert "$.treatments[0].dose_mg_per_day" in result.outcome.missing


# --- pSS -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domains", "expected"),
    [
        # articular weight 2, biological 1: moderate articular (4) + low biological (1) = 5
        ({"articular": "moderate", "biological": "low"}, MET),
        ({"articular": "moderate"}, NOT),  # 4 with every other domain "no"
    ],
)
def test_essdai_threshold(domains: dict[str, str], expected: str) -> None:
    record = example("pss-eligible")
    all_no = dict.fromkeys(record["pss"]["essdai_domains"], "no")
    edit(record, "pss.essdai_domains", {**all_no, **domains})
    assert outcome(record, "pss.in.2") == expected


def test_essdai_partial_domains() -> None:
    record = example("pss-eligible")
    edit(record, "pss.essdai_domains", {"articular": "moderate", "biological": "low"})
    assert outcome(record, "pss.in.2") == MET  # 5 already, whatever the other domains
    edit(record, "pss.essdai_domains", {"articular": "low"})
    result = report(record).criterion("pss.in.2")
    assert result.status == UNKNOWN
    assert "$.pss.essdai_domains.renal" in result.outcome.missing


def test_pss_classification_either_set() -> None:
    record = edit(example("pss-eligible"), "pss.acr_eular_2016.anti_ro_ssa", False)
    edit(record, "pss.acr_eular_2016.focal_lymphocytic_sialadenitis", False)
    assert outcome(record, "pss.in.1") != MET
    assert outcome(edit(record, "pss.acr_eular_2016", ...), "pss.in.1") == UNKNOWN


def test_pss_bad_criterion_input_names_the_json_path() -> None:
    record = edit(example("pss-eligible"), "pss.acr_eular_2016.focus_score_per_4_mm2", -1)
    with pytest.raises(InvalidInputError, match=r"\$\.pss\.acr_eular_2016\.focus_score_per_4_mm2"):
        screen(record)


@pytest.mark.parametrize(
    ("field", "criterion"),
    [("liver_cirrhosis", "pss.ex.1"), ("aplastic_anemia_mds_or_mpd", "pss.ex.2")],
)
def test_pss_exclusions(field: str, criterion: str) -> None:
    assert outcome(edit(example("pss-eligible"), f"pss.{field}", True), criterion) == MET
    assert outcome(edit(example("pss-eligible"), f"pss.{field}", ...), criterion) == UNKNOWN


# --- SSc -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [(22, NOT), (23, MET)],  # from 20: +10 % exactly is not > 10 %; +15 % is
)
def test_mrss_progression(follow_up: int, expected: str) -> None:
    record = example("ssc-eligible")
    edit(record, "ssc.mrss_baseline", 20)
    edit(record, "ssc.mrss_follow_up", follow_up)
    edit(record, "ssc.fvc_percent_predicted", 74)  # no lung progression
    skin = report(record).criterion("ssc.in.4").outcome.item("skin_progression")
    assert skin.status == expected
    assert outcome(record, "ssc.in.4") == expected


@pytest.mark.parametrize(
    ("fvc", "dlco", "expected"),
    [
        (66.6, 60, MET),  # 74 -> 66.6 is exactly -10 % (relative)
        (66.7, 60, NOT),  # -9.86 %, DLCO unchanged
        (70.3, 51, MET),  # exactly -5 % FVC with DLCO 60 -> 51, exactly -15 %
        (70.3, 51.1, NOT),
        (70.4, 51, NOT),
    ],
)
def test_lung_progression_edges(fvc: float, dlco: float, expected: str) -> None:
    record = example("ssc-eligible")
    edit(record, "ssc.mrss_follow_up", 18)  # no skin progression
    edit(record, "ssc.fvc_percent_predicted", fvc)
    edit(record, "ssc.dlco_percent_predicted", dlco)
    assert report(record).criterion("ssc.in.4").outcome.item("lung_progression").status == expected


def test_ssc_ild_rule() -> None:
    record = example("ssc-eligible")
    assert outcome(edit(record, "ssc.interstitial_lung_disease", False), "ssc.in.2") == MET
    record = example("ssc-eligible")
    edit(record, "ssc.fvc_percent_predicted", 70)
    edit(record, "ssc.dlco_percent_predicted", 70)  # neither < 70 %
    edit(record, "ssc.fvc_baseline_percent_predicted", 78)
    assert outcome(record, "ssc.in.2") == NOT
    edit(record, "ssc.interstitial_lung_disease", ...)
    result = report(record).criterion("ssc.in.2")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.ssc.interstitial_lung_disease",)


def test_ssc_mrss_baseline_zero_is_unknown_not_an_error() -> None:
    record = edit(example("ssc-eligible"), "ssc.mrss_baseline", 0)
    skin = report(record).criterion("ssc.in.4").outcome.item("skin_progression")
    assert skin.status == UNKNOWN
    assert outcome(record, "ssc.in.4") == MET  # the lung decides


# --- IIM -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "expected"),
    [(9, MET), (10, NOT)],  # all 9: 135 < 142; seven at 10 and eight at 9: 142, not < 142
)
def test_mmt8_below_142(grade: int, expected: str) -> None:
    record = example("iim-eligible")
    grades = record["iim"]["mmt8_grades"]
    for muscle in list(grades)[:7]:
        grades[muscle] = grade
    assert report(record).criterion("iim.in.2").outcome.item("mmt8_below_142").status == expected


def test_mmt8_partial_grades() -> None:
    record = example("iim-eligible")
    grades = record["iim"]["mmt8_grades"]
    del grades["neck_flexors"]
    # 14 x 9 = 126, up to 136 with the neck flexors: < 142 whatever.
    assert report(record).criterion("iim.in.2").outcome.item("mmt8_below_142").status == MET
    record["iim"]["mmt8_grades"] = dict.fromkeys(list(grades)[:13], 10)
    item = report(record).criterion("iim.in.2").outcome.item("mmt8_below_142")
    assert item.status == UNKNOWN


def test_iim_no_muscle_involvement_is_not_applicable() -> None:
    record = edit(example("iim-undetermined"), "iim.muscle_involvement", False)
    assert outcome(record, "iim.in.2") == MET


def test_iim_antibodies() -> None:
    record = example("iim-eligible")
    assert outcome(edit(record, "iim.antibodies", {"mda5": False, "jo1": False}), "iim.in.3") != MET
    assert outcome(edit(example("iim-eligible"), "iim.antibodies", ...), "iim.in.3") == UNKNOWN
    associated = edit(example("iim-eligible"), "iim.antibodies", {"ro52": True})
    reading = ProtocolReading(myositis_associated_antibodies=True)
    assert outcome(associated, "iim.in.3", reading=reading) == MET


@pytest.mark.parametrize(
    ("tumour", "expected"),
    [("2020-03-01", MET), ("2020-02-29", NOT), ("2024-03-01", MET), ("2024-03-02", NOT)],
)
def test_tumour_associated_window(tumour: str, expected: str) -> None:
    # myositis diagnosed 2022-03-01: within 2 years before or after, edges inclusive.
    record = edit(
        example("iim-eligible"), "malignancies", [{"kind": "other", "diagnosis_date": tumour}]
    )
    assert outcome(record, "iim.ex.3") == expected


def test_iim_exclusions() -> None:
    assert (
        outcome(edit(example("iim-eligible"), "iim.drug_induced_myositis", True), "iim.ex.1") == MET
    )
    assert (
        outcome(edit(example("iim-eligible"), "iim.inclusion_body_myositis", True), "iim.ex.2")
        == MET
    )
    record = edit(example("iim-eligible"), "iim.myositis_diagnosis_date", ...)
    edit(record, "malignancies", [{"kind": "other", "diagnosis_date": "2020-01-01"}])
    assert outcome(record, "iim.ex.3") == UNKNOWN


# --- RA ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("diagnosed", "expected"), [("2026-05-20", MET), ("2026-05-21", NOT)])
def test_ra_duration(diagnosed: str, expected: str) -> None:
    assert (
        outcome(edit(example("ra-eligible"), "ra.diagnosis_date", diagnosed), "ra.in.1b")
        == expected
    )


@pytest.mark.parametrize(
    ("sjc", "tjc", "expected"),
    [(6, 6, MET), (5, 6, NOT), (6, 5, NOT), (..., 6, UNKNOWN), (..., 5, NOT)],
)
def test_ra_joint_counts(sjc: object, tjc: object, expected: str) -> None:
    record = edit(example("ra-eligible"), "ra.swollen_joints_66", sjc)
    edit(record, "ra.tender_joints_68", tjc)
    assert outcome(record, "ra.in.2") == expected


@pytest.mark.parametrize(
    ("crp", "esr", "expected"),
    [
        ({"value": 10, "unit": "mg/L"}, 27, MET),
        ({"value": 1.0, "unit": "mg/dL"}, 27, MET),  # 10 mg/L
        ({"value": 0.99, "unit": "mg/dL"}, 27, NOT),
        ({"value": 9.9, "unit": "mg/L"}, 28, MET),
        ({"value": 9.9, "unit": "mg/L"}, ..., UNKNOWN),
    ],
)
def test_ra_acute_phase(crp: dict[str, object], esr: object, expected: str) -> None:
    record = edit(example("ra-eligible"), "labs.crp", crp)
    edit(record, "labs.esr.value", esr)
    if esr is ...:
        edit(record, "labs.esr", ...)
    assert outcome(record, "ra.in.3") == expected


def test_ra_activity_das28_and_cdai() -> None:
    record = example("ra-eligible")
    assert outcome(record, "ra.in.1c") == MET
    # CDAI 10 (low) and no ESR: DAS28 unknown, CDAI not moderate -> unknown
    edit(record, "ra.tender_joints_28", 2)
    edit(record, "ra.swollen_joints_28", 2)
    edit(record, "ra.patient_global_mm", 30)
    edit(record, "ra.evaluator_global_cm", 3)
    edit(record, "labs.esr", ...)
    result = report(record).criterion("ra.in.1c")
    assert result.status == UNKNOWN
    assert result.outcome.missing == ("$.labs.esr.value",)


def test_ra_functional_class() -> None:
    record = example("ra-eligible")
    assert outcome(record, "ra.ex.1") == NOT
    edit(record, "ra.functional_class.self_care_limited", True)
    assert outcome(record, "ra.ex.1") == MET
    edit(record, "ra.functional_class.self_care_limited", ...)
    assert outcome(record, "ra.ex.1") == UNKNOWN
    edit(record, "ra.functional_class.vocational_limited", False)
    assert outcome(record, "ra.ex.1") == NOT


def test_ra_difficult_to_treat_missing_maps_to_record_paths() -> None:
    result = report(example("ra-undetermined")).criterion("ra.in.4")
    assert result.status == UNKNOWN
    assert all(path.startswith("$.ra.") for path in result.outcome.missing)


def test_ra_dmard_course_errors_name_the_path() -> None:
    record = edit(example("ra-eligible"), "ra.dmard_courses.1.mechanism", ...)
    with pytest.raises(InvalidInputError, match=r"\$\.ra\.dmard_courses\[1\]\.mechanism"):
        screen(record)


def test_record_with_every_indication_section_parses() -> None:
    record = example("ra-eligible")
    for name in ("pss", "ssc", "iim"):
        record[name] = example(f"{name}-eligible")[name]
    assert parse_record(record).pss is not None
    assert Path(EXAMPLES / "batch.jsonl").exists()


def test_pss_aecg_route_when_2016_criteria_fail() -> None:
    record = example("pss-eligible")
    edit(record, "pss.acr_eular_2016.anti_ro_ssa", False)
    edit(record, "pss.acr_eular_2016.focal_lymphocytic_sialadenitis", False)
    assert outcome(record, "pss.in.1") == UNKNOWN  # AECG not recorded: it could still be met
    record["pss"]["aecg_2002"] = {
        "dry_eyes_over_3_months": True,
        "dry_mouth_over_3_months": True,
        "schirmer_mm_per_5_min": 3,
        "focal_lymphocytic_sialadenitis": True,
        "focus_score_per_4_mm2": 2.0,
        "head_and_neck_radiation": False,
        "hepatitis_c": False,
        "aids": False,
        "pre_existing_lymphoma": False,
        "sarcoidosis": False,
        "graft_versus_host_disease": False,
        "anticholinergic_drugs_within_4_half_lives": False,
        "potentially_associated_disease": False,
    }
    # 4 of 6 AECG items (ocular, oral symptoms, Schirmer <= 5, histopathology): met
    result = report(record).criterion("pss.in.1").outcome
    assert result.met is True
    assert [item.status for item in result.items] == [MET, NOT]


def test_pss_2016_met_skips_aecg() -> None:
    result = report(example("pss-eligible")).criterion("pss.in.1").outcome
    assert result.met is True
    assert result.item("aecg_2002").reason.startswith("not evaluated")


@pytest.mark.parametrize(("evaluator_cm", "expected"), [(2.0, NOT), (2.1, MET)])
def test_ra_activity_cdai_cut_off(evaluator_cm: float, expected: str) -> None:
    # CDAI = 3 + 3 + 2.0 + EGA: exactly 10 is low activity (moderate is > 10).
    # DAS28-ESR = 0.56 sqrt(3) + 0.28 sqrt(3) + 0.70 ln(5) + 0.014 x 20 = 2.86 (low) by hand.
    record = example("ra-eligible")
    edit(record, "ra.tender_joints_28", 3)
    edit(record, "ra.swollen_joints_28", 3)
    edit(record, "ra.patient_global_mm", 20)
    edit(record, "ra.evaluator_global_cm", evaluator_cm)
    edit(record, "labs.esr.value", 5)
    assert outcome(record, "ra.in.1c") == expected


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"glucocorticoid_mg_per_kg_per_day": 0}, "glucocorticoid_mg_per_kg_per_day"),
        ({"glucocorticoid_threshold_inclusive": 1}, "glucocorticoid_threshold_inclusive"),
        ({"immunomodulator_months": 0}, "immunomodulator_months"),
        ({"immunomodulators": ("aspirin",)}, "immunomodulators"),
        ({"immunomodulators": "methotrexate"}, "immunomodulators"),
        ({"malignancy": "any"}, "malignancy"),
        ({"lung_change": "percent"}, "lung_change"),
        ({"mrss_definition": "other"}, "mrss_definition"),
        ({"iim_cutoffs": "points"}, "iim_cutoffs"),
    ],
)
def test_protocol_reading_is_validated(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        ProtocolReading(**kwargs)  # type: ignore[arg-type]
