r"""Rheumatoid arthritis: classification, difficult-to-treat RA, functional class, steroid doses.

* :func:`acr_eular_2010_ra`: the 2010 ACR/EULAR classification criteria (Aletaha 2010), scored
  from raw inputs (joint counts, antibody titres with their ULN, CRP/ESR with their ULN,
  symptom duration).
* :func:`eular_difficult_to_treat_ra`: the EULAR definition of difficult-to-treat RA
  (Nagy 2021) from a treatment history (:class:`TreatmentCourse`) and findings; its
  moderate-activity item computes DAS28-ESR and CDAI with
  :func:`~activity_scores.das28_esr` and :func:`~activity_scores.cdai`.
* :func:`acr_1991_functional_class`: the ACR 1991 revised criteria for global functional
  status (Hochberg 1992).
* :func:`prednisone_equivalent_mg`: glucocorticoid doses as prednisone equivalents.
* :func:`sharp_progression`: rapid radiographic progression (>= 5 van der Heijde-modified
  Sharp points per year), annualised from two dated scores.

Every decision at a published cut-off (3 x ULN, 6 weeks, 7.5 mg/day, 5 Sharp points/year) is
taken in exact rational arithmetic on the decimal value the user typed
(``Fraction(repr(x))``), so binary floating point cannot flip it. (Where a float comparison
provably gives the same answer, far from 3 x ULN or between two typed values, it is used
instead: see ``_titre_points``.) Sources are on the docs
page ``docs/ra-classification.md``.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import Any, cast

import attrs

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores._exact import decimal_ratio, exact_float
from activity_scores._logic import all_of, any_of
from activity_scores._rounding import round_half_up
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.results import (
    _DEFERRED,
    EMPTY,
    DiseaseActivity,
    Outcome,
    Score,
    _new,
    deferred_outcome,
)
from activity_scores.scores.rheumatoid import cdai, das28_esr

__all__ = [
    "BetamethasoneEquivalence",
    "DmardClass",
    "FunctionalClass",
    "Glucocorticoid",
    "Mechanism",
    "NonHierarchical",
    "StopReason",
    "TreatmentCourse",
    "acr_1991_functional_class",
    "acr_eular_2010_ra",
    "eular_difficult_to_treat_ra",
    "prednisone_equivalent_mg",
    "sharp_progression",
]

#: Plausible upper limits (documented on the docs page); larger values are refused.
_LARGE_JOINTS = 10  # shoulders, elbows, hips, knees, ankles
_SMALL_JOINTS = 30  # MCP 10, PIP 8, thumb IP 2, MTP 2-5 8, wrists 2
_OTHER_JOINTS = 20  # joints not listed elsewhere (TMJ, AC, SC, ...)
_TITRE_MAX = 100_000  # IU/mL or U/mL: beyond every assay's diluted range
_ULN_MAX = 1_000
_CRP_MAX = 1_000  # mg/L, as for DAS28-CRP
_ESR_MAX = 200  # mm/h, Westergren tube
# The D2T definition's disease-activity inputs: their ranges, shared with the screening
# rule's fast path (rules/indications.py), which must take nothing these refuse.
_JOINTS_28 = 28  # the 28-joint count
_ESR_MIN = 1  # mm/h
_GLOBAL_MM_MAX = 100  # a 100 mm visual analogue scale
_GLOBAL_CM_MAX = 10  # a 10 cm visual analogue scale
_DURATION_WEEKS_MAX = 5_200  # 100 years
_DURATION_DAYS_MAX = 36_500
_DOSE_MAX = 2_000  # mg: above the largest methylprednisolone pulse (1 g)
_SHARP_MAX = 448  # van der Heijde-modified Sharp score: erosions 280 + JSN 168
_CUTOFF_POINTS = 6
_PREDNISONE_TAPER = Fraction(15, 2)  # 7.5 mg/day
_SHARP_RAPID = 5  # points per year


def _exact(value: float) -> Fraction:
    """The decimal number a user typed, exactly: ``Fraction(repr(float(value)))``."""
    return exact_float(float(value))


def _opt_count(field: str, value: object, hi: int) -> int | None:
    if value is None:
        return None
    return _v.count(field, value, 0, hi, "joints")


# ---------------------------------------------------------------------------------------
# ACR/EULAR 2010
# ---------------------------------------------------------------------------------------


def _joint_points(large: int, small: int, other: int) -> int:
    """Joint domain A of Aletaha 2010: the highest category the pattern fits."""
    if small >= 1 and large + small + other > 10:  # noqa: PLR2004 - "> 10 joints, >= 1 small"
        return 5
    if small >= 4:  # noqa: PLR2004 - 4-10 small joints
        return 3
    if small >= 1:
        return 2
    if large >= 2:  # noqa: PLR2004 - 2-10 large joints (also > 10 large + other, no small)
        return 1
    return 0


def _titre_points(value: float, uln: float) -> int:
    """Serology points of one antibody: <= ULN 0, <= 3 x ULN 2, > 3 x ULN 3.

    Decided on the decimals as typed (:func:`_exact`) without converting them (issue 8):
    two floats compare as their shortest decimal reprs do (rounding a decimal to the
    nearest float is monotone, and a repr rounds back to its float), and 3 x ULN, exact for
    integral values, is otherwise within 1e-15 (relative) of ``3 * uln``: only a value
    within 1e-12 of it is converted.
    """
    if value <= uln:
        return 0
    three = 3 * uln
    if value.is_integer() and uln.is_integer():  # 3 x an integral ULN <= 1000 is exact
        return 2 if value <= three else 3
    if value < three * (1 - 1e-12):
        return 2
    if value > three * (1 + 1e-12):
        return 3
    return 2 if _exact(value) <= 3 * _exact(uln) else 3


#: (field, ULN field, upper limit, ULN upper limit, unit) of each lab read with its ULN.
_Lab = tuple[str, str, float, float, str]
_RF: _Lab = ("rf_iu_per_ml", "rf_uln_iu_per_ml", _TITRE_MAX, min(_TITRE_MAX, _ULN_MAX), "IU/mL")
_ACPA: _Lab = ("acpa_u_per_ml", "acpa_uln_u_per_ml", _TITRE_MAX, min(_TITRE_MAX, _ULN_MAX), "U/mL")
_CRP: _Lab = ("crp_mg_per_l", "crp_uln_mg_per_l", _CRP_MAX, min(_CRP_MAX, _ULN_MAX), "mg/L")
_ESR: _Lab = ("esr_mm_per_h", "esr_uln_mm_per_h", _ESR_MAX, min(_ESR_MAX, _ULN_MAX), "mm/h")


def _pair(lab: _Lab, value: object, uln: object) -> tuple[float, float] | None:
    """Validate a lab value with its ULN; both or neither must be given."""
    if value is None and uln is None:
        return None
    field, uln_field, hi, uln_hi, unit = lab
    if value is None or uln is None:
        raise InvalidInputError(
            f"{field} / {uln_field}",
            "a value needs its upper limit of normal and vice versa",
            value if uln is None else uln,
        )
    kind = type(value)
    if (kind is float or kind is int) and 0 < value < hi:  # type: ignore[operator]
        number = float(value)  # type: ignore[arg-type]  # the common case of _v.real
    else:
        number = _v.real(field, value, 0, hi, unit=unit)
    kind = type(uln)
    if (kind is float or kind is int) and 0 < uln < uln_hi:  # type: ignore[operator]
        limit = float(uln)  # type: ignore[arg-type]
    else:
        limit = _v.real(uln_field, uln, 0, uln_hi, lo_open=True, unit=unit)
    return number, limit


def _entry_item(synovitis: bool | None, explained: bool | None) -> Outcome:  # noqa: FBT001
    """The 2010 criteria's entry item from its two answers."""
    entry = (
        False
        if synovitis is False or explained is True
        else None
        if synovitis is None or explained is None
        else True
    )
    entry_missing = (
        ()
        if synovitis is not None and explained is not None
        else ("definite_synovitis",)
        if explained is not None
        else ("synovitis_better_explained_by_other_disease",)
        if synovitis is not None
        else ("definite_synovitis", "synovitis_better_explained_by_other_disease")
    )
    return Outcome(
        "entry",
        entry,
        "at least 1 joint with definite clinical synovitis not better explained by another "
        f"disease: synovitis {synovitis}, better explained {explained}",
        None,
        {"definite_synovitis": synovitis, "better_explained": explained},
        entry_missing if entry is None else (),
    )


def _answer_items(name: str, text: str) -> dict[bool | None, Outcome]:
    """A yes/no item of the 2010 criteria in each of its three states (EMPTY values)."""
    return {
        value: Outcome(
            name, value, f"{text}: {value}", None, EMPTY, (name,) if value is None else ()
        )
        for value in (True, False, None)
    }


_TRI = (True, False, None)
#: The entry item for each pair of answers, and the erosions and previously-fulfilled items
#: for each answer, built once at import and shared, their values read-only (issue 8).
_ENTRY_ITEMS = {
    (synovitis, explained): Outcome(
        item.name,
        item.met,
        item.reason,
        item.points,
        MappingProxyType(dict(item.values)),
        item.missing,
    )
    for synovitis in _TRI
    for explained in _TRI
    for item in (_entry_item(synovitis, explained),)
}
_EROSIONS_ITEMS = _answer_items(
    "typical_erosions", "erosive disease typical of RA with a compatible history"
)
_PREVIOUS_ITEMS = _answer_items(
    "previously_fulfilled", "long-standing disease that previously fulfilled the 2010 criteria"
)


