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
