"""Rule: literal text from cells ("`0.5`", "True", "mltable") becomes a typed value.

Runs last: by then the key's types are known, from its type cell or from the
description's prose, and they decide whether ``1`` is an integer, a number or
a string.
"""

from __future__ import annotations

import re

from generator.docs.rules.row import RowContext, RowFacts
from generator.model import Default, DefaultKind, Override, Scalar, ValueType

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}
_NULL = {"null", "none", "~"}
_TEXTUAL = {ValueType.STRING, ValueType.CONST, ValueType.OBJECT, ValueType.ARRAY}


def coerce(text: str, types: list[ValueType] | tuple[ValueType, ...]) -> Scalar:
    """The value ``text`` stands for, given the key's types (empty: guess from the text)."""
    text = text.strip()
    if len(text) > 1 and text[0] in "'\"" and text.endswith(text[0]):
        return text[1:-1]
    lower = text.lower()
    if ValueType.BOOLEAN in types and lower in _TRUE | _FALSE:
        return lower in _TRUE
    if not types and lower in ("true", "false"):
        return lower == "true"
    if ValueType.NULL in types and lower in _NULL:
        return None
    if not (types and set(types) <= _TEXTUAL):
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
    return text


def settle_literals(ctx: RowContext, facts: RowFacts) -> None:
    types = facts.types
    if facts.allowed_text is not None:
        values: list[Scalar] = []
        for text in facts.allowed_text:
            value = coerce(text, types)
            if value not in values:
                values.append(value)
        facts.allowed = tuple(values)
    if facts.default_text is not None:
        facts.default = Default(
            DefaultKind.LITERAL,
            coerce(facts.default_text, types),
            facts.default.text,
            _settled(facts.default.overrides, types),
        )
    elif facts.default.overrides:
        facts.default = Default(
            facts.default.kind,
            facts.default.value,
            facts.default.text,
            _settled(facts.default.overrides, types),
        )


def _settled(overrides: tuple[Override, ...], types: list[ValueType]) -> tuple[Override, ...]:
    return tuple(
        Override(o.condition, coerce(o.value, types) if isinstance(o.value, str) else o.value)
        for o in overrides
    )
