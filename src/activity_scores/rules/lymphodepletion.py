"""The protocol's lymphodepletion regimen: fludarabine and cyclophosphamide on days -5, -4, -3."""

from __future__ import annotations

from typing import Any

import attrs

from activity_scores import _validation as _v
from activity_scores.scores.body import BsaFormula, body_surface_area_m2

__all__ = [
    "CYCLOPHOSPHAMIDE_MG_PER_M2_PER_DAY",
    "FLUDARABINE_MG_PER_M2_PER_DAY",
    "LYMPHODEPLETION_DAYS",
    "LymphodepletionRegimen",
    "lymphodepletion_regimen",
]

#: "Fludarabine (25 mg/m2 per day) and Cyclophosphamide (300 mg/m2 per day) on day -5, -4,
#: and -3" (CHEC2024-181, registry record 2024-06-18).
FLUDARABINE_MG_PER_M2_PER_DAY = 25
CYCLOPHOSPHAMIDE_MG_PER_M2_PER_DAY = 300
LYMPHODEPLETION_DAYS = (-5, -4, -3)


@attrs.frozen
class LymphodepletionRegimen:
    """Daily doses of the protocol's lymphodepletion for one patient.

    Attributes
    ----------
    body_surface_area_m2
        The BSA used. [m²]
    bsa_formula
        The BSA formula (``mosteller`` or ``dubois``).
    fludarabine_mg_per_day
        25 mg/m² x BSA, each day. [mg]
    cyclophosphamide_mg_per_day
        300 mg/m² x BSA, each day. [mg]
    days
        The days relative to the CAR-NK infusion (day 0): -5, -4, -3.
    """

    body_surface_area_m2: float
    bsa_formula: BsaFormula
    fludarabine_mg_per_day: float
    cyclophosphamide_mg_per_day: float
    days: tuple[int, ...] = LYMPHODEPLETION_DAYS

    @property
    def fludarabine_total_mg(self) -> float:
        """Fludarabine over the three days, in mg."""
        return self.fludarabine_mg_per_day * len(self.days)

    @property
    def cyclophosphamide_total_mg(self) -> float:
        """Cyclophosphamide over the three days, in mg."""
        return self.cyclophosphamide_mg_per_day * len(self.days)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "body_surface_area_m2": self.body_surface_area_m2,
            "bsa_formula": self.bsa_formula.value,
            "fludarabine_mg_per_day": self.fludarabine_mg_per_day,
            "cyclophosphamide_mg_per_day": self.cyclophosphamide_mg_per_day,
            "days": list(self.days),
        }


def lymphodepletion_regimen(
    *, weight_kg: float, height_cm: float, bsa_formula: BsaFormula | str = BsaFormula.MOSTELLER
) -> LymphodepletionRegimen:
    r"""The protocol's fludarabine and cyclophosphamide doses for days -5, -4 and -3.

    Parameters
    ----------
    weight_kg
        Actual body weight. [kg], 20-350.
    height_cm
        Height. [cm], 120-250.
    bsa_formula
        ``"mosteller"`` (default) or ``"dubois"``: see :func:`body_surface_area_m2`.

    Returns
    -------
    LymphodepletionRegimen
        BSA and the daily doses (unrounded: round to the pharmacy's practice).

    Notes
    -----
    $$
    D_{flu} = 25\ \mathrm{mg/m^2} \times \mathrm{BSA}, \qquad
    D_{cy} = 300\ \mathrm{mg/m^2} \times \mathrm{BSA} \quad \text{on days } -5, -4, -3
    $$

    This helper computes doses; it does not adjust them for renal function (fludarabine is
    often reduced when creatinine clearance is low): that is the investigator's decision.

    References
    ----------
    1. CHEC2024-181, registry record updated 2024-06-18, "Treatment".
    2. Mosteller RD. N Engl J Med 1987;317:1098. doi:10.1056/NEJM198710223171717

    Examples
    --------
    >>> regimen = lymphodepletion_regimen(weight_kg=70, height_cm=170)
    >>> round(regimen.body_surface_area_m2, 3), regimen.days
    (1.818, (-5, -4, -3))
    >>> round(regimen.fludarabine_mg_per_day, 1), round(regimen.cyclophosphamide_mg_per_day, 1)
    (45.5, 545.4)
    """
    chosen = _v.choice("bsa_formula", bsa_formula, BsaFormula)  # named as the caller named it
    bsa = body_surface_area_m2(weight_kg=weight_kg, height_cm=height_cm, formula=chosen)
    formula = BsaFormula(bsa.variant)
    return LymphodepletionRegimen(
        bsa.value,
        formula,
        FLUDARABINE_MG_PER_M2_PER_DAY * bsa.value,
        CYCLOPHOSPHAMIDE_MG_PER_M2_PER_DAY * bsa.value,
    )
