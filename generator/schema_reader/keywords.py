"""What one schema node says about its own value, read through small named rules.

Two kinds of function live here:

* *normalisation rules* rewrite the quirks of the schemas Azure published into
  plain JSON Schema (:func:`normalise` applies them all, on a copy);
* *facet readers* read one fact of a normalised node (its types, allowed
  values, range, default, ...), each in both the draft-04 and draft-06+ forms.

Keywords with no bearing on the key model (``arm_type``, ``enumNames``,
``title``, ``format`` other than the integer quirk, ``pattern``) are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator.model import Default, DefaultKind, Range, Scalar, ValueType

Json = Any
Schema = dict[str, Json]

# The JSON Schema type names; "const" is the docs' word, never a schema's.
TYPE_NAMES: dict[str, ValueType] = {t.value: t for t in ValueType if t is not ValueType.CONST}
TYPE_ORDER: tuple[ValueType, ...] = tuple(TYPE_NAMES.values())

# Keywords that only annotate: a map value or list item carrying no other is unconstrained.
ANNOTATIONS = frozenset({"title", "description", "$comment", "examples"})

DEFAULT_DISCRIMINATOR = "type"


def lowercase_readonly(schema: Schema) -> Schema:
    """Azure 2021 writes ``readonly``; JSON Schema says ``readOnly``."""
    if "readonly" in schema and "readOnly" not in schema:
        schema = {**schema, "readOnly": schema["readonly"]}
    return schema


def number_format_integer(schema: Schema) -> Schema:
    """Azure 2021 writes integers as ``"type": "number", "format": "integer"``."""
    if schema.get("format") == "integer" and schema.get("type") == "number":
        schema = {**schema, "type": "integer"}
    return schema


NORMALISATION_RULES: tuple[Callable[[Schema], Schema], ...] = (
    lowercase_readonly,
    number_format_integer,
)


def normalise(schema: Schema) -> Schema:
    """``schema`` with every normalisation rule applied (the input is never changed)."""
    for rule in NORMALISATION_RULES:
        schema = rule(schema)
    return schema


def types_of(schema: Schema) -> tuple[frozenset[ValueType], list[str]]:
    """The declared types (``type`` as a string or a list), and any names not understood."""
    declared = schema.get("type")
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list):
        return frozenset(), [] if declared is None else [json.dumps(declared)]
    known = frozenset(TYPE_NAMES[n] for n in names if isinstance(n, str) and n in TYPE_NAMES)
    unknown = [str(n) for n in names if not (isinstance(n, str) and n in TYPE_NAMES)]
    return known, unknown


def infer_container_type(schema: Schema, types: frozenset[ValueType]) -> frozenset[ValueType]:
    """An untyped node with properties is an object; one with items is an array."""
    if types:
        return types
    if any(k in schema for k in ("properties", "additionalProperties", "patternProperties")):
        return frozenset({ValueType.OBJECT})
    if "items" in schema:
        return frozenset({ValueType.ARRAY})
    return types


def infer_value_type(
    allowed: tuple[Scalar, ...] | None, types: frozenset[ValueType]
) -> frozenset[ValueType]:
    """An untyped ``const`` or ``enum`` (as exporters write them) has its values' types."""
    if types or not allowed:
        return types
    return frozenset(_VALUE_TYPES[type(value)] for value in allowed)


_VALUE_TYPES: dict[type, ValueType] = {
    str: ValueType.STRING,
    bool: ValueType.BOOLEAN,
    int: ValueType.INTEGER,
    float: ValueType.NUMBER,
    type(None): ValueType.NULL,
}


def is_scalar(value: Json) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def allowed_of(schema: Schema) -> tuple[Scalar, ...] | None:
    """``enum`` (its scalar members) or ``const`` as a one-value enumeration."""
    if "const" in schema and is_scalar(schema["const"]):
        return (schema["const"],)
    members = schema.get("enum")
    if not isinstance(members, list):
        return None
    return tuple(m for m in members if is_scalar(m))


def range_of(schema: Schema) -> Range | None:
    """``minimum``/``maximum`` with draft-04 boolean or draft-06+ numeric exclusive bounds."""
    low, low_open = _bound(schema, "minimum", "exclusiveMinimum", max)
    high, high_open = _bound(schema, "maximum", "exclusiveMaximum", min)
    if low is None and high is None:
        return None
    return Range(low, high, low_open, high_open)


def _number(value: Json) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _bound(
    schema: Schema, inclusive_key: str, exclusive_key: str, tighter: Callable[[float, float], float]
) -> tuple[float | None, bool]:
    """One side of a range: the bound and whether it is exclusive."""
    inclusive = _number(schema.get(inclusive_key))
    exclusive = schema.get(exclusive_key)
    if exclusive is True:  # draft-04: the flag makes ``minimum``/``maximum`` exclusive
        return inclusive, inclusive is not None
    numeric = _number(exclusive)  # draft-06+: the bound itself
    if numeric is None:
        return inclusive, False
    if inclusive is None or tighter(inclusive, numeric) == numeric:
        return numeric, True
    return inclusive, False


def default_of(schema: Schema) -> Default:
    """``default``: a literal for scalars; objects and arrays are kept as JSON text."""
    if "default" not in schema:
        return Default()
    value = schema["default"]
    if is_scalar(value):
        return Default(DefaultKind.LITERAL, value=value)
    return Default(DefaultKind.SYMBOLIC, text=json.dumps(value, sort_keys=True))


def read_only_of(schema: Schema) -> bool:
    return schema.get("readOnly") is True


def description_of(schema: Schema) -> str:
    text = schema.get("description")
    return text.strip() if isinstance(text, str) else ""


def required_of(schema: Schema) -> frozenset[str]:
    names = schema.get("required")
    if not isinstance(names, list):
        return frozenset()
    return frozenset(n for n in names if isinstance(n, str))


def discriminator_of(schema: Schema) -> str:
    """The property naming a union's shape: an OpenAPI-style hint, else ``type``.

    Accepts ``discriminator`` or ``x-discriminator`` as a property name or as an
    object with ``propertyName``.
    """
    for keyword in ("discriminator", "x-discriminator"):
        hint = schema.get(keyword)
        if isinstance(hint, dict):
            hint = hint.get("propertyName")
        if isinstance(hint, str) and hint:
            return hint
    return DEFAULT_DISCRIMINATOR


def is_unconstrained(schema: Json) -> bool:
    """``true``, ``{}`` or annotations only: a map value or list item that says nothing."""
    if schema is True:
        return True
    return isinstance(schema, dict) and set(schema) <= ANNOTATIONS


UNSUPPORTED = ("not", "if", "dependencies", "dependentSchemas", "dependentRequired")


def unsupported_of(schema: Schema) -> list[str]:
    """Keywords present that constrain keys in ways the key model cannot hold."""
    return [keyword for keyword in UNSUPPORTED if keyword in schema]
