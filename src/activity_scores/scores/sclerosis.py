r"""Systemic sclerosis: the modified Rodnan skin score, skin and lung progression.

mRSS (17 areas, 0-3 each), skin progression (the CHEC2024-181 protocol's "> 10 %" rule, or
the EUSTAR definition), lung progression (OMERACT CTD-ILD: FVC and DLCO decline, relative by
default, absolute percentage points as an option) and the protocol's lung criterion
(ground-glass on HRCT with FVC or DLCO < 70 % predicted). Every rule is traced to its source in
the function's docstring and on the docs page ``docs/systemic-sclerosis.md``; where the
protocol is its own source, the docstring says so.

Decisions at a cut-off (a 10 % mRSS increase, a 10 % or 5 % FVC decline, a 15 % DLCO decline)
are taken in exact rational arithmetic on the decimal values as written
(``Fraction("72.5")``), never on binary floating point: ``(80 - 72) / 80`` is exactly 10 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores._exact import decimal_ratio
from activity_scores._exact import exact as _exact
from activity_scores.errors import InvalidInputError
from activity_scores.results import _DEFERRED, Outcome, Score, _new, deferred_outcome

__all__ = [
    "LungChange",
    "MrssArea",
    "MrssProgressionDefinition",
    "lung_progression",
    "mrss",
    "mrss_progression",
    "ssc_ild_ground_glass_and_low_pft",
]

_MRSS_MAX = 51
_FVC_RANGE = (10, 200)  # % predicted; below 10 an FVC in litres was probably entered
_DLCO_RANGE = (5, 200)  # % predicted


class MrssArea(str, Enum):
    """The 17 body areas of the modified Rodnan skin score (Clements 1995; Khanna 2017).

    ``hands`` and ``feet`` are the dorsum of the hand and of the foot.
    """

    FACE = "face"
    ANTERIOR_CHEST = "anterior_chest"
    ABDOMEN = "abdomen"
    RIGHT_FINGERS = "right_fingers"
    LEFT_FINGERS = "left_fingers"
    RIGHT_HANDS = "right_hands"
    LEFT_HANDS = "left_hands"
    RIGHT_FOREARMS = "right_forearms"
    LEFT_FOREARMS = "left_forearms"
    RIGHT_UPPER_ARMS = "right_upper_arms"
    LEFT_UPPER_ARMS = "left_upper_arms"
    RIGHT_THIGHS = "right_thighs"
    LEFT_THIGHS = "left_thighs"
    RIGHT_LOWER_LEGS = "right_lower_legs"
    LEFT_LOWER_LEGS = "left_lower_legs"
    RIGHT_FEET = "right_feet"
    LEFT_FEET = "left_feet"


class MrssProgressionDefinition(str, Enum):
    """Which definition of skin progression :func:`mrss_progression` applies.

    ``protocol`` (default): the CHEC2024-181 protocol's "increase in mRSS > 10 %", a relative
    increase strictly above ``threshold_percent``. No published source defines skin
    progression so; it is the protocol's own rule. ``eustar``: the EUSTAR definition, an
    increase of more than 5 points **and** of at least 25 % from baseline (Maurer 2015;
    Dobrota 2016).
    """

    PROTOCOL = "protocol"
    EUSTAR = "eustar"


class LungChange(str, Enum):
    """How :func:`lung_progression` measures a decline of FVC and DLCO % predicted.

    ``relative`` (default, OMERACT CTD-ILD, Khanna 2015): the decline as a percentage of the
    baseline value. ``absolute``: the decline in percentage points of predicted.
    """

    RELATIVE = "relative"
    ABSOLUTE = "absolute"


class _Exact(NamedTuple):
    """An exact rational ``num / den`` (``den > 0``): a Fraction's value without its cost.

    ``fractions.Fraction`` runs in Python; its arithmetic and comparisons cost 1-3 us each,
    which made ``lung_progression`` and ``mrss_progression`` the largest costs of the SSc
    progression rule (issue 8). The same exact values are computed here in integers.
    """

    num: int
    den: int

    def at_least(self, whole: int) -> bool:
        """``self >= whole``."""
        return self.num >= whole * self.den

    def above(self, other: _Exact) -> bool:
        """``self > other``."""
        return self.num * other.den > other.num * self.den

    def value(self) -> float:
        """The nearest float (int true division is correctly rounded, as ``float(Fraction)``)."""
        return self.num / self.den

    def text(self) -> str:
        """For reasons: a whole number without decimals, else 4 significant digits (``9.09``)."""
        if self.num % self.den == 0:
            return str(self.num // self.den)
        return f"{self.num / self.den:.4g}"


def _rational(value: float) -> _Exact:
    """``_exact(value)`` as an :class:`_Exact`, read from the float's digits when plain."""
    if type(value) is float:  # as the validators return every number
        parts = decimal_ratio(value)
        if parts is not None:
            return _Exact(*parts)
    exact = _exact(value)
    return _Exact(exact.numerator, exact.denominator)


