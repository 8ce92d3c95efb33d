"""Fast paths on the screening path (issue 8) against the exact arithmetic they short-cut.

Each fast path decides a cut-off with floats where that is provably the same as the exact
decimal comparison, and falls back to fractions otherwise; these tests compare it with
fractions of the decimals typed (``Fraction(repr(x))``), written here independently.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    BetamethasoneEquivalence,
    Glucocorticoid,
    ImacsCoreSet,
    LungChange,
    core_set_abnormalities,
    lung_progression,
    mrss_progression,
    prednisone_equivalent_mg,
)
from activity_scores._exact import decimal_ratio
from activity_scores.scores import myositis, sclerosis


def _decimal(value: float) -> Fraction:
    """The decimal a user typed, as the library reads it (the float's shortest repr)."""
    return Fraction(value) if isinstance(value, int) else Fraction(repr(value))


cm = st.floats(min_value=0, max_value=10) | st.integers(min_value=0, max_value=10)
threshold_cm = st.floats(min_value=0, max_value=10, exclude_min=True)


@given(cm, threshold_cm)
def test_reaches_is_the_exact_decimal_comparison(value: float, threshold: float) -> None:
    assert myositis._reaches(value, threshold) == (_decimal(value) >= _decimal(threshold))  # noqa: SLF001


@pytest.mark.parametrize(
    ("value", "threshold", "expected"),
    [(2, 2.0, True), (1.9999999999999998, 2.0, False), (0.3, 0.3, True), (0.1 + 0.2, 0.3, True)],
)
def test_reaches_at_the_cut_off(value: float, threshold: float, expected: bool) -> None:
    # 0.1 + 0.2 is the float 0.30000000000000004, typed as such: above 0.3.
    assert myositis._reaches(value, threshold) is expected  # noqa: SLF001


def test_reaches_other_number_types_exactly() -> None:
    # A Decimal just below 2 is not >= 2, though float() of it is 2.0.
    assert myositis._reaches(Decimal("1.99999999999999999999"), 2.0) is False  # type: ignore[arg-type]  # noqa: SLF001


amount = (
    st.integers(min_value=1, max_value=1_000_000)
    | st.floats(min_value=0.001, max_value=1_000_000)
    | st.sampled_from([3.5, 0.1, 0.3, 1.3, 13, 10, 1.5, 150, 100, 0.15])
)
threshold_x = st.floats(min_value=0.001, max_value=100) | st.sampled_from([1.5, 1.3, 0.1, 3.0])


@given(amount, amount, threshold_x)
def test_ratio_is_the_exact_decimal_ratio(enzyme: float, uln: float, threshold: float) -> None:
    exact = _decimal(enzyme) / _decimal(uln)
    expected = (exact >= _decimal(threshold), round(float(exact), 3))
    assert myositis._ratio_reaches(enzyme, uln, threshold) == expected  # noqa: SLF001


@pytest.mark.parametrize(
    ("enzyme", "uln", "threshold", "expected"),
    [
        (300, 200, 1.5, True),  # exactly 1.5 x ULN
        (299, 200, 1.5, False),
        (13, 10, 1.3, True),  # exactly 1.3, which no float is
        (12.999999999999, 10, 1.3, False),
        (0.39, 0.3, 1.3, True),  # 0.39 / 0.3 is 1.2999999999999998 in floats
    ],
)
def test_ratio_at_the_cut_off(enzyme: float, uln: float, threshold: float, expected: bool) -> None:
    assert myositis._ratio_reaches(enzyme, uln, threshold)[0] is expected  # noqa: SLF001


def test_core_set_outcome_written_out() -> None:
    visit = ImacsCoreSet(
        physician_global_cm=2,
        patient_global_cm=1.99,
        haq_di=0.25,
        muscle_enzyme=299,
        muscle_enzyme_uln=200,
    )
    out = core_set_abnormalities(visit)
    assert (out.met, out.points) == (True, 2)  # two abnormal: the missing one cannot matter
    assert [(i.name, i.met, i.reason) for i in out.items] == [
        ("physician_global_cm", True, "physician_global_cm 2 >= 2 cm"),
        ("patient_global_cm", False, "patient_global_cm 1.99 < 2 cm"),
        ("extramuscular_global_cm", None, "extramuscular_global_cm not measured"),
        ("haq_di", True, "haq_di 0.25 >= 0.25"),
        ("enzyme_x_uln", False, "enzyme_x_uln 1.495 < 1.5 x ULN"),
    ]


# --- systemic sclerosis: declines and relative changes in integers --------------------------


percent_predicted = st.floats(min_value=10, max_value=200) | st.sampled_from(
    [80.0, 72.0, 72.5, 76.0, 60.0, 51.0, 100.0, 33.3, 66.7, 10.0, 200.0]
)


def _shown(value: Fraction) -> str:
    """A Fraction shown as the reasons show numbers, written independently here."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4g}"


@given(percent_predicted, percent_predicted, st.sampled_from(list(LungChange)))
def test_decline_is_the_exact_decimal_decline(base: float, follow: float, how: LungChange) -> None:
    b, f = _decimal(base), _decimal(follow)
    expected = (b - f) * 100 / b if how is LungChange.RELATIVE else b - f
    got = sclerosis._decline(base, follow, how)  # noqa: SLF001
    assert Fraction(got.num, got.den) == expected
    assert got.value() == float(expected)
    assert got.text() == _shown(expected)
    for whole in (5, 10, 15):
        assert got.at_least(whole) == (expected >= whole)


@given(percent_predicted, percent_predicted, percent_predicted, percent_predicted)
def test_lung_progression_decides_on_exact_declines(
    fvc_b: float, fvc_f: float, dlco_b: float, dlco_f: float
) -> None:
    out = lung_progression(
        fvc_baseline_percent_predicted=fvc_b,
        fvc_follow_up_percent_predicted=fvc_f,
        dlco_baseline_percent_predicted=dlco_b,
        dlco_follow_up_percent_predicted=dlco_f,
    )
    fvc = (_decimal(fvc_b) - _decimal(fvc_f)) * 100 / _decimal(fvc_b)
    dlco = (_decimal(dlco_b) - _decimal(dlco_f)) * 100 / _decimal(dlco_b)
    assert out.met == (fvc >= 10 or (5 <= fvc < 10 and dlco >= 15))
    assert out.values["fvc_decline"] == float(fvc)
    assert out.values["dlco_decline"] == float(dlco)


@given(
    st.integers(min_value=1, max_value=51),
    st.integers(min_value=0, max_value=51),
    st.floats(min_value=0.01, max_value=100) | st.sampled_from([10.0, 12.5, 33.3, 0.1]),
)
def test_mrss_progression_decides_on_the_exact_relative_change(
    base: int, follow: int, threshold: float
) -> None:
    out = mrss_progression(baseline=base, follow_up=follow, threshold_percent=threshold)
    relative = Fraction((follow - base) * 100, base)
    assert out.met == (relative > _decimal(threshold))
    assert out.values["relative_change_percent"] == float(relative)
    assert out.items[0].reason == (
        f"relative increase {_shown(relative)} % {'>' if out.met else '<='} "
        f"{_shown(_decimal(threshold))} %"
    )


def test_rational_of_unusual_floats_matches_the_decimal() -> None:
    for value in (1e-05, 1e16, 123456789.125, 0.1, 72.3, 9007199254740993.0):
        got = sclerosis._rational(value)  # noqa: SLF001
        assert Fraction(got.num, got.den) == _decimal(value)


# --- decimals in integers; prednisone equivalents ---------------------------------------------


#: mg equivalent to 5 mg prednisone (BNF; betamethasone 0.75 mg or Meikle & Tyler 0.6 mg),
#: written out here from the docs table.
_PER_5_MG = {
    "prednisone": Fraction(5),
    "prednisolone": Fraction(5),
    "methylprednisolone": Fraction(4),
    "hydrocortisone": Fraction(20),
    "cortisone": Fraction(25),
    "dexamethasone": Fraction(3, 4),
    "triamcinolone": Fraction(4),
    "deflazacort": Fraction(6),
}


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_decimal_ratio_is_the_shortest_repr(number: float) -> None:
    parts = decimal_ratio(number)
    text = repr(number)
    if "e" in text or "n" in text:
        assert parts is None
    else:
        assert parts is not None
        assert Fraction(*parts) == Fraction(text)


@given(
    st.sampled_from(list(Glucocorticoid)),
    st.sampled_from(list(BetamethasoneEquivalence)),
    st.floats(min_value=0, max_value=1000) | st.sampled_from([7.5, 0.1, 37.5, 1e-05, 12.3]),
)
def test_prednisone_equivalent_is_the_exact_product(
    drug: Glucocorticoid, table: BetamethasoneEquivalence, dose: float
) -> None:
    if drug is Glucocorticoid.BETAMETHASONE:
        per_5 = Fraction(3, 4) if table is BetamethasoneEquivalence.BNF else Fraction(3, 5)
    else:
        per_5 = _PER_5_MG[drug.value]
    expected = _decimal(dose) * 5 / per_5
    score = prednisone_equivalent_mg(drug=drug, dose_mg=dose, betamethasone=table)
    assert score.value == float(expected)
    assert score.components["factor"] == float(5 / per_5)
    assert score.inputs["dose_mg"] == dose


# --- yes/no fields: one shared outcome per value ----------------------------------------------


def test_flag_outcomes_are_shared_read_only_and_equal_to_fresh_ones() -> None:
    from activity_scores.results import Outcome  # noqa: PLC0415
    from activity_scores.rules._base import flag_outcome  # noqa: PLC0415

    args = ("consent_signed", "$.investigator.consent_signed", "signed", "not signed")
    name, path, yes, no = args
    for value, expected in [
        (True, Outcome(name, True, yes, None, {path: True})),
        (False, Outcome(name, False, no, None, {path: False})),
        (None, Outcome(name, None, "consent signed: not recorded", None, {}, (path,))),
    ]:
        first = flag_outcome(name, value, path, yes, no)
        assert first == expected
        assert first.to_dict() == expected.to_dict()
        assert flag_outcome(name, value, path, yes, no) is first
        with pytest.raises(TypeError):
            first.values[path] = "changed"  # type: ignore[index]
    inverted = flag_outcome(name, True, path, yes, no, present_is_met=False)
    assert (inverted.met, inverted.reason) == (False, yes)


# --- ACR 1991 functional class: the common case inline, the Score built lazily ---------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ((False, False, False), ("I", 1.0)),
        ((False, False, True), ("II", 2.0)),
        ((False, True, True), ("III", 3.0)),
        ((True, True, True), ("IV", 4.0)),
    ],
)
def test_functional_class_fast_path_gives_the_full_score(
    pattern: tuple[bool, bool, bool], expected: tuple[str, float]
) -> None:
    from activity_scores import acr_1991_functional_class  # noqa: PLC0415
    from activity_scores.results import Score  # noqa: PLC0415

    care, work, leisure = pattern
    score = acr_1991_functional_class(
        self_care_limited=care, vocational_limited=work, avocational_limited=leisure
    )
    assert (score.category.value, score.value) == expected  # type: ignore[union-attr]
    by_hand = Score(
        "ACR 1991 functional class",
        expected[1],
        score.category,
        "",
        {"self_care_limited": care, "vocational_limited": work, "avocational_limited": leisure},
    )
    assert score == by_hand
    assert score.to_dict() == by_hand.to_dict()
    assert repr(score) == repr(by_hand)


@pytest.mark.parametrize("value", [1, 0, "yes", None, [True]])
def test_functional_class_non_bools_still_refused_by_name(value: object) -> None:
    from activity_scores import InvalidInputError, acr_1991_functional_class  # noqa: PLC0415

    with pytest.raises(InvalidInputError, match="self_care_limited"):
        acr_1991_functional_class(
            self_care_limited=value,  # type: ignore[arg-type]
            vocational_limited=True,
            avocational_limited=True,
        )


def test_functional_class_other_policy_and_pattern() -> None:
    from activity_scores import acr_1991_functional_class  # noqa: PLC0415

    score = acr_1991_functional_class(
        self_care_limited=True,
        vocational_limited=False,
        avocational_limited=False,
        non_hierarchical="most_limited",
    )
    assert (score.category.value, score.variant) == ("IV", "most_limited")  # type: ignore[union-attr]


# --- infection serology: the whole truth table -------------------------------------------------


def _or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def test_infection_serology_truth_table_and_deciding_tests() -> None:
    import datetime as dt  # noqa: PLC0415
    import itertools  # noqa: PLC0415

    from activity_scores.rules import PatientRecord, ProtocolReading  # noqa: PLC0415
    from activity_scores.rules.common import Context, infection_serology  # noqa: PLC0415
    from activity_scores.rules.record import Serology  # noqa: PLC0415

    names = ("hbsag", "hbcab", "hbv_dna", "hcv_antibody", "hcv_rna", "hiv_antibody", "syphilis")
    results: tuple[str | None, ...] = ("positive", "negative", None)
    for combo in itertools.product(results, repeat=7):
        pos = dict(zip(names, [None if v is None else v == "positive" for v in combo], strict=True))
        given = dict(zip(names, combo, strict=True))
        antigen = _or(pos["hbsag"], pos["hbcab"])
        hbv = _and(antigen, pos["hbv_dna"])
        hcv = _and(pos["hcv_antibody"], pos["hcv_rna"])
        items = {"hbv": hbv, "hcv": hcv, "hiv": pos["hiv_antibody"], "syphilis": pos["syphilis"]}
        met = _or(_or(hbv, hcv), _or(items["hiv"], items["syphilis"]))
        deciding = {
            "hbv": (["hbv_dna"] if given["hbv_dna"] is None else [])
            + ([n for n in ("hbsag", "hbcab") if given[n] is None] if antigen is None else []),
            "hcv": [n for n in ("hcv_antibody", "hcv_rna") if given[n] is None],
            "hiv": ["hiv_antibody"],
            "syphilis": ["syphilis"],
        }
        expected_missing = [
            f"$.serology.{n}" for item, v in items.items() if v is None for n in deciding[item]
        ]
        record = PatientRecord(serology=Serology(*combo))
        out = infection_serology(Context(record, dt.date(2026, 1, 1), ProtocolReading()))
        assert out.met == met, combo
        assert [i.met for i in out.items] == list(items.values()), combo
        assert list(out.missing) == (expected_missing if met is None else []), combo
        hbv_reason = out.items[0].reason
        assert hbv_reason.startswith("hepatitis B: "), hbv_reason
        assert (
            f"HBsAg {combo[0] or 'not recorded'}, HBcAb {combo[1] or 'not recorded'}" in hbv_reason
        )


# --- JSON decoding: one decoder, json.loads's messages -----------------------------------------


@pytest.mark.parametrize(
    "text", ["\ufeff{}", "{", "nul", '{"a": 1,}', '{"a": "\\x"}', "{} {}", '{"a": 1e999999}', ""]
)
def test_record_json_errors_are_json_loads_errors(text: str) -> None:
    import json  # noqa: PLC0415

    from activity_scores import InvalidInputError  # noqa: PLC0415
    from activity_scores.rules import parse_record  # noqa: PLC0415

    def refuse(name: str) -> object:
        raise ValueError(name)

    expected: str | None
    try:
        json.loads(text, parse_constant=refuse)
    except ValueError as error:
        expected = str(error)[:80]
    else:  # decodes (1e999999 is inf, not a constant): refused later, as not an object or range
        expected = None
    with pytest.raises(InvalidInputError) as caught:
        parse_record(text)
    if expected is not None:
        assert caught.value.value == expected
