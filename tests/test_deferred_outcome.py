"""Issue 8, round 6: an outcome whose reason, values and items are built on first read.

``results.deferred_outcome`` holds a criterion's decision (name, met, points, missing) and
builds the rest when any of it is read. These tests compare it with the eager
``Outcome(...)`` of the same fields: every read gives the eager instance, field for field.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from activity_scores import Outcome
from activity_scores._fast import python_function
from activity_scores.results import _DETAILS_STATE, deferred_outcome

_ITEM = Outcome("item", False, "an item", 1, {"b": 2})
_EAGER = Outcome("x", None, "built 7", 2.5, {"a": 7}, ("m",), (_ITEM,))
_CALLS: list[int] = []


def _details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    _CALLS.append(state[1])
    return f"built {state[1]}", {"a": state[1]}, (_ITEM,)


def _lazy(build: Callable[..., Outcome] = deferred_outcome) -> Outcome:
    return build("x", None, 2.5, ("m",), (_details, 7))


@pytest.fixture(params=["compiled", "python"])
def build(request: pytest.FixtureRequest) -> Callable[..., Outcome]:
    """The bound function (compiled where built) and the Python definition."""
    return deferred_outcome if request.param == "compiled" else python_function(deferred_outcome)  # type: ignore[return-value]


def test_holds_the_decision_and_its_state_until_read(build: Callable[..., Outcome]) -> None:
    lazy = _lazy(build)
    assert type(lazy) is Outcome
    assert list(vars(lazy)) == ["name", "met", "points", "missing", _DETAILS_STATE]
    assert (lazy.name, lazy.met, lazy.points, lazy.missing, lazy.status) == (
        "x",
        None,
        2.5,
        ("m",),
        "unknown",
    )
    assert _DETAILS_STATE in vars(lazy)  # the decision's fields do not build the rest


@pytest.mark.parametrize("field", ["reason", "values", "items"])
def test_any_deferred_field_builds_all_three_once(
    build: Callable[..., Outcome], field: str
) -> None:
    lazy = _lazy(build)
    _CALLS.clear()
    assert getattr(lazy, field) == getattr(_EAGER, field)
    assert list(vars(lazy).items()) == list(vars(_EAGER).items())
    assert (lazy.reason, lazy.values, lazy.items) == (_EAGER.reason, _EAGER.values, _EAGER.items)
    assert _CALLS == [7]  # built once


@pytest.mark.parametrize(
    "read",
    [
        lambda o: o.reason,
        lambda o: o.values,
        lambda o: o.items,
        lambda o: o == _EAGER,
        repr,
        lambda o: o.to_dict(),
        lambda o: o.item("item"),
        lambda o: list(o.walk()),
        lambda o: pickle.loads(pickle.dumps(o)),  # noqa: S301 - our own object
        copy.copy,
        copy.deepcopy,
        lambda o: attrs.evolve(o, met=False),
        attrs.asdict,
        attrs.astuple,
    ],
)
def test_every_read_builds_the_eager_outcome(read: Callable[[Outcome], object]) -> None:
    lazy = _lazy()
    result = read(lazy)
    assert list(vars(lazy).items()) == list(vars(_EAGER).items())
    assert lazy == _EAGER
    assert repr(lazy) == repr(_EAGER)
    assert lazy.to_dict() == _EAGER.to_dict()
    if isinstance(result, Outcome) and result.name == "x" and result.met is None:
        assert list(vars(result).items()) == list(vars(_EAGER).items())


def test_class_attributes_and_frozen() -> None:
    for name in ("reason", "values", "items"):
        with pytest.raises(
            AttributeError, match=f"type object 'Outcome' has no attribute '{name}'"
        ):
            getattr(Outcome, name)
    lazy = _lazy()
    for name in ("reason", "values", "items", "met"):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(lazy, name, "y")
    assert _DETAILS_STATE in vars(lazy)
    eager = Outcome("a", None, "r")  # an eager outcome reads its own fields
    assert (eager.reason, eager.values, eager.items) == ("r", {}, ())


def test_an_uninitialised_outcome_still_has_no_fields() -> None:
    bare = object.__new__(Outcome)
    for name in ("reason", "values", "items"):
        with pytest.raises(AttributeError, match=f"'Outcome' object has no attribute '{name}'"):
            getattr(bare, name)


def test_compiled_binding_takes_python_errors_for_other_calls() -> None:
    with pytest.raises(TypeError):
        deferred_outcome("x", None, 2.5, ("m",))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        deferred_outcome("x", None, 2.5, ("m",), (_details, 7), 1)  # type: ignore[call-arg]
    keywords = deferred_outcome(name="x", met=None, points=2.5, missing=("m",), state=(_details, 7))
    assert keywords == _EAGER
