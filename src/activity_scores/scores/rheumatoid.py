r"""Rheumatoid arthritis composite disease-activity indices and the EULAR response.

DAS28 (ESR and CRP, 4- and 3-variable), CDAI, SDAI, their activity categories, and the
EULAR response criteria. Every formula, weight and cut-off below is traced to its primary
source in the function's docstring and on the docs page ``docs/rheumatoid-arthritis.md``.

Categories are decided on the value rounded half-up to 2 decimals, the precision at which
DAS28 is reported by its developers' calculator (das-score.nl) and at which CDAI and SDAI,
sums of counts, VAS read to 0.1 cm and CRP to 0.01 mg/dL, are exact. That removes binary
floating-point noise (an SDAI of 1 + 1 + 0.7 + 0.6 computes as 3.3000000000000003) and makes
the category agree with the value a clinician reads on the report. ``Score.value`` itself
is never rounded.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores._rounding import _NOISE
from activity_scores.errors import InvalidInputError
from activity_scores.results import (
    _DEFERRED,
    EMPTY,
    DiseaseActivity,
    EularResponse,
    Score,
    _new,
)

__all__ = [
    "Das28Convention",
    "cdai",
    "cdai_category",
    "das28_category",
    "das28_crp",
    "das28_esr",
    "eular_response",
    "sdai",
    "sdai_category",
]

_sqrt = math.sqrt
#: The joint-count terms of DAS28, 0.56 * sqrt(TJC28) and 0.28 * sqrt(SJC28), for every
#: count 0-28: the same floats the expressions give (same operations), read by index.
_TJC_TERM = tuple(0.56 * _sqrt(count) for count in range(29))
_SJC_TERM = tuple(0.28 * _sqrt(count) for count in range(29))
_log = math.log
_floor = math.floor

# Score is built with positional arguments (instrument, value, category, unit, inputs,
# components, variant, precision): keywords add about a third to its construction time.

#: Plausible upper limits (documented on the docs page): values beyond them are refused as
#: errors of entry or of unit, never computed.
_ESR_MAX = 200  # mm/h: the Westergren tube reads at most 200 mm
_CRP_MG_PER_L_MAX = 1000  # mg/L; the highest values reported in sepsis are ~500 mg/L
_CRP_MG_PER_DL_MAX = 100  # mg/dL, the same limit
_DAS28_MAX = 10  # every DAS28 form stays below 10 within the input limits
_SDAI_MAX = 76 + _CRP_MG_PER_DL_MAX  # the CDAI maximum (76) plus the CRP limit


class Das28Convention(str, Enum):
    """Which published table of DAS28 activity categories to apply.

    ``eular`` (default): remission < 2.6, low 2.6 to ≤ 3.2, moderate > 3.2 to ≤ 5.1,
    high > 5.1 (Prevoo 1995; van Gestel 1998; Fransen 2004), the cut-offs that the EULAR
    response table also uses. ``acr_2012``: the ACR recommended table (Anderson 2012),
    identical except that 3.2 itself is moderate (low is 2.6 to < 3.2).
    """

    EULAR = "eular"
    ACR_2012 = "acr_2012"


_REMISSION = DiseaseActivity.REMISSION
_LOW = DiseaseActivity.LOW
_MODERATE = DiseaseActivity.MODERATE
_HIGH = DiseaseActivity.HIGH
# Members bound once: on Python 3.11 ``Enum.MEMBER`` runs a Python-level descriptor (~0.2 us).
_EULAR = Das28Convention.EULAR
_ACR_2012 = Das28Convention.ACR_2012
_GOOD = EularResponse.GOOD
_RESPONSE_MODERATE = EularResponse.MODERATE
_NO_RESPONSE = EularResponse.NONE
#: The EULAR response table (van Gestel 1996, see eular_response), in hundredths of DAS28:
#: follow-up <= 3.2 and <= 5.1; improvement > 1.2 and > 0.6.
_FOLLOW_UP_LOW_MAX = 320
_FOLLOW_UP_MODERATE_MAX = 510
_GOOD_IMPROVEMENT_ABOVE = 120
_MODERATE_IMPROVEMENT_ABOVE = 60


# The bands are decided on hundredths(value) = floor(value * 100.0 + 0.5 + _NOISE), the value
# rounded half-up to 2 decimals, in hundredths. That is a non-decreasing function of the
# float value, so "hundredths(value) < n" holds exactly for the floats below the smallest
# float whose hundredths reach n: the hot paths compare the value with that float (no
# arithmetic, no floor). Each is the half-way point less the noise allowance (1e-9 of a
# hundredth), e.g. 2.595 - 1e-11; tests/test_score_fast_paths.py derives each one again by
# bisection over the floats and checks the inlined bands against these functions.
_DAS28_REMISSION_BELOW = 2.59499999999  # hundredths < 260: remission < 2.6
_DAS28_LOW_BELOW = 3.20499999999  # hundredths <= 320: low <= 3.2 (EULAR)
_DAS28_MODERATE_BELOW = 5.10499999999  # hundredths <= 510: moderate <= 5.1
_CDAI_REMISSION_BELOW = 2.80499999999  # hundredths <= 280: remission <= 2.8
_CDAI_LOW_BELOW = 10.00499999999  # hundredths <= 1000: low <= 10
_CDAI_MODERATE_BELOW = 22.004999999989998  # hundredths <= 2200: moderate <= 22
_SDAI_REMISSION_BELOW = 3.30499999999  # hundredths <= 330: remission <= 3.3
_SDAI_LOW_BELOW = 11.00499999999  # hundredths <= 1100: low <= 11
_SDAI_MODERATE_BELOW = 26.004999999989998  # hundredths <= 2600: moderate <= 26


def _das28_band(value: float, convention: Das28Convention) -> DiseaseActivity:
    # hundredths(value), inlined: this is every DAS28 call's hot path.
    hundredths = _floor(value * 100.0 + 0.5 + _NOISE)
    if hundredths < 260:  # noqa: PLR2004 - remission < 2.6
        return _REMISSION
    if convention is _EULAR:
        if hundredths <= 320:  # noqa: PLR2004 - low <= 3.2
            return _LOW
    elif hundredths < 320:  # noqa: PLR2004 - ACR 2012: low < 3.2
        return _LOW
    if hundredths <= 510:  # noqa: PLR2004 - moderate <= 5.1
        return _MODERATE
    return _HIGH


def _convention(value: object) -> Das28Convention:
    if value is _EULAR or value is _ACR_2012:
        return value
    return _v.choice("convention", value, Das28Convention)


def das28_category(
    value: float | Score, *, convention: Das28Convention | str = Das28Convention.EULAR
) -> DiseaseActivity:
    """Return the DAS28 activity category of a DAS28 value (ESR or CRP form).

    Parameters
    ----------
    value
        A DAS28 value (0-10), or a DAS28 :class:`Score`.
    convention
        ``"eular"`` (default) or ``"acr_2012"``; see :class:`Das28Convention`.

    Notes
    -----
    The value is rounded half-up to 2 decimals before banding (module notes).

    ======================  ======================  ======================
    Category                EULAR (default)         ACR 2012
    ======================  ======================  ======================
    remission               < 2.6                   < 2.6
    low                     2.6 to ≤ 3.2            2.6 to < 3.2
    moderate                > 3.2 to ≤ 5.1          3.2 to ≤ 5.1
    high                    > 5.1                   > 5.1
    ======================  ======================  ======================

    References
    ----------
    1. Prevoo MLL et al. Arthritis Rheum 1995;38:44-48. doi:10.1002/art.1780380107
    2. van Gestel AM, Haagsma CJ, van Riel PLCM. Arthritis Rheum 1998;41:1845-1850.
       doi:10.1002/1529-0131(199810)41:10<1845::AID-ART17>3.0.CO;2-K
    3. Fransen J, Creemers MCW, van Riel PLCM. Rheumatology 2004;43:1252-1255.
       doi:10.1093/rheumatology/keh297
    4. Anderson J et al. Arthritis Care Res 2012;64:640-647. doi:10.1002/acr.21649

    Examples
    --------
    >>> das28_category(3.2).value, das28_category(3.2, convention="acr_2012").value
    ('low', 'moderate')
    """
    if (
        (type(value) is float or type(value) is int)
        and 0 <= value <= _DAS28_MAX
        and convention is _EULAR
    ):  # the common case: _das28_band(value, _EULAR), inlined (see _das28_band)
        if value < _DAS28_REMISSION_BELOW:  # remission < 2.6
            return _REMISSION
        if value < _DAS28_LOW_BELOW:  # low <= 3.2
            return _LOW
        return _MODERATE if value < _DAS28_MODERATE_BELOW else _HIGH  # moderate <= 5.1
    number = _number("value", value, 0, _DAS28_MAX)
    return _das28_band(number, _convention(convention))


def das28_esr(
    *,
    tender_joints_28: int,
    swollen_joints_28: int,
    esr_mm_per_h: float,
    patient_global_mm: float | None = None,
    convention: Das28Convention | str = Das28Convention.EULAR,
) -> Score:
    r"""Disease Activity Score in 28 joints with ESR (DAS28-ESR), 4- or 3-variable.

    Parameters
    ----------
    tender_joints_28
        Tender joints of the 28 assessed. [count], 0-28.
    swollen_joints_28
        Swollen joints of the 28 assessed. [count], 0-28.
    esr_mm_per_h
        Erythrocyte sedimentation rate (Westergren). [mm/h], 1-200. ESR is read in whole
        millimetres; ln(0) is undefined and below 1 mm/h the logarithm turns negative and
        DAS28 leaves its 0-10 range, so an ESR below 1 is refused, never clipped.
    patient_global_mm
        Patient's assessment of general health or of global disease activity on a
        100 mm visual analogue scale. [mm], 0-100. ``None`` selects the published
        3-variable formula.
    convention
        Category table, ``"eular"`` (default) or ``"acr_2012"`` (:class:`Das28Convention`).

    Returns
    -------
    Score
        ``value`` unrounded (about 0-9.6); ``category`` a :class:`DiseaseActivity`;
        ``variant`` ``"4-variable"`` or ``"3-variable"``; ``precision`` 2.

    Notes
    -----
    4-variable (Prevoo 1995):

    $$
    \mathrm{DAS28_{ESR}} = 0.56\sqrt{TJC_{28}} + 0.28\sqrt{SJC_{28}} + 0.70\ln(\mathrm{ESR}) + 0.014\,GH
    $$

    3-variable (das-score.nl, the developers' table of validated DAS formulae):

    $$
    \mathrm{DAS28_{ESR}(3)} = 1.08\left[0.56\sqrt{TJC_{28}} + 0.28\sqrt{SJC_{28}} + 0.70\ln(\mathrm{ESR})\right] + 0.16
    $$

    Categories: see :func:`das28_category` (decided at 2 decimals).

    References
    ----------
    1. Prevoo MLL, van 't Hof MA, Kuper HH, et al. Arthritis Rheum 1995;38:44-48.
       doi:10.1002/art.1780380107
    2. Radboud university medical center. DAS-score.nl: alternative validated formulae
       (DAS28(3), DAS28-CRP(4), DAS28-CRP(3)). https://www.das-score.nl
    3. Categories: see :func:`das28_category`.

    Examples
    --------
    >>> s = das28_esr(
    ...     tender_joints_28=6, swollen_joints_28=4, esr_mm_per_h=30, patient_global_mm=50
    ... )
    >>> round(s.value, 2), s.category.value
    (5.01, 'moderate')
    >>> das28_esr(tender_joints_28=6, swollen_joints_28=4, esr_mm_per_h=30).variant
    '3-variable'
    """
    tjc = tender_joints_28
    sjc = swollen_joints_28
    esr = esr_mm_per_h
    gh = patient_global_mm
    if not (type(tjc) is int and 0 <= tjc <= 28):  # noqa: PLR2004
        tjc = _v.count("tender_joints_28", tjc, 0, 28, "joints")
    if not (type(sjc) is int and 0 <= sjc <= 28):  # noqa: PLR2004
        sjc = _v.count("swollen_joints_28", sjc, 0, 28, "joints")
    if not ((type(esr) is float or type(esr) is int) and 1 <= esr <= _ESR_MAX):
        esr = _v.real("esr_mm_per_h", esr, 1, _ESR_MAX, unit="mm/h")
    # 0.56 * sqrt(tjc) + 0.28 * sqrt(sjc) + ..., the joint terms read from their tables
    core = _TJC_TERM[tjc] + _SJC_TERM[sjc] + 0.70 * _log(esr)
    if gh is None:
        value = core * 1.08 + 0.16
        variant = "3-variable"
    else:
        if not ((type(gh) is float or type(gh) is int) and 0 <= gh <= 100):  # noqa: PLR2004
            gh = _v.real("patient_global_mm", gh, 0, 100, unit="mm")
        value = core + 0.014 * gh
        variant = "4-variable"
    if convention is _EULAR:  # _das28_band(value, _EULAR), inlined (see _das28_band)
        category = (
            _REMISSION
            if value < _DAS28_REMISSION_BELOW  # remission < 2.6
            else _LOW
            if value < _DAS28_LOW_BELOW  # low <= 3.2
            else _MODERATE
            if value < _DAS28_MODERATE_BELOW  # moderate <= 5.1
            else _HIGH
        )
    else:
        category = _das28_band(value, _convention(convention))
    # lazy_score(value, category, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = category
    fields[_DEFERRED] = (_das28_esr_score, tjc, sjc, esr, gh, variant)
    return score


def _das28_esr_score(
    value: float, category: DiseaseActivity, state: tuple[Any, ...]
) -> dict[str, Any]:
    """The fields of the complete DAS28-ESR Score (see ``lazy_score`` in results.py)."""
    _, tjc, sjc, esr, gh, variant = state
    return {
        "instrument": "DAS28-ESR",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {
            "tender_joints_28": tjc,
            "swollen_joints_28": sjc,
            "esr_mm_per_h": esr,
            "patient_global_mm": gh,
        },
        "components": EMPTY,
        "variant": variant,
        "precision": 2,
    }


def das28_crp(
    *,
    tender_joints_28: int,
    swollen_joints_28: int,
    crp_mg_per_l: float,
    patient_global_mm: float | None = None,
    convention: Das28Convention | str = Das28Convention.EULAR,
) -> Score:
    r"""Disease Activity Score in 28 joints with CRP (DAS28-CRP), 4- or 3-variable.

    Parameters
    ----------
    tender_joints_28
        Tender joints of the 28 assessed. [count], 0-28.
    swollen_joints_28
        Swollen joints of the 28 assessed. [count], 0-28.
    crp_mg_per_l
        C-reactive protein. [mg/L] (not mg/dL: divide-by-ten errors are the commonest
        DAS28-CRP mistake), 0-1000. 0 is allowed (the formula uses ln(CRP + 1)).
    patient_global_mm
        Patient's global assessment on a 100 mm VAS. [mm], 0-100. ``None`` selects the
        published 3-variable formula.
    convention
        Category table, ``"eular"`` (default) or ``"acr_2012"`` (:class:`Das28Convention`).
        The DAS28-ESR cut-offs are applied to DAS28-CRP, as the developers' site does; lower
        CRP-specific cut-offs proposed in the literature are not part of the EULAR or ACR
        definitions (docs page, pitfalls).

    Returns
    -------
    Score
        ``value`` unrounded (minimum 0.96, or 1.15 for the 3-variable form); ``category``
        a :class:`DiseaseActivity`; ``variant``; ``precision`` 2.

    Notes
    -----
    $$
    \mathrm{DAS28_{CRP}} = 0.56\sqrt{TJC_{28}} + 0.28\sqrt{SJC_{28}} + 0.36\ln(\mathrm{CRP}+1) + 0.014\,GH + 0.96
    $$

    $$
    \mathrm{DAS28_{CRP}(3)} = 1.10\left[0.56\sqrt{TJC_{28}} + 0.28\sqrt{SJC_{28}} + 0.36\ln(\mathrm{CRP}+1)\right] + 1.15
    $$

    References
    ----------
    1. Radboud university medical center. DAS-score.nl: alternative validated formulae.
       https://www.das-score.nl
    2. Prevoo MLL et al. Arthritis Rheum 1995;38:44-48. doi:10.1002/art.1780380107
    3. Categories: see :func:`das28_category`.

    Examples
    --------
    A DAS28-CRP of exactly 3.2 is low activity on the EULAR table, moderate on ACR 2012:

    >>> s = das28_crp(tender_joints_28=16, swollen_joints_28=0, crp_mg_per_l=0, patient_global_mm=0)
    >>> s.value, s.category.value
    (3.2, 'low')
    """
    tjc = tender_joints_28
    sjc = swollen_joints_28
    crp = crp_mg_per_l
    gh = patient_global_mm
    if not (type(tjc) is int and 0 <= tjc <= 28):  # noqa: PLR2004
        tjc = _v.count("tender_joints_28", tjc, 0, 28, "joints")
    if not (type(sjc) is int and 0 <= sjc <= 28):  # noqa: PLR2004
        sjc = _v.count("swollen_joints_28", sjc, 0, 28, "joints")
    if not ((type(crp) is float or type(crp) is int) and 0 <= crp <= _CRP_MG_PER_L_MAX):
        crp = _v.real("crp_mg_per_l", crp, 0, _CRP_MG_PER_L_MAX, unit="mg/L")
    # 0.56 * sqrt(tjc) + 0.28 * sqrt(sjc) + ..., the joint terms read from their tables
    core = _TJC_TERM[tjc] + _SJC_TERM[sjc] + 0.36 * _log(crp + 1)
    if gh is None:
        value = core * 1.10 + 1.15
        variant = "3-variable"
    else:
        if not ((type(gh) is float or type(gh) is int) and 0 <= gh <= 100):  # noqa: PLR2004
            gh = _v.real("patient_global_mm", gh, 0, 100, unit="mm")
        value = core + 0.014 * gh + 0.96
        variant = "4-variable"
    if convention is _EULAR:  # _das28_band(value, _EULAR), inlined (see _das28_band)
        category = (
            _REMISSION
            if value < _DAS28_REMISSION_BELOW  # remission < 2.6
            else _LOW
            if value < _DAS28_LOW_BELOW  # low <= 3.2
            else _MODERATE
            if value < _DAS28_MODERATE_BELOW  # moderate <= 5.1
            else _HIGH
        )
    else:
        category = _das28_band(value, _convention(convention))
    # lazy_score(value, category, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = category
    fields[_DEFERRED] = (_das28_crp_score, tjc, sjc, crp, gh, variant)
    return score


def _das28_crp_score(
    value: float, category: DiseaseActivity, state: tuple[Any, ...]
) -> dict[str, Any]:
    """The fields of the complete DAS28-CRP Score (see ``lazy_score`` in results.py)."""
    _, tjc, sjc, crp, gh, variant = state
    return {
        "instrument": "DAS28-CRP",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {
            "tender_joints_28": tjc,
            "swollen_joints_28": sjc,
            "crp_mg_per_l": crp,
            "patient_global_mm": gh,
        },
        "components": EMPTY,
        "variant": variant,
        "precision": 2,
    }


def _cdai_band(value: float) -> DiseaseActivity:
    hundredths = _floor(value * 100.0 + 0.5 + _NOISE)  # hundredths(value), inlined
    if hundredths <= 280:  # noqa: PLR2004 - remission <= 2.8
        return _REMISSION
    if hundredths <= 1000:  # noqa: PLR2004 - low <= 10
        return _LOW
    if hundredths <= 2200:  # noqa: PLR2004 - moderate <= 22
        return _MODERATE
    return _HIGH


def _sdai_band(value: float) -> DiseaseActivity:
    hundredths = _floor(value * 100.0 + 0.5 + _NOISE)  # hundredths(value), inlined
    if hundredths <= 330:  # noqa: PLR2004 - remission <= 3.3
        return _REMISSION
    if hundredths <= 1100:  # noqa: PLR2004 - low <= 11
        return _LOW
    if hundredths <= 2600:  # noqa: PLR2004 - moderate <= 26
        return _MODERATE
    return _HIGH


def cdai_category(value: float | Score) -> DiseaseActivity:
    """Return the CDAI activity category: remission ≤ 2.8, low ≤ 10, moderate ≤ 22, high > 22.

    The value (0-76, or a CDAI :class:`Score`) is rounded half-up to 2 decimals first.
    Source: Aletaha D, Smolen JS. Clin Exp Rheumatol 2005;23(S39):S100-S108
    (PMID 16273793); Aletaha D et al. Arthritis Res Ther 2005;7:R796-R806.
    doi:10.1186/ar1740

    >>> cdai_category(2.8).value, cdai_category(10.01).value
    ('remission', 'moderate')
    """
    if (type(value) is float or type(value) is int) and 0 <= value <= 76:  # noqa: PLR2004
        # the common case: _cdai_band(value), inlined (see _das28_band)
        if value < _CDAI_REMISSION_BELOW:  # remission <= 2.8
            return _REMISSION
        if value < _CDAI_LOW_BELOW:  # low <= 10
            return _LOW
        return _MODERATE if value < _CDAI_MODERATE_BELOW else _HIGH  # moderate <= 22
    return _cdai_band(_number("value", value, 0, 76))


def sdai_category(value: float | Score) -> DiseaseActivity:
    """Return the SDAI activity category: remission ≤ 3.3, low ≤ 11, moderate ≤ 26, high > 26.

    The value (0-176, or an SDAI :class:`Score`) is rounded half-up to 2 decimals first.
    Source: Aletaha D, Smolen JS. Clin Exp Rheumatol 2005;23(S39):S100-S108
    (PMID 16273793); Smolen JS et al. Rheumatology 2003;42:244-257. doi:10.1093/rheumatology/keg072

    >>> sdai_category(3.3).value, sdai_category(26.01).value
    ('remission', 'high')
    """
    if (type(value) is float or type(value) is int) and 0 <= value <= _SDAI_MAX:
        # the common case: _sdai_band(value), inlined (see _das28_band)
        if value < _SDAI_REMISSION_BELOW:  # remission <= 3.3
            return _REMISSION
        if value < _SDAI_LOW_BELOW:  # low <= 11
            return _LOW
        return _MODERATE if value < _SDAI_MODERATE_BELOW else _HIGH  # moderate <= 26
    return _sdai_band(_number("value", value, 0, _SDAI_MAX))


def cdai(
    *,
    tender_joints_28: int,
    swollen_joints_28: int,
    patient_global_cm: float,
    evaluator_global_cm: float,
) -> Score:
    r"""Clinical Disease Activity Index (CDAI).

    Parameters
    ----------
    tender_joints_28
        Tender joints of the 28 assessed. [count], 0-28.
    swollen_joints_28
        Swollen joints of the 28 assessed. [count], 0-28.
    patient_global_cm
        Patient's global assessment of disease activity, 10 cm VAS. [cm], 0-10.
    evaluator_global_cm
        Evaluator's (physician's) global assessment of disease activity, 10 cm VAS.
        [cm], 0-10.

    Returns
    -------
    Score
        ``value`` 0-76; ``category`` by :func:`cdai_category`; ``precision`` 2.

    Notes
    -----
    $$
    \mathrm{CDAI} = TJC_{28} + SJC_{28} + PtGA_{cm} + EGA_{cm}
    $$

    Remission ≤ 2.8, low ≤ 10, moderate ≤ 22, high > 22 (Aletaha & Smolen 2005).

    References
    ----------
    1. Aletaha D, Nell VPK, Stamm T, et al. Arthritis Res Ther 2005;7:R796-R806.
       doi:10.1186/ar1740
    2. Aletaha D, Smolen JS. Clin Exp Rheumatol 2005;23(S39):S100-S108. PMID 16273793

    Examples
    --------
    >>> s = cdai(
    ...     tender_joints_28=1, swollen_joints_28=1, patient_global_cm=0.5, evaluator_global_cm=0.3
    ... )
    >>> s.value, s.category.value
    (2.8, 'remission')
    """
    tjc = tender_joints_28
    sjc = swollen_joints_28
    if not (type(tjc) is int and 0 <= tjc <= 28):  # noqa: PLR2004
        tjc = _v.count("tender_joints_28", tjc, 0, 28, "joints")
    if not (type(sjc) is int and 0 <= sjc <= 28):  # noqa: PLR2004
        sjc = _v.count("swollen_joints_28", sjc, 0, 28, "joints")
    pga = patient_global_cm
    ega = evaluator_global_cm
    if not ((type(pga) is float or type(pga) is int) and 0 <= pga <= 10):  # noqa: PLR2004
        pga = _v.real("patient_global_cm", pga, 0, 10, unit="cm")
    if not ((type(ega) is float or type(ega) is int) and 0 <= ega <= 10):  # noqa: PLR2004
        ega = _v.real("evaluator_global_cm", ega, 0, 10, unit="cm")
    value = tjc + sjc + pga + ega
    category = (  # _cdai_band(value), inlined (see _das28_band)
        _REMISSION
        if value < _CDAI_REMISSION_BELOW  # remission <= 2.8
        else _LOW
        if value < _CDAI_LOW_BELOW  # low <= 10
        else _MODERATE
        if value < _CDAI_MODERATE_BELOW  # moderate <= 22
        else _HIGH
    )
    # lazy_score(value, category, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = category
    fields[_DEFERRED] = (_cdai_score, tjc, sjc, pga, ega)
    return score


def _cdai_score(value: float, category: DiseaseActivity, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete CDAI Score (see ``lazy_score`` in results.py)."""
    _, tjc, sjc, pga, ega = state
    return {
        "instrument": "CDAI",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {
            "tender_joints_28": tjc,
            "swollen_joints_28": sjc,
            "patient_global_cm": pga,
            "evaluator_global_cm": ega,
        },
        "components": EMPTY,
        "variant": None,
        "precision": 2,
    }


