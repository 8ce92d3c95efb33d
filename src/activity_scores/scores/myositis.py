r"""Idiopathic inflammatory myopathy: MMT-8, IMACS core set, TIS and IMACS improvement.

MMT-8, the IMACS core set, the 2016 ACR/EULAR Total Improvement Score and the IMACS
preliminary definition of improvement.

Every weight, band and threshold below is traced to its primary source in the function's
docstring and on the docs page ``docs/myositis.md``. Decisions at a band edge are taken in
exact rational arithmetic (:class:`fractions.Fraction` built from the decimal that the user
typed, ``Fraction(str(x))``), so a 5 % or 20 % change lands exactly on its edge and is never
moved by binary floating point.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from fractions import Fraction
from itertools import compress
from operator import itemgetter
from typing import Any

import attrs

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores._exact import exact as _exact
from activity_scores._logic import at_least, negate
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.results import _DEFERRED, EMPTY, Outcome, Score, _new, deferred_outcome

__all__ = [
    "ImacsCoreSet",
    "Mmt8Muscle",
    "MyositisResponse",
    "TisPopulation",
    "core_set_abnormalities",
    "imacs_improvement",
    "mmt8",
    "total_improvement_score",
]

#: Plausible upper limit of a serum muscle enzyme, in the laboratory's unit (U/L or µkat/L);
#: CK in rhabdomyolysis reaches a few 100 000 U/L. Larger values are refused as entry errors.
_ENZYME_MAX = 1_000_000


class Mmt8Muscle(str, Enum):
    """The muscle groups of MMT-8 (Rider et al. 2010).

    The neck flexors (axial, tested once) and seven paired groups, right and left.
    """

    NECK_FLEXORS = "neck_flexors"
    RIGHT_DELTOID = "right_deltoid"
    LEFT_DELTOID = "left_deltoid"
    RIGHT_BICEPS = "right_biceps"
    LEFT_BICEPS = "left_biceps"
    RIGHT_WRIST_EXTENSORS = "right_wrist_extensors"
    LEFT_WRIST_EXTENSORS = "left_wrist_extensors"
    RIGHT_GLUTEUS_MAXIMUS = "right_gluteus_maximus"
    LEFT_GLUTEUS_MAXIMUS = "left_gluteus_maximus"
    RIGHT_GLUTEUS_MEDIUS = "right_gluteus_medius"
    LEFT_GLUTEUS_MEDIUS = "left_gluteus_medius"
    RIGHT_QUADRICEPS = "right_quadriceps"
    LEFT_QUADRICEPS = "left_quadriceps"
    RIGHT_ANKLE_DORSIFLEXORS = "right_ankle_dorsiflexors"
    LEFT_ANKLE_DORSIFLEXORS = "left_ankle_dorsiflexors"


_NECK = Mmt8Muscle.NECK_FLEXORS
_RIGHT = frozenset(m for m in Mmt8Muscle if m.value.startswith("right_"))
_LEFT = frozenset(m for m in Mmt8Muscle if m.value.startswith("left_"))
_BILATERAL = frozenset(Mmt8Muscle)


#: (muscle, its name, its field label), in order (issue 8: on Python 3.11 iterating an Enum
#: and reading ``member.value`` run Python-level code on every call).
_MUSCLE_ROWS = tuple((m, m.value, f"grades[{m.value!r}]") for m in Mmt8Muscle)
_MUSCLE_NAMES = tuple(name for _, name, _ in _MUSCLE_ROWS)
_N_MUSCLES = len(_MUSCLE_ROWS)
#: mmt8's fast path: the grades of a mapping in muscle order (one C call), and the allowed
#: grade types and values (an int 0-10: True == 1 and 1.0 == 1, hence the type test).
_MUSCLE_GRADES = itemgetter(*_MUSCLE_NAMES)
_INT_ONLY = frozenset({int})
_MMT8_GRADES = frozenset(range(11))
_NECK_RIGHT = _RIGHT | {_NECK}
_NECK_LEFT = _LEFT | {_NECK}


def mmt8(grades: Mapping[Mmt8Muscle | str, int]) -> Score:
    r"""Manual Muscle Testing of 8 muscle groups (MMT-8), bilateral (0-150) or unilateral (0-80).

    Parameters
    ----------
    grades
        Kendall grade of each muscle group, keyed by :class:`Mmt8Muscle` members or their
        string values. [grade], integer 0-10. Give all 15 keys (neck flexors and the seven
        paired groups on both sides) for the bilateral total, or the neck flexors and the
        seven groups of one side only (``right_...`` or ``left_...``) for the unilateral total.

    Returns
    -------
    Score
        ``value`` the total; ``category`` ``None``; ``unit`` ``"points"``; ``variant``
        ``"bilateral (0-150)"``, ``"unilateral right (0-80)"`` or ``"unilateral left (0-80)"``;
        ``components`` the grade of each muscle group.

    Notes
    -----
    $$
    \mathrm{MMT8_{bilateral}} = g_{\text{neck}} + \sum_{m=1}^{7} \left(g_{m,\text{right}} + g_{m,\text{left}}\right),
    \qquad
    \mathrm{MMT8_{unilateral}} = g_{\text{neck}} + \sum_{m=1}^{7} g_{m,\text{side}}
    $$

    Grades use the 0-10 Kendall scale as used by IMACS, which has integer grades only
    (its levels 0-10 already encode the classical "-" and "+" steps), so half grades are
    refused. Higher is stronger.

    References
    ----------
    1. Rider LG, Koziol D, Giannini EH, et al. Validation of manual muscle testing and a subset
       of eight muscles for adult and juvenile idiopathic inflammatory myopathies.
       Arthritis Care Res 2010;62:465-472. doi:10.1002/acr.20035

    Examples
    --------
    >>> grades = {muscle: 10 for muscle in Mmt8Muscle}
    >>> grades["right_deltoid"] = 7
    >>> s = mmt8(grades)
    >>> s.value, s.variant
    (147, 'bilateral (0-150)')
    """
    if type(grades) is dict and len(grades) == _N_MUSCLES:
        score = _mmt8_fast(grades)
        if score is not None:
            return score
    checked = _v.keyed("grades", grades, Mmt8Muscle)
    keys = frozenset(checked)
    if keys == _BILATERAL:
        variant = "bilateral (0-150)"
    elif keys == _NECK_RIGHT:
        variant = "unilateral right (0-80)"
    elif keys == _NECK_LEFT:
        variant = "unilateral left (0-80)"
    else:
        wanted = _BILATERAL if keys & _RIGHT and keys & _LEFT else _one_side(keys)
        missing = sorted(m.value for m in wanted - keys)
        raise InvalidInputError(
            "grades",
            "must grade all 15 muscle groups (bilateral) or the neck flexors and the 7 groups "
            f"of one side (unilateral); missing {', '.join(missing)}",
            sorted(k.value for k in keys),
        )
    components: dict[str, float] = {}
    total = 0
    for muscle, name, field in _MUSCLE_ROWS:
        if muscle in checked:
            grade = checked[muscle]
            if not (type(grade) is int and 0 <= grade <= 10):  # noqa: PLR2004
                grade = _v.count(field, grade, 0, 10, "(Kendall grade)")
            components[name] = grade
            total += grade
    return Score(
        instrument="MMT-8",
        value=total,
        category=None,
        unit="points",
        inputs={"grades": dict(components)},
        components=components,
        variant=variant,
    )


def _mmt8_fast(grades: dict[object, object]) -> Score | None:
    """mmt8 of a plain dict of all 15 groups (bilateral), each an int 0-10; else None.

    The common case, checked by C-level passes (the grades in muscle order, their types,
    their values). For anything else mmt8's general code names the first fault.
    """
    values = _bilateral_grades(grades)
    if values is None:
        return None
    # lazy_score(total, None, state), inlined; the state holds the grades (a later change
    # to the caller's dict must not change this Score).
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = sum(values)
    fields["category"] = None
    fields[_DEFERRED] = (_mmt8_score, values)
    return score


def _bilateral_grades(grades: Mapping[Any, object]) -> tuple[int, ...] | None:
    """The 15 grades in muscle order if each is an ``int`` 0-10 under its name, else None.

    The common case of :func:`mmt8` (whose bilateral total is their sum), checked by
    C-level passes; the screening rule uses it for a record's grades (issue 8).
    """
    try:
        values = _MUSCLE_GRADES(grades)
    except KeyError:
        return None
    if not (_INT_ONLY.issuperset(map(type, values)) and _MMT8_GRADES.issuperset(values)):
        return None
    return values  # type: ignore[no-any-return]


def _mmt8_score(value: int, category: None, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete bilateral MMT-8 Score (see ``lazy_score`` in results.py)."""
    _, grades = state
    components: dict[str, float] = dict(zip(_MUSCLE_NAMES, grades, strict=True))
    return {
        "instrument": "MMT-8",
        "value": value,
        "category": category,
        "unit": "points",
        "inputs": {"grades": dict(components)},
        "components": components,
        "variant": "bilateral (0-150)",
        "precision": None,
    }