#: (area, its name, its field label), in order (issue 8: on Python 3.11 iterating an Enum
#: and reading ``member.value`` run Python-level code on every call).
_AREA_ROWS = tuple((area, area.value, f"areas[{area.value!r}]") for area in MrssArea)
_AREA_NAMES = tuple(name for _, name, _ in _AREA_ROWS)
_N_AREAS = len(_AREA_ROWS)
#: mrss's fast path: the grades of a mapping in area order (one C call), and the allowed
#: grade types and values (an int 0-3: True == 1 and 1.0 == 1, hence the type test).
_AREA_GRADES = itemgetter(*_AREA_NAMES)
_INT_ONLY = frozenset({int})
_MRSS_GRADES = frozenset(range(4))


def mrss(areas: Mapping[MrssArea | str, int]) -> Score:
    r"""Modified Rodnan skin score (mRSS), 17 areas scored 0-3, total 0-51.

    Parameters
    ----------
    areas
        A mapping with exactly the 17 areas (:class:`MrssArea` members or their string values:
        ``face``, ``anterior_chest``, ``abdomen`` and ``right_``/``left_`` + ``fingers``,
        ``hands``, ``forearms``, ``upper_arms``, ``thighs``, ``lower_legs``, ``feet``) to the
        skin thickness scored by palpation. [grade], integer 0-3: 0 normal, 1 mild,
        2 moderate, 3 severe thickening.

    Returns
    -------
    Score
        ``instrument`` ``"mRSS"``; ``value`` the integer total 0-51; ``category`` ``None``
        (the mRSS has no published activity bands); ``components`` each area's grade.

    Raises
    ------
    InvalidInputError
        An unknown area, a missing area (no imputation rule exists: the total of fewer than
        17 areas is not an mRSS), or a grade that is not an integer 0-3 (a ``bool`` or
        ``2.0`` is refused).

    Notes
    -----
    $$
    \mathrm{mRSS} = \sum_{a=1}^{17} s_a, \qquad s_a \in \{0, 1, 2, 3\}
    $$

    References
    ----------
    1. Clements P, Lachenbruch P, Siebold J, et al. Inter and intraobserver variability of
       total skin thickness score (modified Rodnan TSS) in systemic sclerosis.
       J Rheumatol 1995;22:1281-1285. PMID 7562759
    2. Khanna D, Furst DE, Clements PJ, et al. Standardization of the modified Rodnan skin
       score for use in clinical trials of systemic sclerosis. J Scleroderma Relat Disord
       2017;2:11-18. doi:10.5301/jsrd.5000231

    Examples
    --------
    >>> grades = dict.fromkeys(MrssArea, 0)
    >>> grades.update({"right_fingers": 2, "left_fingers": 2, "right_hands": 1, "face": 1})
    >>> s = mrss(grades)
    >>> s.value, s.category
    (6, None)
    """
    if type(areas) is dict and len(areas) == _N_AREAS:
        # The common case: a plain dict of the 17 areas, each an int 0-3, checked by C-level
        # passes (the grades in area order, their types, their values). Anything else goes
        # to the general code below, which names the first fault.
        try:
            grades = _AREA_GRADES(areas)
        except KeyError:
            pass
        else:
            if _INT_ONLY.issuperset(map(type, grades)) and _MRSS_GRADES.issuperset(grades):
                # lazy_score(total, None, state), inlined; the state holds the grades (a
                # later change to the caller's dict must not change this Score).
                score = _new(Score)
                fields = score.__dict__
                fields["value"] = sum(grades)
                fields["category"] = None
                fields[_DEFERRED] = (_mrss_score, grades)
                return score
    checked = _v.keyed("areas", areas, MrssArea)
    components: dict[str, float] = {}
    total = 0
    for area, name, field in _AREA_ROWS:
        if area not in checked:
            raise InvalidInputError(field, "is missing: all 17 mRSS areas are needed", None)
        grade = checked[area]
        if not (type(grade) is int and 0 <= grade <= 3):  # noqa: PLR2004
            grade = _v.count(field, grade, 0, 3)
        components[name] = grade
        total += grade
    return Score(
        "mRSS",
        total,
        None,
        "",
        {"areas": dict(components)},
        components,
    )


