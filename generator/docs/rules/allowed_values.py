"""Rule: the allowed-values cell: an enumeration ("`a`, `b`", "0, 1", "True, False") or a range.

Ranges come in several spellings ("A value in the range [0, 1]", "(0.0, 1.0)",
"> 0"); an enumeration is either code spans or short bare words.  A cell that is
neither is reported, not guessed.
"""

from __future__ import annotations

import re

from generator.docs.cells import Cell
from generator.docs.rules.ranges import find_interval, parse_comparison
from generator.docs.rules.row import ALLOWED, RowContext, RowFacts

_SPLIT = re.compile(r",|\n|\bor\b|;")
_BARE_VALUE = re.compile(r"^[\w.+\-/:$*]+$")


def enumeration(cell: Cell) -> list[str] | None:
    """Values listed in the cell, or None when the cell is not a plain list."""
    if cell.code:
        values: list[str] = []
        for span in cell.code:
            parts = [p.strip() for p in span.split(",")] if "," in span else [span.strip()]
            values.extend(p for p in parts if p)
        return values
    words = [w.strip().strip("-").strip() for w in _SPLIT.split(cell.text)]
    words = [w for w in words if w]
    if words and all(_BARE_VALUE.match(w) for w in words):
        return words
    return None


def allowed_values(ctx: RowContext, facts: RowFacts) -> None:
    cell = ctx.cell(ALLOWED)
    if cell is None or not cell.text:
        return
    interval = find_interval(cell.text) or parse_comparison(cell.text)
    if interval is not None:
        facts.range = interval
        return
    values = enumeration(cell)
    if values is None:
        ctx.report("allowed-unreadable", f"allowed values not understood: {cell.text!r}")
        return
    facts.allowed_text = values