def _one_side(keys: frozenset[Mmt8Muscle]) -> frozenset[Mmt8Muscle]:
    """The unilateral set a partial entry most likely aimed at (for the error message)."""
    return (_LEFT if keys & _LEFT else _RIGHT) | {_NECK}


_TWO_53 = 2.0**53


def _percent(exact: Fraction, field: str, baseline: object) -> float:
    """A relative change in per cent as a float, refusing a baseline too close to 0.

    A baseline such as 1e-308 cm makes the change exceed the float range (OverflowError);
    no measurement is that small, so the baseline is refused by name.
    """
    try:
        return float(exact)
    except OverflowError:
        raise InvalidInputError(
            field, "is too close to 0 for a relative change (it exceeds the float range)", baseline
        ) from None


#: The upper ends of the global activity scales (10 cm VAS) and of the HAQ-DI (0-3).
_GLOBAL_MAX_CM = 10
_HAQ_DI_MAX = 3


def _opt_cm(field: str, value: object) -> float | None:
    return _v.optional_real(field, value, 0, _GLOBAL_MAX_CM, unit="cm")


@attrs.frozen
class ImacsCoreSet:
    """The six IMACS core set activity measures at one visit (Miller et al. 2001).

    Every measure may be ``None`` (not measured). Values are validated on construction.

    Attributes
    ----------
    physician_global_cm
        Physician global activity, 10 cm VAS. [cm], 0-10.
    patient_global_cm
        Patient (or parent) global activity, 10 cm VAS. [cm], 0-10.
    mmt8_total
        MMT-8 total. [points], integer 0 to ``mmt8_scale_max``.
    mmt8_scale_max
        The MMT-8 scale: ``150`` (bilateral, default) or ``80`` (unilateral).
    haq_di
        Health Assessment Questionnaire disability index. [points], 0-3.
    muscle_enzyme
        The most abnormal serum muscle enzyme (CK, aldolase, LDH, AST or ALT), in the
        laboratory's unit (U/L or µkat/L). > 0 and <= 1 000 000.
    muscle_enzyme_uln
        That enzyme's upper limit of normal, in the same unit. > 0 and <= 1 000 000.
        Required whenever ``muscle_enzyme`` is given.
    extramuscular_global_cm
        Extramuscular global activity (MDAAT), 10 cm VAS. [cm], 0-10.

    Examples
    --------
    >>> visit = ImacsCoreSet(physician_global_cm=4, muscle_enzyme=600, muscle_enzyme_uln=200)
    >>> visit.enzyme_x_uln
    3.0
    """

    physician_global_cm: float | None = None
    patient_global_cm: float | None = None
    mmt8_total: int | None = None
    mmt8_scale_max: int = 150
    haq_di: float | None = None
    muscle_enzyme: float | None = None
    muscle_enzyme_uln: float | None = None
    extramuscular_global_cm: float | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every measure (raises :class:`InvalidInputError` naming the field)."""
        _opt_cm("physician_global_cm", self.physician_global_cm)
        _opt_cm("patient_global_cm", self.patient_global_cm)
        _opt_cm("extramuscular_global_cm", self.extramuscular_global_cm)
        scale = self.mmt8_scale_max
        if isinstance(scale, bool) or scale not in (80, 150):
            raise InvalidInputError("mmt8_scale_max", "must be 80 or 150", scale)
        if self.mmt8_total is not None:
            _v.count("mmt8_total", self.mmt8_total, 0, scale, "points")
        _v.optional_real("haq_di", self.haq_di, 0, _HAQ_DI_MAX)
        _v.optional_real("muscle_enzyme", self.muscle_enzyme, 0, _ENZYME_MAX, lo_open=True)
        _v.optional_real("muscle_enzyme_uln", self.muscle_enzyme_uln, 0, _ENZYME_MAX, lo_open=True)
        if self.muscle_enzyme is not None and self.muscle_enzyme_uln is None:
            raise InvalidInputError(
                "muscle_enzyme_uln", "is needed when muscle_enzyme is given", None
            )

    @property
    def enzyme_x_uln(self) -> float | None:
        """The muscle enzyme as a multiple of its upper limit of normal (``None`` if not given)."""
        exact = self._enzyme_ratio()
        return None if exact is None else float(exact)

    def _enzyme_ratio(self) -> Fraction | None:
        if self.muscle_enzyme is None or self.muscle_enzyme_uln is None:
            return None
        return _exact(self.muscle_enzyme) / _exact(self.muscle_enzyme_uln)


def _reaches(value: float, threshold: float) -> bool:
    """``value >= threshold``, both read as the decimals typed (``_exact``), exactly.

    For a float or a small int no fraction is needed (issue 8): the shortest decimals of
    two floats (their repr, which ``_exact`` reads) are ordered as the floats themselves,
    because rounding a decimal to the nearest float never reverses an order; an int below
    2**53 is its own decimal and float. Any other number type goes through ``_exact``.
    """
    kind = type(value)
    if (kind is float or kind is int) and -_TWO_53 < value < _TWO_53:
        return value >= threshold
    return _exact(value) >= _exact(threshold)


#: A float quotient this far (relative) from the threshold decides the comparison: the
#: float quotient of two floats is within 2 units in the last place (about 4.4e-16
#: relative) of the quotient of the decimals they were typed as, and the threshold within
#: half of one.
_RATIO_MARGIN = 1e-12


def _ratio_reaches(
    enzyme: float | None, uln: float | None, threshold: float
) -> tuple[bool | None, float | None]:
    """(enzyme / ULN >= threshold, the ratio rounded to 3 decimals), exactly as decimals.

    ``(None, None)`` when the enzyme is not measured. See :func:`_ratio_decision`; the
    ratio shown is :func:`_ratio_shown` of the ratio it decided on.
    """
    reached, ratio = _ratio_decision(enzyme, uln, threshold)
    return reached, _ratio_shown(ratio)


def _ratio_decision(
    enzyme: float | None, uln: float | None, threshold: float
) -> tuple[bool | None, float | Fraction | None]:
    """(enzyme / ULN >= threshold, the ratio decided on), exactly as decimals.

    ``(None, None)`` when the enzyme is not measured. The float quotient decides where it
    is clearly away from the threshold and, for whole-number inputs (U/L), is the exact
    quotient correctly rounded, i.e. ``float`` of the exact fraction: it is the ratio
    returned; otherwise the exact fraction decides and is returned, as before (issue 8).
    """
    if enzyme is None or uln is None:
        return None, None
    if type(enzyme) in _PLAIN and type(uln) in _PLAIN:
        quotient = enzyme / uln
        if quotient > threshold * (1 + _RATIO_MARGIN):
            reached: bool | None = True
        elif quotient < threshold * (1 - _RATIO_MARGIN):
            reached = False
        else:
            reached = None
        whole = float(enzyme).is_integer() and float(uln).is_integer()
        if reached is not None and whole:
            return reached, quotient
    exact = _exact(enzyme) / _exact(uln)
    return exact >= _exact(threshold), exact


def _ratio_shown(ratio: float | Fraction | None) -> float | None:
    """The ratio :func:`_ratio_decision` decided on, as shown: rounded to 3 decimals."""
    return None if ratio is None else round(float(ratio), 3)


_PLAIN = (float, int)


def _core_set(field: str, value: object) -> ImacsCoreSet:
    if not isinstance(value, ImacsCoreSet):
        raise InvalidInputTypeError(field, "must be an ImacsCoreSet", value)
    return value


def core_set_abnormalities(
    core_set: ImacsCoreSet,
    *,
    global_threshold_cm: float = 2,
    haq_di_threshold: float = 0.25,
    enzyme_threshold_x_uln: float = 1.5,
    abnormal_needed: int = 2,
) -> Outcome:
    r"""Which of the protocol's five IMACS core set measures are abnormal, and are enough so.

    CHEC2024-181 (myositis inclusion 2) asks for at least two abnormal measures among:
    physician global activity, patient global activity and extramuscular global activity
    each ``>= 2`` cm on the 10 cm VAS; HAQ-DI ``>= 0.25``; a muscle enzyme ``>= 1.5 x ULN``.

    Parameters
    ----------
    core_set
        The visit's measures (:class:`ImacsCoreSet`); ``None`` measures are unknown.
    global_threshold_cm
        Abnormal when a global activity VAS is ``>=`` this. [cm], > 0 and <= 10; default 2.
    haq_di_threshold
        Abnormal when HAQ-DI is ``>=`` this. > 0 and <= 3; default 0.25.
    enzyme_threshold_x_uln
        Abnormal when the enzyme is ``>=`` this multiple of its ULN. > 0 and <= 100; default 1.5.
    abnormal_needed
        How many abnormal measures are needed. Integer 1-5; default 2.

    Returns
    -------
    Outcome
        ``met`` True/False/None (unknown only if missing measures could change the answer);
        ``points`` the number of measures known to be abnormal; one item per measure.

    Notes
    -----
    Comparisons are exact (the decimals as typed). The protocol's "1.5 times the upper limit
    of normal" is read as ``>= 1.5 x ULN`` (docs/protocol-notes.md). MMT-8 is not one of the
    five: the protocol asks for MMT-8 < 142 separately.

    References
    ----------
    1. CHEC2024-181 protocol, inclusion criteria for idiopathic inflammatory myopathy, item 2.
    2. Miller FW, Rider LG, Chung YL, et al. Proposed preliminary core set measures for disease
       outcome assessment in adult and juvenile idiopathic inflammatory myopathies.
       Rheumatology 2001;40:1262-1273. doi:10.1093/rheumatology/40.11.1262

    Examples
    --------
    >>> visit = ImacsCoreSet(
    ...     physician_global_cm=2, haq_di=0.125, muscle_enzyme=300, muscle_enzyme_uln=200
    ... )
    >>> out = core_set_abnormalities(visit)
    >>> out.met, out.points
    (True, 2)
    """
    cs = _core_set("core_set", core_set)
    limits = _limits(global_threshold_cm, haq_di_threshold, enzyme_threshold_x_uln, abnormal_needed)
    return _abnormalities(
        cs.physician_global_cm,
        cs.patient_global_cm,
        cs.extramuscular_global_cm,
        cs.haq_di,
        cs.muscle_enzyme,
        cs.muscle_enzyme_uln,
        limits,
    )


_Limits = tuple[float, float, float, int, str, str, str, tuple[str, ...]]


def _limits(
    global_threshold_cm: object,
    haq_di_threshold: object,
    enzyme_threshold_x_uln: object,
    abnormal_needed: object,
) -> _Limits:
    """The checked thresholds of :func:`core_set_abnormalities`, their texts and reasons."""
    g = _v.real("global_threshold_cm", global_threshold_cm, 0, 10, lo_open=True, unit="cm")
    h = _v.real("haq_di_threshold", haq_di_threshold, 0, 3, lo_open=True)
    e = _v.real("enzyme_threshold_x_uln", enzyme_threshold_x_uln, 0, 100, lo_open=True)
    needed = _v.count("abnormal_needed", abnormal_needed, 1, 5)
    reasons = tuple(
        f"{abnormal} of 5 core set measures abnormal (need >= {needed})" for abnormal in range(6)
    )
    return (g, h, e, needed, f"{g:g} cm", f"{h:g}", f"{e:g} x ULN", reasons)


#: The default thresholds, checked and formatted once (issue 8): read from the function's own
#: defaults, so that the screening rule's common case cannot drift from them.
_DEFAULT_LIMITS = _limits(**(core_set_abnormalities.__kwdefaults__ or {}))
_CORE_NAMES = (
    "physician_global_cm",
    "patient_global_cm",
    "extramuscular_global_cm",
    "haq_di",
    "enzyme_x_uln",
)
#: Each measure's item when not measured: it depends on nothing else, so it is built once
#: and shared (issue 8); its ``values`` is the read-only EMPTY.
_NOT_MEASURED = {
    name: Outcome(name, None, f"{name} not measured", None, EMPTY, (name,)) for name in _CORE_NAMES
}


def _abnormalities(  # noqa: PLR0917 - private core: the five measures in order
    physician_global_cm: float | None,
    patient_global_cm: float | None,
    extramuscular_global_cm: float | None,
    haq_di: float | None,
    muscle_enzyme: float | None,
    muscle_enzyme_uln: float | None,
    limits: _Limits,
) -> Outcome:
    """The outcome of :func:`core_set_abnormalities` from checked measures and ``_limits``.

    The measures as :class:`ImacsCoreSet` checks them (the ULN given with the enzyme); the
    screening rule calls :func:`_abnormality_decision` directly for a record's measures
    checked the same way (issue 8). The reason, values and items are built by
    :func:`_abnormality_details` when first read.
    """
    met, abnormal, missing, state = _abnormality_decision(
        physician_global_cm,
        patient_global_cm,
        extramuscular_global_cm,
        haq_di,
        muscle_enzyme,
        muscle_enzyme_uln,
        limits,
    )
    return deferred_outcome(_CORE_SET, met, abnormal, missing, state)


#: The outcome's name (the screening rule builds it from the decision too).
_CORE_SET = "imacs_core_set_abnormalities"


def _measure_reaches(value: float | None, threshold: float) -> bool | None:
    """A core-set measure >= its threshold (:func:`_reaches`); None if not measured."""
    return None if value is None else _reaches(value, threshold)


def _abnormality_decision(  # noqa: PLR0917 - private core: the five measures in order
    physician_global_cm: float | None,
    patient_global_cm: float | None,
    extramuscular_global_cm: float | None,
    haq_di: float | None,
    muscle_enzyme: float | None,
    muscle_enzyme_uln: float | None,
    limits: _Limits,
) -> tuple[bool | None, int, tuple[str, ...], tuple[Any, ...]]:
    """The decision of :func:`_abnormalities`: ``(met, abnormal, missing, state)``.

    Each measure against its threshold, the count of abnormal ones, ``met`` and the
    unknown measures' names; ``state`` the details builder and its arguments.
    """
    g, h = limits[0], limits[1]
    physician = _measure_reaches(physician_global_cm, g)
    patient = _measure_reaches(patient_global_cm, g)
    extramuscular = _measure_reaches(extramuscular_global_cm, g)
    haq = _measure_reaches(haq_di, h)
    enzyme, ratio = _ratio_decision(muscle_enzyme, muscle_enzyme_uln, limits[2])
    reached = (physician, patient, extramuscular, haq, enzyme)
    abnormal = reached.count(True)
    needed = limits[3]
    missing: tuple[str, ...] = ()
    met: bool | None
    if abnormal >= needed:
        met = True
    elif abnormal + reached.count(None) < needed:
        met = False
    else:  # at_least(needed, ...) unknown
        met = None
        missing = tuple(compress(_CORE_NAMES, [r is None for r in reached]))
    raws = (physician_global_cm, patient_global_cm, extramuscular_global_cm, haq_di)
    return (
        met,
        abnormal,
        missing,
        (_abnormality_details, raws, reached, ratio, limits, abnormal, missing),
    )


def _abnormality_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_abnormalities`' outcome, from its decision."""
    _, raws, reached, ratio, limits, abnormal, missing = state
    needed, g_text, h_text, e_text, reasons = limits[3], limits[4], limits[5], limits[6], limits[7]
    items: list[Outcome] = []
    for name, raw, met, text in zip(
        _CORE_NAMES[:4], raws, reached[:4], (g_text, g_text, g_text, h_text), strict=True
    ):
        if met is None:
            items.append(_NOT_MEASURED[name])
        elif met:
            items.append(Outcome(name, True, f"{name} {raw} >= {text}", None, {name: raw}))  # noqa: FBT003 - met
        else:
            items.append(Outcome(name, False, f"{name} {raw} < {text}", None, {name: raw}))  # noqa: FBT003 - met
    enzyme_reached = reached[4]
    if enzyme_reached is None:
        items.append(_NOT_MEASURED["enzyme_x_uln"])
    else:
        sign = ">=" if enzyme_reached else "<"
        shown = _ratio_shown(ratio)
        items.append(
            Outcome(
                "enzyme_x_uln",
                enzyme_reached,
                f"enzyme_x_uln {shown} {sign} {e_text}",
                None,
                {"enzyme_x_uln": shown},
            )
        )
    reason = reasons[abnormal]
    if missing:
        reason += f"; unknown: {', '.join(missing)}"
    return reason, {"abnormal": abnormal, "needed": needed}, tuple(items)