def _mrss_score(value: int, category: None, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete mRSS Score (see ``lazy_score`` in results.py)."""
    _, grades = state
    components: dict[str, float] = dict(zip(_AREA_NAMES, grades, strict=True))
    return {
        "instrument": "mRSS",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {"areas": dict(components)},
        "components": components,
        "variant": None,
        "precision": None,
    }


def _mrss_total(field: str, value: object) -> int:
    if isinstance(value, Score):
        if value.instrument != "mRSS":
            raise InvalidInputError(field, "must be an mRSS value or Score", value.instrument)
        value = value.value
    if type(value) is int and 0 <= value <= _MRSS_MAX:
        return value
    return _v.count(field, value, 0, _MRSS_MAX, "points")


def mrss_progression(
    *,
    baseline: int | Score,
    follow_up: int | Score,
    definition: MrssProgressionDefinition | str = MrssProgressionDefinition.PROTOCOL,
    threshold_percent: float = 10.0,
) -> Outcome:
    r"""Skin progression from two mRSS totals: the protocol's "> 10 %" rule, or EUSTAR's.

    Parameters
    ----------
    baseline
        mRSS at baseline (an integer 1-51 or an mRSS :class:`Score`). [points]. A baseline of
        0 is refused: a relative change from 0 is undefined (see Notes).
    follow_up
        mRSS at follow-up, 0-51 (an integer or an mRSS :class:`Score`). [points]
    definition
        ``"protocol"`` (default) or ``"eustar"`` (:class:`MrssProgressionDefinition`).
    threshold_percent
        For ``"protocol"`` only: the relative increase that must be exceeded. [%], > 0 and
        ≤ 100; default 10, the protocol's "> 10 %". Compared exactly as the decimal written.

    Returns
    -------
    Outcome
        ``met`` ``True`` (progression) or ``False``; ``values`` with ``change_points``,
        ``relative_change_percent`` (of baseline, a float for display; the decision is exact)
        and the thresholds applied; ``items`` one per condition of the definition.

    Raises
    ------
    InvalidInputError
        A value outside its range, a baseline of 0, a :class:`Score` of another instrument, or
        a ``threshold_percent`` other than 10 with ``definition="eustar"`` (EUSTAR fixes its
        own thresholds).

    Notes
    -----
    $$
    \Delta_{\%} = \frac{\mathrm{mRSS}_{follow\text{-}up} - \mathrm{mRSS}_{baseline}}{\mathrm{mRSS}_{baseline}} \times 100
    $$

    * ``protocol``: progression when $\Delta_{\%} > 10$ (strictly, as the protocol writes
      "> 10 %"); decided exactly as $(f - b) \times 100 > 10\,b$ in integers. From a baseline
      of 20, 22 (exactly +10 %) is not progression and 23 is.
    * ``eustar``: progression when $f - b > 5$ **and** $\Delta_{\%} \ge 25$ (Maurer 2015,
      follow-up 12 ± 2 months; Dobrota 2016; later EUSTAR analyses use 12 ± 3 months). The
      EUSTAR cohorts had dcSSc with baseline mRSS ≥ 7; the function does not check the
      interval between visits or the subset: the caller must.

    **Baseline 0.** A relative change from 0 is undefined (any increase would be "infinite
    per cent"). The function refuses it with :class:`~activity_scores.InvalidInputError`
    rather than decide by a convention no source states; an investigator must judge such a
    patient (docs page, protocol notes).

    References
    ----------
    1. CHEC2024-181 protocol, inclusion criteria for systemic sclerosis, 4.1: "increase in
       mRSS > 10 %" (the protocol's own definition; no published source found).
    2. Maurer B, Graf N, Michel BA, et al. Prediction of worsening of skin fibrosis in
       patients with diffuse cutaneous systemic sclerosis using the EUSTAR database.
       Ann Rheum Dis 2015;74:1124-1131. doi:10.1136/annrheumdis-2014-205226
    3. Dobrota R, Maurer B, Graf N, et al. Prediction of improvement in skin fibrosis in
       diffuse cutaneous systemic sclerosis: a EUSTAR analysis. Ann Rheum Dis
       2016;75:1743-1748. doi:10.1136/annrheumdis-2015-208024

    Examples
    --------
    >>> mrss_progression(baseline=20, follow_up=22).met  # exactly +10 %: not > 10 %
    False
    >>> r = mrss_progression(baseline=20, follow_up=23)
    >>> r.met, r.values["relative_change_percent"]
    (True, 15.0)
    >>> mrss_progression(baseline=20, follow_up=26, definition="eustar").met  # +6, +30 %
    True
    """
    base = _mrss_total("baseline", baseline)
    follow = _mrss_total("follow_up", follow_up)
    if base == 0:
        raise InvalidInputError(
            "baseline",
            "must be >= 1 for a relative mRSS change (a relative change from 0 is undefined)",
            baseline if not isinstance(baseline, Score) else 0,
        )
    rule = _v.choice("definition", definition, MrssProgressionDefinition)
    threshold = _v.real("threshold_percent", threshold_percent, 0, 100, lo_open=True, unit="%")
    if rule is not _PROTOCOL and threshold != _DEFAULT_THRESHOLD:
        raise InvalidInputError(  # EUSTAR fixes its own thresholds
            "threshold_percent",
            "applies to definition='protocol' only (EUSTAR is > 5 points and >= 25 %)",
            threshold_percent,
        )
    return _mrss_progression(base, follow, rule, threshold)


_PROTOCOL = MrssProgressionDefinition.PROTOCOL
#: The default threshold (10 %), read from the function's own default, as ``_rational`` of
#: it and its text (built once; issue 8).
_DEFAULT_THRESHOLD: float = (mrss_progression.__kwdefaults__ or {})["threshold_percent"]
_DEFAULT_LIMIT = _rational(_DEFAULT_THRESHOLD)


def _ratio_text(num: int, den: int) -> str:
    """``_Exact(num, den).text()``: a whole number without decimals, else 4 significant digits."""
    if num % den == 0:
        return str(num // den)
    return f"{num / den:.4g}"


def _mrss_progression(
    base: int, follow: int, rule: MrssProgressionDefinition, threshold: float
) -> Outcome:
    """:func:`mrss_progression` on checked inputs.

    mRSS totals (``base`` >= 1), the definition member and the threshold as
    :func:`_validation.real` returns it (10 with ``eustar``). The screening's SSc rule calls it directly with the record's validated totals (issue 8).
    The decision now; its reason, values and items when first read (:func:`_mrss_details`).
    """
    change = follow - base
    num = change * 100  # the relative change is num / base, exactly (base >= 1)
    if rule is _PROTOCOL:
        limit_num, limit_den = (
            _DEFAULT_LIMIT if threshold == _DEFAULT_THRESHOLD else _rational(threshold)
        )
        met = num * limit_den > limit_num * base
        state = (_mrss_details, base, follow, change, num, rule, threshold, met)
        return deferred_outcome("mrss_progression", met, None, (), (*state, limit_num, limit_den))
    points_met = change > 5  # noqa: PLR2004 - EUSTAR: increase > 5 points
    percent_met = num >= 25 * base  # EUSTAR: and >= 25 %
    met = points_met and percent_met
    state = (_mrss_details, base, follow, change, num, rule, threshold, met)
    return deferred_outcome("mrss_progression", met, None, (), (*state, points_met, percent_met))


def _mrss_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_mrss_progression`, from its decision (issue 8)."""
    _, base, follow, change, num, rule, threshold, met, *rest = state
    percent = num / base  # int true division is correctly rounded, as float(Fraction)
    text = _ratio_text(num, base)
    shown = f"mRSS {base} -> {follow} ({change:+d} points, {'+' if change >= 0 else ''}{text} %)"
    if rule is _PROTOCOL:
        limit_text = _ratio_text(*rest)
        item = Outcome(
            "relative_increase",
            met,
            f"relative increase {text} % {'>' if met else '<='} {limit_text} %",
            None,
            {"relative_change_percent": percent, "threshold_percent": threshold},
        )
        return (
            (
                f"{shown}: {'progression' if met else 'no progression'} "
                f"(protocol: increase > {limit_text} %)"
            ),
            {
                "baseline": base,
                "follow_up": follow,
                "change_points": change,
                "relative_change_percent": percent,
                "definition": "protocol",
                "threshold_percent": threshold,
            },
            (item,),
        )
    points_met, percent_met = rest
    items = (
        Outcome(
            "increase_more_than_5_points",
            points_met,
            f"increase {change:+d} points {'>' if points_met else '<='} 5",
            values={"change_points": change},
        ),
        Outcome(
            "increase_at_least_25_percent",
            percent_met,
            f"increase {text} % {'>=' if percent_met else '<'} 25 %",
            values={"relative_change_percent": percent},
        ),
    )
    return (
        (
            f"{shown}: {'progression' if met else 'no progression'} "
            "(EUSTAR: increase > 5 points and >= 25 %)"
        ),
        {
            "baseline": base,
            "follow_up": follow,
            "change_points": change,
            "relative_change_percent": percent,
            "definition": rule.value,
            "threshold_points": 5,
            "threshold_percent": 25,
        },
        items,
    )


def _decline_parts(baseline: float, follow_up: float, relative: bool) -> tuple[int, int]:  # noqa: FBT001 - private
    """Decline (positive when the value fell), relative (% of baseline) or absolute (points).

    Exact, on the decimals typed, as ``(num, den)`` (``den > 0``): ``(b - f) * 100 / b`` or
    ``b - f`` (``b > 0``). Whole values (the usual % predicted) are read without
    :func:`_rational` (``decimal_ratio`` gives ``(int(x), 1)`` for them; issue 8).
    """
    if baseline.is_integer() and follow_up.is_integer():  # within 5-200: exact ints
        base_num = int(baseline)
        drop = base_num - int(follow_up)
        return (drop * 100, base_num) if relative else (drop, 1)
    base, follow = _rational(baseline), _rational(follow_up)
    den = base.den * follow.den
    drop = base.num * follow.den - follow.num * base.den  # (b - f) * den
    if relative:
        return drop * 100 * base.den, den * base.num  # base.num > 0
    return drop, den


def _decline(baseline: float, follow_up: float, change: LungChange) -> _Exact:
    """:func:`_decline_parts` as an :class:`_Exact`, the change given as its member."""
    return _Exact(*_decline_parts(baseline, follow_up, change is LungChange.RELATIVE))


def lung_progression(
    *,
    fvc_baseline_percent_predicted: float,
    fvc_follow_up_percent_predicted: float,
    dlco_baseline_percent_predicted: float | None = None,
    dlco_follow_up_percent_predicted: float | None = None,
    change: LungChange | str = LungChange.RELATIVE,
) -> Outcome:
    r"""Lung (SSc-ILD) progression by the OMERACT CTD-ILD definition (FVC and DLCO decline).

    Parameters
    ----------
    fvc_baseline_percent_predicted
        Forced vital capacity at baseline. [% predicted], 10-200.
    fvc_follow_up_percent_predicted
        Forced vital capacity at follow-up. [% predicted], 10-200.
    dlco_baseline_percent_predicted
        Diffusing capacity for carbon monoxide at baseline, or ``None`` if not measured.
        [% predicted], 5-200.
    dlco_follow_up_percent_predicted
        DLCO at follow-up, or ``None``. [% predicted], 5-200.
    change
        ``"relative"`` (default; OMERACT: decline as a percentage of the baseline value) or
        ``"absolute"`` (decline in percentage points of predicted); see :class:`LungChange`.

    Returns
    -------
    Outcome
        ``met`` ``True`` (progression), ``False`` or ``None`` (unknown: the FVC decline is in
        the 5 % to < 10 % band and DLCO is missing). ``items``: ``fvc_decline_10`` and
        ``fvc_decline_5_to_10_with_dlco_decline_15``, the two branches (at most one is met,
        which names the branch); ``values`` the declines used; ``missing`` the DLCO inputs
        that would decide an unknown.

    Notes
    -----
    Relative (default) and absolute declines, for FVC and likewise DLCO:

    $$
    \Delta_{rel} = \frac{FVC_{baseline} - FVC_{follow\text{-}up}}{FVC_{baseline}} \times 100
    \qquad
    \Delta_{abs} = FVC_{baseline} - FVC_{follow\text{-}up}
    $$

    Progression when $\Delta_{FVC} \ge 10$, or $5 \le \Delta_{FVC} < 10$ and
    $\Delta_{DLCO} \ge 15$ (Khanna 2015, OMERACT CTD-ILD working group; the same thresholds
    as the composite end point of Goh 2017). The protocol's "10 % decrease in FVC or 5 %
    decrease in FVC with 15 % decrease in DLCO (OMERACT progression)" names this definition,
    so every threshold is inclusive (≥). Decided in exact decimal arithmetic: from an FVC of
    80 %, 72 % is exactly a 10 % relative decline and is progression.

    OMERACT states *relative* declines explicitly, hence the default. Later SSc-ILD and
    progressive pulmonary fibrosis work uses *absolute* declines in % predicted (e.g. the
    2022 ATS/ERS/JRS/ALAT guideline, with other thresholds); ``change="absolute"`` applies
    the OMERACT thresholds to percentage points. The absolute reading is stricter whenever
    the baseline is below 100 % predicted: from 70 %, a 10 % relative decline is 7 points.

    The function does not check the interval between the tests (OMERACT and Goh consider
    about 1 year): the caller must.

    References
    ----------
    1. Khanna D, Mittoo S, Aggarwal R, et al. Connective tissue disease-associated
       interstitial lung diseases (CTD-ILD) - report from OMERACT CTD-ILD working group.
       J Rheumatol 2015;42:2168-2171. doi:10.3899/jrheum.141182
    2. Goh NSL, Hoyles RK, Denton CP, et al. Short-term pulmonary function trends are
       predictive of mortality in interstitial lung disease associated with systemic
       sclerosis. Arthritis Rheumatol 2017;69:1670-1678. doi:10.1002/art.40130
    3. Raghu G, Remy-Jardin M, Richeldi L, et al. Idiopathic pulmonary fibrosis (an update)
       and progressive pulmonary fibrosis in adults. Am J Respir Crit Care Med
       2022;205:e18-e47. doi:10.1164/rccm.202202-0399ST

    Examples
    --------
    >>> r = lung_progression(fvc_baseline_percent_predicted=80, fvc_follow_up_percent_predicted=72)
    >>> r.met, r.values["fvc_decline"]  # exactly 10 % of 80
    (True, 10.0)
    >>> r = lung_progression(fvc_baseline_percent_predicted=80, fvc_follow_up_percent_predicted=75)
    >>> r.met, r.missing  # 6.25 %: DLCO decides
    (None, ('dlco_baseline_percent_predicted', 'dlco_follow_up_percent_predicted'))
    >>> r = lung_progression(
    ...     fvc_baseline_percent_predicted=80,
    ...     fvc_follow_up_percent_predicted=72,
    ...     dlco_baseline_percent_predicted=60,
    ...     dlco_follow_up_percent_predicted=50,
    ...     change="absolute",
    ... )
    >>> r.met, r.values["fvc_decline"], r.values["dlco_decline"]  # 8 and 10 points
    (False, 8.0, 10.0)
    """
    fvc_b = _v.real(
        "fvc_baseline_percent_predicted",
        fvc_baseline_percent_predicted,
        *_FVC_RANGE,
        unit="% predicted",
    )
    fvc_f = _v.real(
        "fvc_follow_up_percent_predicted",
        fvc_follow_up_percent_predicted,
        *_FVC_RANGE,
        unit="% predicted",
    )
    dlco_b = _v.optional_real(
        "dlco_baseline_percent_predicted",
        dlco_baseline_percent_predicted,
        *_DLCO_RANGE,
        unit="% predicted",
    )
    dlco_f = _v.optional_real(
        "dlco_follow_up_percent_predicted",
        dlco_follow_up_percent_predicted,
        *_DLCO_RANGE,
        unit="% predicted",
    )
    how = _v.choice("change", change, LungChange)
    return _lung_progression(fvc_b, fvc_f, dlco_b, dlco_f, how)


#: The DLCO inputs missing, by (baseline missing, follow-up missing) (built once).
_DLCO_MISSING = {
    (True, True): ("dlco_baseline_percent_predicted", "dlco_follow_up_percent_predicted"),
    (True, False): ("dlco_baseline_percent_predicted",),
    (False, True): ("dlco_follow_up_percent_predicted",),
}


def _lung_progression(
    fvc_b: float,
    fvc_f: float,
    dlco_b: float | None,
    dlco_f: float | None,
    how: LungChange,
) -> Outcome:
    """:func:`lung_progression` on checked inputs (floats in range, ``None``, the member).

    The screening's SSc rule calls it directly with the record's validated values (issue 8).
    The decision now; its reason, values and items when first read (:func:`_lung_details`).
    """
    relative = how is LungChange.RELATIVE
    fvc_num, fvc_den = _decline_parts(fvc_b, fvc_f, relative)
    missing: tuple[str, ...] = ()
    if dlco_b is not None and dlco_f is not None:
        dlco_num, dlco_den = _decline_parts(dlco_b, dlco_f, relative)
        # DLCO decline >= 15 %
        dlco_met: bool | None = dlco_num >= 15 * dlco_den
    else:
        dlco_num = dlco_den = 0
        dlco_met = None
        missing = _DLCO_MISSING[dlco_b is None, dlco_f is None]
    major = fvc_num >= 10 * fvc_den  # OMERACT: FVC decline >= 10 %
    in_band = not major and fvc_num >= 5 * fvc_den  # OMERACT: FVC decline >= 5 % and < 10 %
    # the FVC band and the DLCO decline, in tri-state logic (all_of)
    minor = dlco_met if in_band else False
    met = True if major else minor  # any_of([major, minor])
    return deferred_outcome(
        "lung_progression",
        met,
        None,
        missing if met is None else (),
        (
            _lung_details,
            (fvc_b, fvc_f, dlco_b, dlco_f),
            relative,
            (fvc_num, fvc_den, dlco_num, dlco_den),
            missing,
            (major, in_band, dlco_met, minor, met),
        ),
    )


def _lung_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_lung_progression`, from its decision (issue 8)."""
    _, inputs, relative, declines, missing, decided = state
    fvc_b, fvc_f, dlco_b, dlco_f = inputs
    fvc_num, fvc_den, dlco_num, dlco_den = declines
    major, in_band, dlco_met, minor, met = decided
    unit, how_text = ("%", "relative") if relative else ("points", "absolute")
    fvc_value = fvc_num / fvc_den  # correctly rounded, as float(Fraction)
    values: dict[str, object] = {
        "fvc_baseline_percent_predicted": fvc_b,
        "fvc_follow_up_percent_predicted": fvc_f,
        "dlco_baseline_percent_predicted": dlco_b,
        "dlco_follow_up_percent_predicted": dlco_f,
        "change": how_text,
        "fvc_decline": fvc_value,
    }
    dlco_value: float | None = None
    if dlco_met is not None:
        dlco_value = dlco_num / dlco_den
        values["dlco_decline"] = dlco_value
    fvc_text = f"FVC decline {_ratio_text(fvc_num, fvc_den)} {unit}"
    item_major = Outcome(
        "fvc_decline_10",
        major,
        f"{fvc_text} {'>=' if major else '<'} 10 {unit}",
        None,
        {"fvc_decline": fvc_value},
    )
    if not in_band:
        band_text = f"{fvc_text} not in 5 to < 10 {unit}"
    elif dlco_value is None:
        band_text = f"{fvc_text} in 5 to < 10 {unit}; DLCO decline unknown (needs >= 15 {unit})"
    else:
        band_text = (
            f"{fvc_text} in 5 to < 10 {unit} and DLCO decline "
            f"{_ratio_text(dlco_num, dlco_den)} {unit} {'>=' if dlco_met else '<'} 15 {unit}"
        )
    item_minor = Outcome(
        "fvc_decline_5_to_10_with_dlco_decline_15",
        minor,
        band_text,
        None,
        {"fvc_decline": fvc_value, "dlco_decline": dlco_value},
        missing if minor is None else (),
    )
    if met is True:
        branch = item_major if major else item_minor
        reason = f"progression ({how_text}): {branch.reason}"
    elif met is None:
        reason = f"unknown ({how_text}): {band_text}"
    else:
        reason = f"no progression ({how_text}): {item_major.reason}; {band_text}"
    return reason, values, (item_major, item_minor)


def ssc_ild_ground_glass_and_low_pft(
    *,
    fvc_percent_predicted: float | None = None,
    dlco_percent_predicted: float | None = None,
    ground_glass_on_hrct: bool | None = None,
) -> Outcome:
    r"""The protocol's SSc-ILD lung criterion: ground-glass on HRCT and FVC or DLCO < 70 %.

    CHEC2024-181, SSc inclusion 2: "If combined with interstitial pneumonia, interstitial
    changes suggestive of ground-glass exudates on chest HRCT and FVC or DLCO < 70 %
    predictive value on pulmonary function tests". This function evaluates the condition
    itself; whether it applies (the patient has ILD) is for the protocol rule to decide.

    Parameters
    ----------
    fvc_percent_predicted
        Forced vital capacity, or ``None`` if not measured. [% predicted], 10-200.
    dlco_percent_predicted
        DLCO, or ``None`` if not measured. [% predicted], 5-200.
    ground_glass_on_hrct
        Interstitial changes with ground-glass opacities on chest high-resolution CT
        (the protocol's "ground-glass exudates"), or ``None`` if not known.

    Returns
    -------
    Outcome
        ``met`` ``True`` when ground-glass is present and FVC < 70 % or DLCO < 70 %;
        ``False`` when ground-glass is absent or both are ≥ 70 %; ``None`` when a missing
        input could change the answer (listed in ``missing``). ``items``: ``ground_glass``,
        ``fvc_below_70``, ``dlco_below_70``.

    Notes
    -----
    $$
    \text{met} = GGO_{HRCT} \wedge \left(FVC_{\%pred} < 70 \vee DLCO_{\%pred} < 70\right)
    $$

    Strictly below 70 (the protocol writes "< 70 %"): 70.0 % predicted does not qualify.
    The threshold and the combination are the protocol's own; no published SSc-ILD
    definition is cited by it. "Ground-glass exudates" is read as ground-glass opacity on
    HRCT, as reported by the radiologist (protocol notes).

    References
    ----------
    1. CHEC2024-181 protocol, inclusion criteria for systemic sclerosis, 2.

    Examples
    --------
    >>> ssc_ild_ground_glass_and_low_pft(
    ...     fvc_percent_predicted=72.0, dlco_percent_predicted=69.9, ground_glass_on_hrct=True
    ... ).met
    True
    >>> r = ssc_ild_ground_glass_and_low_pft(fvc_percent_predicted=70, ground_glass_on_hrct=True)
    >>> r.met, r.missing
    (None, ('dlco_percent_predicted',))
    """
    fvc = _v.optional_real(
        "fvc_percent_predicted", fvc_percent_predicted, *_FVC_RANGE, unit="% predicted"
    )
    dlco = _v.optional_real(
        "dlco_percent_predicted", dlco_percent_predicted, *_DLCO_RANGE, unit="% predicted"
    )
    ggo = _v.optional_flag("ground_glass_on_hrct", ground_glass_on_hrct)
    return _ssc_ild(fvc, dlco, ggo)


def _below_70(name: str, label: str, value: float, low: bool) -> Outcome:  # noqa: FBT001 - the decision
    return Outcome(
        f"{name}_below_70",
        low,
        f"{label} {value:g} % predicted {'<' if low else '>='} 70 %",
        None,
        {f"{name}_percent_predicted": value},
    )


def _not_measured(name: str, label: str) -> Outcome:
    return Outcome(
        f"{name}_below_70",
        None,
        f"{label} not measured (needs < 70 %)",
        missing=(f"{name}_percent_predicted",),
    )


#: The items that depend on one yes/no or missing input, built once and shared (issue 8).
_GGO_ITEMS = {
    ggo: Outcome(
        "ground_glass",
        ggo,
        text,
        None,
        MappingProxyType({"ground_glass_on_hrct": ggo}),
        ("ground_glass_on_hrct",) if ggo is None else (),
    )
    for ggo, text in (
        (True, "ground-glass changes on HRCT"),
        (False, "no ground-glass changes on HRCT"),
        (None, "HRCT ground-glass not known"),
    )
}
_FVC_NOT_MEASURED = _not_measured("fvc", "FVC")
_DLCO_NOT_MEASURED = _not_measured("dlco", "DLCO")
_VERDICTS = {True: "met", False: "not met", None: "unknown"}


def _ssc_ild(fvc: float | None, dlco: float | None, ggo: bool | None) -> Outcome:  # noqa: FBT001 - a tri-state input
    """:func:`ssc_ild_ground_glass_and_low_pft` on checked inputs (floats in range or None).

    The screening's SSc rule calls it directly with the record's validated values (issue 8).
    The decision now; its reason, values and items when first read (:func:`_ssc_ild_details`).
    """
    fvc_met = None if fvc is None else fvc < 70  # noqa: PLR2004 - protocol: < 70 % predicted
    dlco_met = None if dlco is None else dlco < 70  # noqa: PLR2004 - protocol: < 70 % predicted
    # any_of([fvc, dlco]), then all_of([ggo, pft]), in tri-state logic
    pft = True if fvc_met or dlco_met else None if fvc_met is None or dlco_met is None else False
    met = False if ggo is False or pft is False else None if ggo is None or pft is None else True
    missing: tuple[str, ...] = ()
    if met is None:
        if ggo is None:
            missing += ("ground_glass_on_hrct",)
        if pft is None:
            if fvc is None:
                missing += _FVC_NOT_MEASURED.missing
            if dlco is None:
                missing += _DLCO_NOT_MEASURED.missing
    return deferred_outcome(
        "ssc_ild_ground_glass_and_low_pft",
        met,
        None,
        missing,
        (_ssc_ild_details, fvc, dlco, ggo, fvc_met, dlco_met, met),
    )


def _ssc_ild_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_ssc_ild`, from its decision (issue 8)."""
    _, fvc, dlco, ggo, fvc_met, dlco_met, met = state
    item_ggo = _GGO_ITEMS[ggo]
    item_fvc = _FVC_NOT_MEASURED if fvc is None else _below_70("fvc", "FVC", fvc, fvc_met)
    item_dlco = _DLCO_NOT_MEASURED if dlco is None else _below_70("dlco", "DLCO", dlco, dlco_met)
    return (
        f"{_VERDICTS[met]}: {item_ggo.reason}; {item_fvc.reason}; {item_dlco.reason}",
        {
            "fvc_percent_predicted": fvc,
            "dlco_percent_predicted": dlco,
            "ground_glass_on_hrct": ggo,
        },
        (item_ggo, item_fvc, item_dlco),
    )


# The compiled fast path of the common case (activity_scores/_fast.py, _speedups.c): the same
# value and lazily built Score; every other call runs the function above.
_fast.bind(
    globals(),
    "mrss",
    "graded_sum",
    names=("areas",),
    required=1,
    positional=1,
    config=(Score, _mrss_score, _AREA_NAMES, max(_MRSS_GRADES)),
)
