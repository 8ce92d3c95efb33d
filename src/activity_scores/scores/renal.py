r"""Renal function: Cockcroft-Gault creatinine clearance and the body weights it may use.

The CHEC2024-181 protocol requires a creatinine clearance ≥ 60 mL/min by the
Cockcroft-Gault formula (the protocol's "Cockcroft/Fault" is a typo).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores.errors import InvalidInputError
from activity_scores.results import _DEFERRED, Score, _new
from activity_scores.units import CREATININE_UMOL_PER_L_PER_MG_PER_DL

__all__ = [
    "BodyWeight",
    "Sex",
    "adjusted_body_weight_kg",
    "cockcroft_gault",
    "ideal_body_weight_kg",
]

#: Documented plausible limits (docs page "Cockcroft-Gault"): outside them the input is
#: refused as an error of entry or of unit.
AGE_YEARS = (18, 120)  # the formula is for adults
WEIGHT_KG = (20, 350)
HEIGHT_CM = (120, 250)
CREATININE_MG_PER_DL = (0.1, 25.0)
CREATININE_UMOL_PER_L = (8.84, 2210.0)  # the mg/dL limits x 88.4
_CM_PER_INCH = 2.54


class Sex(str, Enum):
    """Sex as used by the formulas (Cockcroft-Gault factor 0.85, Devine ideal weight)."""

    FEMALE = "female"
    MALE = "male"


class BodyWeight(str, Enum):
    """Which body weight Cockcroft-Gault uses.

    ``actual``: total body weight, as in the original paper. ``ideal``: Devine (1974) ideal
    body weight. ``adjusted``: ideal + 0.4 x (actual - ideal).
    """

    ACTUAL = "actual"
    IDEAL = "ideal"
    ADJUSTED = "adjusted"


# Members bound once: on Python 3.11 ``Enum.MEMBER`` runs a Python-level descriptor (~0.2 us).
_FEMALE = Sex.FEMALE
_MALE = Sex.MALE
_ACTUAL = BodyWeight.ACTUAL
_IDEAL = BodyWeight.IDEAL
_SEXES = {"female": _FEMALE, "male": _MALE}
_BODY_WEIGHTS = {member.value: member for member in BodyWeight}


def _sex(value: object) -> Sex:
    if value is _FEMALE or value is _MALE:
        return value
    if type(value) is str and value in _SEXES:  # the common case: a plain string from JSON
        return _SEXES[value]
    return _v.choice("sex", value, Sex)


def _body_weight(value: object) -> BodyWeight:
    if type(value) is str and value in _BODY_WEIGHTS:
        return _BODY_WEIGHTS[value]
    return _v.choice("body_weight", value, BodyWeight)


def _height(height_cm: object) -> float:
    lo, hi = HEIGHT_CM
    if (type(height_cm) is float or type(height_cm) is int) and lo <= height_cm <= hi:
        return height_cm
    return _v.real("height_cm", height_cm, lo, hi, unit="cm")


def _weight(weight_kg: object) -> float:
    lo, hi = WEIGHT_KG
    if (type(weight_kg) is float or type(weight_kg) is int) and lo <= weight_kg <= hi:
        return weight_kg
    return _v.real("weight_kg", weight_kg, lo, hi, unit="kg")


def _devine(height_cm: float, sex: Sex) -> float:
    base = 50.0 if sex is _MALE else 45.5
    return base + 2.3 * (height_cm / _CM_PER_INCH - 60)


def ideal_body_weight_kg(*, height_cm: float, sex: Sex | str) -> float:
    r"""Ideal body weight by Devine (1974), in kg.

    Parameters
    ----------
    height_cm
        Height. [cm], 120-250.
    sex
        ``"female"`` or ``"male"`` (:class:`Sex`).

    Notes
    -----
    $$
    \mathrm{IBW} = \begin{cases} 50 + 2.3\,(h_{in} - 60) & \text{male} \\
    45.5 + 2.3\,(h_{in} - 60) & \text{female} \end{cases}, \qquad h_{in} = h_{cm} / 2.54
    $$

    Below 60 inches (152.4 cm) the line is extended (2.3 kg less per inch), the usual
    clinical-pharmacy practice, not clamped: heights under 152.4 cm are common in the
    trial's population.

    References
    ----------
    1. Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-655.
    2. Pai MP, Paloucek FP. The origin of the "ideal" body weight equations.
       Ann Pharmacother 2000;34:1066-1069. doi:10.1345/aph.19381

    Examples
    --------
    >>> round(ideal_body_weight_kg(height_cm=175, sex="male"), 3)
    70.465
    """
    height = height_cm  # _devine(_height(height_cm), _sex(sex)), the common case inlined
    if not ((type(height) is float or type(height) is int) and 120 <= height <= 250):  # noqa: PLR2004 - HEIGHT_CM
        height = _height(height)
    sex_ = _SEXES.get(sex) if type(sex) is str else None
    if sex_ is None:
        sex_ = _sex(sex)
    return (50.0 if sex_ is _MALE else 45.5) + 2.3 * (height / _CM_PER_INCH - 60)


def adjusted_body_weight_kg(*, weight_kg: float, height_cm: float, sex: Sex | str) -> float:
    r"""Adjusted body weight: ideal + 0.4 x (actual - ideal), in kg.

    Parameters
    ----------
    weight_kg
        Actual (total) body weight. [kg], 20-350.
    height_cm
        Height. [cm], 120-250.
    sex
        ``"female"`` or ``"male"``.

    Notes
    -----
    $$
    \mathrm{AdjBW} = \mathrm{IBW} + 0.4\,(\mathrm{TBW} - \mathrm{IBW})
    $$

    References
    ----------
    1. Bauer LA, Edwards WAD, Dellinger EP, Simonowitz DA. Influence of weight on
       aminoglycoside pharmacokinetics in normal weight and morbidly obese patients.
       Eur J Clin Pharmacol 1983;24:643-647. doi:10.1007/BF00542215 (origin of the
       "ideal + 40 % of excess weight" dosing weight; Traynor et al. 1995,
       doi:10.1128/AAC.39.2.545, cite this prior use and derive 0.43 themselves)
    2. Winter MA, Guhr KN, Berg GM. Impact of various body weights and serum creatinine
       concentrations on the bias and accuracy of the Cockcroft-Gault equation.
       Pharmacotherapy 2012;32:604-612. doi:10.1002/j.1875-9114.2012.01098.x (the 0.4
       adjusted weight in Cockcroft-Gault)
    3. Devine BJ. Drug Intell Clin Pharm 1974;8:650-655 (IBW).

    Examples
    --------
    >>> round(adjusted_body_weight_kg(weight_kg=110, height_cm=175, sex="male"), 3)
    86.279
    """
    ideal = ideal_body_weight_kg(height_cm=height_cm, sex=sex)
    actual = _weight(weight_kg)
    return ideal + 0.4 * (actual - ideal)


def cockcroft_gault(  # noqa: C901, PLR0912, PLR0915 - each input's common case inline (issue 8)
    *,
    age_years: float,
    weight_kg: float,
    sex: Sex | str,
    serum_creatinine_mg_per_dl: float | None = None,
    serum_creatinine_umol_per_l: float | None = None,
    height_cm: float | None = None,
    body_weight: BodyWeight | str = BodyWeight.ACTUAL,
) -> Score:
    r"""Creatinine clearance by Cockcroft and Gault (1976), in mL/min.

    Parameters
    ----------
    age_years
        Age. [years], 18-120 (the formula is for adults).
    weight_kg
        Actual (total) body weight. [kg], 20-350.
    sex
        ``"female"`` or ``"male"`` (:class:`Sex`); female multiplies by 0.85.
    serum_creatinine_mg_per_dl
        Serum creatinine. [mg/dL], 0.1-25. Give exactly one of the two creatinine keywords.
    serum_creatinine_umol_per_l
        Serum creatinine. [µmol/L], 8.84-2210, converted with the exact factor 88.4
        µmol/L per mg/dL (not the rounded constants 1.23/1.04).
    height_cm
        Height. [cm], 120-250. Required for ``body_weight="ideal"`` or ``"adjusted"``.
    body_weight
        ``"actual"`` (default, as in the original paper), ``"ideal"`` (Devine) or
        ``"adjusted"`` (ideal + 0.4 x (actual - ideal)); see :class:`BodyWeight`.

    Returns
    -------
    Score
        ``value`` in mL/min, unrounded and not normalised to 1.73 m²; ``category`` ``None``;
        ``variant`` the weight basis; ``components`` the weight used (and the ideal weight
        where computed).

    Notes
    -----
    $$
    \mathrm{CrCl} = \frac{(140 - \mathrm{age}) \times \mathrm{weight}}{72 \times \mathrm{SCr}_{mg/dL}} \times
    \begin{cases} 0.85 & \text{female} \\ 1 & \text{male} \end{cases}
    $$

    Serum creatinine is used as measured: no rounding up of low values (some local
    dosing protocols round to 0.8 or 1.0 mg/dL; that is a dosing policy, not the formula).

    References
    ----------
    1. Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine.
       Nephron 1976;16:31-41. doi:10.1159/000180580
    2. Devine BJ. Drug Intell Clin Pharm 1974;8:650-655 (ideal body weight).

    Examples
    --------
    >>> s = cockcroft_gault(age_years=40, weight_kg=72, sex="male", serum_creatinine_mg_per_dl=1.0)
    >>> s.value, s.unit
    (100.0, 'mL/min')
    >>> s = cockcroft_gault(
    ...     age_years=40, weight_kg=72, sex="female", serum_creatinine_umol_per_l=88.4
    ... )
    >>> round(s.value, 6)
    85.0
    """
    age = age_years
    lo_age, hi_age = AGE_YEARS
    if not ((type(age) is float or type(age) is int) and lo_age <= age <= hi_age):
        age = _v.real("age_years", age, lo_age, hi_age, unit="years")
    actual = weight_kg
    if not ((type(actual) is float or type(actual) is int) and 20 <= actual <= 350):  # noqa: PLR2004 - WEIGHT_KG
        actual = _weight(actual)
    sex_ = _SEXES.get(sex) if type(sex) is str else None  # _sex(sex), its common case inlined
    if sex_ is None:
        sex_ = _sex(sex)
    if body_weight is _ACTUAL:  # _body_weight(body_weight), its common cases inlined
        basis = _ACTUAL
    else:
        found = _BODY_WEIGHTS.get(body_weight) if type(body_weight) is str else None
        basis = found if found is not None else _body_weight(body_weight)
    if serum_creatinine_umol_per_l is None and serum_creatinine_mg_per_dl is not None:
        scr = serum_creatinine_mg_per_dl
        lo, hi = CREATININE_MG_PER_DL
        if not ((type(scr) is float or type(scr) is int) and lo <= scr <= hi):
            scr = _v.real("serum_creatinine_mg_per_dl", scr, lo, hi, unit="mg/dL")
        scr_field = "serum_creatinine_mg_per_dl"
        denominator = 72 * scr
    elif serum_creatinine_mg_per_dl is None and serum_creatinine_umol_per_l is not None:
        scr = serum_creatinine_umol_per_l
        lo, hi = CREATININE_UMOL_PER_L
        if not ((type(scr) is float or type(scr) is int) and lo <= scr <= hi):
            scr = _v.real("serum_creatinine_umol_per_l", scr, lo, hi, unit="umol/L")
        scr_field = "serum_creatinine_umol_per_l"
        denominator = 72 * scr / CREATININE_UMOL_PER_L_PER_MG_PER_DL
    else:
        _v.exactly_one(
            {
                "serum_creatinine_mg_per_dl": serum_creatinine_mg_per_dl,
                "serum_creatinine_umol_per_l": serum_creatinine_umol_per_l,
            }
        )
        raise AssertionError  # pragma: no cover - exactly_one raised
    height = height_cm  # _height(height_cm) unless None, its common case inlined
    if height is not None and not (
        (type(height) is float or type(height) is int) and 120 <= height <= 250  # noqa: PLR2004 - HEIGHT_CM
    ):
        height = _height(height)
    if basis is _ACTUAL:
        used = actual
        ideal = None
    else:
        if height is None:
            raise InvalidInputError(
                "height_cm", f"is required when body_weight is {basis.value!r}", None
            )
        ideal = (50.0 if sex_ is _MALE else 45.5) + 2.3 * (height / _CM_PER_INCH - 60)  # _devine
        used = ideal if basis is _IDEAL else ideal + 0.4 * (actual - ideal)
    value = (140 - age) * used / denominator
    if sex_ is _FEMALE:
        value *= 0.85
    # lazy_score(value, None, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = None
    fields[_DEFERRED] = (
        _cockcroft_gault_score,
        age,
        actual,
        sex_,
        scr_field,
        scr,
        height,
        basis,
        used,
        ideal,
    )
    return score


def _cockcroft_gault_score(value: float, category: None, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete Cockcroft-Gault Score (see ``lazy_score`` in results.py)."""
    _, age, actual, sex, scr_field, scr, height, basis, used, ideal = state
    components = (
        {"weight_used_kg": used}
        if ideal is None
        else {"weight_used_kg": used, "ideal_body_weight_kg": ideal}
    )
    return {
        "instrument": "Cockcroft-Gault creatinine clearance",
        "value": value,
        "category": category,
        "unit": "mL/min",
        "inputs": {
            "age_years": age,
            "weight_kg": actual,
            "sex": sex,
            scr_field: scr,
            "height_cm": height,
            "body_weight": basis,
        },
        "components": components,
        "variant": f"{basis.value} body weight",
        "precision": None,
    }


