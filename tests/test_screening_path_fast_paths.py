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

from activity_scores import ImacsCoreSet, core_set_abnormalities
from activity_scores.scores import myositis


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
