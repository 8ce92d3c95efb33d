"""Tri-state (Kleene) logic for criteria and rules (private).

``True`` is met, ``False`` is not met, ``None`` is unknown. Unknown never becomes met or
not met by default: it does only when the known parts settle the answer whatever the
missing parts turn out to be.
"""

from __future__ import annotations

from collections.abc import Iterable


def all_of(values: Iterable[bool | None]) -> bool | None:
    """Kleene AND: ``False`` if any is ``False``, else ``None`` if any is unknown, else ``True``."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def any_of(values: Iterable[bool | None]) -> bool | None:
    """Kleene OR: ``True`` if any is ``True``, else ``None`` if any is unknown, else ``False``."""
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def negate(value: bool | None) -> bool | None:  # noqa: FBT001 - a tri-state value
    """Kleene NOT."""
    return None if value is None else not value


def at_least(needed: int, values: Iterable[bool | None]) -> bool | None:
    """Decide "at least ``needed`` are met" in tri-state logic.

    ``True`` if at least ``needed`` are ``True`` whatever the unknowns are, ``False`` if
    that many cannot be reached even if every unknown is ``True``, else ``None``.
    """
    met = unknown = 0
    for value in values:
        if value is True:
            met += 1
        elif value is None:
            unknown += 1
    if met >= needed:
        return True
    if met + unknown < needed:
        return False
    return None


def points_reach(known: float, unknown_max: float, threshold: float) -> bool | None:
    """Decide a points threshold in tri-state logic.

    Met when the known points reach ``threshold``; not met when even the most the unknown
    items could add (``unknown_max``) would not; otherwise unknown.

    Callers pass points in exact units (integers, or tenths as integers) to avoid float noise.
    """
    if known >= threshold:
        return True
    if known + unknown_max < threshold:
        return False
    return None