# The compiled fast path of the common case (activity_scores/_fast.py, _speedups.c): the same
# value and lazily built Score; every other call runs the function above.
_fast.bind(
    globals(),
    "ideal_body_weight_kg",
    "ideal_body_weight_kg",
    names=("height_cm", "sex"),
    required=2,
    config=(*HEIGHT_CM, _SEXES, _MALE, _CM_PER_INCH),
)
_fast.bind(
    globals(),
    "adjusted_body_weight_kg",
    "adjusted_body_weight_kg",
    names=("height_cm", "sex", "weight_kg"),
    required=3,
    config=(*HEIGHT_CM, _SEXES, _MALE, _CM_PER_INCH, *WEIGHT_KG),
)
_fast.bind(
    globals(),
    "cockcroft_gault",
    "cockcroft_gault",
    names=(
        "age_years",
        "weight_kg",
        "sex",
        "serum_creatinine_mg_per_dl",
        "serum_creatinine_umol_per_l",
        "height_cm",
        "body_weight",
    ),
    required=3,
    config=(
        Score,
        _cockcroft_gault_score,
        *AGE_YEARS,
        *WEIGHT_KG,
        _SEXES,
        _ACTUAL,
        _BODY_WEIGHTS,
        _IDEAL,
        _MALE,
        _FEMALE,
        *CREATININE_MG_PER_DL,
        *CREATININE_UMOL_PER_L,
        CREATININE_UMOL_PER_L_PER_MG_PER_DL,
        *HEIGHT_CM,
        _CM_PER_INCH,
        "serum_creatinine_mg_per_dl",
        "serum_creatinine_umol_per_l",
    ),
)