class MyositisResponse(str, Enum):
    """2016 ACR/EULAR myositis response categories of the Total Improvement Score."""

    NONE = "none"
    MINIMAL = "minimal"
    MODERATE = "moderate"
    MAJOR = "major"


class TisPopulation(str, Enum):
    """Which thresholds of the Total Improvement Score apply.

    ``adult`` (adult DM/PM, Aggarwal 2017): minimal >= 20, moderate >= 40, major >= 60.
    ``juvenile`` (JDM, Rider 2017): minimal >= 30, moderate >= 45, major >= 70.
    """

    ADULT = "adult"
    JUVENILE = "juvenile"


#: Band upper edges (per cent, upper-inclusive) and points x 10 (Aggarwal 2017, Table 3).
_EDGES = (5, 15, 25, 40)
_EDGES_MMT = (2, 10, 20, 30)
_POINTS10: dict[str, tuple[int, ...]] = {
    "physician_global_cm": (0, 75, 150, 175, 200),
    "patient_global_cm": (0, 25, 50, 75, 100),
    "mmt8_total": (0, 100, 200, 275, 325),
    "haq_di": (0, 50, 75, 75, 100),
    "enzyme_x_uln": (0, 25, 50, 75, 75),
    "extramuscular_global_cm": (0, 75, 125, 150, 200),
}
_THRESHOLDS10 = {
    TisPopulation.ADULT: (200, 400, 600),
    TisPopulation.JUVENILE: (300, 450, 700),
}


