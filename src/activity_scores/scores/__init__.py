"""Scores: numbers from measurements, one module per disease family."""