def acr_eular_2010_ra(
    *,
    definite_synovitis: bool | None,
    synovitis_better_explained_by_other_disease: bool | None,
    large_joints: int | None,
    small_joints: int | None,
    other_joints: int = 0,
    rf_iu_per_ml: float | None = None,
    rf_uln_iu_per_ml: float | None = None,
    acpa_u_per_ml: float | None = None,
    acpa_uln_u_per_ml: float | None = None,
    crp_mg_per_l: float | None = None,
    crp_uln_mg_per_l: float | None = None,
    esr_mm_per_h: float | None = None,
    esr_uln_mm_per_h: float | None = None,
    symptom_duration_weeks: float | None = None,
    symptom_duration_days: int | None = None,
    typical_erosions: bool | None = None,
    previously_fulfilled: bool | None = None,
) -> Outcome:
    r"""2010 ACR/EULAR classification criteria for rheumatoid arthritis (Aletaha 2010).

    Parameters
    ----------
    definite_synovitis
        At least one joint with definite clinical synovitis (swelling): entry condition 1.
    synovitis_better_explained_by_other_disease
        The synovitis is better explained by another disease (SLE, PsA, gout, ...):
        entry condition 2 requires ``False``.
    large_joints
        Involved (swollen or tender) large joints: shoulders, elbows, hips, knees, ankles.
        [count], 0-10. ``None`` if not examined.
    small_joints
        Involved small joints: MCPs, PIPs, thumb IPs, MTPs 2-5, wrists (DIPs, first CMC and
        first MTP joints are excluded). [count], 0-30. ``None`` if not examined.
    other_joints
        Involved joints not listed elsewhere (temporomandibular, acromioclavicular,
        sternoclavicular, ...); they count only towards the "> 10 joints" category.
        [count], 0-20.
    rf_iu_per_ml, rf_uln_iu_per_ml
        Rheumatoid factor and the laboratory's upper limit of normal for that assay.
        [IU/mL], value 0-100000, ULN > 0 to 1000. Give both or neither.
    acpa_u_per_ml, acpa_uln_u_per_ml
        Anti-citrullinated protein antibody (anti-CCP) and its ULN, in the assay's units.
        [U/mL], value 0-100000, ULN > 0 to 1000. Give both or neither.
    crp_mg_per_l, crp_uln_mg_per_l
        C-reactive protein and the laboratory's ULN. [mg/L], value 0-1000, ULN > 0 to 1000.
    esr_mm_per_h, esr_uln_mm_per_h
        Erythrocyte sedimentation rate and the laboratory's (age/sex) ULN. [mm/h], value 0-200,
        ULN > 0 to 200.
    symptom_duration_weeks
        Patient-reported duration of synovitis symptoms of the joints involved now.
        [weeks], 0-5200. Give at most one of weeks and days.
    symptom_duration_days
        The same in days. [days], 0-36500.
    typical_erosions
        Erosive disease typical of RA with a history compatible with prior fulfilment of the
        2010 criteria (the erosions route). ``None`` if not assessed.
    previously_fulfilled
        Long-standing disease that, on retrospectively available data, previously fulfilled
        the 2010 criteria. ``None`` if not known.

    Returns
    -------
    Outcome
        ``met`` True for definite RA; ``points`` the score (known points when unknown);
        items ``entry``, ``joints``, ``serology``, ``acute_phase``, ``duration``,
        ``score``, ``typical_erosions``, ``previously_fulfilled``.

    Notes
    -----
    $$
    \text{RA} \iff \big(\text{entry} \wedge A + B + C + D \ge 6\big) \vee \text{typical erosions} \vee \text{previously fulfilled}
    $$

    A joints: 1 large 0; 2-10 large 1; 1-3 small 2; 4-10 small 3; > 10 joints with at least
    one small 5 (the highest category the pattern fits). More than 10 large joints with no
    small joint is not covered by the table; it scores 1 (the 2-10 large row, the highest
    it fits). B serology (the higher of RF and ACPA): negative (<= ULN) 0, low positive
    (> ULN, <= 3 x ULN) 2, high positive (> 3 x ULN) 3. C acute-phase reactants: CRP and ESR
    normal (<= ULN) 0, CRP or ESR abnormal (> ULN) 1. D duration: < 6 weeks 0, >= 6 weeks 1.
    At least one serology and one acute-phase test are needed for classification, so
    without them the score route is never met (unknown, unless even full points would not
    reach 6). Missing domains give an unknown only when they could change the outcome.

    References
    ----------
    1. Aletaha D, Neogi T, Silman AJ, et al. 2010 Rheumatoid arthritis classification
       criteria. Arthritis Rheum 2010;62:2569-2581. doi:10.1002/art.27584
    2. The same, Ann Rheum Dis 2010;69:1580-1588. doi:10.1136/ard.2010.138461

    Examples
    --------
    >>> o = acr_eular_2010_ra(
    ...     definite_synovitis=True,
    ...     synovitis_better_explained_by_other_disease=False,
    ...     large_joints=1,
    ...     small_joints=4,
    ...     rf_iu_per_ml=45,
    ...     rf_uln_iu_per_ml=14,
    ...     crp_mg_per_l=12,
    ...     crp_uln_mg_per_l=5,
    ...     symptom_duration_weeks=8,
    ... )
    >>> o.met, o.points
    (True, 8)
    """
    synovitis = _v.optional_flag("definite_synovitis", definite_synovitis)
    explained = _v.optional_flag(
        "synovitis_better_explained_by_other_disease", synovitis_better_explained_by_other_disease
    )
    erosions = _v.optional_flag("typical_erosions", typical_erosions)
    previous = _v.optional_flag("previously_fulfilled", previously_fulfilled)
    large = _opt_count("large_joints", large_joints, _LARGE_JOINTS)
    small = _opt_count("small_joints", small_joints, _SMALL_JOINTS)
    other = (
        other_joints
        if type(other_joints) is int and 0 <= other_joints <= _OTHER_JOINTS
        else _v.count("other_joints", other_joints, 0, _OTHER_JOINTS, "joints")
    )
    rf = _pair(_RF, rf_iu_per_ml, rf_uln_iu_per_ml)
    acpa = _pair(_ACPA, acpa_u_per_ml, acpa_uln_u_per_ml)
    crp = _pair(_CRP, crp_mg_per_l, crp_uln_mg_per_l)
    esr = _pair(_ESR, esr_mm_per_h, esr_uln_mm_per_h)
    if symptom_duration_weeks is not None and symptom_duration_days is not None:
        raise InvalidInputError(
            "symptom_duration_weeks / symptom_duration_days",
            "give at most one of 'symptom_duration_weeks' or 'symptom_duration_days'",
            "both",
        )
    # The duration in days as a float, and whether it reaches 6 weeks (42 days), decided on
    # the exact decimal: weeks >= 6 as floats is D(weeks) >= 6 (see _titre_points).
    duration_days: float | None = None
    long_enough = False
    if symptom_duration_weeks is not None:
        weeks = _v.real(
            "symptom_duration_weeks", symptom_duration_weeks, 0, _DURATION_WEEKS_MAX, unit="weeks"
        )
        duration_days, long_enough = _weeks(weeks)
    elif symptom_duration_days is not None:
        days = _v.count(
            "symptom_duration_days", symptom_duration_days, 0, _DURATION_DAYS_MAX, "days"
        )
        duration_days = float(days)
        long_enough = days >= 42  # noqa: PLR2004 - 6 weeks = 42 days

    return _acr_eular_2010(
        synovitis,
        explained,
        erosions,
        previous,
        large,
        small,
        other,
        rf,
        acpa,
        crp,
        esr,
        duration_days,
        long_enough,
    )


def _weeks(weeks: float) -> tuple[float, bool]:
    """A checked symptom duration in weeks: (its days as a float, whether it reaches 6 weeks)."""
    # Integral weeks (<= 5200) in integers (as _exact: -0.0 weeks is 0.0 days).
    days = float(int(weeks) * 7) if weeks.is_integer() else float(_exact(weeks) * 7)
    return days, weeks >= 6  # noqa: PLR2004 - 6 weeks


def _acr_eular_2010(  # noqa: C901, PLR0912, PLR0915, PLR0917 - one decision per published domain
    synovitis: bool | None,  # noqa: FBT001 - a private core, positionally
    explained: bool | None,  # noqa: FBT001
    erosions: bool | None,  # noqa: FBT001
    previous: bool | None,  # noqa: FBT001
    large: int | None,
    small: int | None,
    other: int,
    rf: tuple[float, float] | None,
    acpa: tuple[float, float] | None,
    crp: tuple[float, float] | None,
    esr: tuple[float, float] | None,
    duration_days: float | None,
    long_enough: bool,  # noqa: FBT001
) -> Outcome:
    """:func:`acr_eular_2010_ra` of its checked inputs (each lab as (value, ULN) floats).

    The decision (the points of each domain, ``met``, ``missing``) is taken here; the
    reason, values and items are built from its numbers when first read
    (:func:`_acr_eular_2010_details`, issue 8).
    """
    missing: list[str] = []

    # Entry: the item built once at import for these two answers (issue 8)
    entry_item = _ENTRY_ITEMS[synovitis, explained]
    entry = entry_item.met

    # A. Joints. The points never fall as a count rises, so the fewest and the most a
    # missing count could give are those of its lowest (0) and highest plausible count.
    if large is not None and small is not None:
        joints_lo = joints_hi = _joint_points(large, small, other)
        joint_missing: tuple[str, ...] = ()
    else:
        joints_lo = _joint_points(large or 0, small or 0, other)
        joints_hi = _joint_points(
            _LARGE_JOINTS if large is None else large,
            _SMALL_JOINTS if small is None else small,
            other,
        )
        joint_missing = (
            ("large_joints", "small_joints")
            if large is None and small is None
            else ("large_joints",)
            if large is None
            else ("small_joints",)
        )
        if joints_lo != joints_hi:
            missing.extend(joint_missing)

    # B. Serology: the higher of RF and ACPA; an untested antibody could still add.
    sero_known = 0
    rf_points = acpa_points = 0
    if rf is not None:
        value, uln = rf
        # _titre_points(value, uln), its two commonest cases inline
        rf_points = (
            0
            if value <= uln
            else (2 if value <= 3 * uln else 3)
            if value.is_integer() and uln.is_integer()
            else _titre_points(value, uln)
        )
        sero_known = rf_points
    if acpa is not None:
        value, uln = acpa
        acpa_points = (
            0
            if value <= uln
            else (2 if value <= 3 * uln else 3)
            if value.is_integer() and uln.is_integer()
            else _titre_points(value, uln)
        )
        sero_known = max(sero_known, acpa_points)
    sero_missing = (
        ()
        if rf is not None and acpa is not None
        else ("acpa_u_per_ml",)
        if rf is not None
        else ("rf_iu_per_ml",)
        if acpa is not None
        else ("rf_iu_per_ml", "acpa_u_per_ml")
    )
    sero_hi = 3 if sero_missing else sero_known
    if sero_known != sero_hi:
        missing.extend(sero_missing)

    # C. Acute-phase reactants: abnormal above the ULN (exact as floats, see _titre_points).
    apr_known = 0
    if crp is not None:
        apr_known = 1 if crp[0] > crp[1] else 0
    if esr is not None and esr[0] > esr[1]:
        apr_known = 1
    apr_missing = (
        ()
        if crp is not None and esr is not None
        else ("esr_mm_per_h",)
        if crp is not None
        else ("crp_mg_per_l",)
        if esr is not None
        else ("crp_mg_per_l", "esr_mm_per_h")
    )
    apr_hi = 1 if apr_missing else apr_known
    if apr_known != apr_hi:
        missing.extend(apr_missing)

    # D. Duration.
    dur_pts: int | None
    if duration_days is None:
        dur_pts = None
        missing.append("symptom_duration_weeks")
    else:
        dur_pts = 1 if long_enough else 0

    # Score.
    known = joints_lo + sero_known + apr_known + (dur_pts or 0)
    extra = (joints_hi - joints_lo) + (sero_hi - sero_known) + (apr_hi - apr_known)
    extra += 1 if dur_pts is None else 0
    # As points_reach of the known and missing points against the cut-off, inline
    score_met = (
        True if known >= _CUTOFF_POINTS else False if known + extra < _CUTOFF_POINTS else None
    )
    if score_met is True and ((rf is None and acpa is None) or (crp is None and esr is None)):
        score_met = None  # a test result in B and in C is required for classification
    score_missing = tuple(dict.fromkeys(missing)) if score_met is None else ()
    # Kleene AND of entry and score, then OR with the erosions and prior-fulfilment routes, inline
    score_route = (
        False
        if entry is False or score_met is False
        else None
        if entry is None or score_met is None
        else True
    )
    met = (
        True
        if score_route or erosions or previous
        else None
        if score_route is None or erosions is None or previous is None
        else False
    )
    if met is None:
        needed: list[str] = []
        if score_route is None:
            needed.extend(entry_item.missing if entry is None else ())
            needed.extend(score_missing)
        needed.extend(
            name
            for name, flag in (("typical_erosions", erosions), ("previously_fulfilled", previous))
            if flag is None
        )
        final_missing = tuple(dict.fromkeys(needed))
    else:
        final_missing = ()
    return deferred_outcome(
        "acr_eular_2010_ra",
        met,
        known,
        final_missing,
        (
            _acr_eular_2010_details,
            synovitis,
            explained,
            erosions,
            previous,
            large,
            small,
            other,
            rf,
            acpa,
            crp,
            esr,
            duration_days,
            joints_lo,
            joints_hi,
            joint_missing,
            rf_points,
            acpa_points,
            sero_known,
            sero_hi,
            sero_missing,
            apr_known,
            apr_hi,
            apr_missing,
            dur_pts,
            known,
            extra,
            score_met,
            score_missing,
            score_route,
            met,
            final_missing,
        ),
    )


