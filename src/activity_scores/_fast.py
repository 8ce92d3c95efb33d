"""Optional compiled fast paths for the cheapest score functions (issue 8).

A score such as CDAI is four additions; in Python, calling a function with four keywords and
checking four numbers already costs three times that (``docs/performance.md``). The C module
``activity_scores._speedups`` takes the common case of some score functions (plain ints and
floats in range, the default options) and computes what the Python fast path computes, with
the same float operations in the same order, returning the same lazily built
:class:`~activity_scores.results.Score`. Every other call (an error, a ``Score`` as input,
a string level, an option) goes to the Python function unchanged: the Python code stays the
definition of each score, and every error and message is its own.

The module's :func:`bind` puts the compiled callable in the module's namespace in place of
the Python function. It leaves the function where the compiled module was not built (a
platform without a C compiler: the package installs without it), where the platform computes
floats with excess precision, or where the environment variable
``ACTIVITY_SCORES_PURE_PYTHON`` is set to a non-empty value (read once, at import).
The compiled callable answers ``__doc__``, ``__name__``, ``__module__``, ``__qualname__``,
``inspect.signature`` and ``help`` as the function does, is serialised by reference as a
function is, and holds the Python function as ``__wrapped__`` (:func:`python_function`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

_speedups: ModuleType | None
try:
    if os.environ.get("ACTIVITY_SCORES_PURE_PYTHON"):
        raise ImportError  # noqa: TRY301 - the same outcome as a missing module
    from activity_scores import _speedups as _compiled
except ImportError:  # not built, or not wanted: the Python functions serve every call
    _speedups = None
else:  # not where the platform computes floats with excess precision (x87)
    _speedups = _compiled if _compiled.usable() else None

#: Whether the compiled fast paths are in use in this process.
ENABLED = _speedups is not None


def bind(
    namespace: dict[str, Any],
    name: str,
    kernel: str,
    *,
    names: tuple[str, ...],
    required: int,
    positional: int = 0,
    config: tuple[object, ...],
) -> None:
    """Replace the function ``namespace[name]`` by its compiled fast path ``kernel``, if any.

    Called at the end of a module as ``bind(globals(), "cdai", ...)`` (a call, not an
    assignment, so that the documentation, read from the source, still shows a function).
    ``names`` are the parameters the kernel reads, in its order; the first ``required`` of
    them must be passed, the first ``positional`` may be passed by position. ``config``
    holds the module's constants the kernel uses (see ``_speedups.c`` for each kernel).
    Without the compiled module this does nothing.
    """
    if _speedups is None:
        return
    function = namespace[name]
    namespace[name] = _speedups.accelerate(function, kernel, names, required, positional, config)


def bind_init(cls: type) -> None:
    """Give the attrs class ``cls`` a compiled ``__init__`` storing its fields, if any.

    For a frozen attrs class with a hand-written ``__init__`` that only stores each argument
    in the instance's ``__dict__`` under the field of the same name, its parameters being
    the fields in order with their defaults (``tests/test_fast_paths.py`` checks that they
    are). The compiled ``__init__`` does the same stores for an instance of exactly ``cls``,
    its arguments passed by position or keyword, and hands every other call (a subclass,
    a missing, unknown or repeated argument) to the Python ``__init__``, which stays the
    definition (issue 8: building a result cost as much as the criterion that decided it).
    Without the compiled module this does nothing.
    """
    if _speedups is None:
        return
    fields = attrs.fields(cls)
    names = ("self", *(field.name for field in fields))
    defaults = tuple(None if f.default is attrs.NOTHING else f.default for f in fields)
    required = 1 + sum(field.default is attrs.NOTHING for field in fields)
    function = cls.__dict__["__init__"]
    cls.__init__ = _speedups.accelerate(  # type: ignore[misc]
        function, "field_init", names, required, len(names), (cls, *defaults)
    )


def constructor(cls: type[T]) -> Callable[..., T]:
    """``cls`` itself, or where compiled, a callable building the same instances faster.

    For a class :func:`bind_init` accepts: the callable takes the ``__init__``'s arguments
    and returns what ``cls(...)`` returns, without the type call (issue 8: a report builds
    one result per criterion). A call it does not take (a missing, unknown or repeated
    argument) goes to ``cls`` itself.
    """
    if _speedups is None:
        return cls
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # an attrs class (see bind_init)
    names = tuple(field.name for field in fields)
    defaults = tuple(None if f.default is attrs.NOTHING else f.default for f in fields)
    required = sum(field.default is attrs.NOTHING for field in fields)
    build: Callable[..., T] = _speedups.accelerate(
        cls, "field_new", names, required, len(names), (cls, *defaults)
    )
    return build


def python_function(obj: object) -> object:
    """The Python function behind a compiled fast path; any other object as it is."""
    if _speedups is not None and isinstance(obj, _speedups.accelerated_function):
        return obj.__wrapped__
    return obj


def fields_check(  # noqa: PLR0917 - the closure's environment, in the C function's order
    table: dict[str, tuple[Any, int, Any, Any]],
    build: Callable[..., Any] | None,
    nslots: int,
    slow: object,
    dates: tuple[Callable[[str], object], object, object],
    max_string: int,
    codes: tuple[int, ...],
) -> Callable[[object], object] | None:
    """The compiled twin of a ``rules._spec._fields_check`` closure, or None without it."""
    if _speedups is None:
        return None
    from_iso, first, last = dates
    try:
        check: Callable[[object], object] = _speedups.fields_check(
            table, build, nslots, slow, from_iso, first, last, max_string, codes
        )
    except ValueError:  # more fields than the compiled check holds (128): the closure
        return None
    return check


def lab_check(
    units: dict[str, tuple[float, float]],
    with_uln: bool,  # noqa: FBT001 - positional, as the C function takes it
    build: Callable[..., Any],
    slow: object,
    dates: tuple[Callable[[str], object], object, object],
) -> Callable[[object], object] | None:
    """The compiled twin of a ``rules._spec._lab_check`` closure, or None without it."""
    if _speedups is None:
        return None
    from_iso, first, last = dates
    check: Callable[[object], object] = _speedups.lab_check(
        units, with_uln, build, slow, from_iso, first, last
    )
    return check


def slot_builder(cls: type, names: tuple[str, ...]) -> Callable[..., Any] | None:
    """``cls(*values)`` compiled for a plain slotted record class, or None without it."""
    if _speedups is None:
        return None
    try:
        build: Callable[..., Any] = _speedups.slot_builder(cls, names)
    except ValueError:  # not a plain slotted class (or more than 64 fields): the caller's way
        return None
    return build
