"""Rule: facts stated in prose ("Must be a float in the range [0, 1].", "Must be 0 or 1.").

The hyperparameter tables have no Type or Allowed-values column; their
description (or the NLP pages' Syntax column) says it in words.  Prose only
fills what the explicit cells left open; it never overrides them.
"""

from __future__ import annotations

import re

from generator.docs.rules.ranges import find_interval, sign_range
from generator.docs.rules.row import ALLOWED, CONSTRAINT, DESCRIPTION, RowContext, RowFacts
from generator.docs.rules.value_type import VOCABULARY
from generator.model import ValueType

_MUST = re.compile(r"\bmust\s+(?:be|choose from)\b(?P<rest>[^.\n]*(?:\.\d[^.\n]*)*)", re.I)
_TYPE_WORD = re.compile(
    r"^\s*(?:an?\s+)?(?:positive\s+|non-?negative\s+)?(?P<word>integer|float|number|string|boolean|bool)\b",
    re.I,
)
_SIGN_ONLY = re.compile(r"^\s*(?:positive|non-?negative)\s*$", re.I)
_LIST_ITEM = re.compile(r"^`[^`]+`$|^[+-]?\d+(\.\d+)?$")
_LIST_SPLIT = re.compile(r",\s*(?:or\s+)?|\s+or\s+")


def prose_facts(ctx: RowContext, facts: RowFacts) -> None:
    allowed_cell = ctx.cell(ALLOWED)
    explicit_allowed = allowed_cell is not None and bool(allowed_cell.text)
    texts = [c.text for c in (ctx.cell(CONSTRAINT), ctx.cell(DESCRIPTION)) if c is not None]
    for text in texts:
        for match in _MUST.finditer(text):
            _read_requirement(match.group("rest"), facts, explicit_allowed)


def _read_requirement(rest: str, facts: RowFacts, explicit_allowed: bool) -> None:
    if _SIGN_ONLY.match(rest):
        if facts.range is None:
            facts.range = sign_range(rest + " value", ValueType.INTEGER in facts.types)
        return
    word = _TYPE_WORD.match(rest)
    if word:
        found = VOCABULARY[word.group("word").lower()]
        if not facts.types:
            facts.types = [found]
        if facts.range is None:
            facts.range = find_interval(rest) or sign_range(rest, found is ValueType.INTEGER)
        return
    values = _listed_values(rest)
    if values is None or explicit_allowed:
        return
    facts.allowed_text = (facts.allowed_text or []) + [
        v for v in values if v not in (facts.allowed_text or [])
    ]
    if not facts.types:
        numeric = all(re.match(r"^[+-]?\d+$", v) for v in values)
        facts.types = [ValueType.INTEGER if numeric else ValueType.STRING]


def _listed_values(rest: str) -> list[str] | None:
    """``either `a`, `b`, or `c` `` / ``0 or 1`` / ``one of `x`, ...`` -> the values."""
    rest = re.sub(r"^\s*(?:either|one of|any of)\s+", "", rest.strip(), flags=re.I)
    if rest.startswith("`") and rest.count("`") == 2 and "," in rest:
        rest = ", ".join(f"`{v.strip()}`" for v in rest.strip("` ").split(","))
    items = [item.strip() for item in _LIST_SPLIT.split(rest) if item.strip()]
    if not items or not all(_LIST_ITEM.match(item) for item in items):
        return None
    return [item.strip("`") for item in items]