def _acr_eular_2010_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_acr_eular_2010`'s outcome, from its numbers."""
    (
        _,
        synovitis,
        explained,
        erosions,
        previous,
        large,
        small,
        other,
        rf,
        acpa,
        crp,
        esr,
        duration_days,
        joints_lo,
        joints_hi,
        joint_missing,
        rf_points,
        acpa_points,
        sero_known,
        sero_hi,
        sero_missing,
        apr_known,
        apr_hi,
        apr_missing,
        dur_pts,
        known,
        extra,
        score_met,
        score_missing,
        score_route,
        met,
        final_missing,
    ) = state
    entry_item = _ENTRY_ITEMS[synovitis, explained]
    entry = entry_item.met

    # A. Joints.
    if joints_lo == joints_hi:
        joints_item = Outcome(
            "joints",
            joints_lo > 0,
            f"{large} large, {small} small, {other} other joints: {joints_lo} points",
            joints_lo,
            {"large_joints": large, "small_joints": small, "other_joints": other},
            (),
        )
    else:
        joints_item = Outcome(
            "joints",
            None,
            f"joint counts missing ({', '.join(joint_missing)}): {joints_lo}-{joints_hi} points",
            None,
            {"large_joints": large, "small_joints": small, "other_joints": other},
            joint_missing,
        )

    # B. Serology: each part's text joined as "; ".join(parts) would.
    sero_text = ""
    if rf is not None:
        value, uln = rf
        sero_text = f"RF {value!r} (ULN {uln!r}): {rf_points}"
    if acpa is not None:
        value, uln = acpa
        text = f"ACPA {value!r} (ULN {uln!r}): {acpa_points}"
        sero_text = f"{sero_text}; {text}" if sero_text else text
    sero_decided = sero_known == sero_hi
    sero_item = Outcome(
        "serology",
        (sero_known > 0) if sero_decided else None,
        f"{sero_text} -> {sero_known} points"
        if sero_text
        else "no RF or ACPA result: at least 1 is needed for classification",
        sero_known if sero_decided else None,
        {"rf": rf, "acpa": acpa},
        () if sero_decided else sero_missing,
    )

    # C. Acute-phase reactants.
    apr_text = ""
    if crp is not None:
        value, uln = crp
        apr_text = f"CRP {value!r} (ULN {uln!r}) {'abnormal' if value > uln else 'normal'}"
    if esr is not None:
        value, uln = esr
        text = f"ESR {value!r} (ULN {uln!r}) {'abnormal' if value > uln else 'normal'}"
        apr_text = f"{apr_text}; {text}" if apr_text else text
    apr_decided = apr_known == apr_hi
    apr_item = Outcome(
        "acute_phase",
        (apr_known == 1) if apr_decided else None,
        f"{apr_text or 'no CRP or ESR result: at least 1 is needed'} -> {apr_known} "
        f"point{'s' if apr_known != 1 else ''}",
        apr_known if apr_decided else None,
        {"crp": crp, "esr": esr},
        () if apr_decided else apr_missing,
    )

    # D. Duration.
    duration_item = (
        Outcome(
            "duration",
            None,
            "symptom duration not given",
            None,
            {"symptom_duration_days": duration_days},
            ("symptom_duration_weeks",),
        )
        if dur_pts is None
        else Outcome(
            "duration",
            dur_pts == 1,
            f"symptoms {duration_days!r} days ({'>=' if dur_pts else '<'} 6 weeks)"
            f" -> {dur_pts} point{'s' * (dur_pts != 1)}",
            dur_pts,
            {"symptom_duration_days": duration_days},
            (),
        )
    )

    # Score.
    score_reason = (
        f"{known} points (A {joints_lo}, B {sero_known}, C {apr_known}, D {dur_pts})"
        if extra == 0
        else f"{known} known points, up to {known + extra} with missing domains"
    )
    score_item = Outcome(
        "score",
        score_met,
        f"{score_reason}; >= 6 of 10 needed",
        known,
        {"known_points": known, "missing_points_max": extra},
        score_missing,
    )
    if met is True:
        route = (
            "score route"
            if score_route
            else ("typical erosions route" if erosions else "previously fulfilled")
        )
        reason = f"definite RA by the {route}: {score_reason}"
    elif met is False:
        reason = (
            f"not classified as RA: {score_reason}, entry {entry}, no erosions or prior fulfilment"
        )
    else:
        reason = f"unknown: {score_reason}; missing {', '.join(final_missing)}"
    return (
        reason,
        {"points": known, "entry": entry},
        (
            entry_item,
            joints_item,
            sero_item,
            apr_item,
            duration_item,
            score_item,
            _EROSIONS_ITEMS[erosions],  # built once at import (issue 8)
            _PREVIOUS_ITEMS[previous],
        ),
    )


# ---------------------------------------------------------------------------------------
# Glucocorticoid equivalents
# ---------------------------------------------------------------------------------------


class Glucocorticoid(str, Enum):
    """Systemic glucocorticoids accepted by :func:`prednisone_equivalent_mg`."""

    PREDNISONE = "prednisone"
    PREDNISOLONE = "prednisolone"
    METHYLPREDNISOLONE = "methylprednisolone"
    HYDROCORTISONE = "hydrocortisone"
    CORTISONE = "cortisone"
    DEXAMETHASONE = "dexamethasone"
    BETAMETHASONE = "betamethasone"
    TRIAMCINOLONE = "triamcinolone"
    DEFLAZACORT = "deflazacort"


class BetamethasoneEquivalence(str, Enum):
    """Which betamethasone dose equals 5 mg prednisone (the sources disagree by 25 %).

    ``bnf`` (default): 0.75 mg (BNF table of equivalent anti-inflammatory doses; the US
    prednisolone label). ``meikle_tyler``: 0.6 mg (Meikle & Tyler 1977 and the pharmacology
    tables derived from it).
    """

    BNF = "bnf"
    MEIKLE_TYLER = "meikle_tyler"


#: mg of each drug equivalent in anti-inflammatory (glucocorticoid) effect to 5 mg prednisone.
_EQUIVALENT_TO_5_MG: dict[Glucocorticoid, Fraction] = {
    Glucocorticoid.PREDNISONE: Fraction(5),
    Glucocorticoid.PREDNISOLONE: Fraction(5),
    Glucocorticoid.METHYLPREDNISOLONE: Fraction(4),
    Glucocorticoid.HYDROCORTISONE: Fraction(20),
    Glucocorticoid.CORTISONE: Fraction(25),
    Glucocorticoid.DEXAMETHASONE: Fraction(3, 4),
    Glucocorticoid.BETAMETHASONE: Fraction(3, 4),
    Glucocorticoid.TRIAMCINOLONE: Fraction(4),
    Glucocorticoid.DEFLAZACORT: Fraction(6),
}
_BETAMETHASONE = {
    BetamethasoneEquivalence.BNF: Fraction(3, 4),
    BetamethasoneEquivalence.MEIKLE_TYLER: Fraction(3, 5),
}


def _factor(member: Glucocorticoid, table: BetamethasoneEquivalence) -> Fraction:
    """Mg prednisone per mg of ``member``: 5 mg over the dose equivalent to 5 mg prednisone."""
    per_5 = (
        _BETAMETHASONE[table]
        if member is Glucocorticoid.BETAMETHASONE
        else _EQUIVALENT_TO_5_MG[member]
    )
    return 5 / per_5


#: (numerator, denominator, float) of each factor, computed once (issue 8).
_FACTORS = {
    key: (factor.numerator, factor.denominator, float(factor))
    for key, factor in (
        ((member, table), _factor(member, table))
        for member in Glucocorticoid
        for table in BetamethasoneEquivalence
    )
}


def _prednisone_exact(
    drug: object,
    dose_mg: object,
    betamethasone: object,
    field: str = "dose_mg",
    drug_field: str = "drug",
) -> tuple[Fraction, Glucocorticoid, Fraction, BetamethasoneEquivalence]:
    member = _v.choice(drug_field, drug, Glucocorticoid)
    table = _v.choice("betamethasone", betamethasone, BetamethasoneEquivalence)
    dose = _v.real(field, dose_mg, 0, _DOSE_MAX, unit="mg")
    factor = _factor(member, table)
    return _exact(dose) * factor, member, factor, table


def prednisone_equivalent_mg(
    *,
    drug: Glucocorticoid | str,
    dose_mg: float,
    betamethasone: BetamethasoneEquivalence | str = BetamethasoneEquivalence.BNF,
) -> Score:
    r"""Dose of a systemic glucocorticoid expressed as the prednisone-equivalent dose.

    Parameters
    ----------
    drug
        One of ``prednisone``, ``prednisolone``, ``methylprednisolone``, ``hydrocortisone``,
        ``cortisone``, ``dexamethasone``, ``betamethasone``, ``triamcinolone``,
        ``deflazacort`` (:class:`Glucocorticoid`); anything else raises
        :class:`~activity_scores.InvalidInputError`.
    dose_mg
        Dose of ``drug`` (a daily dose for daily comparisons). [mg], 0-2000.
    betamethasone
        ``"bnf"`` (default, 0.75 mg = 5 mg prednisone) or ``"meikle_tyler"`` (0.6 mg);
        see :class:`BetamethasoneEquivalence`. Affects betamethasone only.

    Returns
    -------
    Score
        ``value`` in mg prednisone equivalent; ``components`` holds the ``factor`` used;
        ``variant`` the betamethasone table.

    Notes
    -----
    $$
    \text{prednisone-equivalent mg} = \text{dose} \times \frac{5\ \text{mg}}{E_{\text{drug}}}
    $$

    $E$ (mg equivalent to 5 mg prednisone/prednisolone; BNF table of equivalent
    anti-inflammatory doses): prednisone 5, prednisolone 5, methylprednisolone 4,
    hydrocortisone 20, cortisone (acetate) 25, dexamethasone 0.75, betamethasone 0.75
    (0.6 in Meikle & Tyler 1977), triamcinolone 4, deflazacort 6. Glucocorticoid
    (anti-inflammatory) potency only: mineralocorticoid effects and duration of action
    differ. "Prednisone equivalent" as the common unit follows Buttgereit et al. 2002.

    References
    ----------
    1. British National Formulary, chapter 6.3.2 Glucocorticoid therapy: equivalent
       anti-inflammatory doses of corticosteroids. https://bnf.nice.org.uk
    2. Meikle AW, Tyler FH. Potency and duration of action of glucocorticoids. Am J Med
       1977;63:200-207. doi:10.1016/0002-9343(77)90233-9
    3. Buttgereit F, da Silva JAP, Boers M, et al. Standardised nomenclature for glucocorticoid
       dosages and glucocorticoid treatment regimens. Ann Rheum Dis 2002;61:718-722.
       doi:10.1136/ard.61.8.718

    Examples
    --------
    >>> prednisone_equivalent_mg(drug="methylprednisolone", dose_mg=6).value
    7.5
    >>> prednisone_equivalent_mg(drug="betamethasone", dose_mg=0.9).value
    6.0
    >>> prednisone_equivalent_mg(
    ...     drug="betamethasone", dose_mg=0.9, betamethasone="meikle_tyler"
    ... ).value
    7.5
    """
    # The common case first (issue 8): a known drug name, the default table, a plain
    # float or int dose strictly inside the range; anything else through the validators,
    # in the same order (drug, table, dose) and with the same messages.
    member = _DRUG_BY_NAME.get(drug) if type(drug) is str else None
    if member is None:
        member = _v.choice("drug", drug, Glucocorticoid)
    table = betamethasone
    if table is not _BNF:
        table = _v.choice("betamethasone", betamethasone, BetamethasoneEquivalence)
    kind = type(dose_mg)
    if (kind is float or kind is int) and 0 < dose_mg < _DOSE_MAX:
        dose = float(dose_mg)
    else:
        dose = _v.real("dose_mg", dose_mg, 0, _DOSE_MAX, unit="mg")
    numerator, denominator, factor = _FACTORS[member, table]
    parts = decimal_ratio(dose)
    if parts is None:  # an exponent form: through Fraction, as _prednisone_exact
        value = float(_exact(dose) * Fraction(numerator, denominator))
    else:  # the same exact product, correctly rounded (issue 8)
        value = (parts[0] * numerator) / (parts[1] * denominator)
    # lazy_score(value, None, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = None
    fields[_DEFERRED] = (_prednisone_score, member, dose, table, factor)
    return score


def _prednisone_score(value: float, category: None, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete prednisone-equivalent Score (``lazy_score`` in results.py)."""
    _, member, dose, table, factor = state
    return {
        "instrument": "prednisone equivalent",
        "value": value,
        "category": category,
        "unit": "mg",
        "inputs": {"drug": member, "dose_mg": dose, "betamethasone": table},
        "components": {"factor": factor},
        "variant": table.value,
        "precision": None,
    }


_BNF = BetamethasoneEquivalence.BNF
#: Drug members by name (a str Enum's value), looked up without Enum.__call__.
_DRUG_BY_NAME: dict[object, Glucocorticoid] = {m.value: m for m in Glucocorticoid}


# ---------------------------------------------------------------------------------------
# Sharp progression
# ---------------------------------------------------------------------------------------


def _date(field: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputTypeError(field, "must be a datetime.date", value)
    return value


def _add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _years_between(start: dt.date, end: dt.date) -> Fraction:
    """Exact years from ``start`` to ``end``: whole anniversaries plus the fraction of the next."""
    whole = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        whole -= 1
    anchor = _add_years(start, whole)
    length = (_add_years(start, whole + 1) - anchor).days
    return whole + Fraction((end - anchor).days, length)


def sharp_progression(
    *,
    baseline_score: float,
    baseline_date: dt.date,
    follow_up_score: float,
    follow_up_date: dt.date,
) -> Outcome:
    r"""Rapid radiographic progression: >= 5 van der Heijde-modified Sharp points per year.

    Parameters
    ----------
    baseline_score
        van der Heijde-modified Sharp score at baseline. [points], 0-448.
    baseline_date
        Date of the baseline radiographs (``datetime.date``).
    follow_up_score
        The score at follow-up. [points], 0-448.
    follow_up_date
        Date of the follow-up radiographs, after ``baseline_date``, within 50 years.

    Returns
    -------
    Outcome
        ``met`` True when the annualised change is >= 5 points/year;
        ``values['points_per_year']``.

    Notes
    -----
    $$
    \text{rate} = \frac{S_{\text{follow-up}} - S_{\text{baseline}}}{t_{\text{years}}} \ge 5
    $$

    The threshold is the footnote of the EULAR difficult-to-treat RA definition (Nagy 2021):
    a change in van der Heijde-modified Sharp score >= 5 points at 1 year. The interval
    $t$ is counted in calendar years: whole anniversaries of the baseline date plus the
    elapsed fraction of the next anniversary year (so 1 March to 1 March is exactly one
    year, leap day or not). Other intervals are annualised linearly; the decision is taken
    in exact arithmetic. Very short intervals extrapolate reading error: prefer about a year.

    References
    ----------
    1. Nagy G, Roodenrijs NMT, Welsing PMJ, et al. EULAR definition of difficult-to-treat
       rheumatoid arthritis. Ann Rheum Dis 2021;80:31-35. doi:10.1136/annrheumdis-2020-217344
    2. van der Heijde D. How to read radiographs according to the Sharp/van der Heijde
       method. J Rheumatol 2000;27:261-263. PMID 10648051

    Examples
    --------
    >>> from datetime import date
    >>> o = sharp_progression(
    ...     baseline_score=12,
    ...     baseline_date=date(2023, 3, 1),
    ...     follow_up_score=16,
    ...     follow_up_date=date(2023, 12, 1),
    ... )
    >>> o.met, round(o.values["points_per_year"], 2)
    (True, 5.32)
    """
    base = _v.real("baseline_score", baseline_score, 0, _SHARP_MAX, unit="points")
    follow = _v.real("follow_up_score", follow_up_score, 0, _SHARP_MAX, unit="points")
    start = _date("baseline_date", baseline_date)
    end = _date("follow_up_date", follow_up_date)
    days = (end - start).days
    if not 0 < days <= 50 * 366:
        raise InvalidInputError(
            "follow_up_date", "must be after 'baseline_date' and within 50 years", end
        )
    years = _years_between(start, end)
    rate = (_exact(follow) - _exact(base)) / years
    met = rate >= _SHARP_RAPID
    return Outcome(
        "sharp_progression",
        met,
        f"{float(rate):.2f} Sharp points/year ({follow!r} - {base!r} over {days} days) "
        f"{'>=' if met else '<'} 5",
        values={
            "points_per_year": float(rate),
            "change_points": follow - base,
            "interval_days": days,
            "interval_years": float(years),
        },
    )


# ---------------------------------------------------------------------------------------
# ACR 1991 functional class
# ---------------------------------------------------------------------------------------


class FunctionalClass(str, Enum):
    """ACR 1991 revised classes of global functional status in RA (Hochberg 1992)."""

    I = "I"  # noqa: E741 - the published class name
    II = "II"
    III = "III"
    IV = "IV"


class NonHierarchical(str, Enum):
    """What :func:`acr_1991_functional_class` does with a pattern the classes do not describe.

    ``reject`` (default): raise :class:`~activity_scores.InvalidInputError`.
    ``most_limited``: use the class of the most basic limited domain (self-care limited ->
    IV; else vocational limited -> III), the conservative choice for an exclusion rule.
    """

    REJECT = "reject"
    MOST_LIMITED = "most_limited"


#: The nested patterns (self-care, vocational, avocational limited) and their class, built
#: once (issue 8: on Python 3.11 each ``FunctionalClass.X`` costs a Python-level call).
_NESTED_CLASSES = {
    (False, False, False): FunctionalClass.I,
    (False, False, True): FunctionalClass.II,
    (False, True, True): FunctionalClass.III,
    (True, True, True): FunctionalClass.IV,
}
_CLASS_NUMBER = {cls: number for number, cls in enumerate(FunctionalClass, start=1)}


def acr_1991_functional_class(
    *,
    self_care_limited: bool,
    vocational_limited: bool,
    avocational_limited: bool,
    non_hierarchical: NonHierarchical | str = NonHierarchical.REJECT,
) -> Score:
    r"""ACR 1991 revised criteria for the classification of global functional status in RA.

    Parameters
    ----------
    self_care_limited
        Limited in usual self-care (dressing, feeding, bathing, grooming, toileting).
    vocational_limited
        Limited in usual vocational activities (work, school, homemaking), as desired by
        the patient and appropriate to age and sex.
    avocational_limited
        Limited in usual avocational activities (recreational, leisure).
    non_hierarchical
        ``"reject"`` (default) or ``"most_limited"``: see :class:`NonHierarchical`.

    Returns
    -------
    Score
        ``value`` 1-4; ``category`` a :class:`FunctionalClass`.

    Notes
    -----
    Class I: able to perform usual activities of daily living (self-care, vocational,
    avocational). II: able in self-care and vocational, limited in avocational. III: able in
    self-care, limited in vocational and avocational. IV: limited in self-care, vocational
    and avocational. The four classes are nested; other patterns (for example self-care
    limited while work is not) are not described by the source.

    References
    ----------
    1. Hochberg MC, Chang RW, Dwosh I, et al. The American College of Rheumatology 1991
       revised criteria for the classification of global functional status in rheumatoid
       arthritis. Arthritis Rheum 1992;35:498-502. doi:10.1002/art.1780350502

    Examples
    --------
    >>> acr_1991_functional_class(
    ...     self_care_limited=False, vocational_limited=True, avocational_limited=True
    ... ).category.value
    'III'
    """
    # The common case first (issue 8): three bools in a nested pattern and the default
    # policy; everything else through the validators, with their messages.
    given: tuple[object, object, object] = (
        self_care_limited,
        vocational_limited,
        avocational_limited,
    )  # as typed by the caller, not as annotated: checked here
    cls = (
        _NESTED_CLASSES.get(given)  # type: ignore[arg-type]  # three bools, checked below
        if type(given[0]) is bool
        and type(given[1]) is bool
        and type(given[2]) is bool
        and non_hierarchical is _REJECT
        else None
    )
    pattern = (self_care_limited, vocational_limited, avocational_limited)
    if cls is not None:
        # lazy_score(value, category, state), inlined: the other fields built on demand.
        score = _new(Score)
        fields = score.__dict__
        fields["value"] = _CLASS_VALUE[cls]
        fields["category"] = cls
        fields[_DEFERRED] = (_functional_class_score, pattern, None)
        return score
    care = _v.flag("self_care_limited", self_care_limited)
    work = _v.flag("vocational_limited", vocational_limited)
    leisure = _v.flag("avocational_limited", avocational_limited)
    policy = _v.choice("non_hierarchical", non_hierarchical, NonHierarchical)
    pattern = (care, work, leisure)
    cls = _NESTED_CLASSES.get(pattern)
    variant = None
    if cls is None:
        if policy is NonHierarchical.REJECT:
            raise InvalidInputError(
                "self_care_limited / vocational_limited / avocational_limited",
                "must form one of the nested ACR 1991 patterns (a limitation in self-care "
                "implies vocational and avocational ones; vocational implies avocational); "
                "pass non_hierarchical='most_limited' to map it",
                pattern,
            )
        cls = FunctionalClass.IV if care else FunctionalClass.III
        variant = "most_limited"
    return Score(
        *_functional_class_score(_CLASS_VALUE[cls], cls, (None, pattern, variant)).values()
    )


def _functional_class_score(
    value: float, category: FunctionalClass, state: tuple[Any, ...]
) -> dict[str, Any]:
    """The fields of the complete functional-class Score (``lazy_score`` in results.py)."""
    _, (care, work, leisure), variant = state
    return {
        "instrument": "ACR 1991 functional class",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {
            "self_care_limited": care,
            "vocational_limited": work,
            "avocational_limited": leisure,
        },
        "components": EMPTY,
        "variant": variant,
        "precision": None,
    }


_REJECT = NonHierarchical.REJECT
#: The class's number as the Score's value (1.0 to 4.0).
_CLASS_VALUE = {cls: float(number) for cls, number in _CLASS_NUMBER.items()}


# ---------------------------------------------------------------------------------------
# EULAR difficult-to-treat RA
# ---------------------------------------------------------------------------------------


class DmardClass(str, Enum):
    """DMARD classes (Smolen 2014 nomenclature): conventional synthetic, biological, targeted synthetic."""

    CSDMARD = "csDMARD"
    BDMARD = "bDMARD"
    TSDMARD = "tsDMARD"


class Mechanism(str, Enum):
    """Mechanism of action of a b/tsDMARD (two drugs of one mechanism count once)."""

    TNF = "tnf"  # adalimumab, certolizumab, etanercept, golimumab, infliximab
    IL6 = "il6"  # tocilizumab, sarilumab (IL-6 receptor), olokizumab
    CD20 = "cd20"  # rituximab
    COSTIMULATION = "costimulation"  # abatacept (CD80/86)
    IL1 = "il1"  # anakinra
    JAK = "jak"  # tofacitinib, baricitinib, upadacitinib, filgotinib
    OTHER = "other"


class StopReason(str, Enum):
    """Why a treatment course stopped.

    ``inefficacy`` (primary or secondary) and ``adverse_event`` (toxicity, intolerance) are
    treatment failures; ``other`` (remission, pregnancy, cost, patient's wish, ...) is not;
    ``unknown`` leaves the failure unknown.
    """

    INEFFICACY = "inefficacy"
    ADVERSE_EVENT = "adverse_event"
    OTHER = "other"
    UNKNOWN = "unknown"


def _to_class(value: DmardClass | str) -> DmardClass:
    return _v.choice("drug_class", value, DmardClass)


def _to_mechanism(value: Mechanism | str | None) -> Mechanism | None:
    return None if value is None else _v.choice("mechanism", value, Mechanism)


def _to_reason(value: StopReason | str | None) -> StopReason | None:
    return None if value is None else _v.choice("reason_stopped", value, StopReason)


@attrs.frozen(kw_only=True)
class TreatmentCourse:
    """One course of a DMARD in a treatment history (for :func:`eular_difficult_to_treat_ra`).

    Attributes
    ----------
    drug
        Drug name, free text (for the reason line), 1-100 characters.
    drug_class
        ``"csDMARD"``, ``"bDMARD"`` or ``"tsDMARD"`` (:class:`DmardClass`).
    start_date
        First dose (``datetime.date``).
    mechanism
        Mechanism of action (:class:`Mechanism`), required for b/tsDMARDs, ``None`` for
        csDMARDs.
    stop_date
        Last dose, on or after ``start_date``; ``None`` while ongoing.
    reason_stopped
        :class:`StopReason`; required when ``stop_date`` is given, ``None`` while ongoing.

    Strings are accepted for the enums and stored as members.

    >>> from datetime import date
    >>> TreatmentCourse(
    ...     drug="adalimumab",
    ...     drug_class="bDMARD",
    ...     mechanism="tnf",
    ...     start_date=date(2020, 1, 1),
    ...     stop_date=date(2020, 9, 1),
    ...     reason_stopped="inefficacy",
    ... ).failed
    True
    """

    drug: str
    drug_class: DmardClass = attrs.field(converter=_to_class)
    start_date: dt.date
    mechanism: Mechanism | None = attrs.field(default=None, converter=_to_mechanism)
    stop_date: dt.date | None = None
    reason_stopped: StopReason | None = attrs.field(default=None, converter=_to_reason)

    def __attrs_post_init__(self) -> None:
        """Validate and normalise (enum strings to members)."""
        drug: object = self.drug
        if not isinstance(drug, str) or not 1 <= len(drug.strip()) <= 100:  # noqa: PLR2004
            raise InvalidInputTypeError(
                "drug", "must be a drug name of 1-100 characters", self.drug
            )
        cls = self.drug_class
        _date("start_date", self.start_date)
        if self.mechanism is None:
            if cls is not DmardClass.CSDMARD:
                raise InvalidInputError(
                    "mechanism", f"is required for a {cls.value} ({self.drug})", None
                )
        elif cls is DmardClass.CSDMARD:
            raise InvalidInputError(
                "mechanism", f"must be None for a csDMARD ({self.drug})", self.mechanism
            )
        if self.stop_date is None:
            if self.reason_stopped is not None:
                raise InvalidInputError(
                    "reason_stopped",
                    f"must be None while {self.drug} is ongoing",
                    self.reason_stopped,
                )
            return
        stop = _date("stop_date", self.stop_date)
        if stop < self.start_date:
            raise InvalidInputError("stop_date", "must be on or after 'start_date'", stop)
        if self.reason_stopped is None:
            raise InvalidInputError(
                "reason_stopped", f"is required when {self.drug} has a 'stop_date'", None
            )

    @property
    def failed(self) -> bool | None:
        """``True`` if stopped for inefficacy or adverse events, ``None`` if the reason is unknown."""
        if self.reason_stopped is None or self.reason_stopped is StopReason.OTHER:
            return False
        if self.reason_stopped is StopReason.UNKNOWN:
            return None
        return True


#: The enums' members by value, for :func:`_course_from_valid` (issue 8).
_CLASS_BY_VALUE = {member.value: member for member in DmardClass}
_MECHANISM_BY_VALUE = {member.value: member for member in Mechanism}
_REASON_BY_VALUE = {member.value: member for member in StopReason}
_set_field = object.__setattr__


#: A course's fields as :class:`TreatmentCourse` holds them, in :func:`_course_fields`' order:
#: (drug, drug_class, mechanism, start_date, stop_date, reason_stopped).
_CourseRow = tuple[str, DmardClass, Mechanism | None, dt.date, dt.date | None, StopReason | None]


def _course_fields(  # noqa: C901, PLR0911, PLR0912, PLR0917 - one test per field, positionally
    drug: object,
    drug_class: object,
    mechanism: object,
    start_date: object,
    stop_date: object,
    reason_stopped: object,
) -> _CourseRow | None:
    """The fields ``TreatmentCourse(...)`` stores for these (enums as their string values), in the plain valid case.

    Returns ``None`` for anything :class:`TreatmentCourse` might refuse or read otherwise
    (a member instead of a string, a ``datetime``, a course that breaks a rule): the caller
    then builds it with ``TreatmentCourse(...)``, which raises the error. The fields are
    those ``TreatmentCourse(...)`` stores (issue 8: the converters, the keyword call and the
    checks of every field cost about 25 us a course).
    """
    if type(drug) is not str or not 1 <= len(drug.strip()) <= 100:  # noqa: PLR2004 - as __attrs_post_init__
        return None
    if type(drug_class) is not str or type(start_date) is not dt.date:
        return None
    member = _CLASS_BY_VALUE.get(drug_class)
    if member is None:
        return None
    if mechanism is None:
        if member is not _CSDMARD:
            return None
        how = None
    elif type(mechanism) is not str or member is _CSDMARD:
        return None
    else:
        how = _MECHANISM_BY_VALUE.get(mechanism)
        if how is None:
            return None
    if stop_date is None:
        if reason_stopped is not None:
            return None
        why = None
    elif (
        type(stop_date) is not dt.date or stop_date < start_date or type(reason_stopped) is not str
    ):
        return None
    else:
        why = _REASON_BY_VALUE.get(reason_stopped)
        if why is None:
            return None
    return (drug, member, how, start_date, stop_date, why)


def _course_from_valid(  # noqa: PLR0917 - the fields positionally
    drug: object,
    drug_class: object,
    mechanism: object,
    start_date: object,
    stop_date: object,
    reason_stopped: object,
) -> TreatmentCourse | None:
    """``TreatmentCourse(...)`` of these fields (enums as their string values) in the plain valid case.

    ``None`` where :func:`_course_fields` gives ``None``; otherwise an instance equal to the
    one ``TreatmentCourse(...)`` builds, field for field.
    """
    row = _course_fields(drug, drug_class, mechanism, start_date, stop_date, reason_stopped)
    if row is None:
        return None
    course: TreatmentCourse = _new(TreatmentCourse)
    _set_field(course, "drug", row[0])
    _set_field(course, "drug_class", row[1])
    _set_field(course, "start_date", row[3])
    _set_field(course, "mechanism", row[2])
    _set_field(course, "stop_date", row[4])
    _set_field(course, "reason_stopped", row[5])
    return course


def _treatments(value: object) -> tuple[TreatmentCourse, ...]:
    kind = type(value)
    if (kind is not list and kind is not tuple) and (  # the common cases skip the ABC checks
        isinstance(value, (str, bytes)) or not isinstance(value, Sequence)
    ):
        raise InvalidInputTypeError("treatments", "must be a sequence of TreatmentCourse", value)
    courses: Sequence[object] = value  # type: ignore[assignment]  # a Sequence, checked above
    if len(courses) > 200:  # noqa: PLR2004 - plausible lifetime maximum
        raise InvalidInputError("treatments", "must hold at most 200 courses", len(courses))
    for index, course in enumerate(courses):
        if type(course) is not TreatmentCourse and not isinstance(course, TreatmentCourse):
            raise InvalidInputTypeError(f"treatments[{index}]", "must be a TreatmentCourse", course)
    return tuple(sorted(courses, key=_START_DATE))  # type: ignore[arg-type]  # checked above


_START_DATE = operator.attrgetter("start_date")
# Members bound once: on Python 3.11 each ``Enum.MEMBER`` is a descriptor call (issue 8).
_CSDMARD = DmardClass.CSDMARD
_STOP_OTHER = StopReason.OTHER
_STOP_UNKNOWN = StopReason.UNKNOWN


_ONLY_NONE = frozenset({None})


def _criterion_1(  # noqa: C901, PLR0912 - one pass over the courses, then the two parts
    courses: Sequence[_CourseRow] | None,
    cs_contraindicated: bool | None,  # noqa: FBT001 - a private core, positionally
    access_restricted: bool | None,  # noqa: FBT001
    distinct: bool,  # noqa: FBT001
) -> Outcome:
    """Criterion 1 over the courses' fields (:data:`_CourseRow`), in start order.

    Decided here; its reason and values are built when first read (:func:`_criterion_1_details`).
    """
    if courses is None:
        return Outcome(
            "treatment_failure",
            None,
            "no treatment history given",
            missing=("treatments",),
        )
    # One pass over the courses (in start order): csDMARD failures (any_of), and the failed
    # and possibly failed b/tsDMARDs, by mechanism (its value) or by course.
    cs_failed: bool | None = False
    cs_names: list[str] = []
    failed_names: list[tuple[str, str]] = []
    known: set[str | int | None] = set()
    unsure: set[str | int | None] = set()
    for course in courses:
        drug, drug_class, mechanism, _, _, stop = course
        # TreatmentCourse.failed, with the members bound once
        failed = (
            False
            if stop is None or stop is _STOP_OTHER
            else None
            if stop is _STOP_UNKNOWN
            else True
        )
        if drug_class is _CSDMARD:
            if failed:
                cs_failed = True
                cs_names.append(drug)
            elif failed is None and cs_failed is False:
                cs_failed = None
        elif failed is not False:
            shown = "-" if mechanism is None else mechanism._value_
            # Not distinct: one key per course (a course listed twice is one row object)
            key = (None if mechanism is None else shown) if distinct else id(course)
            if failed:
                known.add(key)
                failed_names.append((drug, shown))
            else:
                unsure.add(key)
    # any_of / all_of of two states each, inline (issue 8)
    cs_ok = (
        True
        if cs_failed or cs_contraindicated
        else None
        if cs_failed is None or cs_contraindicated is None
        else False
    )
    if len(known) >= 2:  # noqa: PLR2004
        bts_failed: bool | None = True
    else:
        bts_failed = False if not unsure or len(known | unsure) < 2 else None  # noqa: PLR2004
    bts_ok = (
        True
        if bts_failed or access_restricted
        else None
        if bts_failed is None or access_restricted is None
        else False
    )
    met = (
        False
        if cs_ok is False or bts_ok is False
        else None
        if cs_ok is None or bts_ok is None
        else True
    )
    needed: list[str] = []
    if met is None:
        if cs_ok is None:
            needed.extend(["treatments"] if cs_failed is None else [])
            needed.extend(["csdmard_contraindicated"] if cs_contraindicated is None else [])
        if bts_ok is None:
            needed.extend(["treatments"] if bts_failed is None else [])
            needed.extend(
                ["access_restricted_by_socioeconomic_factors"] if access_restricted is None else []
            )
    # The lists and the set are this call's own, held by the state alone (never changed).
    return deferred_outcome(
        "treatment_failure",
        met,
        None,
        tuple(dict.fromkeys(needed)) if needed else (),
        (
            _criterion_1_details,
            cs_failed,
            cs_names,
            cs_contraindicated,
            failed_names,
            known,
            distinct,
            access_restricted,
        ),
    )


def _criterion_1_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason and values of :func:`_criterion_1`'s outcome, from its decision."""
    _, cs_failed, cs_names, cs_contraindicated, failed_names, known, distinct, restricted = state
    failed = ", ".join([f"{drug} ({shown})" for drug, shown in failed_names])
    reason = (
        f"csDMARD failure {cs_failed} ({', '.join(cs_names) or 'none'}), contraindicated "
        f"{cs_contraindicated}; b/tsDMARD failures {failed or 'none'}: "
        f"{len(known)} {'mechanisms' if distinct else 'drugs'} (>= 2 needed), access "
        f"restricted {restricted}"
    )
    values: dict[str, object] = {
        "csdmard_failed": cs_failed,
        # the mechanisms' values (str) without the None of a missing mechanism
        "failed_b_ts_mechanisms": sorted(known - _ONLY_NONE) if distinct else len(known),
    }
    return reason, values, ()


#: At least moderate activity, the members bound once (issue 8).
_MODERATE, _HIGH = DiseaseActivity.MODERATE, DiseaseActivity.HIGH
#: ``Outcome.status`` of each state.
_STATUS = {True: "met", False: "not met", None: "unknown"}


def _optional_real(field: str, value: object, lo: float, hi: float, unit: str) -> float | None:
    """``_v.optional_real`` with its common case (an int or float strictly inside) first."""
    kind = type(value)
    if (kind is float or kind is int) and lo < value < hi:  # type: ignore[operator]
        return float(value)  # type: ignore[arg-type]
    return _v.optional_real(field, value, lo, hi, unit=unit)


#: The yes/no answers of the D2T definition checked together, in the signature's order.
_D2T_ANSWERS = (
    "other_composite_at_least_moderate",
    "signs_or_symptoms_of_active_disease",
    "rapid_radiographic_progression",
    "well_controlled_but_reduced_quality_of_life",
    "problematic_for_rheumatologist",
    "problematic_for_patient",
)


def _flag_items(name: str, text: str, field: str) -> dict[bool | None, Outcome]:
    """A yes/no item's Outcome in each of its three states, built once at import and shared.

    It depends on nothing but the answer (issue 8); its ``values`` is the read-only EMPTY.
    """
    return {
        state: Outcome(
            name, state, f"{text}: {state}", None, EMPTY, (field,) if state is None else ()
        )
        for state in (True, False, None)
    }


_SIGNS_ITEM = _flag_items(
    "active_signs_or_symptoms",
    "signs and/or symptoms suggestive of active disease",
    "signs_or_symptoms_of_active_disease",
)
_RAPID_ITEM = _flag_items(
    "rapid_radiographic_progression",
    "rapid radiographic progression (>= 5 Sharp points/year)",
    "rapid_radiographic_progression",
)
_QOL_ITEM = _flag_items(
    "reduced_quality_of_life",
    "well controlled but RA symptoms reduce quality of life",
    "well_controlled_but_reduced_quality_of_life",
)
#: The taper item when neither the drug nor the dose is given (a constant, shared).
_NO_TAPER = Outcome(
    "glucocorticoid_taper",
    None,
    "lowest glucocorticoid dose not given",
    missing=("lowest_glucocorticoid_dose_mg_per_day",),
)


def _unique_missing(items: tuple[Outcome, ...]) -> tuple[str, ...]:
    """The inputs missing from the unknown items, each once, in order."""
    names: list[str] = []
    for item in items:
        if item.met is None:
            names += item.missing
    return tuple(dict.fromkeys(names))


def _composite_item(  # noqa: C901, PLR0912, PLR0917 - each missing input named without a generator
    tjc: int | None,
    sjc: int | None,
    esr: float | None,
    gh_mm: float | None,
    ptga_cm: float | None,
    ega_cm: float | None,
    other: bool | None,  # noqa: FBT001 - a tri-state answer, positionally
) -> Outcome:
    """Item 2a (at least moderate activity), decided; its text built when first read."""
    das: float | None = None
    cdai_value: float | None = None
    das_met: bool | None = None
    cdai_met: bool | None = None
    if tjc is not None and sjc is not None and esr is not None and gh_mm is not None:
        score = das28_esr(
            tender_joints_28=tjc, swollen_joints_28=sjc, esr_mm_per_h=esr, patient_global_mm=gh_mm
        )
        category = score.category
        das_met = category is _MODERATE or category is _HIGH
        das = score.value
    if tjc is not None and sjc is not None and ptga_cm is not None and ega_cm is not None:
        score = cdai(
            tender_joints_28=tjc,
            swollen_joints_28=sjc,
            patient_global_cm=ptga_cm,
            evaluator_global_cm=ega_cm,
        )
        category = score.category
        cdai_met = category is _MODERATE or category is _HIGH
        cdai_value = score.value
    # Kleene OR of the DAS28, CDAI and other states, inline
    met = (
        True
        if das_met or cdai_met or other
        else None
        if das_met is None or cdai_met is None or other is None
        else False
    )
    missing: tuple[str, ...] = ()
    if met is None:
        names: list[str] = []
        if das is None:
            if tjc is None:
                names.append("tender_joints_28")
            if sjc is None:
                names.append("swollen_joints_28")
            if esr is None:
                names.append("esr_mm_per_h")
            if gh_mm is None:
                names.append("patient_global_mm")
        if cdai_value is None:
            if tjc is None:
                names.append("tender_joints_28")
            if sjc is None:
                names.append("swollen_joints_28")
            if ptga_cm is None:
                names.append("patient_global_cm")
            if ega_cm is None:
                names.append("evaluator_global_cm")
        if other is None:
            names.append("other_composite_at_least_moderate")
        missing = tuple(dict.fromkeys(names))
    return deferred_outcome(
        "moderate_activity",
        met,
        None,
        missing,
        (_composite_details, das, das_met, cdai_value, cdai_met, other),
    )


def _composite_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason and values of :func:`_composite_item`'s outcome, from its decision."""
    _, das, das_met, cdai_value, cdai_met, other = state
    values: dict[str, object] = {}
    parts: list[str] = []
    if das is not None:
        parts.append(f"DAS28-ESR {round_half_up(das, 2)} ({'>' if das_met else '<='} 3.2)")
        values["das28_esr"] = das
    if cdai_value is not None:
        parts.append(f"CDAI {round_half_up(cdai_value, 2)} ({'>' if cdai_met else '<='} 10)")
        values["cdai"] = cdai_value
    if other is not None:
        parts.append(f"other validated composite at least moderate {other}")
    reason = "; ".join(parts) if parts else "no composite available"
    return (
        "at least moderate activity (DAS28-ESR > 3.2 or CDAI > 10): " + reason,
        values,
        (),
    )


def eular_difficult_to_treat_ra(
    *,
    treatments: Sequence[TreatmentCourse] | None,
    csdmard_contraindicated: bool | None = None,
    access_restricted_by_socioeconomic_factors: bool | None = None,
    require_different_mechanisms: bool = True,
    tender_joints_28: int | None = None,
    swollen_joints_28: int | None = None,
    esr_mm_per_h: float | None = None,
    patient_global_mm: float | None = None,
    patient_global_cm: float | None = None,
    evaluator_global_cm: float | None = None,
    other_composite_at_least_moderate: bool | None = None,
    signs_or_symptoms_of_active_disease: bool | None = None,
    glucocorticoid_drug: Glucocorticoid | str | None = None,
    lowest_glucocorticoid_dose_mg_per_day: float | None = None,
    rapid_radiographic_progression: bool | None = None,
    well_controlled_but_reduced_quality_of_life: bool | None = None,
    problematic_for_rheumatologist: bool | None = None,
    problematic_for_patient: bool | None = None,
    require_both_perceive_problematic: bool = False,
) -> Outcome:
    r"""EULAR definition of difficult-to-treat rheumatoid arthritis (Nagy 2021).

    Parameters
    ----------
    treatments
        The DMARD history, a sequence of :class:`TreatmentCourse` (at most 200), or
        ``None`` if not known.
    csdmard_contraindicated
        csDMARD treatment is contraindicated (then failure of >= 2 b/tsDMARDs suffices).
    access_restricted_by_socioeconomic_factors
        Access to b/tsDMARDs is restricted by socioeconomic factors (then the >= 2
        b/tsDMARD failures are not required).
    require_different_mechanisms
        ``True`` (default, Nagy 2021): the failed b/tsDMARDs must have >= 2 different
        mechanisms; ``False`` counts drugs (a literal reading of the CHEC2024-181 text).
    tender_joints_28, swollen_joints_28
        28-joint counts for DAS28-ESR and CDAI. [count], 0-28.
    esr_mm_per_h
        ESR for DAS28-ESR. [mm/h], 1-200.
    patient_global_mm
        Patient global health, 100 mm VAS (DAS28-ESR, 4-variable). [mm], 0-100.
    patient_global_cm, evaluator_global_cm
        Patient and evaluator global disease activity, 10 cm VAS (CDAI). [cm], 0-10.
    other_composite_at_least_moderate
        Another validated composite including joint counts shows at least moderate activity.
    signs_or_symptoms_of_active_disease
        Signs (including acute-phase reactants and imaging) and/or symptoms suggestive of
        active disease, joint-related or other (item 2b).
    glucocorticoid_drug
        The glucocorticoid of the taper attempt (:class:`Glucocorticoid`); ``None`` if none.
    lowest_glucocorticoid_dose_mg_per_day
        The lowest daily dose of ``glucocorticoid_drug`` reached when tapering. [mg/day],
        0-2000; ``0`` if the patient takes none. Converted with
        :func:`prednisone_equivalent_mg` (BNF table).
    rapid_radiographic_progression
        Rapid radiographic progression (item 2d); see :func:`sharp_progression`.
    well_controlled_but_reduced_quality_of_life
        Well controlled by the standards above but RA symptoms still reduce quality of
        life (item 2e).
    problematic_for_rheumatologist, problematic_for_patient
        The management of signs and/or symptoms is perceived as problematic by the
        rheumatologist / by the patient (criterion 3).
    require_both_perceive_problematic
        ``False`` (default, Nagy 2021: "and/or"): either suffices; ``True``: both are
        required (the CHEC2024-181 text says "both the patient and the physician").

    Returns
    -------
    Outcome
        ``met`` True when all three criteria are met; items ``treatment_failure``,
        ``active_or_progressive`` (with its five sub-items) and ``problematic_management``.

    Notes
    -----
    $$
    \text{D2T RA} = C_1 \wedge C_2 \wedge C_3,\qquad C_2 = a \vee b \vee c \vee d \vee e
    $$

    1. Treatment according to EULAR recommendations and failure of >= 2 b/tsDMARDs with
       different mechanisms of action after failing csDMARD therapy (unless contraindicated);
       unless access is restricted by socioeconomic factors; if csDMARDs are
       contraindicated, failure of >= 2 b/tsDMARDs of different mechanisms suffices.
       A course fails when stopped for inefficacy or adverse events
       (:class:`StopReason`); ongoing courses do not count.
    2. Signs suggestive of active/progressive disease, at least one of: (a) at least
       moderate activity by a validated composite, e.g. DAS28-ESR > 3.2 or CDAI > 10
       (computed here by :func:`~activity_scores.das28_esr` and :func:`~activity_scores.cdai`;
       DAS28 3.2 is low activity, CDAI 10 is low); (b) signs/symptoms of active disease;
       (c) inability to taper glucocorticoids below 7.5 mg/day prednisone equivalent (a
       lowest dose of exactly 7.5 mg/day is not below 7.5: met); (d) rapid radiographic
       progression (>= 5 Sharp points in a year); (e) well-controlled disease but reduced
       quality of life.
    3. Management perceived as problematic by the rheumatologist and/or the patient.

    References
    ----------
    1. Nagy G, Roodenrijs NMT, Welsing PMJ, et al. EULAR definition of difficult-to-treat
       rheumatoid arthritis. Ann Rheum Dis 2021;80:31-35. doi:10.1136/annrheumdis-2020-217344

    Examples
    --------
    >>> from datetime import date
    >>> history = [
    ...     TreatmentCourse(
    ...         drug="methotrexate",
    ...         drug_class="csDMARD",
    ...         start_date=date(2018, 1, 1),
    ...         stop_date=date(2019, 1, 1),
    ...         reason_stopped="inefficacy",
    ...     ),
    ...     TreatmentCourse(
    ...         drug="adalimumab",
    ...         drug_class="bDMARD",
    ...         mechanism="tnf",
    ...         start_date=date(2019, 2, 1),
    ...         stop_date=date(2020, 2, 1),
    ...         reason_stopped="inefficacy",
    ...     ),
    ...     TreatmentCourse(
    ...         drug="tocilizumab",
    ...         drug_class="bDMARD",
    ...         mechanism="il6",
    ...         start_date=date(2020, 3, 1),
    ...         stop_date=date(2021, 3, 1),
    ...         reason_stopped="adverse_event",
    ...     ),
    ... ]
    >>> o = eular_difficult_to_treat_ra(
    ...     treatments=history,
    ...     tender_joints_28=6,
    ...     swollen_joints_28=4,
    ...     esr_mm_per_h=30,
    ...     patient_global_mm=50,
    ...     problematic_for_rheumatologist=True,
    ... )
    >>> o.met, o.item("active_or_progressive").item("moderate_activity").values["das28_esr"] > 3.2
    (True, True)
    """
    courses = None if treatments is None else _treatments(treatments)
    cs_contra = _v.optional_flag("csdmard_contraindicated", csdmard_contraindicated)
    restricted = _v.optional_flag(
        "access_restricted_by_socioeconomic_factors", access_restricted_by_socioeconomic_factors
    )
    distinct = _v.flag("require_different_mechanisms", require_different_mechanisms)
    both = _v.flag("require_both_perceive_problematic", require_both_perceive_problematic)
    tjc = (
        None
        if tender_joints_28 is None
        else _v.count("tender_joints_28", tender_joints_28, 0, _JOINTS_28, "joints")
    )
    sjc = (
        None
        if swollen_joints_28 is None
        else _v.count("swollen_joints_28", swollen_joints_28, 0, _JOINTS_28, "joints")
    )
    esr = _optional_real("esr_mm_per_h", esr_mm_per_h, _ESR_MIN, _ESR_MAX, "mm/h")
    gh = _optional_real("patient_global_mm", patient_global_mm, 0, _GLOBAL_MM_MAX, "mm")
    ptga = _optional_real("patient_global_cm", patient_global_cm, 0, _GLOBAL_CM_MAX, "cm")
    ega = _optional_real("evaluator_global_cm", evaluator_global_cm, 0, _GLOBAL_CM_MAX, "cm")
    answers: tuple[object, ...] = (
        other_composite_at_least_moderate,
        signs_or_symptoms_of_active_disease,
        rapid_radiographic_progression,
        well_controlled_but_reduced_quality_of_life,
        problematic_for_rheumatologist,
        problematic_for_patient,
    )
    for answer in answers:  # a bool or None is the common case (issue 8)
        if answer is not None and answer is not True and answer is not False:
            for name, value in zip(_D2T_ANSWERS, answers, strict=True):
                _v.optional_flag(name, value)  # raises for the first faulty answer, in order

    # Criterion 2c: glucocorticoid taper.
    if glucocorticoid_drug is not None:  # its own error first, before the pairing rules
        glucocorticoid_drug = _v.choice("glucocorticoid_drug", glucocorticoid_drug, Glucocorticoid)
    if glucocorticoid_drug is None and lowest_glucocorticoid_dose_mg_per_day is None:
        gc = _NO_TAPER
    elif lowest_glucocorticoid_dose_mg_per_day is None:
        raise InvalidInputError(
            "lowest_glucocorticoid_dose_mg_per_day",
            "is required with 'glucocorticoid_drug'",
            None,
        )
    else:
        drug = Glucocorticoid.PREDNISONE if glucocorticoid_drug is None else glucocorticoid_drug
        exact, member, _, _ = _prednisone_exact(
            drug,
            lowest_glucocorticoid_dose_mg_per_day,
            BetamethasoneEquivalence.BNF,
            field="lowest_glucocorticoid_dose_mg_per_day",
            drug_field="glucocorticoid_drug",
        )
        if glucocorticoid_drug is None and exact != 0:
            raise InvalidInputError("glucocorticoid_drug", "is required with a non-zero dose", None)
        gc_met = exact >= _PREDNISONE_TAPER
        gc = Outcome(
            "glucocorticoid_taper",
            gc_met,
            f"lowest dose {float(exact):g} mg/day prednisone equivalent "
            f"({lowest_glucocorticoid_dose_mg_per_day!r} mg {member.value}): "
            f"{'not tapered below' if gc_met else 'below'} 7.5 mg/day",
            values={"prednisone_equivalent_mg_per_day": float(exact)},
        )

    return _d2t(
        None if courses is None else _course_rows(courses),
        cs_contra,
        restricted,
        distinct,
        both,
        (tjc, sjc, esr, gh, ptga, ega),
        cast("_Answers", answers),
        gc,
    )


#: The six yes/no answers of the D2T definition (:data:`_D2T_ANSWERS`), each a bool or None.
_Answers = tuple[bool | None, bool | None, bool | None, bool | None, bool | None, bool | None]


def _course_rows(courses: tuple[TreatmentCourse, ...]) -> list[_CourseRow]:
    """The fields of each course, in order; a course listed twice gives the same row object."""
    rows: dict[int, _CourseRow] = {}
    return [
        rows.setdefault(
            id(course),
            (
                course.drug,
                course.drug_class,
                course.mechanism,
                course.start_date,
                course.stop_date,
                course.reason_stopped,
            ),
        )
        for course in courses
    ]


def _d2t(  # noqa: PLR0917 - a private core, positionally
    courses: Sequence[_CourseRow] | None,
    cs_contra: bool | None,  # noqa: FBT001
    restricted: bool | None,  # noqa: FBT001
    distinct: bool,  # noqa: FBT001
    both: bool,  # noqa: FBT001
    counts: tuple[int | None, int | None, float | None, float | None, float | None, float | None],
    answers: _Answers,
    gc: Outcome,
) -> Outcome:
    """:func:`eular_difficult_to_treat_ra` of its checked inputs.

    ``courses`` as :data:`_CourseRow` in start order; ``counts`` (TJC28, SJC28, ESR,
    patient global mm, patient global cm, evaluator global cm) and ``answers`` (other
    composite, signs, rapid progression, quality of life, rheumatologist, patient) as the
    function checks and converts them; ``gc`` the glucocorticoid taper item. Decided here;
    the reasons, values and items of the outcome and of its criteria are written when first
    read (:func:`_d2t_details`, :func:`_c2_details`, issue 8).
    """
    tjc, sjc, esr, gh, ptga, ega = counts
    other, signs, rapid, qol, rheum, patient = answers
    sub = (
        _composite_item(tjc, sjc, esr, gh, ptga, ega, other),
        _SIGNS_ITEM[signs],
        gc,
        _RAPID_ITEM[rapid],
        _QOL_ITEM[qol],
    )
    composite, signs_item, _, rapid_item, qol_item = sub
    states = [composite.met, signs_item.met, gc.met, rapid_item.met, qol_item.met]
    met_count = states.count(True)
    # any_of(states), from the count of True and the presence of None (issue 8)
    c2_met = True if met_count else None if None in states else False
    c2 = deferred_outcome(  # its reason, values and items read when first read (issue 8)
        "active_or_progressive",
        c2_met,
        None,
        _unique_missing(sub) if c2_met is None else (),
        (_c2_details, met_count, sub),
    )
    c1 = _criterion_1(courses, cs_contra, restricted, distinct)
    c3 = _C3_ITEMS[rheum, patient, both]
    c1_met, c3_met = c1.met, c3.met
    # all_of([c1, c2, c3]) and its count of True, inline
    met = (
        False
        if c1_met is False or c2_met is False or c3_met is False
        else None
        if c1_met is None or c2_met is None or c3_met is None
        else True
    )
    criteria = (c1, c2, c3)
    return deferred_outcome(
        "eular_difficult_to_treat_ra",
        met,
        None,
        _unique_missing(criteria) if met is None else (),
        (_d2t_details, c1_met, c2_met, c3_met, criteria),
    )


def _c2_details(state: tuple[Any, ...]) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of criterion 2 (:func:`_d2t`), from its decision."""
    _, met_count, sub = state
    return _C2_REASONS[met_count], EMPTY, sub


def _d2t_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_d2t`'s outcome, from its decision."""
    _, c1_met, c2_met, c3_met, criteria = state
    return (
        _D2T_REASONS[c1_met, c2_met, c3_met],
        {"criteria_met": (c1_met is True) + (c2_met is True) + (c3_met is True)},
        criteria,
    )


