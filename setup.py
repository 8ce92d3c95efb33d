"""The optional C extension; everything else about the package is in pyproject.toml.

``activity_scores._speedups`` (issue 8) is built where a C compiler is available and skipped
where it is not (``optional=True``): the package then runs on its Python code alone, which
computes the same results (``activity_scores/_fast.py``).
"""

from setuptools import Extension, setup

_FLAGS = ["-O2", "-ffp-contract=off"]  # no fused multiply-add: Python's float steps, one by one

setup(
    ext_modules=[
        Extension(
            "activity_scores._speedups",
            ["src/activity_scores/_speedups.c"],
            extra_compile_args=_FLAGS,
            optional=True,
        )
    ]
)
