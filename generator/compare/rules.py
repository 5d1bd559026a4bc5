"""The drift rules that compare one docs key with its schema partner, one function each.

Each returns a message when the two sides disagree, else None.  What the
docs leave open (no type, a prose default, a conditional "required") is not
drift: a rule only speaks where both sides state a fact.  Where the schema is
silent (the SDK declares almost no defaults or ranges) the docs add facts; that
is not drift either.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from generator.model import DefaultKind, KeySpec, Range, RequiredKind, Scalar, ValueType

FactRule = Callable[[KeySpec, KeySpec], str | None]

_IGNORED_TYPES = {ValueType.NULL, ValueType.CONST}


def _types(spec: KeySpec) -> set[ValueType]:
    return set(spec.types) - _IGNORED_TYPES


def _show_types(types: set[ValueType]) -> str:
    return " or ".join(sorted(t.value for t in types)) or "none"


def type_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    if ValueType.CONST in docs.types:
        return None  # a constant's type is its value's: const-differs speaks for it
    ours, theirs = _types(docs), _types(schema)
    if not ours or not theirs or ours == theirs:
        return None
    return f"docs say {_show_types(ours)}, the schema says {_show_types(theirs)}"


def required_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    if docs.required.kind is RequiredKind.CONDITIONAL:
        return None
    ours = docs.required.kind is RequiredKind.YES
    theirs = schema.required.kind is RequiredKind.YES
    if ours == theirs:
        return None
    return (
        "docs say required, the schema does not"
        if ours
        else ("the schema requires it, the docs do not say required")
    )


def _norm(value: Scalar) -> Scalar:
    return value.lower() if isinstance(value, str) else value


def _values(values: tuple[Scalar, ...]) -> set[Scalar]:
    return {_norm(v) for v in values}


def _show(values: set[Scalar]) -> str:
    return ", ".join(sorted(str(v) for v in values))


def allowed_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    if docs.const is not None or schema.allowed is None or len(schema.allowed) == 1:
        return None  # constants: const-differs
    theirs = _values(schema.allowed)
    if docs.allowed is None:
        return f"the schema allows only {_show(theirs)}; the docs list no allowed values"
    ours = _values(docs.allowed)
    if ours == theirs:
        return None
    parts = []
    if ours - theirs:
        parts.append(f"only in the docs: {_show(ours - theirs)}")
    if theirs - ours:
        parts.append(f"only in the schema: {_show(theirs - ours)}")
    return "; ".join(parts)


def const_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    ours = docs.const
    if ours is None or schema.allowed is None or len(schema.allowed) != 1:
        return None
    theirs = schema.allowed[0]
    if _norm(ours) == _norm(theirs):
        return None
    return f"docs say `{ours}`, the schema says `{theirs}`"


def _same(a: Scalar, b: Scalar) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return _norm(a) == _norm(b)


def default_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    literal = DefaultKind.LITERAL
    if docs.default.kind is not literal or schema.default.kind is not literal:
        return None
    if _same(docs.default.value, schema.default.value):
        return None
    return f"docs say {docs.default.value!r}, the schema says {schema.default.value!r}"


def _closed(bound: Range, integer: bool) -> tuple[float | None, float | None]:
    """Bounds as closed numbers; for integers (0, ...) is [1, ...)."""
    low, high = bound.minimum, bound.maximum
    if integer:
        if low is not None and bound.exclusive_minimum:
            low = math.floor(low) + 1
        if high is not None and bound.exclusive_maximum:
            high = math.ceil(high) - 1
    return low, high


def range_differs(docs: KeySpec, schema: KeySpec) -> str | None:
    if docs.range is None or schema.range is None:
        return None
    integer = ValueType.INTEGER in schema.types and ValueType.NUMBER not in schema.types
    if integer:
        same = _closed(docs.range, True) == _closed(schema.range, True)
    else:
        same = docs.range == schema.range
    if same:
        return None
    return f"docs say {docs.range}, the schema says {schema.range}"


FACT_RULES: tuple[tuple[str, FactRule], ...] = (
    ("type-differs", type_differs),
    ("required-differs", required_differs),
    ("const-differs", const_differs),
    ("allowed-differs", allowed_differs),
    ("default-differs", default_differs),
    ("range-differs", range_differs),
)
