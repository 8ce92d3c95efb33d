"""Run the examples in the Markdown docs and README as tests (Sybil).

Python code blocks in ``docs/*.md`` and ``README.md`` are executed in order, page by page;
blocks written as ``>>>`` sessions are checked as doctests. Docstring examples in
``src/`` run through pytest's ``--doctest-modules``.
"""

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()
