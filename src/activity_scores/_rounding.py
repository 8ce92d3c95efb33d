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

_floor = math.floor
#: ``10.0**d`` for the usual ``d`` (exact floats; a tuple index is cheaper than the power).
_SCALE = (1.0, 10.0, 100.0, 1000.0, 10000.0)


def units_of(value: float, decimals: int) -> int:
    """Return ``value`` rounded half-up to ``decimals`` places, in units of ``10**-decimals``.

    ``units_of(3.2000000000000006, 2) == 320``, ``units_of(2.675, 2) == 268``
    (the float 2.675 is 2.67499999999999982236431605997495353221893310546875, but a
    clinician reading "2.675" rounds it up), ``units_of(2.59988, 2) == 260``.
    """
    scale = _SCALE[decimals] if 0 <= decimals < len(_SCALE) else 10.0**decimals
    scaled: float = value * scale
    return _floor(scaled + 0.5 + _NOISE)


def hundredths(value: float) -> int:
    """Return ``units_of(value, 2)``: ``value`` rounded half-up to 2 places, in hundredths.

    Most published cut-offs have 2 decimals; this is the same arithmetic, operation for
    operation, without the table look-up (hot paths inline the same expression).
    """
    return _floor(value * 100.0 + 0.5 + _NOISE)


def round_half_up(value: float, decimals: int) -> float:
    """Return ``value`` rounded half-up to ``decimals`` places (as the nearest float)."""
    return units_of(value, decimals) / float(10**decimals)
