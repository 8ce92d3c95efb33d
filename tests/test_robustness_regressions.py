"""Regression tests for the bugs found by the robustness properties (tests/test_robustness.py).

Each test names the input that used to escape as an exception other than
:class:`~activity_scores.InvalidInputError`, or to return a number it should have refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from activity_scores import (
    ImacsCoreSet,
    InvalidInputError,
    PatientRecord,
    ProtocolReading,
    cdai_category,
    das28_esr,
    esspri_mcii,
    eular_difficult_to_treat_ra,
    imacs_improvement,
    lymphodepletion_regimen,
    parse_record,
    screen,
    total_improvement_score,
    units,
)
from activity_scores.cli import main
from activity_scores.rules.record import Patient


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def test_an_int_too_long_to_print_is_refused_by_name() -> None:
    # repr(10**5000) raises ValueError (int max str digits): the message must still be built.
    with pytest.raises(InvalidInputError, match=r"'tender_joints_28' .*16610 bits"):
        das28_esr(tender_joints_28=10**5000, swollen_joints_28=0, esr_mm_per_h=10)


def test_an_object_whose_repr_fails_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError, match=r"'esr_mm_per_h' .*unprintable _BadRepr"):
        das28_esr(tender_joints_28=0, swollen_joints_28=0, esr_mm_per_h=_BadRepr())  # type: ignore[arg-type]


@pytest.mark.parametrize("huge", [10**400, -(10**400), Fraction(10**400, 3)])
def test_a_number_beyond_the_float_range_is_out_of_range(huge: object) -> None:
    # float(10**400) raises OverflowError: the value is out of range, by name.
    with pytest.raises(InvalidInputError, match=r"'esr_mm_per_h' must be >= 1 and <= 200 mm/h"):
        das28_esr(tender_joints_28=0, swollen_joints_28=0, esr_mm_per_h=huge)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"'value' must be >= 0 and <= 76"):
        cdai_category(huge)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("converter", "field", "limit"),
    [
        (units.crp_mg_per_l_to_mg_per_dl, "crp_mg_per_l", 1000),
        (units.crp_mg_per_dl_to_mg_per_l, "crp_mg_per_dl", 100),
        (units.creatinine_mg_per_dl_to_umol_per_l, "serum_creatinine_mg_per_dl", 25),
        (units.creatinine_umol_per_l_to_mg_per_dl, "serum_creatinine_umol_per_l", 2210),
        (units.bilirubin_mg_per_dl_to_umol_per_l, "bilirubin_mg_per_dl", 100),
        (units.bilirubin_umol_per_l_to_mg_per_dl, "bilirubin_umol_per_l", 1710),
        (units.hemoglobin_g_per_dl_to_g_per_l, "hemoglobin_g_per_dl", 30),
        (units.hemoglobin_g_per_l_to_g_per_dl, "hemoglobin_g_per_l", 300),
    ],
)
def test_converters_have_a_plausible_upper_limit(
    converter: Callable[[float], float], field: str, limit: int
) -> None:
    # crp_mg_per_dl_to_mg_per_l(1e308) returned inf; 10**400 escaped as OverflowError.
    assert math.isfinite(converter(limit))
    for bad in (limit + 0.001, 1e308, 10**400):
        with pytest.raises(InvalidInputError, match=rf"'{field}' must be >= 0 and <= {limit}"):
            converter(bad)


def test_a_relative_change_from_a_baseline_near_zero_is_refused_by_name() -> None:
    # imacs_improvement and total_improvement_score raised OverflowError converting the
    # exact per cent change from a baseline of 1e-308 cm to float (issue-5 code).
    tiny = ImacsCoreSet(extramuscular_global_cm=1.1125369292536007e-308)
    with pytest.raises(InvalidInputError, match=r"'baseline.extramuscular_global_cm' is too close"):
        imacs_improvement(baseline=tiny, follow_up=ImacsCoreSet(extramuscular_global_cm=1))

    def visit(enzyme: float) -> ImacsCoreSet:
        return ImacsCoreSet(
            physician_global_cm=5,
            patient_global_cm=5,
            mmt8_total=120,
            haq_di=1,
            muscle_enzyme=enzyme,
            muscle_enzyme_uln=1e6,
            extramuscular_global_cm=2,
        )

    base, later = visit(5e-324), visit(400)
    with pytest.raises(InvalidInputError, match=r"'baseline.muscle_enzyme' is too close"):
        total_improvement_score(baseline=base, follow_up=later)


def test_esspri_mcii_refuses_a_huge_fraction_by_name() -> None:
    # _esspri_exact called float() on a Fraction before validating it: OverflowError
    # (issue-3 code).
    with pytest.raises(InvalidInputError, match=r"'baseline' must be >= 0 and <= 10"):
        esspri_mcii(baseline=Fraction(10**400, 3), follow_up=1)  # type: ignore[arg-type]


def test_d2t_names_glucocorticoid_drug_not_drug() -> None:
    # eular_difficult_to_treat_ra reported a bad glucocorticoid_drug as 'drug', the name of
    # prednisone_equivalent_mg's parameter (issue-6 code).
    with pytest.raises(InvalidInputError, match=r"^'glucocorticoid_drug' must be one of"):
        eular_difficult_to_treat_ra(
            treatments=None,
            glucocorticoid_drug="aspirin",
            lowest_glucocorticoid_dose_mg_per_day=5,
        )


def test_d2t_names_a_bad_glucocorticoid_drug_before_asking_for_its_dose() -> None:
    # glucocorticoid_drug=True without a dose was refused as "dose is required", never
    # naming the bad drug (issue-6 code).
    with pytest.raises(InvalidInputError, match=r"^'glucocorticoid_drug' must be one of"):
        eular_difficult_to_treat_ra(treatments=None, glucocorticoid_drug=True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "options", "path"),
    [
        ({"patient": {"age_years": 40}}, [], "$.indication"),
        ({"indication": "ra"}, [], "$.screening_date"),
        (
            {"indication": "ra", "screening_date": "2026-11-20"},
            ["--indication", "pss"],
            "$.indication",
        ),
        ({"indication": "ra"}, ["--date", "2026-13-01"], "--date"),
    ],
)
def test_cli_errors_name_where_the_value_came_from(
    record: dict[str, object], options: list[str], path: str, tmp_path: Path
) -> None:
    # The CLI reported screen()'s argument names ('indication', 'evaluation_date') as the
    # JSON path of a record without an indication or a screening date (issue-7 code).
    file = tmp_path / "record.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["screen", str(file), "--format", "json", *options])
    assert status == 2
    assert json.loads(out.getvalue())["error"]["path"] == path


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"patient": "abc"}, "$"),
        ({"labs": 5}, "$"),
        ({"screening_date": "2026-01-01"}, "$"),
        ({"treatments": [1]}, "$"),
        ({"patient": Patient(sex=5)}, "$.patient.sex"),  # type: ignore[arg-type]
        ({"patient": Patient(weight_kg=math.nan)}, "$.patient.weight_kg"),
    ],
)
def test_screen_validates_a_patient_record_built_directly(
    fields: dict[str, object], path: str
) -> None:
    # A PatientRecord built without parse_record is not validated by its classes; screen()
    # failed with AttributeError or NotAnAttrsClassError deep inside a criterion (issue-7).
    record = PatientRecord(**fields)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError) as caught:
        screen(record, indication="ra", evaluation_date="2026-01-01")
    assert caught.value.field == path


def test_screen_keeps_a_parsed_record_as_it_is() -> None:
    record = parse_record({"indication": "ra", "patient": {"age_years": 40}})
    assert screen(record, evaluation_date="2026-01-01").overall.value == "undetermined"
    direct = PatientRecord(indication="ra", patient=Patient(age_years=40))
    assert (
        screen(direct, evaluation_date="2026-01-01").to_dict()["criteria"]
        == (screen(record, evaluation_date="2026-01-01").to_dict()["criteria"])
    )


@pytest.mark.parametrize("drugs", [True, 5, None, "methotrexate", {"methotrexate": 1}])
def test_protocol_reading_refuses_immunomodulators_that_are_not_a_list(drugs: object) -> None:
    # ProtocolReading(immunomodulators=True) raised TypeError ('bool' object is not
    # iterable); a dict passed as its keys (issue-7 code).
    with pytest.raises(InvalidInputError, match=r"^'immunomodulators' must be drug names"):
        ProtocolReading(immunomodulators=drugs)  # type: ignore[arg-type]


def test_lymphodepletion_regimen_names_bsa_formula() -> None:
    # A bad bsa_formula was reported as 'formula', the parameter of body_surface_area_m2
    # (issue-7 code).
    with pytest.raises(InvalidInputError, match=r"^'bsa_formula' must be one of"):
        lymphodepletion_regimen(weight_kg=70, height_cm=170, bsa_formula="boyd")


def test_screen_refuses_a_datetime_as_evaluation_date() -> None:
    # A datetime (a date subclass) passed the check and failed later with TypeError
    # (datetime - date) inside a window (issue-7 code).
    record = {
        "indication": "ra",
        "labs": {"wbc": {"value": 5, "unit": "10^9/L", "date": "2026-01-01"}},
    }
    with pytest.raises(InvalidInputError, match=r"^'evaluation_date' must be a datetime.date"):
        screen(record, evaluation_date=dt.datetime(2026, 1, 2, 12, 0))  # noqa: DTZ001
