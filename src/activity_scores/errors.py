"""The project's errors: every bad input raises :class:`InvalidInputError`.

One place builds the messages, so that every message names the field, the rule that
was broken and the value that broke it, in the same words::

    'esr_mm_per_h' must be >= 1 and <= 200 mm/h (got 0)
"""

from __future__ import annotations

__all__ = ["InvalidInputError", "InvalidInputTypeError"]


class InvalidInputError(ValueError):
    """An input that the library refuses to compute from.

    Raised for out-of-range, negative, NaN or infinite numbers, unknown mapping keys,
    levels an instrument does not allow, missing required entries and inconsistent
    combinations of arguments. It is a :class:`ValueError`, so code that already catches
    ``ValueError`` keeps working.

    Attributes
    ----------
    field
        The name of the offending parameter, mapping key or record path
        (for example ``"esr_mm_per_h"`` or ``"domains['renal']"``).
    value
        The value that was refused (``None`` where no single value is to blame).
    rule
        The rule that was broken, in words (for example ``"must be > 0 mm/h"``).

    Examples
    --------
    >>> from activity_scores import das28_esr
    >>> das28_esr(tender_joints_28=3, swollen_joints_28=2, esr_mm_per_h=0)
    Traceback (most recent call last):
    ...
    activity_scores.errors.InvalidInputError: 'esr_mm_per_h' must be >= 1 and <= 200 mm/h (got 0)
    """

    field: str
    value: object
    rule: str

    def __init__(self, field: str, rule: str, value: object = None) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field!r} {rule} (got {_show(value)})")

    def __reduce__(self) -> tuple[type[InvalidInputError], tuple[str, str, object]]:
        """Pickle with the structured attributes (multiprocessing re-raises keep them)."""
        return (type(self), (self.field, self.rule, self.value))


class InvalidInputTypeError(InvalidInputError, TypeError):
    """An input of the wrong type (a bool, string or ``None`` where a number is meant, ...).

    It is both an :class:`InvalidInputError` (catch that to handle every bad input) and a
    :class:`TypeError`.
    """


_LONGEST = 80


def _show(value: object) -> str:
    """Render a refused value for a message, short and unambiguous.

    Never raises: an int too long for ``repr`` (Python refuses more than 4300 digits) or an
    object whose ``repr`` fails is shown by its type, so that the error that reports a bad
    input is always the :class:`InvalidInputError` itself.
    """
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any failure of a foreign repr
        if isinstance(value, int):
            return f"an integer of {value.bit_length()} bits"
        return f"<unprintable {type(value).__name__}>"
    if len(text) > _LONGEST:
        text = text[: _LONGEST - 3] + "..."
    return f"{text} of type {type(value).__name__}" if isinstance(value, bool) else text