def _band(percent: Fraction, edges: tuple[int, ...]) -> int:
    """Index of the band: <= e0 -> 0, (e0, e1] -> 1, ..., > e3 -> 4."""
    for index, edge in enumerate(edges):
        if percent <= edge:
            return index
    return len(edges)


def _changes(baseline: ImacsCoreSet, follow_up: ImacsCoreSet) -> dict[str, Fraction | None]:
    """Improvement of each measure in per cent as the TIS defines it (positive = better)."""
    out: dict[str, Fraction | None] = {}
    for name, span in (
        ("physician_global_cm", Fraction(10)),
        ("patient_global_cm", Fraction(10)),
        ("haq_di", Fraction(3)),
        ("extramuscular_global_cm", Fraction(10)),
    ):
        b, f = getattr(baseline, name), getattr(follow_up, name)
        out[name] = None if b is None or f is None else (_exact(b) - _exact(f)) / span * 100
    if baseline.mmt8_total is None or follow_up.mmt8_total is None:
        out["mmt8_total"] = None
    else:
        out["mmt8_total"] = (
            Fraction(follow_up.mmt8_total - baseline.mmt8_total) / baseline.mmt8_scale_max * 100
        )
    rb, rf = baseline._enzyme_ratio(), follow_up._enzyme_ratio()  # noqa: SLF001 - same module
    out["enzyme_x_uln"] = None if rb is None or rf is None else (rb - rf) / rb * 100
    return out


