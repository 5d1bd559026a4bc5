"""Name the definitions the converter collected, uniquely and stably.

A definition is named after its SDK schema class.  When distinct definitions
would share a name, the name is qualified, only as far as needed:

1. by where it is used, when the class appears both as declared and inside a
   pipeline (``MLTableInputSchema_PipelineNode``);
2. then by what it holds, from the properties that differ between the
   same-named definitions: nine choice classes the SDK builds with one
   function are all named ``CustomChoiceSchema`` and differ only in the type of
   their ``values`` (``CustomChoiceSchema_Integer``,
   ``CustomChoiceSchema_NoneSgdAdamAdamw``).

Identical definitions under one name are merged.  Names use only letters,
digits and ``_`` so they are valid in JSON pointers and as class names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from generator.schema_export.convert import (
    DefinitionKey,
    JsonObject,
    Variant,
    placeholder_index,
)
from generator.schema_export.sdk import UnsupportedSdkConstruct

_DATA_BINDING_NAME = "DataBindingStr"

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def assign_names(
    keys: Sequence[DefinitionKey], definitions: dict[DefinitionKey, JsonObject]
) -> dict[DefinitionKey, str]:
    """A unique name for every key; keys with identical bodies may share one."""
    names: dict[DefinitionKey, str] = {}
    for base, group in _grouped(keys, lambda key: key.sdk_class.__name__).items():
        names.update(_names_for_class(base, group, keys, definitions))
    _check_unique(names, definitions)
    return names


def _names_for_class(
    base: str,
    group: list[DefinitionKey],
    keys: Sequence[DefinitionKey],
    definitions: dict[DefinitionKey, JsonObject],
) -> dict[DefinitionKey, str]:
    """Names for the definitions of one class name."""
    if len(_distinct_bodies(group, definitions)) == 1:
        return dict.fromkeys(group, base)
    by_variant = _grouped(group, lambda key: key.variant)
    names: dict[DefinitionKey, str] = {}
    for variant, members in by_variant.items():
        suffix = (
            f"_{variant.value}" if len(by_variant) > 1 and variant is not Variant.DECLARED else ""
        )
        for key, descriptor in _descriptors(members, keys, definitions).items():
            names[key] = f"{base}{descriptor}{suffix}"
    return names


def _descriptors(
    members: list[DefinitionKey],
    keys: Sequence[DefinitionKey],
    definitions: dict[DefinitionKey, JsonObject],
) -> dict[DefinitionKey, str]:
    """``_<what it holds>`` per key when the bodies differ, else ``""``."""
    bodies = _distinct_bodies(members, definitions)
    if len(bodies) == 1:
        return dict.fromkeys(members, "")
    differing = _differing_properties(list(bodies.values()))
    descriptors = {
        text: "_" + "And".join(_token(body["properties"][name], keys) for name in differing)
        for text, body in bodies.items()
    }
    if len(set(descriptors.values())) != len(descriptors):
        raise UnsupportedSdkConstruct(f"cannot tell apart definitions named {descriptors}")
    return {key: descriptors[_canonical(definitions[key])] for key in members}


def _differing_properties(bodies: list[JsonObject]) -> list[str]:
    """Property names whose schemas are not the same in every body, in first-seen order."""
    names: list[str] = []
    for body in bodies:
        names.extend(name for name in body["properties"] if name not in names)
    return [
        name
        for name in names
        if len({_canonical(body["properties"].get(name)) for body in bodies}) > 1
    ]


def _token(schema: JsonObject, keys: Sequence[DefinitionKey]) -> str:
    """A short CamelCase description of what a schema accepts."""
    index = placeholder_index(schema.get("$ref"))
    if index is not None:
        return str(keys[index].sdk_class.__name__)
    if "const" in schema:
        return _camel(schema["const"])
    if "enum" in schema:
        return "".join(_camel(value) for value in schema["enum"])
    if "anyOf" in schema:
        parts = [_token(branch, keys) for branch in schema["anyOf"]]
        return "Or".join(part for part in parts if part != _DATA_BINDING_NAME)
    if "allOf" in schema:
        return _token(schema["allOf"][0], keys)
    json_type = schema.get("type")
    if json_type == "array":
        return _token(schema["items"], keys)
    if isinstance(json_type, list):
        return "Or".join(_camel(name) for name in json_type)
    if isinstance(json_type, str):
        return _camel(json_type)
    raise UnsupportedSdkConstruct(f"cannot describe schema {schema} in a definition name")


def _camel(value: object) -> str:
    """``extra_large`` -> ``ExtraLarge``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", str(value)))


def _check_unique(
    names: dict[DefinitionKey, str], definitions: dict[DefinitionKey, JsonObject]
) -> None:
    """Fail if one name was given to definitions with different bodies."""
    bodies: dict[str, str] = {}
    for key, name in names.items():
        text = _canonical(definitions[key])
        if bodies.setdefault(name, text) != text:
            raise UnsupportedSdkConstruct(f"two different definitions named {name}")
        if not re.fullmatch(r"[A-Za-z][0-9A-Za-z_]*", name):
            raise UnsupportedSdkConstruct(f"definition name {name!r} is not a plain identifier")


def _distinct_bodies(
    members: list[DefinitionKey], definitions: dict[DefinitionKey, JsonObject]
) -> dict[str, JsonObject]:
    """Canonical text -> body, for the distinct bodies among ``members``."""
    return {_canonical(definitions[key]): definitions[key] for key in members}


def _canonical(schema: object) -> str:
    """Order-independent text of a schema, to compare bodies."""
    return json.dumps(schema, sort_keys=True)


def _grouped(items: Sequence[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items grouped by ``key``, groups and members in first-seen order."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups
