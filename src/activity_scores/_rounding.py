"""Decimal-faithful rounding for decisions at published cut-offs (private).

Cut-offs are published as decimals (3.2, 1.2, 2.8) and compared with values that
clinicians read as decimals. Binary floating point adds noise (``4.4 - 3.2`` is
``1.2000000000000002``), so every decision at a cut-off is taken on the value rounded
half-up to the precision the source reports, expressed as an integer number of units of
that precision: exact integer comparisons, no float noise.
"""

from __future__ import annotations

import math

#: Differences below this fraction of the last reported digit are binary noise.
_NOISE = 1e-9


def units_of(value: float, decimals: int) -> int:
    """Return ``value`` rounded half-up to ``decimals`` places, in units of ``10**-decimals``.

    ``units_of(3.2000000000000006, 2) == 320``, ``units_of(2.675, 2) == 268``
    (the float 2.675 is 2.67499999999999982236431605997495353221893310546875, but a
    clinician reading "2.675" rounds it up), ``units_of(2.59988, 2) == 260``.
    """
    scaled: float = value * 10.0**decimals
    return math.floor(scaled + 0.5 + _NOISE)


def round_half_up(value: float, decimals: int) -> float:
    """Return ``value`` rounded half-up to ``decimals`` places (as the nearest float)."""
    return units_of(value, decimals) / float(10**decimals)
