"""The package version (single source, read by setuptools and by ``activity_scores.__version__``)."""

__version__ = "0.1.0"
