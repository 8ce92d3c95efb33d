from collections.abc import Callable
from typing import Any

def usable() -> bool: ...
def accelerate(
    function: Callable[..., Any],
    kernel: str,
    names: tuple[str, ...],
    required: int,
    positional: int,
    config: tuple[object, ...],
    /,
) -> Callable[..., Any]: ...

class accelerated_function:  # noqa: N801 - the C type's name
    __wrapped__: Callable[..., Any]
    def __call__(self, *args: object, **kwargs: object) -> object: ...

def fields_check(
    table: dict[str, tuple[Any, int, Any, Any]],
    build: Callable[..., Any] | None,
    nslots: int,
    slow: object,
    from_iso: Callable[[str], object],
    first: object,
    last: object,
    max_string: int,
    codes: tuple[int, ...],
    /,
) -> Callable[[object], object]: ...
def slot_builder(cls: type, names: tuple[str, ...], /) -> Callable[..., Any]: ...
