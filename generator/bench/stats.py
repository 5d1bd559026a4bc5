"""The arithmetic of the bench: medians, ratios, goals and how numbers are printed.

Nothing here times anything, so it is tested without the SDK and without a clock.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def median(samples: Sequence[float]) -> float:
    """The median of the samples (the mean of the middle two for an even count)."""
    if not samples:
        raise ValueError("no samples")
    return float(statistics.median(samples))


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``; a zero denominator is an error, not infinity."""
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    return numerator / denominator


@dataclass(frozen=True)
class Goal:
    """A bound on a value: ``value <= limit`` (``at_most``) or ``value >= limit``."""

    limit: float
    at_most: bool = True
    unit: str = "x"  # "x" for a ratio, "s" for seconds

    def met(self, value: float) -> bool:
        return value <= self.limit if self.at_most else value >= self.limit

    def __str__(self) -> str:
        sign = "≤" if self.at_most else "≥"
        shown = format_ratio(self.limit) if self.unit == "x" else format_seconds(self.limit)
        return f"{sign} {shown}"


def verdict(goal: Goal | None, value: float | None) -> str:
    """``met`` / ``not met`` / ``-`` (no goal, or nothing measured)."""
    if goal is None or value is None:
        return "-"
    return "met" if goal.met(value) else "**not met**"


def format_seconds(seconds: float) -> str:
    """A duration with a fixed number of significant places: ``3.62 s``, ``412 ms``,
    ``21.4 ms``, ``5.20 ms``, ``0.412 ms``."""
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    if seconds >= 1:
        return f"{seconds:.2f} s"
    millis = seconds * 1000
    if millis >= 100:
        return f"{millis:.0f} ms"
    if millis >= 10:
        return f"{millis:.1f} ms"
    if millis >= 1:
        return f"{millis:.2f} ms"
    return f"{millis:.3f} ms"


def format_ratio(value: float) -> str:
    """``1.32\u00d7``, or three places below 0.1 (``0.034\u00d7``)."""
    return f"{value:.3f}\u00d7" if value < 0.1 else f"{value:.2f}\u00d7"


def format_speedup(value: float) -> str:
    """A ratio below 1 read as "times faster": 0.034 -> ``29\u00d7 faster``."""
    if value <= 0:
        raise ValueError("the ratio must be positive")
    inverse = 1 / value
    return f"{inverse:.0f}\u00d7 faster" if inverse >= 10 else f"{inverse:.1f}\u00d7 faster"