def sdai(
    *,
    tender_joints_28: int,
    swollen_joints_28: int,
    patient_global_cm: float,
    evaluator_global_cm: float,
    crp_mg_per_dl: float,
) -> Score:
    r"""Simplified Disease Activity Index (SDAI).

    Parameters
    ----------
    tender_joints_28
        Tender joints of the 28 assessed. [count], 0-28.
    swollen_joints_28
        Swollen joints of the 28 assessed. [count], 0-28.
    patient_global_cm
        Patient's global assessment of disease activity, 10 cm VAS. [cm], 0-10.
    evaluator_global_cm
        Evaluator's global assessment of disease activity, 10 cm VAS. [cm], 0-10.
    crp_mg_per_dl
        C-reactive protein. [mg/dL] (not mg/L: convert with
        :func:`~activity_scores.units.crp_mg_per_l_to_mg_per_dl`), 0-100. Not capped at
        10 mg/dL: the published "0.1-86" is the observed range, not a truncation rule.

    Returns
    -------
    Score
        ``value`` ≥ 0; ``category`` by :func:`sdai_category`; ``precision`` 2.

    Notes
    -----
    $$
    \mathrm{SDAI} = TJC_{28} + SJC_{28} + PtGA_{cm} + EGA_{cm} + \mathrm{CRP}_{mg/dL}
    $$

    Remission ≤ 3.3, low ≤ 11, moderate ≤ 26, high > 26 (Aletaha & Smolen 2005).

    References
    ----------
    1. Smolen JS, Breedveld FC, Schiff MH, et al. Rheumatology 2003;42:244-257.
       doi:10.1093/rheumatology/keg072
    2. Aletaha D, Smolen JS. Clin Exp Rheumatol 2005;23(S39):S100-S108. PMID 16273793

    Examples
    --------
    >>> s = sdai(
    ...     tender_joints_28=1,
    ...     swollen_joints_28=1,
    ...     patient_global_cm=0.7,
    ...     evaluator_global_cm=0.6,
    ...     crp_mg_per_dl=0.0,
    ... )
    >>> s.value  # 3.3 in binary floating point
    3.3000000000000003
    >>> s.category.value
    'remission'
    """
    tjc = tender_joints_28
    sjc = swollen_joints_28
    crp = crp_mg_per_dl
    if not (type(tjc) is int and 0 <= tjc <= 28):  # noqa: PLR2004
        tjc = _v.count("tender_joints_28", tjc, 0, 28, "joints")
    if not (type(sjc) is int and 0 <= sjc <= 28):  # noqa: PLR2004
        sjc = _v.count("swollen_joints_28", sjc, 0, 28, "joints")
    pga = patient_global_cm
    ega = evaluator_global_cm
    if not ((type(pga) is float or type(pga) is int) and 0 <= pga <= 10):  # noqa: PLR2004
        pga = _v.real("patient_global_cm", pga, 0, 10, unit="cm")
    if not ((type(ega) is float or type(ega) is int) and 0 <= ega <= 10):  # noqa: PLR2004
        ega = _v.real("evaluator_global_cm", ega, 0, 10, unit="cm")
    if not ((type(crp) is float or type(crp) is int) and 0 <= crp <= _CRP_MG_PER_DL_MAX):
        crp = _v.real("crp_mg_per_dl", crp, 0, _CRP_MG_PER_DL_MAX, unit="mg/dL")
    value = tjc + sjc + pga + ega + crp
    category = (  # _sdai_band(value), inlined (see _das28_band)
        _REMISSION
        if value < _SDAI_REMISSION_BELOW  # remission <= 3.3
        else _LOW
        if value < _SDAI_LOW_BELOW  # low <= 11
        else _MODERATE
        if value < _SDAI_MODERATE_BELOW  # moderate <= 26
        else _HIGH
    )
    # lazy_score(value, category, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = category
    fields[_DEFERRED] = (_sdai_score, tjc, sjc, pga, ega, crp)
    return score