def total_improvement_score(
    *,
    baseline: ImacsCoreSet,
    follow_up: ImacsCoreSet,
    population: TisPopulation | str = TisPopulation.ADULT,
) -> Score:
    r"""Total Improvement Score (TIS) of the 2016 ACR/EULAR myositis response criteria.

    Parameters
    ----------
    baseline
        Core set at baseline (:class:`ImacsCoreSet`); all six measures are required.
    follow_up
        Core set at follow-up, on the same MMT-8 scale; all six measures are required.
    population
        ``"adult"`` (adult DM/PM, default) or ``"juvenile"`` (JDM) thresholds
        (:class:`TisPopulation`).

    Returns
    -------
    Score
        ``value`` the TIS, 0-100 (a multiple of 2.5); ``category`` a
        :class:`MyositisResponse`; ``components`` each measure's points and, under
        ``"<measure> percent"``, its percent improvement; ``variant`` the population.

    Notes
    -----
    Percent improvement uses the **absolute percent change**: the change divided by the
    range of the measure's scale (10 cm VAS, HAQ-DI 0-3, MMT-8 0-150 or 0-80):

    $$
    \Delta\% = \frac{x_{\text{baseline}} - x_{\text{follow-up}}}{\text{range}}\times 100
    \quad(\text{MMT: } x_{\text{follow-up}} - x_{\text{baseline}})
    $$

    Muscle enzymes have no fixed range; their change is the relative change of the most
    abnormal enzyme, expressed as a multiple of its ULN, from baseline:
    $\Delta\% = (r_b - r_f)/r_b \times 100$ with $r = \text{enzyme}/\text{ULN}$.
    This enzyme rule is a documented choice: it could not be verified against the primary
    text or the IMACS calculators (see the docs page); the points table and thresholds were.

    Points (bands upper-inclusive, "worsening to 5 %" scores 0):

    ===========================  =====  ==========  ===========  ===========  =====
    Measure                      ≤ 5 %  > 5-15 %    > 15-25 %    > 25-40 %    > 40 %
    ===========================  =====  ==========  ===========  ===========  =====
    Physician global activity    0      7.5         15           17.5         20
    Patient global activity      0      2.5         5            7.5          10
    HAQ-DI                       0      5           7.5          7.5          10
    Muscle enzyme                0      2.5         5            7.5          7.5
    Extramuscular activity       0      7.5         12.5         15           20
    ===========================  =====  ==========  ===========  ===========  =====

    MMT-8: ≤ 2 % 0; > 2-10 % 10; > 10-20 % 20; > 20-30 % 27.5; > 30 % 32.5.

    Categories: adult minimal ≥ 20, moderate ≥ 40, major ≥ 60; juvenile ≥ 30, ≥ 45, ≥ 70.
    Bands and categories are decided exactly (the decimals as typed, rational arithmetic).

    References
    ----------
    1. Aggarwal R, Rider LG, Ruperto N, et al. 2016 American College of Rheumatology/European
       League Against Rheumatism criteria for minimal, moderate, and major clinical response
       in adult dermatomyositis and polymyositis. Ann Rheum Dis 2017;76:792-801.
       doi:10.1136/annrheumdis-2017-211400
    2. Rider LG, Aggarwal R, Pistorio A, et al. 2016 ACR-EULAR criteria for minimal, moderate
       and major clinical response in juvenile dermatomyositis. Arthritis Rheumatol
       2017;69:898-910. doi:10.1002/art.40064

    Examples
    --------
    >>> base = ImacsCoreSet(
    ...     physician_global_cm=6,
    ...     patient_global_cm=6,
    ...     mmt8_total=120,
    ...     haq_di=1.5,
    ...     muscle_enzyme=1000,
    ...     muscle_enzyme_uln=200,
    ...     extramuscular_global_cm=4,
    ... )
    >>> later = ImacsCoreSet(
    ...     physician_global_cm=3,
    ...     patient_global_cm=5,
    ...     mmt8_total=130,
    ...     haq_di=1.25,
    ...     muscle_enzyme=400,
    ...     muscle_enzyme_uln=200,
    ...     extramuscular_global_cm=3,
    ... )
    >>> s = total_improvement_score(baseline=base, follow_up=later)
    >>> s.value, s.category.value
    (50.0, 'moderate')
    """
    b = _core_set("baseline", baseline)
    f = _core_set("follow_up", follow_up)
    pop = _v.choice("population", population, TisPopulation)
    if b.mmt8_scale_max != f.mmt8_scale_max:
        raise InvalidInputError(
            "follow_up.mmt8_scale_max",
            f"must equal baseline.mmt8_scale_max ({b.mmt8_scale_max})",
            f.mmt8_scale_max,
        )
    for label, cs in (("baseline", b), ("follow_up", f)):
        for name in _POINTS10:
            attr = "muscle_enzyme" if name == "enzyme_x_uln" else name
            if getattr(cs, attr) is None:
                raise InvalidInputError(
                    f"{label}.{attr}", "is needed by the Total Improvement Score", None
                )
    changes = _changes(b, f)
    components: dict[str, float] = {}
    total10 = 0
    for name, points10 in _POINTS10.items():
        change = changes[name]
        assert change is not None  # noqa: S101 - checked above
        edges = _EDGES_MMT if name == "mmt8_total" else _EDGES
        pts = points10[_band(change, edges)]
        total10 += pts
        components[name] = pts / 10
        attr = "muscle_enzyme" if name == "enzyme_x_uln" else name
        components[f"{name} percent"] = _percent(change, f"baseline.{attr}", getattr(b, attr))
    minimal, moderate, major = _THRESHOLDS10[pop]
    if total10 >= major:
        category = MyositisResponse.MAJOR
    elif total10 >= moderate:
        category = MyositisResponse.MODERATE
    elif total10 >= minimal:
        category = MyositisResponse.MINIMAL
    else:
        category = MyositisResponse.NONE
    return Score(
        instrument="Total Improvement Score (2016 ACR/EULAR)",
        value=total10 / 10,
        category=category,
        unit="points",
        inputs={"baseline": attrs.asdict(b), "follow_up": attrs.asdict(f), "population": pop},
        components=components,
        variant=pop.value,
    )


