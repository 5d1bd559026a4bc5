"""Numeric ranges as the pages write them: "[0, 1]", "(0.0, 1.0)", "[0, 1)", "> 0", "positive"."""

from __future__ import annotations

import re

from generator.model import Range

_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf(?:inity)?|int\.max"
INTERVAL = re.compile(
    rf"(?P<left>[\[(])\s*(?P<low>{_NUM})\s*,\s*(?P<high>{_NUM})\s*(?P<right>[\])])"
)
_COMPARISON = re.compile(rf"^\s*(?P<op>>=|>|<=|<|≥|≤)\s*(?P<num>{_NUM})\s*$")
POSITIVE = re.compile(r"(?<!non-)(?<!non)\bpositive\s+(integer|number|float|value)", re.I)
NON_NEGATIVE = re.compile(r"\bnon-?negative\s+(integer|number|float|value)", re.I)


def _bound(text: str) -> float | None:
    lowered = text.lower()
    return None if "inf" in lowered or lowered == "int.max" else float(text)


def find_interval(text: str) -> Range | None:
    """The first bracketed interval in ``text``, if any."""
    match = INTERVAL.search(text.replace("`", ""))
    if not match:
        return None
    return Range(
        minimum=_bound(match.group("low")),
        maximum=_bound(match.group("high")),
        exclusive_minimum=match.group("left") == "(",
        exclusive_maximum=match.group("right") == ")",
    )


def parse_comparison(text: str) -> Range | None:
    """A one-sided bound such as ``> 0`` or ``<= 100``."""
    match = _COMPARISON.match(text.replace("`", ""))
    if not match:
        return None
    op, num = match.group("op"), float(match.group("num"))
    if op in (">", ">=", "≥"):
        return Range(minimum=num, exclusive_minimum=op == ">")
    return Range(maximum=num, exclusive_maximum=op == "<")


def sign_range(text: str, integer: bool) -> Range | None:
    """A sign stated in words: "positive" and "non-negative".

    A positive integer is in [1, inf), a positive number in (0, inf), and a
    non-negative one in [0, inf).
    """
    if NON_NEGATIVE.search(text):
        return Range(minimum=0)
    if POSITIVE.search(text):
        return Range(minimum=1) if integer else Range(minimum=0, exclusive_minimum=True)
    return None