def _c3_item(rheum: bool | None, patient: bool | None, both: bool) -> Outcome:  # noqa: FBT001
    """Criterion 3 (management perceived as problematic) of its two answers."""
    c3_met = all_of([rheum, patient]) if both else any_of([rheum, patient])
    return Outcome(
        "problematic_management",
        c3_met,
        f"management perceived as problematic by rheumatologist {rheum}, patient {patient} "
        f"({'both' if both else 'either'} needed)",
        None,
        EMPTY,
        ()
        if c3_met is not None
        else ("problematic_for_patient",)
        if rheum is not None
        else ("problematic_for_rheumatologist",)
        if patient is not None
        else ("problematic_for_rheumatologist", "problematic_for_patient"),
    )


#: Criterion 3 for each pair of answers and reading, built once at import and shared (its
#: values the read-only EMPTY); the reasons of criterion 2 by its count of items met, and
#: of the whole by the three criteria's states (issue 8).
_C3_ITEMS = {
    (rheum, patient, both): _c3_item(rheum, patient, both)
    for rheum in (True, False, None)
    for patient in (True, False, None)
    for both in (True, False)
}
_C2_REASONS = tuple(
    f"{count} of 5 signs of active/progressive disease met (>= 1 needed)" for count in range(6)
)
_D2T_REASONS = {
    (c1, c2, c3): f"all 3 criteria needed: treatment_failure {_STATUS[c1]}, active_or_progressive "
    f"{_STATUS[c2]}, problematic_management {_STATUS[c3]}"
    for c1 in (True, False, None)
    for c2 in (True, False, None)
    for c3 in (True, False, None)
}