_DOI_MEASURES = (
    "physician_global_cm",
    "patient_global_cm",
    "mmt8_total",
    "haq_di",
    "enzyme_x_uln",
    "extramuscular_global_cm",
)


def _relative(
    baseline: ImacsCoreSet, follow_up: ImacsCoreSet, name: str
) -> tuple[Fraction | None, Fraction | None]:
    """(baseline, follow-up) as exact values, oriented so that lower is better."""
    if name == "enzyme_x_uln":
        return baseline._enzyme_ratio(), follow_up._enzyme_ratio()  # noqa: SLF001
    rb, rf = getattr(baseline, name), getattr(follow_up, name)
    xb = None if rb is None else _exact(rb)
    xf = None if rf is None else _exact(rf)
    return xb, xf


def imacs_improvement(*, baseline: ImacsCoreSet, follow_up: ImacsCoreSet) -> Outcome:
    r"""IMACS preliminary definition of improvement (DOI), tri-state.

    Parameters
    ----------
    baseline
        Core set at baseline (:class:`ImacsCoreSet`); missing measures are unknown.
    follow_up
        Core set at follow-up, on the same MMT-8 scale.

    Returns
    -------
    Outcome
        ``met`` True when at least 3 of the 6 core set measures improved by >= 20 %, no more
        than 2 worsened by >= 25 %, and MMT-8 is not among the worsened; ``None`` when
        missing measures could change that; one item per measure with its percent change.

    Notes
    -----
    Percent change is relative to the baseline value (higher MMT-8 is better, lower is
    better for the others):

    $$
    \Delta\% = \frac{x_{b} - x_{f}}{x_{b}}\times 100 \quad(\text{MMT-8: } \frac{x_{f} - x_{b}}{x_{b}}\times 100)
    $$

    A measure at 0 at baseline cannot improve (and worsens if it rises at all).
    Comparisons are exact.

    References
    ----------
    1. Rider LG, Giannini EH, Brunner HI, et al. International consensus on preliminary
       definitions of improvement in adult and juvenile myositis. Arthritis Rheum
       2004;50:2281-2290. doi:10.1002/art.20349
    2. Oddis CV, Rider LG, Reed AM, et al. International consensus guidelines for trials of
       therapies in the idiopathic inflammatory myopathies. Arthritis Rheum
       2005;52:2607-2615. doi:10.1002/art.21291

    Examples
    --------
    >>> base = ImacsCoreSet(
    ...     physician_global_cm=5,
    ...     patient_global_cm=5,
    ...     mmt8_total=120,
    ...     haq_di=1,
    ...     muscle_enzyme=400,
    ...     muscle_enzyme_uln=200,
    ...     extramuscular_global_cm=2,
    ... )
    >>> later = ImacsCoreSet(
    ...     physician_global_cm=4,
    ...     patient_global_cm=4,
    ...     mmt8_total=118,
    ...     haq_di=0.8,
    ...     muscle_enzyme=600,
    ...     muscle_enzyme_uln=200,
    ...     extramuscular_global_cm=2,
    ... )
    >>> out = imacs_improvement(baseline=base, follow_up=later)
    >>> out.met, out.values["improved"], out.values["worsened"]
    (True, 3, 1)
    >>> imacs_improvement(baseline=base, follow_up=ImacsCoreSet(physician_global_cm=4)).met is None
    True
    """
    b = _core_set("baseline", baseline)
    f = _core_set("follow_up", follow_up)
    if b.mmt8_scale_max != f.mmt8_scale_max:
        raise InvalidInputError(
            "follow_up.mmt8_scale_max",
            f"must equal baseline.mmt8_scale_max ({b.mmt8_scale_max})",
            f.mmt8_scale_max,
        )
    items: list[Outcome] = []
    improved: list[bool | None] = []
    worsened: list[bool | None] = []
    mmt_worse: bool | None = None
    for name in _DOI_MEASURES:
        xb, xf = _relative(b, f, name)
        if xb is None or xf is None:
            improved.append(None)
            worsened.append(None)
            items.append(
                Outcome(name, None, f"{name} not measured at both visits", missing=(name,))
            )
            continue
        gain = (xf - xb) if name == "mmt8_total" else (xb - xf)  # > 0 is better
        if xb == 0:
            imp, wor = False, gain < 0
            pct: float | None = None
        else:
            imp = gain * 100 >= 20 * xb
            wor = -gain * 100 >= 25 * xb
            attr = "muscle_enzyme" if name == "enzyme_x_uln" else name
            pct = _percent(gain / xb * 100, f"baseline.{attr}", getattr(b, attr))
        improved.append(imp)
        worsened.append(wor)
        if name == "mmt8_total":
            mmt_worse = wor
        state = "improved >= 20 %" if imp else "worsened >= 25 %" if wor else "neither"
        shown = "n/a (baseline 0)" if pct is None else f"{pct:+.1f} %"
        items.append(Outcome(name, imp, f"{name} change {shown}: {state}", values={"percent": pct}))
    three_improved = at_least(3, improved)
    too_many_worse = at_least(3, worsened)
    met_parts = (three_improved, negate(too_many_worse), negate(mmt_worse))
    met: bool | None
    if False in met_parts:
        met = False
    elif None in met_parts:
        met = None
    else:
        met = True
    n_imp = sum(1 for v in improved if v is True)
    n_wor = sum(1 for v in worsened if v is True)
    missing = tuple(m for i in items for m in i.missing) if met is None else ()
    reason = (
        f"{n_imp} of 6 measures improved >= 20 % (need >= 3), {n_wor} worsened >= 25 % "
        f"(allowed <= 2), MMT-8 worsened: {_tri(mmt_worse)}"
    )
    return Outcome(
        "imacs_definition_of_improvement",
        met,
        reason,
        points=n_imp,
        values={"improved": n_imp, "worsened": n_wor},
        missing=missing,
        items=tuple(items),
    )


def _tri(value: bool | None) -> str:  # noqa: FBT001 - a tri-state value
    return "unknown" if value is None else "yes" if value else "no"


# The compiled fast path of the common case (activity_scores/_fast.py, _speedups.c): the same
# value and lazily built Score; every other call runs the function above.
_fast.bind(
    globals(),
    "mmt8",
    "graded_sum",
    names=("grades",),
    required=1,
    positional=1,
    config=(Score, _mmt8_score, _MUSCLE_NAMES, max(_MMT8_GRADES)),
)
