"""The decimal a float was typed as, in integers (without ``fractions.Fraction``).

Criteria decide cut-offs on the decimals users type (``0.1`` is 1/10, not its binary
neighbour). ``Fraction(repr(x))`` reads that decimal but runs in Python and costs a few
microseconds; its arithmetic as much again (issue 8). The same exact value, as a numerator
and a power-of-ten denominator, comes from the float's shortest repr in a few string and
integer operations. Integer true division of the results is correctly rounded, so it gives
``float()`` of the equal Fraction.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

_TWO_53 = 2.0**53


def exact_float(number: float) -> Fraction:
    """``Fraction(repr(number))``: the decimal a float was typed as, exactly.

    Computed without parsing the string in Python: integral values below 2**53 (whose repr
    is their digits) directly, other finite values through ``Decimal`` (the same exact
    decimal, read in C); NaN and the infinities as ``Fraction`` refuses them.

    >>> exact_float(0.1), exact_float(72.5), exact_float(80.0)
    (Fraction(1, 10), Fraction(145, 2), Fraction(80, 1))
    """
    if number.is_integer() and -_TWO_53 < number < _TWO_53:
        return Fraction(int(number))
    if number - number == 0:  # finite
        return Fraction(Decimal(repr(number)))
    return Fraction(repr(number))


def exact(value: float) -> Fraction:
    """The decimal a number was typed as, exactly (``0.1`` is 1/10, not its binary neighbour).

    A float through :func:`exact_float`, an int as itself, any other number (``Decimal``,
    ``Fraction``) through its ``str``.
    """
    if type(value) is float:
        return exact_float(value)
    return Fraction(value) if isinstance(value, int) else Fraction(str(value))


def decimal_ratio(number: float) -> tuple[int, int] | None:
    """``(n, d)`` with ``number`` typed as ``n / d``, ``d`` a power of ten; ``None`` otherwise.

    The decimal is the float's shortest repr (what ``Fraction(repr(number))`` reads). ``None``
    for NaN, the infinities and reprs in exponent form (``1e-05``, ``1e+16``), which callers
    read through ``Fraction``.

    >>> decimal_ratio(72.5), decimal_ratio(80.0), decimal_ratio(0.1), decimal_ratio(1e-05)
    ((725, 10), (80, 1), (1, 10), None)
    """
    if number.is_integer() and -_TWO_53 < number < _TWO_53:
        return int(number), 1
    text = repr(number)
    if "e" in text or "n" in text:  # 1e-05, 1e+16, inf, nan
        return None
    whole, _, digits = text.partition(".")
    return int(whole + digits), 10 ** len(digits)