# The compiled fast path of the common case (activity_scores/_fast.py, _speedups.c): the same
# value and lazily built Score; every other call runs the function above.
_fast.bind(
    globals(),
    "prednisone_equivalent_mg",
    "prednisone_equivalent_mg",
    names=("drug", "dose_mg", "betamethasone"),
    required=2,
    config=(
        Score,
        _prednisone_score,
        _DRUG_BY_NAME,
        _BNF,
        _DOSE_MAX,
        {member: _FACTORS[member, _BNF] for member in Glucocorticoid},
    ),
)
#: The class, value (and, below, lazy state) of each nested pattern by its number, 4 x self-care + 2 x vocational
#: + avocational (None where the pattern is not nested), for the compiled fast path.
_CLASS_BY_NUMBER = tuple(
    _NESTED_CLASSES.get((bool(n & 4), bool(n & 2), bool(n & 1))) for n in range(8)
)
_VALUE_BY_NUMBER = tuple(None if c is None else _CLASS_VALUE[c] for c in _CLASS_BY_NUMBER)
_fast.bind(
    globals(),
    "acr_1991_functional_class",
    "acr_1991_functional_class",
    names=("self_care_limited", "vocational_limited", "avocational_limited", "non_hierarchical"),
    required=3,
    config=(
        Score,
        _functional_class_score,
        _REJECT,
        _CLASS_BY_NUMBER,
        _VALUE_BY_NUMBER,
        tuple(
            (_functional_class_score, (bool(n & 4), bool(n & 2), bool(n & 1)), None)
            for n in range(8)
        ),
    ),
)
