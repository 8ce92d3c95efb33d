r"""Body surface area (BSA): Mosteller (default) and DuBois & DuBois.

The CHEC2024-181 lymphodepletion doses are per m² of body surface area; the protocol does
not name a BSA formula. Mosteller's is the default (simple, used by most oncology dosing
software); DuBois & DuBois is offered for sites that use it.
"""

from __future__ import annotations

import math
from enum import Enum

from activity_scores import _validation as _v
from activity_scores.results import Score
from activity_scores.scores.renal import HEIGHT_CM, WEIGHT_KG

__all__ = ["BsaFormula", "body_surface_area_m2"]


class BsaFormula(str, Enum):
    """Which body-surface-area formula to use."""

    MOSTELLER = "mosteller"
    DUBOIS = "dubois"


def body_surface_area_m2(
    *, weight_kg: float, height_cm: float, formula: BsaFormula | str = BsaFormula.MOSTELLER
) -> Score:
    r"""Body surface area in m², by Mosteller (1987) or DuBois & DuBois (1916).

    Parameters
    ----------
    weight_kg
        Actual body weight. [kg], 20-350.
    height_cm
        Height. [cm], 120-250.
    formula
        ``"mosteller"`` (default) or ``"dubois"`` (:class:`BsaFormula`).

    Returns
    -------
    Score
        ``value`` in m², unrounded; ``variant`` the formula; ``category`` ``None``.

    Notes
    -----
    $$
    \mathrm{BSA_{Mosteller}} = \sqrt{\frac{h_{cm} \times w_{kg}}{3600}}, \qquad
    \mathrm{BSA_{DuBois}} = 0.007184 \times w_{kg}^{0.425} \times h_{cm}^{0.725}
    $$

    References
    ----------
    1. Mosteller RD. Simplified calculation of body-surface area. N Engl J Med
       1987;317:1098. doi:10.1056/NEJM198710223171717
    2. DuBois D, DuBois EF. A formula to estimate the approximate surface area if height
       and weight be known. Arch Intern Med 1916;17:863-871.
       doi:10.1001/archinte.1916.00080130010002

    Examples
    --------
    >>> round(body_surface_area_m2(weight_kg=70, height_cm=170).value, 4)
    1.8181
    >>> round(body_surface_area_m2(weight_kg=70, height_cm=170, formula="dubois").value, 4)
    1.8097
    """
    weight = _v.real("weight_kg", weight_kg, *WEIGHT_KG, unit="kg")
    height = _v.real("height_cm", height_cm, *HEIGHT_CM, unit="cm")
    chosen = _v.choice("formula", formula, BsaFormula)
    if chosen is BsaFormula.MOSTELLER:
        value = math.sqrt(height * weight / 3600)
    else:
        value = 0.007184 * weight**0.425 * height**0.725
    return Score(
        "body surface area",
        value,
        None,
        "m2",
        {"weight_kg": weight, "height_cm": height, "formula": chosen},
        variant=chosen.value,
    )
