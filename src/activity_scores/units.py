"""Explicit unit converters.

Each converter is named after both units, checks its input (finite, not negative, not
above a plausible upper limit) and uses the conversion factor stated in its docstring.
Nothing in the library converts units silently: a function that needs mg/dL takes
``..._mg_per_dl`` and the caller converts.

The upper limits are far beyond anything measured in a patient and are there to refuse
errors of entry or of unit (and numbers so large that the result would overflow to
infinity): CRP 1000 mg/L (100 mg/dL), as for DAS28-CRP and SDAI; serum creatinine 25 mg/dL
(2210 µmol/L), as for Cockcroft-Gault; total bilirubin 100 mg/dL (1710 µmol/L);
haemoglobin 30 g/dL (300 g/L).
"""

from __future__ import annotations

from activity_scores import _validation as _v

__all__ = [
    "BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL",
    "CREATININE_UMOL_PER_L_PER_MG_PER_DL",
    "bilirubin_mg_per_dl_to_umol_per_l",
    "bilirubin_umol_per_l_to_mg_per_dl",
    "creatinine_mg_per_dl_to_umol_per_l",
    "creatinine_umol_per_l_to_mg_per_dl",
    "crp_mg_per_dl_to_mg_per_l",
    "crp_mg_per_l_to_mg_per_dl",
    "hemoglobin_g_per_dl_to_g_per_l",
    "hemoglobin_g_per_l_to_g_per_dl",
    "vas_cm_to_mm",
    "vas_mm_to_cm",
]

#: µmol/L per mg/dL of creatinine: 10 dL/L x 1000 µmol/mmol / 113.12 g/mol ≈ 88.4.
#: The conventional SI factor (used by KDIGO and laboratory medicine): 88.4.
CREATININE_UMOL_PER_L_PER_MG_PER_DL = 88.4

#: µmol/L per mg/dL of bilirubin: 10 dL/L x 1000 / 584.66 g/mol ≈ 17.1 (conventional factor).
BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL = 17.1


#: Plausible upper limits of the converters' inputs (module notes).
_CRP_MG_PER_L_MAX = 1000
_CREATININE_MG_PER_DL_MAX = 25
_CREATININE_UMOL_PER_L_MAX = 2210
_BILIRUBIN_MG_PER_DL_MAX = 100
_BILIRUBIN_UMOL_PER_L_MAX = 1710
_HEMOGLOBIN_G_PER_DL_MAX = 30


def _nonneg(field: str, value: float, hi: float, unit: str) -> float:
    if (type(value) is float or type(value) is int) and 0 <= value <= hi:
        return value
    return _v.real(field, value, 0, hi, unit=unit)


def crp_mg_per_l_to_mg_per_dl(crp_mg_per_l: float) -> float:
    """Convert C-reactive protein from mg/L (0-1000) to mg/dL (divide by 10).

    >>> crp_mg_per_l_to_mg_per_dl(12.0)
    1.2
    """
    return _nonneg("crp_mg_per_l", crp_mg_per_l, _CRP_MG_PER_L_MAX, "mg/L") / 10


def crp_mg_per_dl_to_mg_per_l(crp_mg_per_dl: float) -> float:
    """Convert C-reactive protein from mg/dL (0-100) to mg/L (multiply by 10).

    >>> crp_mg_per_dl_to_mg_per_l(1.2)
    12.0
    """
    return _nonneg("crp_mg_per_dl", crp_mg_per_dl, _CRP_MG_PER_L_MAX / 10, "mg/dL") * 10


def creatinine_mg_per_dl_to_umol_per_l(serum_creatinine_mg_per_dl: float) -> float:
    """Convert serum creatinine from mg/dL (0-25) to µmol/L (multiply by 88.4).

    >>> round(creatinine_mg_per_dl_to_umol_per_l(1.0), 6)
    88.4
    """
    value = _nonneg(
        "serum_creatinine_mg_per_dl", serum_creatinine_mg_per_dl, _CREATININE_MG_PER_DL_MAX, "mg/dL"
    )
    return value * CREATININE_UMOL_PER_L_PER_MG_PER_DL


def creatinine_umol_per_l_to_mg_per_dl(serum_creatinine_umol_per_l: float) -> float:
    """Convert serum creatinine from µmol/L (0-2210) to mg/dL (divide by 88.4).

    >>> round(creatinine_umol_per_l_to_mg_per_dl(88.4), 6)
    1.0
    """
    value = _nonneg(
        "serum_creatinine_umol_per_l",
        serum_creatinine_umol_per_l,
        _CREATININE_UMOL_PER_L_MAX,
        "umol/L",
    )
    return value / CREATININE_UMOL_PER_L_PER_MG_PER_DL


def bilirubin_mg_per_dl_to_umol_per_l(bilirubin_mg_per_dl: float) -> float:
    """Convert total bilirubin from mg/dL (0-100) to µmol/L (multiply by 17.1).

    >>> round(bilirubin_mg_per_dl_to_umol_per_l(1.0), 6)
    17.1
    """
    value = _nonneg("bilirubin_mg_per_dl", bilirubin_mg_per_dl, _BILIRUBIN_MG_PER_DL_MAX, "mg/dL")
    return value * BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL


def bilirubin_umol_per_l_to_mg_per_dl(bilirubin_umol_per_l: float) -> float:
    """Convert total bilirubin from µmol/L (0-1710) to mg/dL (divide by 17.1).

    >>> round(bilirubin_umol_per_l_to_mg_per_dl(17.1), 6)
    1.0
    """
    value = _nonneg(
        "bilirubin_umol_per_l", bilirubin_umol_per_l, _BILIRUBIN_UMOL_PER_L_MAX, "umol/L"
    )
    return value / BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL


def hemoglobin_g_per_dl_to_g_per_l(hemoglobin_g_per_dl: float) -> float:
    """Convert haemoglobin from g/dL (0-30) to g/L (multiply by 10).

    >>> hemoglobin_g_per_dl_to_g_per_l(6.0)
    60.0
    """
    return (
        _nonneg("hemoglobin_g_per_dl", hemoglobin_g_per_dl, _HEMOGLOBIN_G_PER_DL_MAX, "g/dL") * 10
    )


def hemoglobin_g_per_l_to_g_per_dl(hemoglobin_g_per_l: float) -> float:
    """Convert haemoglobin from g/L (0-300) to g/dL (divide by 10).

    >>> hemoglobin_g_per_l_to_g_per_dl(60)
    6.0
    """
    return (
        _nonneg("hemoglobin_g_per_l", hemoglobin_g_per_l, _HEMOGLOBIN_G_PER_DL_MAX * 10, "g/L") / 10
    )


def vas_mm_to_cm(vas_mm: float) -> float:
    """Convert a visual analogue scale reading from mm (0-100) to cm (0-10).

    >>> vas_mm_to_cm(45)
    4.5
    """
    if not ((type(vas_mm) is float or type(vas_mm) is int) and 0 <= vas_mm <= 100):  # noqa: PLR2004
        vas_mm = _v.real("vas_mm", vas_mm, 0, 100, unit="mm")
    return vas_mm / 10


def vas_cm_to_mm(vas_cm: float) -> float:
    """Convert a visual analogue scale reading from cm (0-10) to mm (0-100).

    >>> vas_cm_to_mm(4.5)
    45.0
    """
    if not ((type(vas_cm) is float or type(vas_cm) is int) and 0 <= vas_cm <= 10):  # noqa: PLR2004
        vas_cm = _v.real("vas_cm", vas_cm, 0, 10, unit="cm")
    return vas_cm * 10