def _sdai_score(value: float, category: DiseaseActivity, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete SDAI Score (see ``lazy_score`` in results.py)."""
    _, tjc, sjc, pga, ega, crp = state
    return {
        "instrument": "SDAI",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {
            "tender_joints_28": tjc,
            "swollen_joints_28": sjc,
            "patient_global_cm": pga,
            "evaluator_global_cm": ega,
            "crp_mg_per_dl": crp,
        },
        "components": EMPTY,
        "variant": None,
        "precision": 2,
    }


def _number(field: str, value: object, lo: float, hi: float) -> float:
    """A plain number or a Score's value, within ``[lo, hi]``."""
    if isinstance(value, Score):
        value = value.value
    if (type(value) is float or type(value) is int) and lo <= value <= hi:
        return value
    return _v.real(field, value, lo, hi)


_DAS28_INSTRUMENTS = ("DAS28-ESR", "DAS28-CRP")


def _response_inputs(baseline: float | Score, follow_up: float | Score) -> tuple[float, float]:
    """Check the two DAS28 values of :func:`eular_response` (Scores, or numbers out of range)."""
    if (
        isinstance(baseline, Score)
        and isinstance(follow_up, Score)
        and baseline.instrument != follow_up.instrument
    ):
        raise InvalidInputError(
            "follow_up",
            f"must be the same DAS28 version as baseline ({baseline.instrument})",
            follow_up.instrument,
        )
    for field, value in (("baseline", baseline), ("follow_up", follow_up)):
        if isinstance(value, Score) and value.instrument not in _DAS28_INSTRUMENTS:
            raise InvalidInputError(field, "must be a DAS28 value or Score", value.instrument)
    return (
        _number("baseline", baseline, 0, _DAS28_MAX),
        _number("follow_up", follow_up, 0, _DAS28_MAX),
    )


def eular_response(*, baseline: float | Score, follow_up: float | Score) -> Score:
    """EULAR response (good, moderate, none) from DAS28 at baseline and follow-up.

    Parameters
    ----------
    baseline
        DAS28 at baseline, 0-10 (a number or a DAS28 :class:`Score`).
    follow_up
        DAS28 at follow-up, 0-10, of the same DAS28 version.

    Returns
    -------
    Score
        ``instrument`` ``"EULAR response"``; ``value`` the improvement (baseline minus
        follow-up) at 2 decimals, exactly as the decision used it; ``category`` an
        :class:`~activity_scores.EularResponse`.

    Raises
    ------
    InvalidInputError
        A value outside 0-10, or two Scores of different instruments (DAS28-ESR at one
        visit and DAS28-CRP at the other are not comparable).

    Notes
    -----
    Both values are rounded half-up to 2 decimals and the improvement is computed on them
    exactly, so that 4.4 → 3.2 is an improvement of exactly 1.2 (in binary floating point,
    ``4.4 - 3.2 == 1.2000000000000002``, which naive code calls "> 1.2").

    ========================  ==============  ===================  ==============
    DAS28 at follow-up        improvement     improvement          improvement
                              > 1.2           > 0.6 and ≤ 1.2      ≤ 0.6
    ========================  ==============  ===================  ==============
    ≤ 3.2                     good            moderate             none
    > 3.2 and ≤ 5.1           moderate        moderate             none
    > 5.1                     moderate        none                 none
    ========================  ==============  ===================  ==============

    References
    ----------
    1. van Gestel AM, Prevoo MLL, van 't Hof MA, et al. Arthritis Rheum 1996;39:34-40.
       doi:10.1002/art.1780390105
    2. Fransen J, van Riel PLCM. Clin Exp Rheumatol 2005;23(S39):S93-S99. PMID 16273792

    Examples
    --------
    >>> r = eular_response(baseline=4.4, follow_up=3.2)
    >>> r.value, r.category.value
    (1.2, 'moderate')
    """
    before = baseline
    after = follow_up
    if not (
        (type(before) is float or type(before) is int)
        and (type(after) is float or type(after) is int)
        and 0 <= before <= _DAS28_MAX
        and 0 <= after <= _DAS28_MAX
    ):
        before, after = _response_inputs(baseline, follow_up)
    base = _floor(before * 100.0 + 0.5 + _NOISE)  # hundredths(before), inlined
    follow = _floor(after * 100.0 + 0.5 + _NOISE)
    improvement = base - follow
    if follow <= _FOLLOW_UP_LOW_MAX:
        if improvement > _GOOD_IMPROVEMENT_ABOVE:
            category = _GOOD
        elif improvement > _MODERATE_IMPROVEMENT_ABOVE:
            category = _RESPONSE_MODERATE
        else:
            category = _NO_RESPONSE
    elif follow <= _FOLLOW_UP_MODERATE_MAX:
        category = _RESPONSE_MODERATE if improvement > _MODERATE_IMPROVEMENT_ABOVE else _NO_RESPONSE
    else:
        category = _RESPONSE_MODERATE if improvement > _GOOD_IMPROVEMENT_ABOVE else _NO_RESPONSE
    # lazy_score(value, category, state), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = improvement / 100
    fields["category"] = category
    fields[_DEFERRED] = _EULAR_STATES[follow]  # (_eular_score, follow), built once
    return score


def _eular_score(value: float, category: EularResponse, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete EULAR response Score (see ``lazy_score`` in results.py)."""
    # The state is (this builder, the follow-up DAS28 in hundredths). The value is the
    # improvement in hundredths / 100, which round(value * 100) recovers exactly for every
    # improvement within +-1,000 (tests/test_speedups.py checks them all).
    follow = state[1]
    base = follow + round(value * 100)
    return {
        "instrument": "EULAR response",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": {"baseline": base / 100, "follow_up": follow / 100},
        "components": EMPTY,
        "variant": None,
        "precision": 2,
    }


#: The lazy state of every EULAR response by its follow-up DAS28 in hundredths (0 to 1,000):
#: immutable, so shared instead of built per call (issue 8).
_EULAR_STATES = tuple((_eular_score, follow) for follow in range(100 * _DAS28_MAX + 1))


# Compiled fast paths of the common cases (activity_scores/_fast.py, _speedups.c): the same
# values, categories and lazily built Scores; every other call runs the functions above.
for _form, _builder, _lab, _top in (
    ("esr", _das28_esr_score, "esr_mm_per_h", _ESR_MAX),
    ("crp", _das28_crp_score, "crp_mg_per_l", _CRP_MG_PER_L_MAX),
):
    _fast.bind(
        globals(),
        f"das28_{_form}",
        f"das28_{_form}",
        names=("tender_joints_28", "swollen_joints_28", _lab, "patient_global_mm", "convention"),
        required=3,
        config=(
            Score,
            _builder,
            _TJC_TERM,
            _SJC_TERM,
            _REMISSION,
            _LOW,
            _MODERATE,
            _HIGH,
            _DAS28_REMISSION_BELOW,
            _DAS28_LOW_BELOW,
            _DAS28_MODERATE_BELOW,
            _EULAR,
            _top,
            "3-variable",
            "4-variable",
        ),
    )
del _form, _builder, _lab, _top
_fast.bind(
    globals(),
    "cdai",
    "cdai",
    names=("tender_joints_28", "swollen_joints_28", "patient_global_cm", "evaluator_global_cm"),
    required=4,
    config=(
        Score,
        _cdai_score,
        _REMISSION,
        _LOW,
        _MODERATE,
        _HIGH,
        _CDAI_REMISSION_BELOW,
        _CDAI_LOW_BELOW,
        _CDAI_MODERATE_BELOW,
    ),
)
_fast.bind(
    globals(),
    "sdai",
    "sdai",
    names=(
        "tender_joints_28",
        "swollen_joints_28",
        "patient_global_cm",
        "evaluator_global_cm",
        "crp_mg_per_dl",
    ),
    required=5,
    config=(
        Score,
        _sdai_score,
        _REMISSION,
        _LOW,
        _MODERATE,
        _HIGH,
        _SDAI_REMISSION_BELOW,
        _SDAI_LOW_BELOW,
        _SDAI_MODERATE_BELOW,
        _CRP_MG_PER_DL_MAX,
    ),
)
for _name, _top, _below in (
    ("cdai", 76, (_CDAI_REMISSION_BELOW, _CDAI_LOW_BELOW, _CDAI_MODERATE_BELOW)),
    ("sdai", _SDAI_MAX, (_SDAI_REMISSION_BELOW, _SDAI_LOW_BELOW, _SDAI_MODERATE_BELOW)),
):
    _fast.bind(
        globals(),
        f"{_name}_category",
        "band",
        names=("value",),
        required=1,
        positional=1,
        config=(0, 0, _top, _below, (_REMISSION, _LOW, _MODERATE, _HIGH)),
    )
del _name, _top, _below
_fast.bind(
    globals(),
    "das28_category",
    "das28_category",
    names=("value", "convention"),
    required=1,
    positional=1,
    config=(
        _EULAR,
        _DAS28_MAX,
        _DAS28_REMISSION_BELOW,
        _DAS28_LOW_BELOW,
        _DAS28_MODERATE_BELOW,
        _REMISSION,
        _LOW,
        _MODERATE,
        _HIGH,
    ),
)
_fast.bind(
    globals(),
    "eular_response",
    "eular_response",
    names=("baseline", "follow_up"),
    required=2,
    config=(
        Score,
        _eular_score,
        _GOOD,
        _RESPONSE_MODERATE,
        _NO_RESPONSE,
        _DAS28_MAX,
        _NOISE,
        tuple(n / 100 for n in range(-100 * _DAS28_MAX, 100 * _DAS28_MAX + 1)),
        _EULAR_STATES,
        _FOLLOW_UP_LOW_MAX,
        _FOLLOW_UP_MODERATE_MAX,
        _GOOD_IMPROVEMENT_ABOVE,
        _MODERATE_IMPROVEMENT_ABOVE,
    ),
)
